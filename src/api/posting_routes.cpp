// /api/v1/posting/… (issue #8): public posting at the desks — what each desk receives, the
// postings it records and their check against the catalogue in force; the public list of what a
// unit receives; the catalogue exchange document for the national database. Thin handlers over
// app/posting.hpp and app/catalogue_exchange.hpp; docs/control.md "Public posting",
// docs/exchange.md "Catalogue — exchange document".
#include <array>

#include <boost/json.hpp>

#include "api/json_codec.hpp"
#include "api/route_util.hpp"
#include "app/catalogue_exchange.hpp"
#include "app/posting.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"

namespace motcua::api {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

namespace ps = app::posting;

json::object UnitBrief(const domain::Unit& u) {
    return json::object{{"code", u.code}, {"name", u.name}, {"type", domain::UnitTypeName(u.type)}};
}

json::object ProcedureBrief(const domain::Procedure& p) {
    return json::object{{"code", p.code},
                        {"name", p.name},
                        {"field", p.field},
                        {"effective_from", calendar::FormatIsoDate(p.effective_from)},
                        {"processing_milli", p.processing_milli},
                        {"time_unit", domain::TimeUnitName(p.time_unit)},
                        {"fees", p.fees},
                        {"documents", p.documents.size()},
                        {"online_level", domain::OnlineLevelName(p.online_level)}};
}

json::object PostingJson(const store::posting::Posting& p, bool with_items) {
    json::object o{{"id", p.id},
                   {"posted_on", calendar::FormatIsoDate(p.posted_on)},
                   {"officer", p.officer_name},
                   {"layout", p.layout},
                   {"note", p.note},
                   {"recorded_at", calendar::FormatInstant(p.recorded_at)},
                   {"item_count", p.item_count}};
    if (with_items) {
        json::array items;
        for (const auto& i : p.items) {
            items.push_back(
                json::object{{"code", i.procedure_code},
                             {"effective_from", calendar::FormatIsoDate(i.effective_from)}});
        }
        o["items"] = std::move(items);
    }
    return o;
}

json::value OptDay(const std::optional<std::chrono::sys_days>& d) {
    return d ? json::value(calendar::FormatIsoDate(*d)) : json::value(nullptr);
}

json::object CheckJson(const ps::DeskCheck& c, bool full) {
    json::object o;
    o["desk"] = UnitBrief(c.desk);
    o["day"] = calendar::FormatIsoDate(c.day);
    o["received"] = c.received.size();
    o["posted_current"] = c.posted_current;
    o["complete"] = c.Complete();
    o["latest"] = c.latest ? json::value(PostingJson(*c.latest, full)) : json::value(nullptr);
    std::array<std::int64_t, 3> counts{};
    json::array findings;
    for (const ps::CheckItem& f : c.findings) {
        ++counts.at(static_cast<std::size_t>(f.finding));
        if (full) {
            findings.push_back(json::object{{"finding", ps::FindingName(f.finding)},
                                            {"label", ps::FindingLabel(f.finding)},
                                            {"code", f.code},
                                            {"name", f.name},
                                            {"posted_from", OptDay(f.posted_from)},
                                            {"in_force_from", OptDay(f.in_force_from)}});
        }
    }
    o["missing"] = counts[0];
    o["outdated"] = counts[1];
    o["not_in_force"] = counts[2];
    if (full) {
        o["findings"] = std::move(findings);
    }
    return o;
}

base::Result<ps::NewPosting> NewPostingFromJson(std::string_view body) {
    ps::NewPosting input;
    if (body.empty()) {
        return input;
    }
    auto object = ParseObject(body);
    if (!object) {
        return std::move(object).error();
    }
    ObjectReader r(*object);
    auto posted_on = r.String("posted_on", false, 10);
    if (!posted_on) {
        return std::move(posted_on).error();
    }
    if (!posted_on->empty()) {
        auto day = ParseDate(*posted_on, "posted_on");
        if (!day) {
            return std::move(day).error();
        }
        input.posted_on = *day;
    }
    auto layout = r.String("layout", false, 16);
    if (!layout) {
        return std::move(layout).error();
    }
    if (!layout->empty()) {
        input.layout = *layout;
    }
    auto note = r.String("note", false, 4000);
    if (!note) {
        return std::move(note).error();
    }
    input.note = *note;
    if (const json::value* items = r.Raw("items"); items != nullptr && !items->is_null()) {
        if (!items->is_array()) {
            return base::InvalidArgument("items phải là một mảng {code, effective_from}");
        }
        std::vector<store::posting::PostedItem> list;
        int index = 0;
        for (const json::value& v : items->as_array()) {
            ++index;
            const std::string where = "items[" + std::to_string(index - 1) + "]";
            if (!v.is_object()) {
                return base::InvalidArgument(where + " phải là đối tượng {code, effective_from}");
            }
            ObjectReader item(v.as_object());
            auto code = item.String("code", true, 16);
            if (!code) {
                return base::InvalidArgument(where + ": " + code.error().message);
            }
            auto from = item.String("effective_from", true, 10);
            if (!from) {
                return base::InvalidArgument(where + ": " + from.error().message);
            }
            auto day = ParseDate(*from, where + ".effective_from");
            if (!day) {
                return std::move(day).error();
            }
            if (base::Status s = item.CheckNoUnknownFields(); !s) {
                return base::InvalidArgument(where + ": " + s.error().message);
            }
            list.push_back(store::posting::PostedItem{*code, *day});
        }
        input.items = std::move(list);
    }
    if (base::Status s = r.CheckNoUnknownFields(); !s) {
        return s.error();
    }
    return input;
}

bool DryRun(const Request& req) {
    const auto v = req.Query("dry_run");
    return v && (*v == "1" || *v == "true");
}

}  // namespace

void RegisterPostingRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    router.Add(
        Method::kGet, "/api/v1/posting/desks",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto desks = ps::ListDesks(ctx, actor, req.Query("unit").value_or(""));
                      if (!desks) {
                          return Problem(desks.error());
                      }
                      json::array items;
                      for (const ps::DeskCheck& c : *desks) {
                          items.push_back(CheckJson(c, false));
                      }
                      return Json(200, json::object{{"items", std::move(items)}});
                  }),
        {"Các bộ phận một cửa trong phạm vi và tình trạng niêm yết TTHC hôm nay (unit: mã đơn vị, "
         "tùy chọn; công chức một cửa, lãnh đạo, kiểm soát TTHC)",
         "session", "", R"({"type":"object","properties":{"items":{"type":"array"}}})"});
    router.Add(
        Method::kGet, "/api/v1/posting/desks/{desk}",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto view = ps::GetDesk(ctx, actor, req.path_params.at("desk"));
                      if (!view) {
                          return Problem(view.error());
                      }
                      json::object o = CheckJson(view->check, true);
                      json::array history;
                      for (const auto& p : view->history) {
                          history.push_back(PostingJson(p, false));
                      }
                      o["history"] = std::move(history);
                      return Json(200, o);
                  }),
        {"Kiểm tra niêm yết của bộ phận: lần niêm yết gần nhất so với danh mục TTHC đang có hiệu "
         "lực (thiếu, phiên bản cũ, hết hiệu lực) và lịch sử niêm yết",
         "session", "",
         R"({"type":"object","properties":{"desk":{"type":"object"},"complete":{"type":"boolean"},)"
         R"("findings":{"type":"array"},"latest":{"type":"object","nullable":true},)"
         R"("history":{"type":"array"}}})"});
    router.Add(
        Method::kPost, "/api/v1/posting/desks/{desk}/postings",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto input = NewPostingFromJson(req.body);
                      if (!input) {
                          return Problem(input.error());
                      }
                      auto stored =
                          ps::RecordPosting(ctx, actor, req.path_params.at("desk"), *input);
                      if (!stored) {
                          return Problem(stored.error());
                      }
                      return Json(201, PostingJson(*stored, true));
                  }),
        {"Ghi nhận một lần niêm yết tại bộ phận: ngày, hình thức, các phiên bản TTHC đã niêm yết "
         "(bỏ trống items: toàn bộ danh mục bộ phận tiếp nhận ngày đó)",
         "session+csrf",
         R"({"type":"object","properties":{"posted_on":{"type":"string","format":"date"},)"
         R"("layout":{"type":"string","enum":["a4","board","screen"]},"note":{"type":"string"},)"
         R"("items":{"type":"array","items":{"type":"object","properties":{"code":{"type":"string"},)"
         R"("effective_from":{"type":"string","format":"date"}}}}}})",
         R"({"type":"object","properties":{"id":{"type":"integer"},"items":{"type":"array"}}})"});
    router.Add(
        Method::kGet, "/api/v1/posting/desks/{desk}/sheet",
        [&ctx](const Request& req) -> Response {
            auto sheet = ps::PostingSheet(ctx, req.path_params.at("desk"));
            if (!sheet) {
                return Problem(sheet.error());
            }
            json::array items;
            for (const domain::Procedure& p : sheet->procedures) {
                items.push_back(ProcedureBrief(p));
            }
            return Json(200, json::object{{"desk", UnitBrief(sheet->desk)},
                                          {"day", calendar::FormatIsoDate(sheet->day)},
                                          {"items", std::move(items)}});
        },
        {"Danh mục TTHC niêm yết tại bộ phận hôm nay, theo lĩnh vực (công khai)", "public", "",
         R"({"type":"object","properties":{"desk":{"type":"object"},"items":{"type":"array"}}})"});
    router.Add(
        Method::kGet, "/api/v1/units/{code}/procedures",
        [&ctx](const Request& req) -> Response {
            auto unit =
                ps::GetPublicUnit(ctx, req.path_params.at("code"), req.Query("q").value_or(""));
            if (!unit) {
                return Problem(unit.error());
            }
            json::array desks;
            for (const domain::Unit& d : unit->desks) {
                desks.push_back(UnitBrief(d));
            }
            json::array items;
            for (const domain::Procedure& p : unit->procedures) {
                items.push_back(ProcedureBrief(p));
            }
            return Json(200, json::object{
                                 {"unit", UnitBrief(unit->unit)},
                                 {"desks", std::move(desks)},
                                 {"total", unit->received_total},
                                 {"feedback_href", "/phan-anh-kien-nghi?don-vi=" + unit->unit.code},
                                 {"items", std::move(items)}});
        },
        {"Các TTHC đơn vị tiếp nhận hôm nay (q: tìm theo mã, tên, lĩnh vực) và bộ phận một cửa "
         "của đơn vị (công khai)",
         "public", "",
         R"({"type":"object","properties":{"unit":{"type":"object"},"desks":{"type":"array"},)"
         R"("items":{"type":"array"}}})"});
    router.Add(
        Method::kGet, "/api/v1/export/catalogue",
        [&ctx](const Request& req) -> Response {
            auto doc = app::ExportCatalogueDocument(ctx, req.Query("unit").value_or(""));
            if (!doc) {
                return Problem(doc.error());
            }
            Response r;
            r.content_type = "application/json; charset=utf-8";
            r.body = std::move(*doc);
            r.AddHeader("Content-Disposition", "attachment; filename=\"danh-muc-tthc.json\"");
            return r;
        },
        {"Tài liệu trao đổi danh mục TTHC với CSDL quốc gia (motcua-catalogue/1): mọi phiên bản; "
         "unit: chỉ TTHC thuộc thẩm quyền cấp của đơn vị (công khai)",
         "public", "",
         R"({"type":"object","properties":{"format":{"type":"string"},)"
         R"("exported_at":{"type":"string"},"unit":{"type":"object","nullable":true},)"
         R"("procedures":{"type":"array"}}})"});
    router.Add(
        Method::kPost, "/api/v1/import/catalogue",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto report = app::ImportCatalogueDocument(ctx, actor, req.body, DryRun(req));
                      if (!report) {
                          return Problem(report.error());
                      }
                      return Json(report->dry_run ? 200 : 201,
                                  json::object{{"created", report->created},
                                               {"updated", report->updated},
                                               {"unchanged", report->unchanged},
                                               {"dry_run", report->dry_run}});
                  }),
        {"Nhập tài liệu danh mục TTHC motcua-catalogue/1, tất cả hoặc không (kiểm soát TTHC; "
         "?dry_run=1 để thử)",
         "session+csrf",
         R"({"type":"object","properties":{"format":{"type":"string"},)"
         R"("procedures":{"type":"array"}}})",
         R"({"type":"object","properties":{"created":{"type":"integer"},)"
         R"("unchanged":{"type":"integer"},"dry_run":{"type":"boolean"}}})"});
}

}  // namespace motcua::api
