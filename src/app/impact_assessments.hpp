#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/compliance_cost.hpp"
#include "domain/unit.hpp"
#include "store/impact_assessments.hpp"

// Impact assessment of a procedure in a draft legal document (đánh giá tác động; issue #8;
// REGULATIONS.md §5.5; docs/control.md "Impact assessment"): the form (necessity,
// reasonableness, legality), the compliance cost by the Standard Cost Model with its arithmetic,
// and its cycle draft → submitted → reviewed → done. For TTHC-control officers and leaders whose
// scope covers the drafting unit; every change audited.
namespace motcua::app {

// ---- The Standard Cost Model inputs, shared with the review plans ----------------------------

// The SCM inputs as entered and their computed cost. JSON form (request and stored):
//   {"daily_income": 200000 | "hourly_income": 25000,
//    "activities": [{"name": "…", "hours": 8 | "minutes": 480}],
//    "outsourced": 500000, "fees": 100000, "other": 24000,
//    "subjects": 3228, "frequency": 1, "note": "where the figures come from"}
// Money is whole dong (integers); hours may be fractional to the minute (0.5, 1.25); the
// frequency per year to the thousandth (0.5 = once every two years).
struct CostSheet {
    std::optional<std::int64_t> daily_income;  // VND per working day, when entered so
    domain::compliance_cost::Inputs inputs;
    std::string note;
    domain::compliance_cost::Cost cost;
    std::string canonical_json;  // what is stored
};

// Reads and computes a sheet. Errors: kInvalidArgument in Vietnamese naming `field` and the
// member (negative, non-integer money, fractional minutes, unknown member types …).
[[nodiscard]] base::Result<CostSheet> ReadCostSheet(const boost::json::value& v,
                                                    std::string_view field);
// A stored sheet (kInternal if corrupt).
[[nodiscard]] base::Result<CostSheet> StoredCostSheet(std::string_view json,
                                                      std::string_view field);
// The JSON form of a sheet for the API: the inputs, hourly income, time cost, cost per event,
// annual cost and the steps of the arithmetic.
[[nodiscard]] boost::json::object CostSheetJson(const CostSheet& sheet);

// ---- The assessment form -----------------------------------------------------------------------

// A question of the form. The structure follows the impact-assessment forms of Circular
// 03/2022/TT-BTP Annex II (necessity; reasonableness of each constituent part; legality); the
// wording here is ours (docs/control.md).
struct AssessmentQuestion {
    std::string_view key;    // "necessity.goal"
    std::string_view group;  // necessity, reasonableness, legality
    std::string_view text;   // Vietnamese
};
[[nodiscard]] const std::vector<AssessmentQuestion>& AssessmentQuestions();
[[nodiscard]] std::string_view AssessmentGroupLabel(std::string_view group);
[[nodiscard]] std::string_view AssessmentStateLabel(std::string_view state);

struct AssessmentAnswer {
    std::string key;
    std::string group;
    std::string question;
    std::string answer;  // "yes", "no" or "" (not answered)
    std::string note;
};

struct ImpactAssessmentView {
    store::impact_assessments::Assessment record;
    domain::Unit unit;
    std::vector<AssessmentAnswer> answers;  // every question, in the form's order
    std::string conclusion_necessity;
    std::string conclusion_reasonableness;
    std::string conclusion_legality;
    std::string conclusion_overall;
    CostSheet cost;
    std::vector<std::string> actions;  // what the caller may do now: edit, submit, return,
                                       // review, finish
};

// The assessments of the units the caller covers (control officers, leaders); `unit_code`
// narrows to one unit. kPermissionDenied for other roles.
[[nodiscard]] base::Result<std::vector<ImpactAssessmentView>> ListImpactAssessments(
    AppContext& ctx, const Actor& actor, std::string_view unit_code = {});
// Body: unit, draft_name, draft_number, procedure{name, field, subjects, frequency},
// answers{key: {answer: yes|no, note}}, conclusions{necessity, reasonableness, legality,
// overall}, cost{…CostSheet}. 201 in state draft.
[[nodiscard]] base::Result<ImpactAssessmentView> CreateImpactAssessment(AppContext& ctx,
                                                                        const Actor& actor,
                                                                        std::string_view body);
[[nodiscard]] base::Result<ImpactAssessmentView> GetImpactAssessment(AppContext& ctx,
                                                                     const Actor& actor,
                                                                     std::int64_t id);
// Replaces the form's content while in draft (the unit stays). `if_match` or the body's
// "version": kAborted when stale; kFailedPrecondition when not a draft.
[[nodiscard]] base::Result<ImpactAssessmentView> UpdateImpactAssessment(
    AppContext& ctx, const Actor& actor, std::int64_t id, std::string_view body,
    std::optional<std::int64_t> if_match = {});
// Body {action: submit|return|review|finish, version, opinion}: draft → submitted (submit);
// submitted → draft (return, with the opinion); submitted → reviewed (review, the reviewer's
// opinion required); reviewed → done (finish). kFailedPrecondition (409) for a move the state
// does not allow.
[[nodiscard]] base::Result<ImpactAssessmentView> ActOnImpactAssessment(AppContext& ctx,
                                                                       const Actor& actor,
                                                                       std::int64_t id,
                                                                       std::string_view body);

struct ExportFile {
    std::string bytes;
    std::string content_type;
    std::string filename;
};
// The assessment as the report a drafting unit attaches to its dossier (render/
// impact_assessment_report): the draft and procedure, the answers and notes by group, the
// conclusions, the compliance cost step by step, the reviewer's opinion. Format pdf or docx
// (else kInvalidArgument); who may read it as GetImpactAssessment.
[[nodiscard]] base::Result<ExportFile> ExportImpactAssessment(AppContext& ctx, const Actor& actor,
                                                              std::int64_t id,
                                                              std::string_view format);

}  // namespace motcua::app
