// /api/v1/impact-assessments and /api/v1/review-plans (issue #8, engineer G; docs/control.md
// "Impact assessment", "Review and simplification plans"): the impact-assessment form of a draft
// procedure with its compliance cost (Standard Cost Model, the arithmetic returned step by
// step), and review and simplification plans with the cost before and after, the saving, their
// approval and implementation and their DOCX/XLSX export. Thin handlers over
// app/impact_assessments.hpp and app/review_plans.hpp.
#include <charconv>

#include <boost/json.hpp>

#include "api/route_util.hpp"
#include "app/impact_assessments.hpp"
#include "app/review_plans.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"

namespace motcua::api {

void RegisterControlRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);

namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

json::value Day(const std::optional<std::chrono::sys_days>& d) {
    return d ? json::value(calendar::FormatIsoDate(*d)) : json::value(nullptr);
}

json::object UnitJson(const domain::Unit& u) {
    return json::object{{"code", u.code}, {"name", u.name}};
}

json::array Strings(const std::vector<std::string>& v) {
    json::array out;
    for (const std::string& s : v) {
        out.emplace_back(s);
    }
    return out;
}

json::object AssessmentJson(const app::ImpactAssessmentView& v) {
    const auto& a = v.record;
    json::array answers;
    for (const app::AssessmentAnswer& q : v.answers) {
        answers.push_back(json::object{{"key", q.key},
                                       {"group", q.group},
                                       {"group_label", app::AssessmentGroupLabel(q.group)},
                                       {"question", q.question},
                                       {"answer", q.answer},
                                       {"note", q.note}});
    }
    return json::object{
        {"id", a.id},
        {"unit", UnitJson(v.unit)},
        {"draft_name", a.draft_name},
        {"draft_number", a.draft_number},
        {"procedure", json::object{{"name", a.procedure_name},
                                   {"field", a.procedure_field},
                                   {"subjects", a.subjects},
                                   {"frequency", a.frequency}}},
        {"answers", std::move(answers)},
        {"conclusions", json::object{{"necessity", v.conclusion_necessity},
                                     {"reasonableness", v.conclusion_reasonableness},
                                     {"legality", v.conclusion_legality},
                                     {"overall", v.conclusion_overall}}},
        {"cost", app::CostSheetJson(v.cost)},
        {"state", a.state},
        {"state_label", app::AssessmentStateLabel(a.state)},
        {"reviewer_opinion", a.reviewer_opinion},
        {"reviewed_at", a.reviewed_at ? json::value(calendar::FormatInstant(*a.reviewed_at))
                                      : json::value(nullptr)},
        {"version", a.version},
        {"created_at", calendar::FormatInstant(a.created_at)},
        {"updated_at", calendar::FormatInstant(a.updated_at)},
        {"actions", Strings(v.actions)}};
}

json::object SavingJson(const domain::compliance_cost::Saving& s) {
    return json::object{{"per_event", s.per_event},
                        {"annual", s.annual},
                        {"hundredths", s.hundredths},
                        {"percent", s.text}};
}

json::object ChoiceJson(const app::PublicationChoice& c) {
    return json::object{{"id", c.id},
                        {"number", c.number},
                        {"title", c.title},
                        {"state", c.state},
                        {"signed_on", Day(c.signed_on)},
                        {"issuing_unit", c.unit_name},
                        {"href", "/cong-bo-tthc/" + std::to_string(c.id)}};
}

json::object PlanJson(const app::ReviewPlanView& v) {
    const auto& p = v.plan;
    json::array choices;
    for (const app::PublicationChoice& c : v.publication_choices) {
        choices.push_back(ChoiceJson(c));
    }
    json::array items;
    for (const app::ReviewItemView& i : v.items) {
        std::error_code ec;
        items.push_back(json::object{{"procedure_code", i.item.procedure_code},
                                     {"procedure_name", i.item.procedure_name},
                                     {"changes", json::parse(i.item.changes_json, ec)},
                                     {"content", i.content},
                                     {"reason", i.item.reason},
                                     {"cost_before", app::CostSheetJson(i.before)},
                                     {"cost_after", app::CostSheetJson(i.after)},
                                     {"saving", SavingJson(i.saving)}});
    }
    return json::object{
        {"id", p.id},
        {"unit", UnitJson(v.unit)},
        {"year", p.year},
        {"title", p.title},
        {"decision_number", p.decision_number},
        {"state", p.state},
        {"state_label", app::ReviewPlanStateLabel(p.state)},
        {"approved_by", p.approved_by},
        {"approval_decision", p.approval_decision},
        {"approved_on", Day(p.approved_on)},
        {"implemented_on", Day(p.implemented_on)},
        {"publication_decision", p.publication_decision},
        {"publication_decision_id", p.publication_decision_id
                                        ? json::value(*p.publication_decision_id)
                                        : json::value(nullptr)},
        {"publication_decision_ref",
         v.publication ? json::value(ChoiceJson(*v.publication)) : json::value(nullptr)},
        {"publication_choices", choices},
        {"items", std::move(items)},
        {"totals", json::object{{"per_event_before", v.totals.per_event_before},
                                {"per_event_after", v.totals.per_event_after},
                                {"annual_before", v.totals.annual_before},
                                {"annual_after", v.totals.annual_after},
                                {"annual_saving", v.totals.annual_saving},
                                {"hundredths", v.totals.hundredths},
                                {"percent", v.totals.percent_text}}},
        {"version", p.version},
        {"actions", Strings(v.actions)}};
}

// {"items": [...]} of a listed view, each through `ToJson`.
template <auto ToJson, typename View>
json::object ItemsOf(const std::vector<View>& list) {
    json::array items;
    for (const View& v : list) {
        items.push_back(ToJson(v));
    }
    return json::object{{"items", std::move(items)}};
}

Response FileReply(base::Result<app::ExportFile> file) {
    if (!file) {
        return Problem(file.error());
    }
    return Download(std::move(file->bytes), file->content_type, file->filename);
}

constexpr std::string_view kCost =
    "cost: {daily_income | hourly_income, activities[{name, hours | minutes}], outsourced, fees, "
    "other, subjects, frequency, note}; tiền là số nguyên đồng";

}  // namespace

void RegisterControlRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    // ---- Impact assessments
    router.Add(Method::kGet, "/api/v1/impact-assessments",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             const std::string unit(req.Query("unit").value_or(""));
                             return Reply(200, app::ListImpactAssessments(ctx, actor, unit),
                                          ItemsOf<AssessmentJson, app::ImpactAssessmentView>);
                         }),
               {"Các bản đánh giá tác động TTHC trong dự thảo văn bản của các đơn vị người gọi "
                "phụ trách (unit; công chức kiểm soát TTHC, lãnh đạo)",
                "session", "", R"({"type":"object","properties":{"items":{"type":"array"}}})"});
    router.Add(Method::kPost, "/api/v1/impact-assessments",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             return Reply(201, app::CreateImpactAssessment(ctx, actor, req.body),
                                          AssessmentJson);
                         }),
               {"Lập bản đánh giá tác động (unit, draft_name, draft_number, procedure{name, field, "
                "subjects, frequency}, answers{mã: {answer: yes|no, note}}, conclusions{necessity, "
                "reasonableness, legality, overall}, " +
                    std::string(kCost) + ")",
                "session+csrf", R"({"type":"object"})", R"({"type":"object"})"});
    router.Add(Method::kGet, "/api/v1/impact-assessments/questions",
               WithActor(ctx, cache,
                         [](const Request&, const app::Actor& actor) -> Response {
                             if (!actor.SignedIn()) {
                                 return Problem(base::Error{base::ErrorCode::kUnauthenticated,
                                                            "Bạn cần đăng nhập."});
                             }
                             json::array items;
                             for (const auto& q : app::AssessmentQuestions()) {
                                 items.push_back(json::object{
                                     {"key", q.key},
                                     {"group", q.group},
                                     {"group_label", app::AssessmentGroupLabel(q.group)},
                                     {"question", q.text}});
                             }
                             return Json(200, json::object{{"items", std::move(items)}});
                         }),
               {"Các câu hỏi của biểu mẫu đánh giá tác động (sự cần thiết, tính hợp lý, tính hợp "
                "pháp; cấu trúc theo Phụ lục II Thông tư 03/2022/TT-BTP)",
                "session", "", R"({"type":"object"})"});
    router.Add(Method::kGet, "/api/v1/impact-assessments/{id}",
               WithActorAndId(ctx, cache,
                              [&ctx](const Request&, const app::Actor& actor, std::int64_t id) {
                                  return Reply(200, app::GetImpactAssessment(ctx, actor, id),
                                               AssessmentJson);
                              }),
               {"Bản đánh giá tác động với chi phí tuân thủ và các bước tính", "session", "",
                R"({"type":"object"})"});
    router.Add(
        Method::kGet, "/api/v1/impact-assessments/{id}/export",
        WithActorAndId(ctx, cache,
                       [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) {
                           const std::string format(req.Query("format").value_or("pdf"));
                           return FileReply(app::ExportImpactAssessment(ctx, actor, id, format));
                       }),
        {"Báo cáo đánh giá tác động để gửi kèm hồ sơ dự thảo (format: pdf | docx): câu "
         "hỏi với trả lời và giải trình, kết luận, chi phí tuân thủ tính từng bước, ý kiến "
         "thẩm định",
         "session", "", ""});
    router.Add(Method::kPut, "/api/v1/impact-assessments/{id}",
               WithActorAndId(ctx, cache,
                              [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) {
                                  auto expected = IfMatchVersion(req, "bản đánh giá tác động");
                                  if (!expected) {
                                      return Problem(expected.error());
                                  }
                                  return Reply(200,
                                               app::UpdateImpactAssessment(ctx, actor, id, req.body,
                                                                           *expected),
                                               AssessmentJson);
                              }),
               {"Sửa bản đánh giá đang soạn (các trường như POST; version hoặc If-Match, 409 nếu "
                "đã bị thay đổi hoặc không còn ở trạng thái soạn)",
                "session+csrf", R"({"type":"object"})", R"({"type":"object"})"});
    router.Add(Method::kPost, "/api/v1/impact-assessments/{id}/actions",
               WithActorAndId(ctx, cache,
                              [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) {
                                  return Reply(200,
                                               app::ActOnImpactAssessment(ctx, actor, id, req.body),
                                               AssessmentJson);
                              }),
               {"Chuyển trạng thái (action: submit | return | review | finish; version; opinion "
                "— ý kiến thẩm định, bắt buộc với review, return); 409 nếu trạng thái không cho "
                "phép",
                "session+csrf", R"({"type":"object"})", R"({"type":"object"})"});

    // ---- Review and simplification plans
    router.Add(Method::kGet, "/api/v1/review-plans",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto year = YearOf(req);
                             if (!year) {
                                 return Problem(year.error());
                             }
                             return Reply(200, app::ListReviewPlans(ctx, actor, *year),
                                          ItemsOf<PlanJson, app::ReviewPlanView>);
                         }),
               {"Các kế hoạch rà soát, đơn giản hóa TTHC của các đơn vị người gọi phụ trách "
                "(year; công chức kiểm soát TTHC, lãnh đạo)",
                "session", "", R"({"type":"object","properties":{"items":{"type":"array"}}})"});
    router.Add(Method::kPost, "/api/v1/review-plans",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             return Reply(201, app::CreateReviewPlan(ctx, actor, req.body),
                                          PlanJson);
                         }),
               {"Lập kế hoạch rà soát (unit, year, title, decision_number, items[{procedure_code, "
                "changes{documents_cut, days_cut, fee_change, online_level, text}, reason, "
                "cost_before, cost_after}] — chi phí như " +
                    std::string(kCost) + ")",
                "session+csrf", R"({"type":"object"})", R"({"type":"object"})"});
    router.Add(Method::kGet, "/api/v1/review-plans/{id}",
               WithActorAndId(ctx, cache,
                              [&ctx](const Request&, const app::Actor& actor, std::int64_t id) {
                                  return Reply(200, app::GetReviewPlan(ctx, actor, id), PlanJson);
                              }),
               {"Kế hoạch rà soát: từng thủ tục với chi phí trước, sau, tiết kiệm (đồng, %) và "
                "các bước tính; tổng của kế hoạch",
                "session", "", R"({"type":"object"})"});
    router.Add(Method::kPut, "/api/v1/review-plans/{id}",
               WithActorAndId(
                   ctx, cache,
                   [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) {
                       auto expected = IfMatchVersion(req, "kế hoạch rà soát");
                       if (!expected) {
                           return Problem(expected.error());
                       }
                       return Reply(200, app::UpdateReviewPlan(ctx, actor, id, req.body, *expected),
                                    PlanJson);
                   }),
               {"Sửa kế hoạch đang đề xuất (year, title, decision_number, items; version hoặc "
                "If-Match; 409 nếu đã bị thay đổi hoặc đã phê duyệt)",
                "session+csrf", R"({"type":"object"})", R"({"type":"object"})"});
    router.Add(Method::kPost, "/api/v1/review-plans/{id}/actions",
               WithActorAndId(ctx, cache,
                              [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) {
                                  return Reply(200, app::ActOnReviewPlan(ctx, actor, id, req.body),
                                               PlanJson);
                              }),
               {"Phê duyệt (action: approve; approved_by, decision, on) hoặc ghi nhận thực thi "
                "(action: implement; on; publication_decision_id — một quyết định công bố đã ký "
                "trong publication_choices, hoặc publication_decision — số quyết định ban hành "
                "ngoài hệ thống); version; 409 nếu trạng thái không cho phép",
                "session+csrf", R"({"type":"object"})", R"({"type":"object"})"});
    router.Add(Method::kGet, "/api/v1/review-plans/{id}/export",
               WithActorAndId(ctx, cache,
                              [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) {
                                  const std::string format(req.Query("format").value_or("docx"));
                                  return FileReply(app::ExportReviewPlan(ctx, actor, id, format));
                              }),
               {"Bảng phương án đơn giản hóa (format: docx | xlsx): thủ tục, nội dung đơn giản "
                "hóa, lý do, chi phí trước/sau, tiết kiệm",
                "session", "", ""});
}

}  // namespace motcua::api
