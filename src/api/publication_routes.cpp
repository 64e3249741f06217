// /api/v1/publications/indicators (issue #6): the monthly publication of the Decision 766 results
// and of the units and officers that let dossiers run late (S1 task III.5). Public: it holds no
// applicant data. Thin handler over app/publication.hpp; docs/indicators.md "Pages".
#include <boost/json.hpp>

#include "api/route_util.hpp"
#include "app/publication.hpp"
#include "calendar/civil_date.hpp"

namespace motcua::api {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

json::object PublicationJson(const app::Publication& p) {
    json::object out = IndicatorReportJson(p.indicators);
    out["month"] = p.month;
    out["late_dossiers"] = p.late_dossiers;
    json::array units;
    for (const app::LateUnit& u : p.late_units) {
        json::array codes;
        for (const std::string& c : u.codes) {
            codes.emplace_back(c);
        }
        units.push_back(
            json::object{{"unit", json::object{{"code", u.unit.code}, {"name", u.unit.name}}},
                         {"count", static_cast<std::int64_t>(u.codes.size())},
                         {"dossiers", std::move(codes)}});
    }
    out["late_units"] = std::move(units);
    json::array officers;
    for (const app::LateOfficer& o : p.late_officers) {
        officers.push_back(
            json::object{{"name", o.name}, {"unit", o.unit_name}, {"count", o.count}});
    }
    out["late_officers"] = std::move(officers);
    return out;
}

}  // namespace

void RegisterPublicationRoutes(http::Router& router, app::AppContext& ctx,
                               const CachePtr& /*cache*/) {
    router.Add(
        Method::kGet, "/api/v1/publications/indicators",
        [&ctx](const Request& req) -> Response {
            const std::string unit(req.Query("unit").value_or(""));
            if (unit.empty()) {
                return Problem(base::InvalidArgument("Thiếu tham số 'unit' (mã đơn vị)."));
            }
            auto p =
                app::MonthlyPublication(ctx, unit, std::string(req.Query("month").value_or("")));
            if (!p) {
                return Problem(p.error());
            }
            Response r = Json(200, PublicationJson(*p));
            r.AddHeader("Cache-Control", "public, max-age=300");
            return r;
        },
        {"Công khai hằng tháng kết quả Bộ chỉ số 766 của đơn vị và các đơn vị trực thuộc, kèm "
         "danh sách cơ quan, đơn vị (mã hồ sơ) và cán bộ để xảy ra chậm trễ trong tháng (unit; "
         "month: YYYY-MM, tháng đã kết thúc). Công khai, không có dữ liệu cá nhân của người nộp",
         "public", "",
         R"({"type":"object","properties":{"unit":{"type":"object"},)"
         R"("month":{"type":"string"},"points":{"type":"number"},"groups":{"type":"array"},)"
         R"("children":{"type":"array"},"late_dossiers":{"type":"integer"},)"
         R"("late_units":{"type":"array"},"late_officers":{"type":"array"}}})"});
}

}  // namespace motcua::api
