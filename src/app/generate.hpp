#pragma once

#include <cstdint>
#include <functional>

#include "app/context.hpp"
#include "base/result.hpp"

// `motcua generate` (issue #6): a synthetic, realistic province-year — organisation, catalogue,
// officers, dossiers with their event logs, payments, ratings and outside facts — for
// benchmarks and demos. Every distribution is documented in docs/generate.md.
namespace motcua::app {

struct GenerateOptions {
    std::int64_t dossiers = 0;  // N ≥ 1
    std::uint64_t seed = 1;     // same seed + N (+ year) on a fresh database ⇒ same data
    int year = 2026;            // the dossiers' year (2025-07-01 … 2199: the two-level model)
    // Allow a database that already holds dossiers (the generated organisation, catalogue and
    // officers are reused by code; dossier codes continue the stored daily counters).
    bool append = false;
    int batch_size = 20'000;  // dossiers per write transaction
    // Called after each committed batch (progress reports; may be empty).
    std::function<void(std::int64_t done, std::int64_t total, double seconds)> on_progress;
};

struct GenerateStats {
    std::int64_t units = 0;       // units of the generated organisation
    std::int64_t procedures = 0;  // procedures of the generated catalogue
    std::int64_t officers = 0;
    std::int64_t dossiers = 0;
    std::int64_t events = 0;
    std::int64_t payments = 0;
    std::int64_t ratings = 0;
    std::int64_t facts = 0;
    std::int64_t citizens = 0;  // citizen accounts created for online applicants
    // Planned actions the state machine refused (the dossier then stays where it was; a handful
    // is expected, e.g. a return after appraisal planned past its 3-day limit).
    std::int64_t refused_actions = 0;
    double seconds = 0;  // wall time of the dossier phase
    // app::RebuildAggregates at the end: cells written and its wall time.
    std::int64_t aggregate_cells = 0;
    double aggregate_seconds = 0;
};

// Migrates `ctx.db`, builds (or, when present, reuses) the generated organisation of one
// province (code "99"), its catalogue and officers, then generates `options.dossiers` dossiers
// over `options.year` by running the real state machine (domain::Open/Apply) and writing state,
// events, payments, ratings and facts in large transactions, and finally rebuilds the indicator
// aggregates (app::RebuildAggregates). Deterministic for (seed, N, year) on
// a fresh database. Errors: kInvalidArgument (N < 1, year out of range, batch size < 1),
// kFailedPrecondition (the database already has dossiers and `append` is false), storage errors.
// Single-threaded; do not run two at once on one database.
[[nodiscard]] base::Result<GenerateStats> Generate(AppContext& ctx, const GenerateOptions& options);

}  // namespace motcua::app
