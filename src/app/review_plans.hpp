#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "app/impact_assessments.hpp"
#include "base/result.hpp"
#include "domain/compliance_cost.hpp"
#include "domain/unit.hpp"
#include "store/review_plans.hpp"

// Review and simplification plans (rà soát, đơn giản hóa TTHC; issue #8; S1 §II.3, S0 §V;
// docs/control.md "Review and simplification plans"): a unit's plan for a year selects
// procedures of the catalogue, records per procedure the proposed changes and the compliance
// cost before and after (the same Standard Cost Model inputs twice), computes the saving, and is
// tracked proposed → approved → implemented. For TTHC-control officers and leaders whose scope
// covers the unit; every change audited; exported as DOCX and XLSX ("phương án đơn giản hóa").
namespace motcua::app {

struct ReviewChanges {
    std::int64_t documents_cut = 0;  // documents removed from the dossier
    std::int64_t days_cut = 0;       // working days cut from the processing time
    std::int64_t fee_change = 0;     // VND per event (negative: a cut)
    std::string online_level;        // "", partial, full: the online level proposed
    std::string text;                // the simplification in words
};

struct ReviewItemView {
    store::review_plans::Item item;
    ReviewChanges changes;
    CostSheet before;
    CostSheet after;
    domain::compliance_cost::Saving saving;
    std::string content;  // the "nội dung đơn giản hóa" cell: the changes in words
};

struct ReviewTotals {
    std::int64_t per_event_before = 0;
    std::int64_t per_event_after = 0;
    std::int64_t annual_before = 0;
    std::int64_t annual_after = 0;
    std::int64_t annual_saving = 0;
    std::int64_t hundredths = 0;  // saving % of the annual total before × 100
    std::string percent_text;     // "77,44%"
};

// A stored publication decision (app/publication_decisions; read here only) that implements, or
// may implement, a plan.
struct PublicationChoice {
    std::int64_t id = 0;
    std::string number;
    std::string title;
    std::string state;  // signed, applied
    std::optional<std::chrono::sys_days> signed_on;
    std::string unit_name;  // the issuing unit
};

struct ReviewPlanView {
    store::review_plans::Plan plan;
    domain::Unit unit;
    std::vector<ReviewItemView> items;
    ReviewTotals totals;
    std::vector<std::string> actions;  // edit, approve, implement
    // The stored publication decision the plan was implemented by, when one was chosen.
    std::optional<PublicationChoice> publication;
    // While "implement" is allowed: the signed or applied decisions the plan may be linked to —
    // those issued by the plan's unit, its ancestors or its subtree (newest signature first).
    std::vector<PublicationChoice> publication_choices;
};

[[nodiscard]] std::string_view ReviewPlanStateLabel(std::string_view state);

// The plans of the units the caller covers; `year` narrows.
[[nodiscard]] base::Result<std::vector<ReviewPlanView>> ListReviewPlans(
    AppContext& ctx, const Actor& actor, std::optional<int> year = {});
// Body: unit, year, title, decision_number, items[{procedure_code, changes{documents_cut,
// days_cut, fee_change, online_level, text}, reason, cost_before{…}, cost_after{…}}]. Unknown
// procedure codes are a 400 naming the item; a code twice is a 400.
[[nodiscard]] base::Result<ReviewPlanView> CreateReviewPlan(AppContext& ctx, const Actor& actor,
                                                            std::string_view body);
[[nodiscard]] base::Result<ReviewPlanView> GetReviewPlan(AppContext& ctx, const Actor& actor,
                                                         std::int64_t id);
// Replaces title, decision number and items while proposed (version / If-Match: 409 stale).
[[nodiscard]] base::Result<ReviewPlanView> UpdateReviewPlan(
    AppContext& ctx, const Actor& actor, std::int64_t id, std::string_view body,
    std::optional<std::int64_t> if_match = {});
// Body {action: approve|implement, version, approved_by, decision, on, publication_decision,
// publication_decision_id}: proposed → approved (approved_by, decision, on required); approved →
// implemented (on required; optionally the decision implementing it: `publication_decision_id`,
// one of `publication_choices` — its number is stored with it; a decision issued outside the
// plan's unit line is a 400, an unknown id a 404, a draft decision a 409 — or, for a decision
// made outside the system, its number as free text `publication_decision`). 409 for a move the
// state does not allow.
[[nodiscard]] base::Result<ReviewPlanView> ActOnReviewPlan(AppContext& ctx, const Actor& actor,
                                                           std::int64_t id, std::string_view body);

// The "phương án đơn giản hóa" table; format docx or xlsx (else 400).
[[nodiscard]] base::Result<ExportFile> ExportReviewPlan(AppContext& ctx, const Actor& actor,
                                                        std::int64_t id, std::string_view format);

}  // namespace motcua::app

namespace motcua::app {

// Demo data (issue #8, engineer G): one review and simplification plan of Thành phố Huế for the
// current year with two procedures (1.000894 "Đăng ký kết hôn" carrying the public worked example
// 1,024,000 → 231,000 VND, and 1.000689) and one impact assessment in draft, made through the
// use cases as the demo control officer. Only when no review plan exists; returns how many
// records were made. Called by SeedDemoDossiers.
[[nodiscard]] base::Result<int> SeedDemoReviewPlans(AppContext& ctx);

}  // namespace motcua::app
