#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/evaluation.hpp"
#include "store/database.hpp"

// The citizen's ratings of dossiers and the facts about units that the evaluation indices need
// (issue #5; migration 0008_ratings.sql). REGULATIONS.md §2.10.
namespace motcua::store::ratings {

struct Rating {
    std::int64_t dossier_id = 0;
    std::optional<std::int64_t> rated_by_user_id;
    domain::evaluation::RatingChannel channel = domain::evaluation::RatingChannel::kOnline;
    domain::evaluation::RatingAnswers answers;
    std::chrono::sys_seconds rated_at{};
    std::int64_t settling_unit_id = 0;
    std::int64_t receiving_unit_id = 0;
    std::vector<std::int64_t> officer_ids;  // ascending, distinct
};

// Stores `rating` and its officers. kAlreadyExists (Vietnamese) if the dossier is already rated;
// kFailedPrecondition for an unknown dossier, unit or user, or a value outside the columns'
// checks.
[[nodiscard]] base::Status Insert(Transaction& tx, const Rating& rating);

// The rating of a dossier, with its officers; nullopt if not rated.
[[nodiscard]] base::Result<std::optional<Rating>> Get(Transaction& tx, std::int64_t dossier_id);

// The ratings of these dossiers (any order; dossiers without a rating are absent).
[[nodiscard]] base::Result<std::vector<Rating>> ForDossiers(Transaction& tx,
                                                            const std::vector<std::int64_t>& ids);

// Ids of the dossiers returned in [from, to) (finished_at) whose receiving or settling unit is
// one of `unit_ids`, oldest first, at most `limit`.
[[nodiscard]] base::Result<std::vector<std::int64_t>> ReturnedDossiers(
    Transaction& tx, const std::vector<std::int64_t>& unit_ids, std::chrono::sys_seconds from,
    std::chrono::sys_seconds to, int limit);

// Facts about a unit (indices 5, 6, 8), recorded from a date on.
struct UnitFactsRecord {
    std::int64_t unit_id = 0;
    std::chrono::sys_days effective_from{};
    domain::evaluation::UnitFacts facts;  // procedures / online_procedures are not stored
    std::optional<std::int64_t> recorded_by_user_id;
    std::chrono::sys_seconds recorded_at{};
};
// Inserts or replaces the record of (unit, effective_from).
[[nodiscard]] base::Status PutUnitFacts(Transaction& tx, const UnitFactsRecord& record);
// The latest record of the unit in force on `day`; nullopt if none.
[[nodiscard]] base::Result<std::optional<UnitFactsRecord>> UnitFactsOn(Transaction& tx,
                                                                       std::int64_t unit_id,
                                                                       std::chrono::sys_days day);

}  // namespace motcua::store::ratings
