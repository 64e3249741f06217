#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/dossier.hpp"
#include "domain/dossier_machine.hpp"
#include "domain/evaluation.hpp"
#include "domain/unit.hpp"
#include "store/ratings.hpp"

// The citizen's rating of a dossier and the nine evaluation indices (issue #5; REGULATIONS.md
// §2.10). Each use case authorises here (role × organisational scope) and runs in one
// transaction; a rating is audited.
namespace motcua::app {

struct RatingRequest {
    // Empty: online when the caller is the dossier's online applicant, paper otherwise.
    std::optional<domain::evaluation::RatingChannel> channel;
    domain::evaluation::RatingAnswers answers;
};

struct RatingView {
    std::int64_t dossier_id = 0;
    std::string code;
    domain::DossierState state = domain::DossierState::kSubmitted;
    std::optional<store::ratings::Rating> rating;
    // The per-dossier indices (1, 2, 3, 4, 7); nullopt until the result is returned.
    std::optional<domain::evaluation::DossierScores> scores;
    std::string scoring_table;  // id of the scoring-table version used ("" if none)
    bool may_rate = false;      // the caller may rate it now (returned, not yet rated)
    bool is_owner = false;      // the caller is the online applicant
};

// Rates dossier `code`, once, after its result was returned (state returned: an issued result
// or a refusal after appraisal; dossiers refused at receipt, stopped or withdrawn were never
// settled and are not rated). Online: only the dossier's online applicant
// (citizen_user_id). Paper form or rating device: a desk officer (or leader) of the receiving
// unit enters it. The rating is stored against the dossier, its receiving and settling units and
// the officers who acted on its events, and audited (rating.create).
// Errors: kNotFound (no such dossier), kPermissionDenied (may not see it, or may not rate it on
// this channel), kInvalidArgument (answers; Vietnamese), kFailedPrecondition (not returned yet),
// kAlreadyExists (already rated).
[[nodiscard]] base::Result<RatingView> RateDossier(AppContext& ctx, const Actor& actor,
                                                   std::string_view code, RatingRequest request);

// The rating of dossier `code` (if any) and its per-dossier index scores, for those who may see
// the dossier (its online applicant; staff of a unit it passed through or covering it).
[[nodiscard]] base::Result<RatingView> GetRating(AppContext& ctx, const Actor& actor,
                                                 std::string_view code);

struct EvaluationQuery {
    std::string unit_code;
    std::chrono::sys_days from{};  // Vietnam civil dates, inclusive
    std::chrono::sys_days to{};
};

struct OfficerEvaluation {
    domain::evaluation::OfficerResult result;
    std::string name;  // display name
    std::string username;
};

struct Evaluation {
    domain::Unit unit;
    std::chrono::sys_days from{};
    std::chrono::sys_days to{};
    std::string scoring_table;  // the version in force on `to`
    int dossiers = 0;           // returned in the period (received or settled in the subtree)
    int rated = 0;              // of them, rated by the applicant
    int online_dossiers = 0;
    bool facts_recorded = false;  // unit facts (indices 5, 6, 8) found for the unit
    domain::evaluation::UnitResult result;
    std::vector<OfficerEvaluation> officers;  // by total, best first
};

// Longest period an evaluation may span, and most dossiers it reads.
inline constexpr int kMaxEvaluationDays = 366;
inline constexpr int kMaxEvaluationDossiers = 20000;

// Evaluates unit `unit_code` with its subtree over the dossiers returned in [from, to] whose
// receiving or settling unit lies in the subtree: indices 1, 2, 3, 4, 7 averaged, 5, 6, 8 from
// the unit's recorded facts, 9 from the dossiers and their procedures, the unit band, and each
// officer's average and band. For leaders, TTHC-control officers and administrators whose scope
// covers the unit. Errors: kInvalidArgument (dates, period longer than kMaxEvaluationDays, too
// many dossiers), kNotFound (unit), kPermissionDenied.
[[nodiscard]] base::Result<Evaluation> Evaluate(AppContext& ctx, const Actor& actor,
                                                const EvaluationQuery& query);

// Records the facts about unit `unit_code` that the dossiers do not hold (indices 5, 6 and 8)
// from `record.effective_from` on, replacing a record of the same date; audited
// (evaluation_facts.put). For TTHC-control officers and administrators whose scope covers the
// unit. Errors: kInvalidArgument (negative counts, a part larger than its whole; Vietnamese),
// kNotFound (unit), kPermissionDenied.
[[nodiscard]] base::Result<store::ratings::UnitFactsRecord> RecordUnitFacts(
    AppContext& ctx, const Actor& actor, std::string_view unit_code,
    store::ratings::UnitFactsRecord record);

// Builds the per-dossier input of the indices from a dossier, its events and its rating: step
// timings from the events (process steps "step_timing" at the event's unit, hand-overs
// "handover_timing" and task answers "timing" at their giving unit), the officers who acted
// (staff actors, not the applicant, not system actions). Exposed for tests.
[[nodiscard]] domain::evaluation::DossierInput EvaluationInput(
    const domain::Dossier& dossier, const std::vector<domain::DossierEvent>& events,
    const std::optional<store::ratings::Rating>& rating);

}  // namespace motcua::app
