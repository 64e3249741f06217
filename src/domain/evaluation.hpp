#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/dossier.hpp"

// The citizen's evaluation of TTHC settlement (issue #5; REGULATIONS.md §2.10): nine indices,
// each scored 0/1/2 (Circular 01/2018/TT-VPCP Art. 13). Indices 1, 2, 3, 4 and 7 are scored per
// dossier and averaged; 5, 6, 8 and 9 per unit (Arts. 14–15). Pure: the app layer gathers the
// inputs (dossiers, events, ratings, unit facts). The thresholds are versioned data
// (data/rules/evaluation.json). Scores are kept in tenths of a point so that averages are exact.
namespace motcua::domain::evaluation {

// How satisfied the applicant is (mức độ hài lòng).
enum class Satisfaction { kVerySatisfied, kSatisfied, kDissatisfied };
[[nodiscard]] std::string_view SatisfactionName(Satisfaction s);   // very_satisfied, ...
[[nodiscard]] std::string_view SatisfactionLabel(Satisfaction s);  // Rất hài lòng, ...
[[nodiscard]] base::Result<Satisfaction> ParseSatisfaction(std::string_view name);

// How the rating reached the system (ND 61/2018 Art. 29): online by the applicant, a paper form
// or the rating device at the desk, entered by a desk officer.
enum class RatingChannel { kOnline, kPaper, kDevice };
[[nodiscard]] std::string_view RatingChannelName(RatingChannel c);  // online, paper, device
[[nodiscard]] std::string_view RatingChannelLabel(RatingChannel c);
[[nodiscard]] base::Result<RatingChannel> ParseRatingChannel(std::string_view name);

// The applicant's answers (the rating form).
struct RatingAnswers {
    Satisfaction satisfaction = Satisfaction::kSatisfied;
    int contacts = 0;          // times the applicant had to contact someone to complete it
    int bodies_contacted = 0;  // 0: none (online); 1: only the one-stop desk; 2+: more bodies
    bool complaint = false;    // a (valid) complaint about the staff's attitude
    std::string comment;       // NFC, at most kMaxCommentChars characters
    friend bool operator==(const RatingAnswers&, const RatingAnswers&) = default;
};
inline constexpr int kMaxCommentChars = 2000;
inline constexpr int kMaxCount = 99;  // contacts and bodies: 0..kMaxCount
// kInvalidArgument (Vietnamese) for counts outside 0..kMaxCount, a comment that is not valid
// UTF-8 or longer than kMaxCommentChars characters. The comment is normalised to NFC.
[[nodiscard]] base::Result<RatingAnswers> ValidateAnswers(RatingAnswers answers);

// One version of the scoring table (REGULATIONS.md §2.10), in force from `effective_from`.
struct ScoringTable {
    std::string id;
    std::string title;
    std::chrono::sys_days effective_from{};
    int contacts_for_2 = 0;  // at most this many contacts: 2 points
    int contacts_for_1 = 1;  // at most this many: 1 point; more: 0
    int bodies_for_2 = 0;
    int bodies_for_1 = 1;
    int attitude_late_points = 0;  // index 7 for a late dossier without complaint
    int desk_full_percent_for_2 = 20;
    int desk_received_percent_for_1 = 100;
    int pakn_on_time_percent_for_2 = 100;
    int pakn_on_time_percent_for_1 = 90;
    int pakn_none_points = 2;  // index 8 when no PAKN was received in the period
    int online_procedures_percent_for_2 = 20;
    int online_dossiers_percent_for_2 = 30;
    int online_dossiers_percent_for_1 = 15;
    int staff_full_tenths = 50;
    int staff_partial_tenths = 35;
    int unit_excellent_tenths = 150;
    int unit_good_tenths = 120;
    int unit_fair_tenths = 90;
    int unit_average_tenths = 60;
    std::map<std::string, std::string> sources;  // parameter → citation (Vietnamese)
};

// The versions of the scoring table, ordered by effective date. Immutable, thread-safe.
class ScoringBook final {
public:
    // Parses data/rules/evaluation.json: kInvalidArgument naming the version and the parameter
    // for a missing or out-of-range value, a missing source, a duplicate id or date.
    [[nodiscard]] static base::Result<std::shared_ptr<const ScoringBook>> Parse(
        std::string_view json);
    // The table compiled into the binary.
    [[nodiscard]] static std::shared_ptr<const ScoringBook> Embedded();
    // The version in force on `day`; kNotFound before the first.
    [[nodiscard]] base::Result<const ScoringTable*> InForce(std::chrono::sys_days day) const;
    [[nodiscard]] const std::vector<ScoringTable>& All() const { return tables_; }

private:
    std::vector<ScoringTable> tables_;
};

// The embedded JSON text (generated from data/rules/evaluation.json).
[[nodiscard]] std::string_view EmbeddedEvaluationData();

// One agency's own part of a dossier (a process step, a hand-over, a consultation or
// inter-agency answer) judged against its own deadline.
struct StepTiming {
    std::int64_t unit_id = 0;
    Timing timing = Timing::kPending;
};

// What the per-dossier indices need.
struct DossierInput {
    std::int64_t dossier_id = 0;
    std::string code;
    std::int64_t receiving_unit_id = 0;
    std::int64_t settling_unit_id = 0;
    DossierState state = DossierState::kSubmitted;
    Channel channel = Channel::kDirect;
    Timing timing = Timing::kPending;  // of the whole dossier against its legal deadline
    bool late = false;
    int supplement_requests = 0;  // at receipt + after appraisal
    std::vector<StepTiming> steps;
    std::optional<RatingAnswers> rating;
    std::vector<std::int64_t> officers;  // staff who acted on its events (distinct)
};

// The five per-dossier indices, 0/1/2 each.
struct DossierScores {
    int time = 0;              // 1: total time vs the rule
    int steps = 0;             // 2: each agency's own time vs its step deadline
    int contacts = 0;          // 3: contacts needed to complete the dossier
    int bodies = 0;            // 4: bodies contacted
    int attitude = 0;          // 7: attitude (timing and complaints)
    bool steps_known = false;  // false: index 2 fell back to index 1 (no step deadlines known)
    [[nodiscard]] int Total() const { return time + steps + contacts + bodies + attitude; }
    friend bool operator==(const DossierScores&, const DossierScores&) = default;
};

// Only dossiers whose result was returned are scored (state returned: an issued result or a
// refusal after appraisal). Refused at receipt, stopped and withdrawn dossiers were not settled
// and open ones are not finished: nullopt.
//  1: early 2, on time 1, late (or marked late) 0.
//  2: every agency's own parts: the worst of them decides (any late part 0, all early 2,
//     otherwise 1). With no part judged against a deadline (no process steps, hand-overs or
//     tasks recorded), index 2 takes index 1's score and steps_known is false.
//  3: n = the larger of the answered contacts and the supplement requests (without a rating:
//     the supplement requests); n ≤ contacts_for_2 → 2, ≤ contacts_for_1 → 1, else 0.
//  4: the answered number of bodies; without a rating: 0 for an online dossier, 1 (the desk)
//     otherwise; ≤ bodies_for_2 → 2, ≤ bodies_for_1 → 1, else 0.
//  7: a complaint → 0; else early 2, on time 1, late attitude_late_points.
[[nodiscard]] std::optional<DossierScores> ScoreDossier(const DossierInput& input,
                                                        const ScoringTable& table);

// Facts about a unit for a period that the dossiers do not hold. Each is optional: an unknown
// fact scores 0 and is reported as unknown (no evidence, no points).
struct UnitFacts {
    // Index 5: procedures of the unit's list fully handled at the desk / listed; procedures
    // received at the desk / eligible for it.
    std::optional<int> listed_procedures;
    std::optional<int> fully_at_desk_procedures;
    std::optional<int> eligible_procedures;
    std::optional<int> received_at_desk_procedures;
    // Index 6: the procedures are publicly posted at the desk / published electronically.
    std::optional<bool> published_posted;
    std::optional<bool> published_electronic;
    // Index 8: PAKN received and handled on time in the period (0 received: pakn_none_points).
    int pakn_received = 0;
    int pakn_on_time = 0;
    // Index 9: the procedures concerned offered online (level 3/4, partial or full DVCTT).
    int procedures = 0;
    int online_procedures = 0;
};

// How an officer did (TT 01/2018 Art. 14).
enum class StaffBand { kFull, kPartial, kBelow };
[[nodiscard]] std::string_view StaffBandName(StaffBand b);   // full, partial, below
[[nodiscard]] std::string_view StaffBandLabel(StaffBand b);  // Vietnamese
// How a unit did (Art. 15).
enum class UnitBand { kExcellent, kGood, kFair, kAverage, kWeak };
[[nodiscard]] std::string_view UnitBandName(UnitBand b);   // excellent, good, ...
[[nodiscard]] std::string_view UnitBandLabel(UnitBand b);  // Xuất sắc, Tốt, ...

// The average of per-dossier scores of one index, in tenths, rounded half up to one decimal:
// (sum / count) rounded. nullopt for zero dossiers (no score, not 0).
[[nodiscard]] std::optional<int> AverageTenths(std::int64_t sum, std::int64_t count);
// "4,5" (Vietnamese decimal comma) for 45 tenths.
[[nodiscard]] std::string FormatTenths(int tenths);

// Averages of the five per-dossier indices over a set of scored dossiers.
struct DossierAverages {
    int dossiers = 0;                                            // scored dossiers
    std::optional<int> time, steps, contacts, bodies, attitude;  // tenths; nullopt: no dossier
    // Sum of the five averages (max 100 tenths); nullopt with no dossier.
    [[nodiscard]] std::optional<int> TotalTenths() const;
};
[[nodiscard]] DossierAverages Average(const std::vector<DossierScores>& scores);

struct OfficerResult {
    std::int64_t user_id = 0;
    DossierAverages averages;
    int total_tenths = 0;  // sum of the five averages
    StaffBand band = StaffBand::kBelow;
};

struct UnitIndex {
    std::optional<int> points;  // 0/1/2; nullopt: the fact is unknown (scores 0 in the total)
};

struct UnitResult {
    DossierAverages averages;  // indices 1, 2, 3, 4, 7 over the unit's scored dossiers
    UnitIndex desk;            // 5
    UnitIndex publication;     // 6
    UnitIndex pakn;            // 8
    UnitIndex online;          // 9
    // Indices 1–9 summed (max 180 tenths); nullopt with no scored dossier (no score, not 0).
    std::optional<int> total_tenths;
    std::optional<UnitBand> band;
    std::vector<OfficerResult> officers;  // by user id
    int open_or_unscored = 0;             // dossiers given but not scored (still open, ...)
};

// Indices 5, 6, 8, 9 (TT 01/2018 Art. 13, thresholds from `table`):
//  5: fully-at-desk share ≥ desk_full_percent_for_2 → 2; else received-at-desk share ≥
//     desk_received_percent_for_1 → 1; else 0; nullopt if neither share is known.
//  6: posted and electronic → 2, one of them → 1, neither → 0; nullopt unless both are known.
//  8: no PAKN → pakn_none_points; on-time share ≥ ..._for_2 → 2, ≥ ..._for_1 → 1, else 0.
//  9: online procedures ≥ online_procedures_percent_for_2 and online dossiers ≥
//     online_dossiers_percent_for_2 and no late online dossier → 2; else online dossiers ≥
//     online_dossiers_percent_for_1 → 1; else 0 (no dossier: 0).
[[nodiscard]] std::optional<int> DeskIndex(const UnitFacts& f, const ScoringTable& t);
[[nodiscard]] std::optional<int> PublicationIndex(const UnitFacts& f);
[[nodiscard]] int PaknIndex(const UnitFacts& f, const ScoringTable& t);
[[nodiscard]] int OnlineIndex(const UnitFacts& f, int dossiers, int online_dossiers,
                              int late_online_dossiers, const ScoringTable& t);

[[nodiscard]] StaffBand StaffBandOf(int total_tenths, const ScoringTable& t);
[[nodiscard]] UnitBand UnitBandOf(int total_tenths, const ScoringTable& t);

// Evaluates a unit over `dossiers` (those it received or settled, finished in the period): the
// per-dossier indices averaged over the scored ones, the unit indices from `facts` and the
// dossiers (index 9 counts every dossier given, scored or not), each officer's averages over
// the scored dossiers he or she acted on, and the bands.
[[nodiscard]] UnitResult EvaluateUnit(const std::vector<DossierInput>& dossiers,
                                      const UnitFacts& facts, const ScoringTable& table);

}  // namespace motcua::domain::evaluation
