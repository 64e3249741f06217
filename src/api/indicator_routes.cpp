// /api/v1/indicators (issue #6): the Decision 766 indicators of a unit and its subtree for a
// period, with its direct children ranked; thin handler over app/indicators.hpp.
// REGULATIONS.md §1.3–1.4, docs/indicators.md.
#include <boost/json.hpp>

#include "api/route_util.hpp"
#include "app/indicators.hpp"
#include "app/queue.hpp"  // issue #9: desk productivity
#include "calendar/civil_date.hpp"

namespace motcua::api {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

namespace ind = domain::indicators;
namespace r06 = domain::report06;

json::value Hundredths(std::optional<std::int64_t> v) {
    if (!v) {
        return nullptr;
    }
    return static_cast<double>(*v) / 100.0;
}

json::object CardJson(const ind::Scorecard& card) {
    json::array groups;
    for (const ind::Group& g : card.groups) {
        json::array values;
        for (const ind::Value& v : g.values) {
            json::object o{{"id", v.id},
                           {"label", v.label},
                           {"numerator", v.numerator},
                           {"denominator", v.denominator},
                           {"rate_percent", Hundredths(v.rate_hundredths)},
                           {"points", Hundredths(v.points_hundredths)},
                           {"max_points", v.max_points}};
            if (v.threshold_percent) {
                o["threshold_percent"] = *v.threshold_percent;
            } else {
                o["threshold_percent"] = nullptr;
            }
            if (!v.note.empty()) {
                o["note"] = v.note;
            }
            values.push_back(std::move(o));
        }
        groups.push_back(json::object{{"id", g.id},
                                      {"label", g.label},
                                      {"points", Hundredths(g.points_hundredths)},
                                      {"max_points", g.max_points},
                                      {"indicators", std::move(values)}});
    }
    const r06::Cells& c = card.cells;
    return json::object{
        {"points", Hundredths(card.points_hundredths)},
        {"max_points", 100},
        {"groups", std::move(groups)},
        {"dossiers",
         json::object{{"received", c.Received()},
                      {"received_in_period", c.online + c.direct_postal},
                      {"carried_over", c.carried_over},
                      {"settled",
                       json::object{{"early", c.early}, {"on_time", c.on_time}, {"late", c.late}}},
                      {"in_progress", json::object{{"within", c.within}, {"overdue", c.overdue}}},
                      {"facts_unknown", card.facts_unknown}}}};
}

}  // namespace

json::object IndicatorReportJson(const app::IndicatorReport& r) {
    json::array children;
    for (const app::UnitScorecard& child : r.children) {
        json::object o = CardJson(child.card);
        o["rank"] = child.rank;
        o["unit"] = json::object{{"code", child.unit.code}, {"name", child.unit.name}};
        children.push_back(std::move(o));
    }
    json::object out = CardJson(r.card);
    out["unit"] = json::object{{"code", r.unit.code}, {"name", r.unit.name}};
    out["period"] = r.period_label;
    out["window"] = r06::WindowRuleName(r.window.rule);
    out["procedure"] =
        r.procedure_code.empty() ? json::value(nullptr) : json::value(r.procedure_code);
    out["field"] = r.field.empty() ? json::value(nullptr) : json::value(r.field);
    out["from"] = calendar::FormatIsoDate(r.window.from);
    out["to"] = calendar::FormatIsoDate(r.window.to);
    out["rules"] = json::object{{"id", r.card.rules_id}, {"title", r.rules_title}};
    if (r.settlement_time) {  // indicator 2.2 (H2): only when one procedure is selected
        const app::SettlementTime& st = *r.settlement_time;
        json::object o{{"id", "2.2"},
                       {"label", "Thời gian giải quyết trung bình"},
                       {"value", Hundredths(st.average_hundredths)},
                       {"unit", domain::TimeUnitName(st.unit)},
                       {"unit_label", domain::TimeUnitWords(st.unit)},
                       {"completed", st.completed},
                       {"text", app::FormatSettlementTime(st)}};
        if (!st.average_hundredths) {
            o["note"] = "Chưa có dữ liệu";
        }
        out["settlement_time"] = std::move(o);
    }
    out["children"] = std::move(children);
    return out;
}

namespace {
base::Result<app::IndicatorQuery> IndicatorQueryOf(const Request& req) {
    auto p = ReportParamsOf(req, r06::WindowRule::kCalendar, true);
    if (!p) {
        return std::move(p).error();
    }
    app::IndicatorQuery q;
    q.unit_code = std::move(p->unit_code);
    q.period = std::move(p->period);
    q.window = p->window;
    for (auto [name, day] : {std::pair{"from", &q.from}, std::pair{"to", &q.to}}) {
        if (auto text = req.Query(name)) {
            auto parsed = calendar::ParseIsoDate(*text);
            if (!parsed) {
                return base::InvalidArgument("Tham số '" + std::string(name) +
                                             "' phải là ngày YYYY-MM-DD.");
            }
            *day = std::chrono::sys_days{*parsed};
        }
    }
    if (q.period.empty() && !q.from && !q.to) {
        return base::InvalidArgument(
            "Thiếu tham số 'period' (ví dụ 2026-Q3, 2026-07, 2026) hoặc 'from' và 'to'.");
    }
    q.procedure_code = std::string(req.Query("procedure").value_or(""));
    q.field = std::string(req.Query("field").value_or(""));
    return q;
}

}  // namespace

void RegisterIndicatorRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    router.Add(
        Method::kGet, "/api/v1/indicators",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) {
                      auto query = IndicatorQueryOf(req);
                      if (!query) {
                          return Problem(query.error());
                      }
                      auto report = app::Indicators(ctx, actor, *query);
                      if (!report) {
                          return Problem(report.error());
                      }
                      json::object body = IndicatorReportJson(*report);
                      // Issue #9 (engineer N): dossiers per desk staff member per year of the
                      // subtree's desks; absent when they have no desk staff.
                      auto desks = app::queue::SubtreeDeskProductivity(
                          ctx, report->unit, report->window.from, report->window.to);
                      if (!desks) {
                          return Problem(desks.error());
                      }
                      if (*desks) {
                          const app::DeskProductivity& p = **desks;
                          body["desk_productivity"] =
                              json::object{{"per_year", *p.per_year},
                                           {"received", p.received},
                                           {"staff", p.staff},
                                           {"days", p.days},
                                           {"area", p.area},
                                           {"target", p.target},
                                           {"meets", p.meets.value_or(false)}};
                      }
                      Response r = Json(200, std::move(body));
                      r.AddHeader("Cache-Control", "no-store");
                      return r;
                  }),
        {"Bộ chỉ số 766 (Quyết định 766/QĐ-TTg, 6 nhóm, 100 điểm) của đơn vị và các đơn "
         "vị trực thuộc trong kỳ, tính từ số liệu cộng dồn; kèm xếp hạng các đơn vị con "
         "trực tiếp (unit; period: 2026-07, 2026-Q3, 2026-H1, 2026-9M, 2026; window: "
         "calendar (mặc định) hoặc reporting; hoặc from, to: khoảng ngày bất kỳ YYYY-MM-DD; lọc "
         "theo procedure (mã thủ tục) hoặc field (lĩnh vực); lãnh đạo, kiểm soát TTHC, quản trị có "
         "phạm "
         "vi bao gồm đơn vị). Chỉ số chưa có dữ liệu: rate_percent = null, 0 điểm, kèm note",
         "session", "",
         R"({"type":"object","properties":{"unit":{"type":"object"},)"
         R"("period":{"type":"string"},"points":{"type":"number"},)"
         R"("groups":{"type":"array"},"dossiers":{"type":"object"},)"
         R"("children":{"type":"array"},"settlement_time":{"type":"object"},)"
         R"("desk_productivity":{"type":"object","description":"Hồ sơ tiếp nhận bình quân )"
         R"(của 01 nhân sự Bộ phận Một cửa/năm (per_year) so với chỉ tiêu theo vùng (target: )"
         R"(1.600/1.200/800); không có khi không có nhân sự Một cửa"}}})"});
}

}  // namespace motcua::api
