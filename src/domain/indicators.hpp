#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/dossier.hpp"
#include "domain/report06.hpp"

// Decision 766/QĐ-TTg indicators (issue #6; REGULATIONS.md §1.3–1.4; docs/indicators.md). Pure.
//
// How it computes. Every dossier contributes a handful of unit counters, each dated by one civil
// day (Vietnam time): its receipt day, its end-of-processing day, or — for "overdue at the end of
// a window" — the day from which it counts as overdue. The counters are summed per settling unit,
// procedure and day in the `aggregates` table, kept up to date in the same transaction as every
// change to the dossier (app/indicators.cpp) by subtracting the dossier's previous contribution
// and adding its new one, both computed by Contribute(). A window's figures are range sums (events
// inside the window) and prefix sums (what is still open at its start or end), so incremental
// maintenance and a full rebuild agree by construction, and the Form 06 cells of any window come
// out of the same counters (CellsFrom) as from the per-dossier classification (report06::Build).
namespace motcua::domain::indicators {

// Counter kinds. The numbers are stored in the database: never renumber, only append.
enum class Metric : std::uint8_t {
    kReceivedOnline = 0,      // R: received complete, channel online
    kReceivedDirect = 1,      // R: in person
    kReceivedPostal = 2,      // R: by post
    kFinishedEarly = 3,       // F: end of processing before the deadline
    kFinishedOnTime = 4,      // F: on time (or finished without a timing: withdrawn, stopped)
    kFinishedLate = 5,        // F: late (missed deadline, or more than one supplement request)
    kOverdueFrom = 6,         // D: counts as overdue from this day while unfinished
    kOverdueClosed = 7,       // max(D, F): no longer an open overdue dossier from this day
    kSynced = 8,              // R: synced to the National Portal (indicator 1.4)
    kFactsUnknown = 9,        // R: no outside facts recorded at all (shown, never read as "no")
    kOnlineWithEResult = 10,  // R: online, and its issued result (if any) is electronic (3.3)
    kFeeBearing = 11,         // R: a fee is due (3.6 denominator)
    kPaidOnline = 12,         // R: the fee was paid online (3.6)
    kReused = 13,             // R: at least one component reused from digitised data (4.3)
    kStoreLinked = 14,  // R: a reused component or the result pushed to the citizen's store (4.4)
    kPopulationData = 15,      // R: population database / VNeID data used (4.5b)
    kDissatisfied = 16,        // R: rated "dissatisfied" or with a complaint (5.4)
    kIssued = 17,              // F: finished with an issued result (4.1, 4.2 denominators)
    kEResult = 18,             // F: … and the result is digitised (4.1)
    kDigitised = 19,           // F: … with a digitised component and a digitised result (4.2)
    kRated = 20,               // R: rated by the applicant
    kComponentDigitised = 21,  // R: at least one component digitised (plan targets)
};
inline constexpr int kMetricCount = 22;
// The version of Contribute(): stored with the aggregates, which are rebuilt when it differs
// (bump it with every change to what a dossier contributes, or to how the aggregates are stored;
// 3: indicator_inputs in place of indicator_contributions — migration 0021).
inline constexpr int kContributionVersion = 3;
[[nodiscard]] std::string_view MetricName(Metric metric);  // received_online, ...

// What the indicators need of one dossier (one row of store::aggregates::Inputs).
struct Inputs {
    std::int64_t dossier_id = 0;
    std::int64_t settling_unit_id = 0;
    std::string procedure_code;
    Channel channel = Channel::kDirect;
    std::optional<std::chrono::sys_seconds> received_at;  // complete receipt; empty: never
    std::optional<std::chrono::sys_seconds> finished_at;  // end of processing
    std::optional<std::chrono::sys_seconds> due_at;       // legal deadline, else the appointment
    Timing timing = Timing::kPending;
    bool late = false;
    bool result_issued = false;  // result_kind "issued"
    bool fee_bearing = false;
    bool paid_online = false;
    bool facts_known = false;  // a dossier_facts row exists
    bool synced = false;
    bool population_data = false;
    bool pushed_to_store = false;
    bool reused = false;
    bool digitised_component = false;
    bool digitised_result = false;
    bool rated = false;
    bool dissatisfied = false;
    friend bool operator==(const Inputs&, const Inputs&) = default;
};

// Days are counted from 1970-01-01 (Vietnam civil days).
using Day = std::int32_t;
[[nodiscard]] Day VietnamDay(std::chrono::sys_seconds instant);
[[nodiscard]] Day ToDay(std::chrono::sys_days day);

struct Item {
    Day day = 0;
    Metric metric = Metric::kReceivedOnline;
    friend bool operator==(const Item&, const Item&) = default;
    friend bool operator<(const Item& a, const Item& b) {
        return a.day != b.day ? a.day < b.day : a.metric < b.metric;
    }
};

// A dossier's counters, sorted. Empty for a dossier never received complete.
struct Contribution {
    std::int64_t unit_id = 0;
    std::string procedure_code;
    std::vector<Item> items;
    friend bool operator==(const Contribution&, const Contribution&) = default;
};
[[nodiscard]] Contribution Contribute(const Inputs& dossier);
// Contribute()'s items alone, into `items` (cleared first; its storage is reused — the rebuild
// calls it for every dossier).
void ContributeItems(const Inputs& dossier, std::vector<Item>& items);

// Text codec of the items ("day:metric;…") for the per-dossier row that remembers them.
[[nodiscard]] std::string EncodeItems(const std::vector<Item>& items);
[[nodiscard]] base::Result<std::vector<Item>> DecodeItems(std::string_view text);

// Sums of the counters for one window [from, to]: `in_window` over its days, `before` over every
// earlier day.
struct Sums {
    std::array<std::int64_t, kMetricCount> in_window{};
    std::array<std::int64_t, kMetricCount> before{};
    [[nodiscard]] std::int64_t In(Metric m) const { return in_window[static_cast<int>(m)]; }
    [[nodiscard]] std::int64_t Before(Metric m) const { return before[static_cast<int>(m)]; }
    [[nodiscard]] std::int64_t UpTo(Metric m) const { return In(m) + Before(m); }
    // Adds `value` of `metric` counted on `day` to the sums of [from, to].
    void Add(Metric metric, Day day, std::int64_t value, Day from, Day to);
    void Add(const Sums& other);
    friend bool operator==(const Sums&, const Sums&) = default;
};

// Form 06 columns 4–13 of the window from the sums.
[[nodiscard]] report06::Cells CellsFrom(const Sums& sums);

// ---- Scoring (weights and thresholds are data: data/rules/indicators-766.json) ----

struct ItemRule {
    std::string id;     // "2.1", "3.6", …
    std::string label;  // Vietnamese
    int max_points = 0;
    std::optional<int> threshold_percent;  // points = max when rate ≥ θ, else rate × max / θ
    std::string source;
};
struct GroupRule {
    std::string id;  // "1".."6"
    std::string label;
    int max_points = 0;
    std::vector<ItemRule> items;
};
struct ScoringRules {
    std::string id;
    std::string title;
    std::chrono::sys_days effective_from{};
    bool online_share_times_sync_ratio = false;  // 3.3 × the 1.4 ratio (portal rule)
    std::vector<GroupRule> groups;
};

class RuleBook final {
public:
    // kInvalidArgument naming the version and field on a malformed file; group maxima must equal
    // the sum of their items and the groups must total 100.
    [[nodiscard]] static base::Result<std::shared_ptr<const RuleBook>> Parse(std::string_view json);
    [[nodiscard]] static std::shared_ptr<const RuleBook> Embedded();
    // The version in force on `day`; kNotFound before the first.
    [[nodiscard]] base::Result<const ScoringRules*> InForce(std::chrono::sys_days day) const;
    [[nodiscard]] const std::vector<ScoringRules>& Versions() const { return versions_; }

private:
    std::vector<ScoringRules> versions_;
};
[[nodiscard]] std::string_view EmbeddedIndicatorData();

// Facts of the catalogue in force for the unit's competence (not dossier-based).
struct CatalogueFacts {
    std::int64_t procedures = 0;           // TTHC within the competence (3.1 denominator)
    std::int64_t online = 0;               // offered as partial or full-process DVCTT (3.1)
    std::int64_t fee_bearing = 0;          // with a fee (3.5 denominators)
    std::int64_t fee_bearing_online = 0;   // … offered online, so payable online (3.5a)
    std::int64_t fee_paid_online_any = 0;  // … with ≥ 1 online payment in the window (3.5b)
};

// A ratio for an indicator that rests on the control side of the system rather than on dossiers.
struct ControlRatio {
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
    std::string note{};  // shown beside the figure (e.g. what was counted), may be empty
};

// Figures for indicators 1.1–1.3 (publication decisions and posting, issue #8) and 5.2–5.3
// (citizens' feedback, issue #9), filled by app/control_facts.hpp for a scope and window. An empty
// optional means that part of the system holds nothing to count: the indicator shows "Chưa có dữ
// liệu" and scores 0. A filled ratio with a zero denominator has no rate either (nothing fell due).
struct ControlFacts {
    std::optional<ControlRatio> published_on_time{};   // 1.1
    std::optional<ControlRatio> database_on_time{};    // 1.2
    std::optional<ControlRatio> posted_complete{};     // 1.3
    std::optional<ControlRatio> feedback_on_time{};    // 5.2
    std::optional<ControlRatio> feedback_satisfied{};  // 5.3
};

struct Value {
    std::string id;
    std::string label;
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
    // Percent rounded half-up to 2 decimals, in hundredths (8534 = 85.34%); empty: no data (a zero
    // denominator, or the data come from a part of the system not built yet — `note` says which).
    std::optional<std::int64_t> rate_hundredths;
    std::int64_t points_hundredths = 0;
    int max_points = 0;
    std::optional<int> threshold_percent;
    std::string note;
};
struct Group {
    std::string id;
    std::string label;
    int max_points = 0;
    std::int64_t points_hundredths = 0;
    std::vector<Value> values;
};
struct Scorecard {
    std::string rules_id;
    std::int64_t points_hundredths = 0;  // of 100 points
    std::vector<Group> groups;
    report06::Cells cells;                           // Form 06 view of the same window
    std::int64_t facts_unknown = 0;                  // received dossiers with no outside facts
    std::optional<std::int64_t> average_days_milli;  // reserved (2.2); empty today
};

// Scores the window. Rates: 2.1 = (early + on time + in progress within time) / (received
// + carried over); 5.4 = 100% − overdue share − dissatisfied share; indicators whose data the
// system does not hold (1.1–1.3 and 5.2–5.3 when `control` leaves them empty, electronic certified
// copies, 4.5a) have no rate and score 0, with a note.
[[nodiscard]] Scorecard Score(const ScoringRules& rules, const Sums& sums,
                              const CatalogueFacts& catalogue, const ControlFacts& control = {});

// Points for a rate under an item's rule, in hundredths of a point.
[[nodiscard]] std::int64_t Points(std::int64_t rate_hundredths, const ItemRule& rule);
// numerator / denominator in hundredths of a percent, rounded half-up; empty when denominator ≤ 0.
[[nodiscard]] std::optional<std::int64_t> Rate(std::int64_t numerator, std::int64_t denominator);

}  // namespace motcua::domain::indicators
