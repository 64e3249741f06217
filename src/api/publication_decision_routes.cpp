// /api/v1/publication-decisions (issue #8; docs/control.md "Publication decisions"): publication
// decisions (quyết định công bố TTHC), applying them to the catalogue, the days of entry into the
// national database and of the catalogue update, the deadline warnings and the violation list.
// Thin handlers over app/publication_decisions.hpp.
#include <boost/json.hpp>

#include "api/route_util.hpp"
#include "app/publication_decisions.hpp"
#include "calendar/civil_date.hpp"

namespace motcua::api {

void RegisterPublicationDecisionRoutes(http::Router& router, app::AppContext& ctx,
                                       const CachePtr& cache);

namespace {

namespace json = boost::json;
namespace spd = store::publication_decisions;
using http::Method;
using http::Request;
using http::Response;

json::value Day(const std::optional<std::chrono::sys_days>& d) {
    return d ? json::value(calendar::FormatIsoDate(*d)) : json::value(nullptr);
}

json::object WarningJson(const app::PublicationWarning& w) {
    return json::object{
        {"rule", w.rule},
        {"procedure_code",
         w.procedure_code.empty() ? json::value(nullptr) : json::value(w.procedure_code)},
        {"message", w.message},
        {"due", Day(w.due)},
        {"days_late", w.days_late}};
}

json::object ViewJson(const app::PublicationDecisionView& v) {
    const spd::Decision& d = v.decision;
    json::array docs;
    for (const spd::LegalDocument& x : d.documents) {
        docs.push_back(json::object{{"number", x.number},
                                    {"title", x.title},
                                    {"level", x.level},
                                    {"adopted_on", Day(x.adopted)},
                                    {"effective_on", calendar::FormatIsoDate(x.effective)},
                                    {"shortened", x.shortened}});
    }
    json::array items;
    for (const spd::Item& i : d.items) {
        json::value fields = nullptr;
        if (!i.procedure_json.empty()) {
            std::error_code ec;
            fields = json::parse(i.procedure_json, ec);
            if (ec) {
                fields = nullptr;
            }
        }
        items.push_back(
            json::object{{"procedure_code", i.procedure_code},
                         {"change", i.change},
                         {"replaced_code",
                          i.replaced_code ? json::value(*i.replaced_code) : json::value(nullptr)},
                         {"document", i.document},
                         {"procedure", std::move(fields)},
                         {"database_entered_on", Day(i.database_entered)},
                         {"catalogue_updated_on", Day(i.catalogue_updated)}});
    }
    json::array warnings;
    for (const app::PublicationWarning& w : v.warnings) {
        warnings.push_back(WarningJson(w));
    }
    json::array actions;
    for (const std::string& a : v.actions) {
        actions.emplace_back(a);
    }
    json::value check = nullptr;
    if (v.check) {
        check = json::object{{"on_time", v.check->on_time},
                             {"latest", calendar::FormatIsoDate(v.check->latest)},
                             {"binding_document", v.check->binding},
                             {"days_late", v.check->days_late},
                             {"explanation", v.check->explanation}};
    }
    return json::object{
        {"id", d.id},
        {"issuing_unit", json::object{{"code", v.unit.code}, {"name", v.unit.name}}},
        {"number", d.number},
        {"title", d.title},
        {"issuer", d.issuer},
        {"convention", d.convention},
        {"convention_source", d.convention_from_setting ? "setting" : "decision"},
        {"signed_on", Day(d.signed_on)},
        {"signer", d.signer},
        {"signer_position", d.signer_position},
        {"state", d.state},
        {"applied_on", Day(d.applied_on)},
        {"version", d.version},
        {"legal_documents", std::move(docs)},
        {"items", std::move(items)},
        {"check", std::move(check)},
        {"database_due", Day(v.database_due)},
        {"warnings", std::move(warnings)},
        {"actions", std::move(actions)}};
}

Response Reply(int status, const base::Result<app::PublicationDecisionView>& r) {
    if (!r) {
        return Problem(r.error());
    }
    Response out = NoStore(Json(status, ViewJson(*r)));
    out.AddHeader("ETag", "\"v" + std::to_string(r->decision.version) + "\"");
    return out;
}

base::Result<std::optional<std::chrono::sys_days>> DayParam(const Request& req,
                                                            std::string_view name) {
    const auto text = req.Query(name);
    if (!text || text->empty()) {
        return std::optional<std::chrono::sys_days>{};
    }
    const auto ymd = calendar::ParseIsoDate(*text);
    if (!ymd || !calendar::InRange(std::chrono::sys_days{*ymd})) {
        return base::InvalidArgument("Tham số '" + std::string(name) +
                                     "' phải là ngày dạng YYYY-MM-DD.");
    }
    return std::optional<std::chrono::sys_days>{std::chrono::sys_days{*ymd}};
}

base::Result<app::PublicationDecisionQuery> QueryOf(const Request& req) {
    app::PublicationDecisionQuery q;
    if (const auto u = req.Query("unit"); u && !u->empty()) {
        q.unit_code = std::string(*u);
    }
    if (const auto s = req.Query("state"); s && !s->empty()) {
        q.state = std::string(*s);
    }
    auto from = DayParam(req, "from");
    auto to = DayParam(req, "to");
    if (!from || !to) {
        return !from ? from.error() : to.error();
    }
    q.from = *from;
    q.to = *to;
    return q;
}

using DecisionHandler = std::function<base::Result<app::PublicationDecisionView>(
    const Request&, const app::Actor&, std::int64_t)>;

// A route on one decision: its id, then `handler`'s view answered (200) or its problem.
http::Handler OnDecision(app::AppContext& ctx, const CachePtr& cache, DecisionHandler handler) {
    return WithActorAndId(
        ctx, cache,
        [handler = std::move(handler)](const Request& req, const app::Actor& actor, std::int64_t id)
            -> Response { return Reply(200, handler(req, actor, id)); });
}

}  // namespace

void RegisterPublicationDecisionRoutes(http::Router& router, app::AppContext& ctx,
                                       const CachePtr& cache) {
    const std::string view_schema = R"({"type":"object"})";
    router.Add(
        Method::kGet, "/api/v1/publication-decisions",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto q = QueryOf(req);
                      if (!q) {
                          return Problem(q.error());
                      }
                      auto list = app::ListPublicationDecisions(ctx, actor, *q);
                      if (!list) {
                          return Problem(list.error());
                      }
                      json::array items;
                      for (const auto& v : *list) {
                          items.push_back(ViewJson(v));
                      }
                      return NoStore(Json(200, json::object{{"items", std::move(items)}}));
                  }),
        {"Các quyết định công bố TTHC của đơn vị (unit, state: draft|signed|applied, from, to "
         "theo ngày ký) kèm cảnh báo thời hạn; công chức kiểm soát TTHC và lãnh đạo đơn vị ban "
         "hành",
         "session", "", R"({"type":"object","properties":{"items":{"type":"array"}}})"});

    router.Add(Method::kPost, "/api/v1/publication-decisions",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             return Reply(201,
                                          app::CreatePublicationDecision(ctx, actor, req.body));
                         }),
               {"Lập dự thảo quyết định công bố (issuing_unit, number, title, issuer: "
                "province|ministry, convention: working_days|calendar_days, signed_on, signer, "
                "signer_position, legal_documents[number, title, level, adopted_on, "
                "effective_on, shortened], items[procedure_code, change: "
                "added|amended|replaced|abolished, replaced_code, document, procedure]); 409 nếu "
                "trùng số, 404 nêu mục có mã TTHC không có trong danh mục",
                "session+csrf", view_schema, view_schema});

    router.Add(
        Method::kGet, "/api/v1/publication-decisions/violations",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto q = QueryOf(req);
                      if (!q) {
                          return Problem(q.error());
                      }
                      const std::string format(req.Query("format").value_or("json"));
                      if (format == "xlsx") {
                          auto file = app::PublicationViolationsXlsx(ctx, actor, *q);
                          if (!file) {
                              return Problem(file.error());
                          }
                          return Download(std::move(*file),
                                          "application/"
                                          "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                          "vi-pham-cong-bo-tthc.xlsx");
                      }
                      if (format == "docx") {
                          auto file = app::PublicationViolationsDocx(ctx, actor, *q);
                          if (!file) {
                              return Problem(file.error());
                          }
                          return Download(std::move(*file),
                                          "application/"
                                          "vnd.openxmlformats-officedocument.wordprocessingml."
                                          "document",
                                          "vi-pham-cong-bo-tthc.docx");
                      }
                      if (format != "json") {
                          return Problem(base::InvalidArgument(
                              "Tham số 'format' phải là json, xlsx hoặc docx."));
                      }
                      auto list = app::PublicationViolations(ctx, actor, *q);
                      if (!list) {
                          return Problem(list.error());
                      }
                      json::array items;
                      for (const auto& x : *list) {
                          json::object o = WarningJson(x.warning);
                          o["decision"] = json::object{
                              {"id", x.decision.decision.id},
                              {"number", x.decision.decision.number},
                              {"signed_on", Day(x.decision.decision.signed_on)},
                              {"issuing_unit", json::object{{"code", x.decision.unit.code},
                                                            {"name", x.decision.unit.name}}}};
                          items.push_back(std::move(o));
                      }
                      return NoStore(Json(200, json::object{{"items", std::move(items)}}));
                  }),
        {"Danh sách vi phạm thời hạn: quyết định công bố muộn (trước ngày văn bản có hiệu lực 5 "
         "ngày với tỉnh, 20 với bộ; 3 ngày sau khi thông qua với trình tự rút gọn), cập nhật CSDL "
         "quốc gia muộn (5/10/2 ngày làm việc sau khi ký), danh mục tại Trung tâm chưa cập nhật "
         "(unit, from, to, format: json|xlsx|docx)",
         "session", "", R"({"type":"object","properties":{"items":{"type":"array"}}})"});

    router.Add(Method::kGet, "/api/v1/publication-decisions/{id}",
               OnDecision(ctx, cache,
                          [&ctx](const Request&, const app::Actor& actor, std::int64_t id) {
                              return app::GetPublicationDecision(ctx, actor, id);
                          }),
               {"Quyết định công bố với các văn bản, các TTHC, cảnh báo thời hạn và thao tác được "
                "làm (404 với đơn vị khác)",
                "session", "", view_schema});

    router.Add(Method::kPut, "/api/v1/publication-decisions/{id}",
               OnDecision(ctx, cache,
                          [&ctx](const Request& req, const app::Actor& actor,
                                 std::int64_t id) -> base::Result<app::PublicationDecisionView> {
                              auto if_match = IfMatchVersion(req, "quyết định công bố");
                              if (!if_match) {
                                  return std::move(if_match).error();
                              }
                              return app::UpdatePublicationDecision(ctx, actor, id, req.body,
                                                                    *if_match);
                          }),
               {"Sửa dự thảo quyết định công bố (các trường như POST; version hoặc If-Match; 409 "
                "nếu đã bị thay đổi hoặc đã ký)",
                "session+csrf", view_schema, view_schema});

    router.Add(Method::kPost, "/api/v1/publication-decisions/{id}/sign",
               OnDecision(ctx, cache,
                          [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) {
                              return app::SignPublicationDecision(ctx, actor, id, req.body);
                          }),
               {"Ghi nhận quyết định đã ký (version, signed_on)", "session+csrf", view_schema,
                view_schema});

    router.Add(Method::kPost, "/api/v1/publication-decisions/{id}/apply",
               OnDecision(ctx, cache,
                          [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) {
                              return app::ApplyPublicationDecision(ctx, actor, id, req.body);
                          }),
               {"Áp dụng quyết định vào danh mục TTHC trong một giao dịch: phiên bản mới hiệu lực "
                "từ ngày văn bản có hiệu lực, phiên bản trước kết thúc ngày hôm trước, TTHC bãi bỏ "
                "kết thúc (version); 409 nếu đã áp dụng",
                "session+csrf", view_schema, view_schema});

    router.Add(Method::kPost, "/api/v1/publication-decisions/{id}/database-entry",
               OnDecision(ctx, cache,
                          [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) {
                              return app::RecordPublicationDay(ctx, actor, id, req.body, true);
                          }),
               {"Ghi nhận ngày cập nhật, công khai TTHC trên CSDL quốc gia về TTHC (version, on, "
                "procedures: mặc định mọi TTHC của quyết định)",
                "session+csrf", view_schema, view_schema});

    router.Add(Method::kPost, "/api/v1/publication-decisions/{id}/catalogue-update",
               OnDecision(ctx, cache,
                          [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) {
                              return app::RecordPublicationDay(ctx, actor, id, req.body, false);
                          }),
               {"Ghi nhận ngày cập nhật danh mục TTHC tiếp nhận tại Trung tâm và trực tuyến "
                "(version, on, procedures)",
                "session+csrf", view_schema, view_schema});
}

}  // namespace motcua::api
