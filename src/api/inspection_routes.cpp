// /api/v1/inspection-plans and /api/v1/inspections (issue #7 "Inspections";
// docs/inspections.md): inspection plans with their rule warnings, inspections with their
// checklists pre-filled from the system, the inspection cycle and the remediation reminders.
// Thin handlers over app/inspections.hpp.
#include <charconv>

#include <boost/json.hpp>

#include "api/route_util.hpp"
#include "app/inspections.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"

namespace motcua::api {

void RegisterInspectionRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);

namespace {

namespace json = boost::json;
namespace ins = domain::inspection;
using http::Method;
using http::Request;
using http::Response;

json::value Day(const std::optional<std::chrono::sys_days>& d) {
    return d ? json::value(calendar::FormatIsoDate(*d)) : json::value(nullptr);
}

json::value Parsed(const std::string& text) {
    if (text.empty()) {
        return nullptr;
    }
    std::error_code ec;
    json::value v = json::parse(text, ec);
    return ec ? json::value(nullptr) : v;
}

json::object UnitJson(const domain::Unit& u) {
    return json::object{{"code", u.code}, {"name", u.name}, {"type", domain::UnitTypeName(u.type)}};
}

json::array ActionsJson(const std::vector<ins::Action>& actions) {
    json::array out;
    for (ins::Action a : actions) {
        out.push_back(json::object{{"action", ins::ActionName(a)}, {"label", ins::ActionLabel(a)}});
    }
    return out;
}

json::object WarningJson(const ins::Warning& w) {
    return json::object{
        {"rule", w.rule},
        {"source", w.source},
        {"message", w.message},
        {"inspection", w.inspection_id ? json::value(*w.inspection_id) : json::value(nullptr)}};
}

json::object ViewJson(const app::InspectionView& v) {
    const ins::Inspection& i = v.inspection;
    json::array team;
    for (const ins::TeamMember& m : i.team) {
        team.push_back(
            json::object{{"name", m.name}, {"position", m.position}, {"leader", m.leader}});
    }
    return json::object{
        {"id", i.id},
        {"plan", i.plan_id},
        {"unit", UnitJson(v.unit)},
        {"kind", ins::KindName(i.kind)},
        {"kind_label", ins::KindLabel(i.kind)},
        {"quarter", i.quarter == 0 ? json::value(nullptr) : json::value(i.quarter)},
        {"start", Day(i.start)},
        {"end", Day(i.end)},
        {"team", std::move(team)},
        {"follow_up_of", i.follow_up_of ? json::value(*i.follow_up_of) : json::value(nullptr)},
        {"state", ins::StateName(i.state)},
        {"state_label", ins::StateLabel(i.state)},
        {"notice_by", Day(v.notice_by)},
        {"report_by", Day(v.report_by)},
        {"notified_on", Day(i.notified_on)},
        {"report_submitted_on", Day(i.report_submitted_on)},
        {"minutes_on", Day(i.minutes_on)},
        {"concluded_on", Day(i.concluded_on)},
        {"conclusion_received_on", Day(i.conclusion_received_on)},
        {"remediation_due", Day(i.remediation_due)},
        {"remediation_reported_on", Day(i.remediation_reported_on)},
        {"version", i.version}};
}

json::object PlanJson(const app::InspectionPlanView& p) {
    json::array inspections;
    for (const app::InspectionView& v : p.inspections) {
        inspections.push_back(ViewJson(v));
    }
    json::array warnings;
    for (const ins::Warning& w : p.warnings) {
        warnings.push_back(WarningJson(w));
    }
    const ins::Template* t = ins::FindTemplate(p.plan.checklist);
    return json::object{{"id", p.plan.id},
                        {"year", p.plan.year},
                        {"inspecting_unit", UnitJson(p.inspecting_unit)},
                        {"title", p.plan.title},
                        {"decision_number", p.plan.decision_number},
                        {"decision_date", Day(p.plan.decision_date)},
                        {"checklist", json::object{{"key", p.plan.checklist},
                                                   {"title", t ? t->title : std::string()},
                                                   {"source", t ? t->source : std::string()}}},
                        {"version", p.plan.version},
                        {"inspections", std::move(inspections)},
                        {"warnings", std::move(warnings)}};
}

json::object DocJson(const store::inspections::Document& d) {
    return json::object{
        {"kind", d.kind}, {"number", d.number}, {"on", calendar::FormatIsoDate(d.on)},
        {"text", d.body}, {"late", d.late},     {"at", calendar::FormatInstant(d.at)}};
}

json::object DetailJson(const app::InspectionDetail& d) {
    json::object o = ViewJson(d.view);
    o["plan"] = json::object{{"id", d.plan.id},
                             {"year", d.plan.year},
                             {"title", d.plan.title},
                             {"inspecting_unit", UnitJson(d.inspecting_unit)},
                             {"version", d.plan.version}};
    json::array warnings;
    for (const ins::Warning& w : d.warnings) {
        warnings.push_back(WarningJson(w));
    }
    o["warnings"] = std::move(warnings);
    json::array checklist;
    for (const auto& c : d.checklist) {
        checklist.push_back(json::object{
            {"key", c.key},
            {"number", c.number},
            {"title", c.title},
            {"figure", c.figure.empty() ? json::value(nullptr) : json::value(c.figure)},
            {"prefilled", Parsed(c.prefilled_json)},
            {"finding", c.finding}});
    }
    o["checklist"] = std::move(checklist);
    json::array events;
    for (const auto& e : d.events) {
        events.push_back(json::object{{"seq", e.seq},
                                      {"action", e.action},
                                      {"on", calendar::FormatIsoDate(e.on)},
                                      {"at", calendar::FormatInstant(e.at)},
                                      {"actor", e.actor_name},
                                      {"note", e.note},
                                      {"documents", Parsed(e.documents_json)}});
    }
    o["events"] = std::move(events);
    json::array conclusions;
    for (const auto& c : d.conclusions) {
        conclusions.push_back(DocJson(c));
    }
    o["conclusions"] = std::move(conclusions);
    o["remediation"] = d.remediation ? json::value(DocJson(*d.remediation)) : json::value(nullptr);
    o["actions"] = ActionsJson(d.actions);
    return o;
}

}  // namespace

void RegisterInspectionRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    router.Add(Method::kGet, "/api/v1/inspection-plans",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto year = YearOf(req);
                             if (!year) {
                                 return Problem(year.error());
                             }
                             auto list = app::ListInspectionPlans(ctx, actor, *year);
                             return Reply(200, list, [](const auto& plans) {
                                 json::array items;
                                 for (const auto& p : plans) {
                                     items.push_back(PlanJson(p));
                                 }
                                 return json::object{{"items", std::move(items)}};
                             });
                         }),
               {"Các kế hoạch kiểm tra công tác kiểm soát TTHC mà người gọi được xem, kèm cảnh "
                "báo theo quy định (year; công chức kiểm soát TTHC, lãnh đạo có phạm vi bao gồm "
                "đơn vị kiểm tra)",
                "session", "", R"({"type":"object","properties":{"items":{"type":"array"}}})"});

    router.Add(Method::kPost, "/api/v1/inspection-plans",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             return Reply(201, app::CreateInspectionPlan(ctx, actor, req.body),
                                          PlanJson);
                         }),
               {"Lập kế hoạch kiểm tra (year, inspecting_unit, title, decision_number, "
                "decision_date, checklist: s3|s0|s4; công chức kiểm soát TTHC của đơn vị kiểm tra)",
                "session+csrf", R"({"type":"object"})", R"({"type":"object"})"});

    router.Add(
        Method::kGet, "/api/v1/inspection-plans/{id}",
        WithActorAndId(
            ctx, cache,
            [&ctx](const Request& /*req*/, const app::Actor& actor, std::int64_t id) -> Response {
                return Reply(200, app::GetInspectionPlan(ctx, actor, id), PlanJson);
            }),
        {"Kế hoạch kiểm tra với các cuộc kiểm tra và cảnh báo (mỗi cảnh báo nêu quy định và "
         "nguồn: S0, S3)",
         "session", "", R"({"type":"object"})"});

    router.Add(
        Method::kPut, "/api/v1/inspection-plans/{id}",
        WithActorAndId(
            ctx, cache,
            [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) -> Response {
                return Reply(200, app::UpdateInspectionPlan(ctx, actor, id, req.body), PlanJson);
            }),
        {"Sửa kế hoạch kiểm tra (các trường như POST và version; 409 nếu đã bị thay đổi)",
         "session+csrf", R"({"type":"object"})", R"({"type":"object"})"});

    router.Add(
        Method::kPost, "/api/v1/inspection-plans/{id}/inspections",
        WithActorAndId(
            ctx, cache,
            [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) -> Response {
                return Reply(201, app::AddInspection(ctx, actor, id, req.body), DetailJson);
            }),
        {"Thêm cuộc kiểm tra vào kế hoạch (plan_version, unit, kind, quarter, start, end, "
         "team[name, position, leader], follow_up_of, period); nội dung kiểm tra điền sẵn "
         "số liệu của đơn vị từ hệ thống",
         "session+csrf", R"({"type":"object"})", R"({"type":"object"})"});

    router.Add(Method::kGet, "/api/v1/inspections",
               WithActor(ctx, cache,
                         [&ctx](const Request&, const app::Actor& actor) -> Response {
                             return Reply(200, app::MyInspections(ctx, actor), [](const auto& vs) {
                                 json::array items;
                                 for (const auto& v : vs) {
                                     items.push_back(ViewJson(v));
                                 }
                                 return json::object{{"items", std::move(items)}};
                             });
                         }),
               {"Các cuộc kiểm tra tại đơn vị của người gọi (đơn vị được kiểm tra)", "session", "",
                R"({"type":"object","properties":{"items":{"type":"array"}}})"});

    router.Add(
        Method::kGet, "/api/v1/inspections/remediation-reminders",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      int within = 5;
                      if (const auto w = req.Query("within"); w && !w->empty()) {
                          const auto [p, ec] =
                              std::from_chars(w->data(), w->data() + w->size(), within);
                          if (ec != std::errc{} || p != w->data() + w->size()) {
                              return Problem(base::InvalidArgument(
                                  "Tham số 'within' phải là số ngày làm việc."));
                          }
                      }
                      auto list = app::RemediationReminders(ctx, actor, within);
                      return Reply(200, list, [within](const auto& rs) {
                          json::array items;
                          for (const auto& r : rs) {
                              json::object o = ViewJson(r.view);
                              o["inspecting_unit"] = UnitJson(r.inspecting_unit);
                              o["working_days_left"] = r.working_days_left;
                              o["overdue"] = r.overdue;
                              items.push_back(std::move(o));
                          }
                          return json::object{{"within", within}, {"items", std::move(items)}};
                      });
                  }),
        {"Báo cáo khắc phục sắp đến hạn (trong within ngày làm việc, mặc định 5) hoặc quá "
         "hạn (30 ngày làm việc kể từ ngày nhận kết luận, S3 §II.2)",
         "session", "", R"({"type":"object","properties":{"items":{"type":"array"}}})"});

    router.Add(
        Method::kGet, "/api/v1/inspections/report-outline",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      const std::string unit(req.Query("unit").value_or(""));
                      const std::string period(req.Query("period").value_or(""));
                      const std::string format(req.Query("format").value_or("docx"));
                      if (unit.empty() || period.empty()) {
                          return Problem(
                              base::InvalidArgument("Thiếu tham số 'unit' hoặc 'period'."));
                      }
                      auto file = app::InspectionReportOutline(ctx, actor, unit, period, format);
                      if (!file) {
                          return Problem(file.error());
                      }
                      return Download(std::move(file->bytes), file->content_type, file->filename);
                  }),
        {"Đề cương báo cáo hoạt động kiểm soát TTHC (kèm S3) của đơn vị cho kỳ, điền sẵn "
         "mọi số liệu hệ thống có, \"không có\" ở mục không có số liệu (unit, period, "
         "format: docx|pdf; lãnh đạo, kiểm soát TTHC, quản trị có phạm vi bao gồm đơn vị)",
         "session", "", ""});

    router.Add(Method::kGet, "/api/v1/inspections/{id}",
               WithActorAndId(ctx, cache,
                              [&ctx](const Request& /*req*/, const app::Actor& actor,
                                     std::int64_t id) -> Response {
                                  return Reply(200, app::GetInspection(ctx, actor, id), DetailJson);
                              }),
               {"Cuộc kiểm tra: nội dung kiểm tra điền sẵn số liệu, lịch sử, kết luận, báo cáo "
                "khắc phục, thao tác người gọi được làm (404 với đơn vị khác)",
                "session", "", R"({"type":"object"})"});

    router.Add(
        Method::kPost, "/api/v1/inspections/{id}/actions",
        WithActorAndId(
            ctx, cache,
            [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) -> Response {
                return Reply(200, app::ActOnInspection(ctx, actor, id, req.body), DetailJson);
            }),
        {"Một bước của cuộc kiểm tra (action: notify, submit_report, record_minutes, "
         "draft_conclusion, comment, conclude, deliver_conclusion, report_remediation, "
         "close; on, version, note, documents, number, text); 409 nêu quy định nếu không "
         "hợp lệ",
         "session+csrf", R"({"type":"object"})", R"({"type":"object"})"});

    router.Add(
        Method::kPut, "/api/v1/inspections/{id}/checklist/{item}",
        WithActorAndId(
            ctx, cache,
            [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) -> Response {
                return Reply(
                    200,
                    app::SetChecklistFinding(ctx, actor, id, req.path_params.at("item"), req.body),
                    DetailJson);
            }),
        {"Nhận xét của đoàn kiểm tra về một nội dung kiểm tra (finding)", "session+csrf",
         R"({"type":"object"})", R"({"type":"object"})"});

    router.Add(
        Method::kPost, "/api/v1/inspections/{id}/prefill",
        WithActorAndId(
            ctx, cache,
            [&ctx](const Request& /*req*/, const app::Actor& actor, std::int64_t id) -> Response {
                return Reply(200, app::RefreshChecklist(ctx, actor, id), DetailJson);
            }),
        {"Cập nhật lại số liệu điền sẵn của đơn vị từ hệ thống (công chức kiểm soát TTHC)",
         "session+csrf", R"({"type":"object"})", R"({"type":"object"})"});
}

}  // namespace motcua::api
