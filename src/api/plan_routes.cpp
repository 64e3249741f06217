// /api/v1/plans (issue #7; docs/plans.md "API"): TTHC-control plans as tracked work — import
// of a plan's text, the person's fixes, cascading, progress reports and the dashboards. Thin
// handlers over app/plans.hpp.
#include <array>
#include <charconv>
#include <tuple>

#include <boost/json.hpp>

#include "api/json_codec.hpp"
#include "api/route_util.hpp"
#include "app/plans.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"
#include "http/problem.hpp"
#include "render/docx_reader.hpp"
#include "render/plan_export.hpp"

namespace motcua::api {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

namespace sp = store::plans;

json::value OptDay(const std::optional<std::chrono::sys_days>& day) {
    return day ? json::value(calendar::FormatIsoDate(*day)) : json::value(nullptr);
}

json::array Days(const std::vector<std::chrono::sys_days>& days) {
    json::array out;
    for (auto d : days) {
        out.push_back(json::value(calendar::FormatIsoDate(d)));
    }
    return out;
}

json::array Strings(const std::vector<std::string>& items) {
    json::array out;
    for (const std::string& s : items) {
        out.push_back(json::value(s));
    }
    return out;
}

json::object UnitRef(const app::PlanView& v, std::int64_t id) {
    auto it = v.units.find(id);
    if (it == v.units.end()) {
        return json::object{{"id", id}};
    }
    return json::object{{"code", it->second.code}, {"name", it->second.name}};
}

json::object ProgressJson(const app::PlanView* v, const sp::Progress& p) {
    json::array files;
    for (std::int64_t f : p.evidence_files) {
        files.push_back(f);
    }
    json::object o{{"id", p.id},
                   {"deliverable_id", p.deliverable_id},
                   {"status", p.status},
                   {"percent", p.percent},
                   {"note", p.note},
                   {"evidence_number", p.evidence_number},
                   {"evidence_date", p.evidence_date},
                   {"evidence_files", std::move(files)},
                   {"reported_at", calendar::FormatInstant(p.reported_at)}};
    o["unit"] = v != nullptr ? json::value(UnitRef(*v, p.unit_id)) : json::value(p.unit_id);
    return o;
}

json::object EvidenceJson(const sp::Evidence& e) {
    return json::object{{"id", e.id},
                        {"deliverable_id", e.deliverable_id},
                        {"file_name", e.file_name},
                        {"media_type", e.media_type},
                        {"size", e.size},
                        {"created_at", calendar::FormatInstant(e.created_at)},
                        {"download", "/api/v1/plan-evidence/" + std::to_string(e.id)}};
}

json::object UnitStatusJson(const app::PlanView& v, const app::UnitStatus& u) {
    json::object o = UnitRef(v, u.unit_id);
    o["role"] = u.role;
    o["status"] = u.status;
    o["percent"] = u.percent;
    o["latest"] = u.latest ? json::value(ProgressJson(&v, *u.latest)) : json::value(nullptr);
    return o;
}

json::object DeliverableJson(const app::PlanView& v, const sp::Deliverable& d) {
    json::object o{{"id", d.id},
                   {"line", d.line},
                   {"product", d.product},
                   {"lead_units", Strings(d.lead_names)},
                   {"lead_raw", d.lead_raw},
                   {"cooperating_units", Strings(d.cooperating_names)},
                   {"cooperating_raw", d.cooperating_raw}};
    if (d.deadline_kind.empty()) {
        o["deadline"] = nullptr;
    } else {
        o["deadline"] = json::object{{"phrase", d.deadline_phrase}, {"kind", d.deadline_kind},
                                     {"due", Days(d.due)},          {"recurrence", d.recurrence},
                                     {"event", d.deadline_event},   {"note", d.deadline_note}};
    }
    o["inherited_from"] =
        d.parent_deliverable_id ? json::value(*d.parent_deliverable_id) : json::value(nullptr);
    const app::DeliverableStatus& ds = v.status.at(d.id);
    o["status"] = ds.status;
    o["next_due"] = OptDay(ds.next_due);
    json::array units;
    for (const app::UnitStatus& u : ds.units) {
        units.push_back(UnitStatusJson(v, u));
    }
    o["assigned"] = std::move(units);
    return o;
}

json::object HeadJson(const sp::Head& h, const domain::Unit& unit) {
    return json::object{
        {"id", h.id},
        {"title", h.title},
        {"year", h.year},
        {"issuing_unit", json::object{{"code", unit.code}, {"name", unit.name}}},
        {"decision", json::object{{"number", h.decision_number}, {"date", h.decision_date}}},
        {"parent_plan_id",
         h.parent_plan_id ? json::value(*h.parent_plan_id) : json::value(nullptr)},
        {"plan_key", h.plan_key},
        {"format", h.format},
        {"status", h.status},
        {"version", h.version},
        {"created_at", calendar::FormatInstant(h.created_at)},
        {"updated_at", calendar::FormatInstant(h.updated_at)}};
}

json::object PlanJson(const app::PlanView& v) {
    json::object o = HeadJson(v.plan.head, v.issuing_unit);
    o["today"] = calendar::FormatIsoDate(v.today);
    o["may_manage"] = v.may_manage;
    json::array sections;
    std::size_t tasks = 0;
    std::size_t deliverables = 0;
    for (const sp::Section& s : v.plan.sections) {
        json::array ts;
        for (const sp::Task& t : s.tasks) {
            json::array ds;
            for (const sp::Deliverable& d : t.deliverables) {
                ds.push_back(DeliverableJson(v, d));
                ++deliverables;
            }
            ts.push_back(json::object{{"id", t.id},
                                      {"number", t.number},
                                      {"group", t.group},
                                      {"content", t.content},
                                      {"line", t.line},
                                      {"deliverables", std::move(ds)}});
            ++tasks;
        }
        sections.push_back(json::object{{"id", s.id},
                                        {"number", s.number},
                                        {"title", s.title},
                                        {"line", s.line},
                                        {"tasks", std::move(ts)}});
    }
    json::array unmatched;
    for (const sp::UnmatchedName& n : v.plan.unmatched) {
        unmatched.push_back(json::object{{"id", n.id},
                                         {"deliverable_id", n.deliverable_id},
                                         {"role", n.role},
                                         {"name", n.name},
                                         {"resolved", n.resolved}});
    }
    json::array problems;
    for (const sp::Problem& p : v.plan.problems) {
        problems.push_back(json::object{{"id", p.id},
                                        {"line", p.line},
                                        {"reason", p.reason},
                                        {"resolved", p.resolved},
                                        {"resolution", p.resolution}});
    }
    o["counts"] = json::object{{"sections", v.plan.sections.size()},
                               {"tasks", tasks},
                               {"deliverables", deliverables},
                               {"unmatched", v.plan.unmatched.size()},
                               {"problems", v.plan.problems.size()}};
    o["sections"] = std::move(sections);
    o["unmatched"] = std::move(unmatched);
    o["problems"] = std::move(problems);
    return o;
}

json::object RowJson(const app::DashboardRow& r, const json::object& unit) {
    return json::object{{"plan_id", r.plan_id},
                        {"plan_title", r.plan_title},
                        {"deliverable_id", r.deliverable_id},
                        {"section", r.section},
                        {"task", r.task},
                        {"product", r.product},
                        {"deadline", r.deadline},
                        {"next_due", OptDay(r.next_due)},
                        {"overdue", Days(r.overdue)},
                        {"unit", unit},
                        {"role", r.unit.role},
                        {"status", r.unit.status},
                        {"percent", r.unit.percent}};
}

json::object Counts(const std::map<std::string, int>& by_status) {
    json::object o;
    for (const char* s : {"not_started", "in_progress", "done", "late"}) {
        auto it = by_status.find(s);
        o[s] = it == by_status.end() ? 0 : it->second;
    }
    return o;
}

Response PlanResponse(int status, const app::PlanView& v) {
    Response r = NoStore(Json(status, PlanJson(v)));
    r.AddHeader("ETag", "\"v" + std::to_string(v.plan.head.version) + "\"");
    return r;
}

base::Result<std::int64_t> PathId(const Request& req, const std::string& name) {
    return ParseId(req.path_params.at(name));
}

// The prologue shared by the routes on a plan or a deliverable: the path ids named `names`, in
// order (the first malformed one is the answer), then `fn(ids)`.
template <std::size_t N, typename Fn>
Response OnIds(const Request& req, const std::array<const char*, N>& names, Fn fn) {
    std::array<std::int64_t, N> ids{};
    for (std::size_t i = 0; i < N; ++i) {
        auto id = PathId(req, names[i]);
        if (!id) {
            return Problem(id.error());
        }
        ids[i] = *id;
    }
    return fn(ids);
}

// The same with a JSON object body: the path ids, the body parsed (400 when it is not an
// object), then `fn(ids, reader)`, which reads its fields and calls Finish.
template <std::size_t N, typename Fn>
Response OnIdsWithBody(const Request& req, const std::array<const char*, N>& names, Fn fn) {
    return OnIds(req, names, [&](const std::array<std::int64_t, N>& ids) -> Response {
        auto object = ParseObject(req.body);
        if (!object) {
            return Problem(object.error());
        }
        ObjectReader r(*object);
        return fn(ids, r);
    });
}

// The epilogue: unknown fields refused (400), then the use case `run()` answered as a plan
// (`status`, ETag) or a problem.
template <typename Run>
Response Finish(const ObjectReader& r, int status, Run run) {
    if (base::Status s = r.CheckNoUnknownFields(); !s) {
        return Problem(s.error());
    }
    base::Result<app::PlanView> v = run();
    if (!v) {
        return Problem(v.error());
    }
    return PlanResponse(status, *v);
}

// Reads string fields into their targets, in order; the first error.
struct TextField {
    const char* name;
    std::string* target;
    bool required;
    std::size_t max;
};
base::Status ReadTexts(ObjectReader& r, std::initializer_list<TextField> fields) {
    for (const TextField& f : fields) {
        auto v = r.String(f.name, f.required, f.max);
        if (!v) {
            return std::move(v).error();
        }
        *f.target = std::move(*v);
    }
    return {};
}

base::Result<std::int64_t> RequiredVersion(ObjectReader& r) {
    auto v = r.Integer("version", true);
    if (!v) {
        return std::move(v).error();
    }
    return **v;
}

// The import's query: unit (required), year, title, parent, plan_key, format (auto only).
constexpr std::string_view kDocxType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A refusal of the upload: a zip bomb or an oversize Word file is 413 (not the 429 of
// kResourceExhausted elsewhere).
Response UploadProblem(const base::Error& e) {
    if (e.code == base::ErrorCode::kResourceExhausted) {
        return http::ProblemResponse(http::HttpProblem::kPayloadTooLarge, e.message);
    }
    return Problem(e);
}

base::Result<app::PlanImportInput> ImportInputOf(const Request& req) {
    app::PlanImportInput in;
    in.text = req.body;
    in.unit_code = std::string(req.Query("unit").value_or(""));
    if (in.unit_code.empty()) {
        return base::InvalidArgument("Thiếu tham số 'unit' (mã đơn vị ban hành).");
    }
    if (auto y = req.Query("year")) {
        const auto [end, ec] = std::from_chars(y->data(), y->data() + y->size(), in.year);
        if (ec != std::errc() || end != y->data() + y->size()) {
            return base::InvalidArgument("Tham số 'year' phải là năm, ví dụ 2024.");
        }
    }
    std::string format(req.Query("format").value_or("auto"));
    if (format != "auto" && format != "tsv" && format != "pipe_lines" && format != "markdown" &&
        format != "docx") {
        return base::InvalidArgument(
            "Tham số 'format' nhận auto, tsv, pipe_lines, markdown hoặc docx.");
    }
    in.title = std::string(req.Query("title").value_or(""));
    if (in.title.size() > 500) {
        return base::InvalidArgument("Tên kế hoạch (title) tối đa 500 byte.");
    }
    in.plan_key = std::string(req.Query("plan_key").value_or(""));
    if (auto p = req.Query("parent")) {
        std::int64_t id = 0;
        const auto [end, ec] = std::from_chars(p->data(), p->data() + p->size(), id);
        if (ec != std::errc() || end != p->data() + p->size() || id <= 0) {
            return base::InvalidArgument("Tham số 'parent' phải là số của kế hoạch cấp trên.");
        }
        in.parent_plan_id = id;
    }
    if (in.text.empty()) {
        return base::InvalidArgument("Nội dung kế hoạch trống.");
    }
    // A Word file: declared (format=docx or its media type) or recognised by the zip magic.
    const bool declared_docx =
        format == "docx" || req.Header("content-type").value_or("").starts_with(kDocxType);
    bool was_docx = false;
    auto text = render::PlanTextOf(std::move(in.text), declared_docx, &was_docx);
    if (!text) {
        return std::move(text).error();
    }
    in.text = std::move(*text);
    if (was_docx && format != "auto" && format != "docx") {
        return base::InvalidArgument("Tệp tải lên là tệp Word (DOCX), không phải " + format + ".");
    }
    in.format = was_docx ? "tsv" : format == "docx" ? "auto" : format;
    return in;
}

}  // namespace

void RegisterPlanRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    router.Add(
        Method::kPost, "/api/v1/plans/import",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto in = ImportInputOf(req);
                      if (!in) {
                          return UploadProblem(in.error());
                      }
                      auto result = app::ImportPlan(ctx, actor, *in);
                      if (!result) {
                          return Problem(result.error());
                      }
                      std::error_code ec;
                      json::object out = PlanJson(result->view);
                      out["import"] = json::parse(domain::plan_import::ToJson(result->parsed), ec);
                      Response r = NoStore(Json(201, out));
                      r.AddHeader("Location",
                                  "/api/v1/plans/" + std::to_string(result->view.plan.head.id));
                      return r;
                  },
                  {"text/plain", "text/markdown", "text/tab-separated-values", kDocxType,
                   "application/octet-stream"}),
        {"Nhập kế hoạch kiểm soát TTHC từ văn bản (bảng tách bằng tab, dòng '|' hoặc markdown) "
         "hoặc tệp Word .docx (Content-Type của DOCX hoặc nhận biết theo nội dung; tệp hỏng, "
         "XXE: 400; zip bomb, quá 5 MB: 413); format: auto, tsv, pipe_lines, markdown, docx; "
         "tham số unit: đơn vị ban hành, year, title, parent, plan_key): tạo kế hoạch với mục, "
         "nhiệm vụ, sản phẩm, đơn vị được giao; trả về kế hoạch, tên đơn vị chưa khớp, lỗi nhập "
         "và bản xem trước (import) như `motcua plan import --dry-run --json`; 409 nếu đơn vị "
         "đã có kế hoạch cùng số quyết định (kiểm soát TTHC, quản trị có phạm vi bao gồm đơn vị)",
         "session+csrf", R"({"type":"string"})", R"({"type":"object"})"});
    // A Word file may be up to 5 MB (render::ZipLimits); the text read from it, 2 MB.
    router.SetBodyLimit(Method::kPost, "/api/v1/plans/import",
                        render::ZipLimits{}.max_archive_bytes + 1);

    router.Add(Method::kGet, "/api/v1/plans",
               WithActor(ctx, cache,
                         [&ctx](const Request&, const app::Actor& actor) -> Response {
                             auto list = app::ListPlans(ctx, actor);
                             if (!list) {
                                 return Problem(list.error());
                             }
                             json::array items;
                             for (const app::PlanSummary& s : *list) {
                                 items.push_back(HeadJson(s.head, s.issuing_unit));
                             }
                             return NoStore(Json(200, json::object{{"items", std::move(items)}}));
                         }),
               {"Danh sách kế hoạch kiểm soát TTHC người dùng được xem (đơn vị ban hành trong "
                "phạm vi, hoặc đơn vị mình được giao nhiệm vụ)",
                "session", "", R"({"type":"object","properties":{"items":{"type":"array"}}})"});

    router.Add(Method::kGet, "/api/v1/plans/{id}",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             return OnIds<1>(req, {"id"}, [&](const auto& ids) -> Response {
                                 auto v = app::GetPlan(ctx, actor, ids[0]);
                                 if (!v) {
                                     return Problem(v.error());
                                 }
                                 return PlanResponse(200, *v);
                             });
                         }),
               {"Kế hoạch: mục, nhiệm vụ, sản phẩm với thời hạn, đơn vị được giao và trạng thái "
                "(not_started, in_progress, done, late), tên chưa khớp, lỗi nhập",
                "session", "", R"({"type":"object"})"});

    router.Add(
        Method::kPost, "/api/v1/plans/{id}/unmatched/{name}/resolve",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      return OnIdsWithBody<2>(
                          req, {"id", "name"}, [&](const auto& ids, ObjectReader& r) -> Response {
                              auto version = RequiredVersion(r);
                              if (!version) {
                                  return Problem(version.error());
                              }
                              std::vector<std::string> codes;
                              const json::value* units = r.Raw("units");
                              const base::Error bad =
                                  base::InvalidArgument("'units' phải là danh sách mã đơn vị.");
                              if (units == nullptr || !units->is_array()) {
                                  return Problem(bad);
                              }
                              for (const json::value& u : units->as_array()) {
                                  if (!u.is_string() || u.as_string().empty() ||
                                      u.as_string().size() > 32) {
                                      return Problem(bad);
                                  }
                                  codes.emplace_back(u.as_string());
                              }
                              return Finish(r, 200, [&] {
                                  return app::ResolveUnmatchedName(ctx, actor, ids[0], ids[1],
                                                                   codes, *version);
                              });
                          });
                  }),
        {"Xác định tên đơn vị chưa khớp: giao sản phẩm cho các đơn vị (units: mã đơn vị; "
         "version: phiên bản kế hoạch, 409 nếu đã thay đổi)",
         "session+csrf", R"({"type":"object","required":["units","version"]})",
         R"({"type":"object"})"});

    router.Add(
        Method::kPost, "/api/v1/plans/{id}/problems/{problem}/resolve",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      return OnIdsWithBody<2>(
                          req, {"id", "problem"},
                          [&](const auto& ids, ObjectReader& r) -> Response {
                              auto version = RequiredVersion(r);
                              auto resolution = r.String("resolution", true, 2000);
                              if (!version || !resolution) {
                                  return Problem(!version ? version.error() : resolution.error());
                              }
                              return Finish(r, 200, [&] {
                                  return app::ResolvePlanProblem(ctx, actor, ids[0], ids[1],
                                                                 *resolution, *version);
                              });
                          });
                  }),
        {"Đánh dấu một lỗi nhập đã xử lý (resolution: cách xử lý; version)", "session+csrf",
         R"({"type":"object","required":["resolution","version"]})", R"({"type":"object"})"});

    router.Add(
        Method::kPatch, "/api/v1/plans/{id}/deliverables/{deliverable}",
        WithActor(
            ctx, cache,
            [&ctx](const Request& req, const app::Actor& actor) -> Response {
                return OnIdsWithBody<2>(
                    req, {"id", "deliverable"}, [&](const auto& ids, ObjectReader& r) -> Response {
                        auto version = RequiredVersion(r);
                        if (!version) {
                            return Problem(version.error());
                        }
                        app::DeliverableEdit edit;
                        // Present → changed: a product must be a string, a deadline may
                        // be emptied.
                        for (auto [field, target, required] :
                             {std::tuple<const char*, std::optional<std::string>*, bool>{
                                  "product", &edit.product, true},
                              {"deadline", &edit.deadline, false}}) {
                            if (r.Raw(field) == nullptr) {
                                continue;
                            }
                            auto v = r.String(field, required, 4000);
                            if (!v) {
                                return Problem(v.error());
                            }
                            *target = std::move(*v);
                        }
                        return Finish(r, 200, [&] {
                            return app::EditDeliverable(ctx, actor, ids[0], ids[1], edit, *version);
                        });
                    });
            }),
        {"Sửa sản phẩm (product) hoặc thời hạn (deadline: cụm từ, được đọc lại theo lịch làm "
         "việc) của một sản phẩm; version",
         "session+csrf", R"({"type":"object","required":["version"]})", R"({"type":"object"})"});

    router.Add(Method::kPost, "/api/v1/plans/{id}/tasks",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             return OnIdsWithBody<1>(
                                 req, {"id"}, [&](const auto& ids, ObjectReader& r) -> Response {
                                     auto version = RequiredVersion(r);
                                     if (!version) {
                                         return Problem(version.error());
                                     }
                                     app::NewTask t;
                                     if (base::Status s = ReadTexts(
                                             r, {{"section", &t.section, true, 4000},
                                                 {"section_title", &t.section_title, false, 4000},
                                                 {"number", &t.number, false, 4000},
                                                 {"content", &t.content, true, 4000},
                                                 {"product", &t.product, false, 4000},
                                                 {"lead", &t.lead, false, 4000},
                                                 {"cooperating", &t.cooperating, false, 4000},
                                                 {"deadline", &t.deadline, false, 4000}});
                                         !s) {
                                         return Problem(s.error());
                                     }
                                     return Finish(r, 201, [&] {
                                         return app::AddPlanTask(ctx, actor, ids[0], t, *version);
                                     });
                                 });
                         }),
               {"Thêm nhiệm vụ của đơn vị vào kế hoạch (section, section_title, number, content, "
                "product, lead, cooperating, deadline; đơn vị được khớp như khi nhập; version)",
                "session+csrf", R"({"type":"object","required":["section","content","version"]})",
                R"({"type":"object"})"});

    router.Add(
        Method::kPost, "/api/v1/plans/{id}/cascade",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      return OnIdsWithBody<1>(
                          req, {"id"}, [&](const auto& ids, ObjectReader& r) -> Response {
                              app::CascadeInput in;
                              in.parent_plan_id = ids[0];
                              if (base::Status s = ReadTexts(
                                      r, {{"unit", &in.unit_code, true, 500},
                                          {"title", &in.title, false, 500},
                                          {"decision_number", &in.decision_number, false, 500},
                                          {"decision_date", &in.decision_date, false, 500}});
                                  !s) {
                                  return Problem(s.error());
                              }
                              return Finish(r, 201,
                                            [&] { return app::CascadePlan(ctx, actor, in); });
                          });
                  }),
        {"Triển khai kế hoạch cấp trên: đơn vị (unit) tạo kế hoạch của mình, thừa hưởng các "
         "sản phẩm được giao cho đơn vị (theo tên hoặc tên chung như \"UBND các xã\"); title, "
         "decision_number, decision_date (kiểm soát TTHC, quản trị của đơn vị)",
         "session+csrf", R"({"type":"object","required":["unit"]})", R"({"type":"object"})"});

    router.Add(
        Method::kPost, "/api/v1/plan-deliverables/{id}/progress",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      return OnIdsWithBody<1>(
                          req, {"id"}, [&](const auto& ids, ObjectReader& r) -> Response {
                              app::ProgressInput in;
                              if (base::Status s = ReadTexts(
                                      r, {{"unit", &in.unit_code, false, 32},
                                          {"status", &in.status, true, 32},
                                          {"note", &in.note, false, 4000},
                                          {"evidence_number", &in.evidence_number, false, 200},
                                          {"evidence_date", &in.evidence_date, false, 10}});
                                  !s) {
                                  return Problem(s.error());
                              }
                              auto percent = r.Integer("percent", false);
                              if (!percent) {
                                  return Problem(percent.error());
                              }
                              if (*percent) {
                                  if (**percent < 0 || **percent > 100) {
                                      return Problem(base::InvalidArgument(
                                          "Tỷ lệ hoàn thành (percent) phải từ 0 đến 100."));
                                  }
                                  in.percent = static_cast<int>(**percent);
                              }
                              if (const json::value* files = r.Raw("evidence_files")) {
                                  const base::Error bad = base::InvalidArgument(
                                      "'evidence_files' phải là danh sách số của tệp đã tải lên.");
                                  if (!files->is_array()) {
                                      return Problem(bad);
                                  }
                                  for (const json::value& f : files->as_array()) {
                                      if (!f.is_int64() || f.as_int64() <= 0) {
                                          return Problem(bad);
                                      }
                                      in.evidence_files.push_back(f.as_int64());
                                  }
                              }
                              if (base::Status s = r.CheckNoUnknownFields(); !s) {
                                  return Problem(s.error());
                              }
                              auto p = app::ReportProgress(ctx, actor, ids[0], in);
                              if (!p) {
                                  return Problem(p.error());
                              }
                              return NoStore(Json(201, ProgressJson(nullptr, *p)));
                          });
                  }),
        {"Báo cáo tiến độ của đơn vị được giao một sản phẩm (status: not_started, in_progress, "
         "done; percent; note; minh chứng: evidence_number, evidence_date, evidence_files: số "
         "của tệp minh chứng đã gửi kèm báo cáo trước của đơn vị cho sản phẩm này; unit khi phụ "
         "trách nhiều đơn vị); chỉ công chức của đơn vị được giao",
         "session+csrf", R"({"type":"object","required":["status"]})", R"({"type":"object"})"});

    router.Add(
        Method::kPost, "/api/v1/plan-deliverables/{id}/evidence",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      return OnIds<1>(req, {"id"}, [&](const auto& ids) -> Response {
                          const app::EvidenceUpload upload{
                              std::string(req.Query("name").value_or("")),
                              std::string(req.Header("content-type").value_or("")), req.body};
                          auto e = app::UploadPlanEvidence(
                              ctx, actor, ids[0], std::string(req.Query("unit").value_or("")),
                              upload);
                          if (!e) {
                              return UploadProblem(e.error());
                          }
                          return NoStore(Json(201, EvidenceJson(*e)));
                      });
                  },
                  {""}),
        {"Tải lên tệp minh chứng của đơn vị (unit khi phụ trách nhiều đơn vị) cho một sản phẩm "
         "(thân yêu cầu là tệp; name: tên tệp; PDF, PNG, JPEG, DOCX, XLSX, XML, kiểu khai báo "
         "phải khớp nội dung; quá 10 MB: 413); báo cáo tiến độ dẫn số của tệp trong "
         "evidence_files; chỉ công chức của đơn vị được giao",
         "session+csrf", "", R"({"type":"object"})"});
    router.SetBodyLimit(Method::kPost, "/api/v1/plan-deliverables/{id}/evidence",
                        app::kMaxEvidenceBytes + 1);

    router.Add(Method::kGet, "/api/v1/plan-evidence/{id}",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             return OnIds<1>(req, {"id"}, [&](const auto& ids) -> Response {
                                 auto f = app::DownloadPlanEvidence(ctx, actor, ids[0]);
                                 if (!f) {
                                     return Problem(f.error());
                                 }
                                 return Download(std::move(f->bytes), f->evidence.media_type,
                                                 "minh-chung-" + std::to_string(ids[0]));
                             });
                         }),
               {"Tải tệp minh chứng tiến độ (người được xem kế hoạch; 404 với người khác)",
                "session", "", R"({"type":"string","format":"binary"})"});

    router.Add(
        Method::kGet, "/api/v1/plans/{id}/dashboard",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      return OnIds<1>(req, {"id"}, [&](const auto& ids) -> Response {
                          auto d = app::GetPlanDashboard(ctx, actor, ids[0]);
                          if (!d) {
                              return Problem(d.error());
                          }
                          json::array units;
                          for (const app::UnitCounts& u : d->units) {
                              units.push_back(json::object{{"code", u.unit.code},
                                                           {"name", u.unit.name},
                                                           {"counts", Counts(u.by_status)}});
                          }
                          json::array overdue;
                          for (const app::DashboardRow& r : d->overdue) {
                              overdue.push_back(RowJson(r, UnitRef(d->view, r.unit.unit_id)));
                          }
                          json::object out = HeadJson(d->view.plan.head, d->view.issuing_unit);
                          out["today"] = calendar::FormatIsoDate(d->view.today);
                          out["counts"] = Counts(d->by_status);
                          out["units"] = std::move(units);
                          out["overdue"] = std::move(overdue);
                          return NoStore(Json(200, out));
                      });
                  }),
        {"Bảng theo dõi kế hoạch: số sản phẩm theo trạng thái, theo đơn vị, danh sách trễ hạn",
         "session", "", R"({"type":"object"})"});

    router.Add(
        Method::kGet, "/api/v1/plan-dashboard",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      const std::string unit(req.Query("unit").value_or(""));
                      auto d = app::GetUnitDashboard(ctx, actor, unit);
                      if (!d) {
                          return Problem(d.error());
                      }
                      const json::object unit_json{{"code", d->unit.code}, {"name", d->unit.name}};
                      json::array rows;
                      for (const app::DashboardRow& r : d->rows) {
                          rows.push_back(RowJson(r, unit_json));
                      }
                      return NoStore(
                          Json(200, json::object{{"unit", unit_json},
                                                 {"today", calendar::FormatIsoDate(d->today)},
                                                 {"counts", Counts(d->by_status)},
                                                 {"items", std::move(rows)}}));
                  }),
        {"Nhiệm vụ kế hoạch của một đơn vị (unit) qua các kế hoạch: trạng thái, hạn kế tiếp "
         "(công chức của đơn vị và người có phạm vi bao gồm đơn vị)",
         "session", "", R"({"type":"object"})"});

    router.Add(
        Method::kPost, "/api/v1/plans/{id}/issue",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      return OnIdsWithBody<1>(
                          req, {"id"}, [&](const auto& ids, ObjectReader& r) -> Response {
                              auto version = RequiredVersion(r);
                              if (!version) {
                                  return Problem(version.error());
                              }
                              return Finish(r, 200, [&] {
                                  return app::IssuePlan(ctx, actor, ids[0], *version);
                              });
                          });
                  }),
        {"Ban hành kế hoạch (dự thảo → đã ban hành; version; 409 nếu không còn là dự thảo "
         "hoặc phiên bản đã đổi); sau khi ban hành không sửa, thêm nhiệm vụ được (lãnh "
         "đạo, công chức kiểm soát TTHC có phạm vi bao gồm đơn vị ban hành)",
         "session+csrf", R"({"type":"object","required":["version"]})", R"({"type":"object"})"});

    router.Add(
        Method::kGet, "/api/v1/plans/{id}/export",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      return OnIds<1>(req, {"id"}, [&](const auto& ids) -> Response {
                          const std::string format(req.Query("format").value_or("docx"));
                          if (format != "docx" && format != "xlsx") {
                              return Problem(
                                  base::InvalidArgument("Tham số 'format' nhận docx hoặc xlsx."));
                          }
                          auto view = app::GetPlan(ctx, actor, ids[0]);
                          if (!view) {
                              return Problem(view.error());
                          }
                          const domain::plan_import::Plan plan = app::PlanViewAsImport(*view);
                          const render::PlanExportInfo info{view->plan.head.title,
                                                            view->issuing_unit.name};
                          auto bytes = format == "docx" ? render::RenderPlanDocx(plan, info)
                                                        : render::RenderPlanXlsx(plan, info);
                          if (!bytes) {
                              return Problem(bytes.error());
                          }
                          Response r;
                          r.status = 200;
                          r.content_type = std::string(format == "docx" ? kDocxType : kXlsxType);
                          r.body = std::move(*bytes);
                          r.AddHeader("Content-Disposition", "attachment; filename=\"ke-hoach-" +
                                                                 std::to_string(ids[0]) + "." +
                                                                 format + "\"");
                          return NoStore(std::move(r));
                      });
                  }),
        {"Tải kế hoạch đã lưu dưới dạng Word (format=docx) hoặc Excel (format=xlsx): bảng TT, "
         "nội dung, sản phẩm, đơn vị chủ trì, phối hợp, thời hạn (người được xem kế hoạch)",
         "session", "", R"({"type":"string","format":"binary"})"});
}

}  // namespace motcua::api
