// /chi-so (the Decision 766 scorecard of a unit and the ranking of its direct children),
// /bang-dieu-khien (the dashboard: trend, backlog by age, units at risk, as inline SVG with table
// fallbacks) and the public monthly publication /cong-khai/chi-so-766 (+ .csv) (issue #6;
// docs/indicators.md "Pages"). Thin: decode, call app/indicators.hpp or app/publication.hpp (which
// authorise), render.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "app/indicators.hpp"
#include "app/organisation.hpp"
#include "app/publication.hpp"
#include "app/queue.hpp"  // issue #9: the desks' waiting figures
#include "app/report_exports.hpp"
#include "calendar/civil_date.hpp"
#include "web/charts.hpp"
#include "web/pages.hpp"
#include "web/report_form.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

namespace ind = domain::indicators;
namespace r06 = domain::report06;
using http::Request;
using http::Response;

constexpr std::int64_t kOnTimeTarget = 9000;  // 90% (units at risk below it)

std::string Pct(std::int64_t hundredths) {
    return app::FormatHundredths(hundredths) + "%";
}
std::string PctOr(const std::optional<std::int64_t>& hundredths) {
    return hundredths ? Pct(*hundredths) : std::string("Chưa có dữ liệu");
}

const ind::Value* FindValue(const ind::Scorecard& card, std::string_view id) {
    for (const ind::Group& g : card.groups) {
        for (const ind::Value& v : g.values) {
            if (v.id == id) {
                return &v;
            }
        }
    }
    return nullptr;
}

std::string IndicatorsHref(std::string_view unit, std::string_view period, r06::WindowRule rule) {
    return "/chi-so?don-vi=" + UrlEncode(unit) + "&ky=" + UrlEncode(period) +
           "&cach-tinh=" + std::string(r06::WindowRuleName(rule));
}

// The units the actor may see figures of, or the response that ends the page.
ReportUnits ScopeUnits(const Site& site, const Request& req, const app::Actor& actor) {
    return ReportUnitsOf(site, req, actor, "Không có quyền xem chỉ số",
                         "Chỉ lãnh đạo, công chức kiểm soát TTHC hoặc quản trị mới xem được Bộ "
                         "chỉ số theo Quyết định 766/QĐ-TTg của đơn vị trong phạm vi của mình.");
}

Data CountsData(const ind::Scorecard& card) {
    const r06::Cells& c = card.cells;
    Data d;
    d.set("received", GroupDigits(c.online + c.direct_postal));
    d.set("carried_over", GroupDigits(c.carried_over));
    d.set("early", GroupDigits(c.early));
    d.set("on_time", GroupDigits(c.on_time));
    d.set("late", GroupDigits(c.late));
    d.set("within", GroupDigits(c.within));
    d.set("overdue", GroupDigits(c.overdue));
    d.set("facts_unknown", GroupDigits(card.facts_unknown));
    return d;
}

Data CardData(const ind::Scorecard& card) {
    Data d;
    d.set("points", app::FormatHundredths(card.points_hundredths));
    DataList groups;
    for (const ind::Group& g : card.groups) {
        Data gd;
        gd.set("id", g.id);
        gd.set("label", g.label);
        gd.set("points", app::FormatHundredths(g.points_hundredths));
        gd.set("max_points", std::to_string(g.max_points));
        gd.set("timing_group", g.id == "2");  // H2: indicator 2.2's row follows group 2
        DataList values;
        for (const ind::Value& v : g.values) {
            Data vd;
            vd.set("id", v.id);
            vd.set("label", v.label);
            const bool has = v.rate_hundredths.has_value();
            vd.set("has_data", has);
            vd.set("numerator", has ? GroupDigits(v.numerator) : std::string("—"));
            vd.set("denominator", has ? GroupDigits(v.denominator) : std::string("—"));
            vd.set("rate", PctOr(v.rate_hundredths));
            vd.set("threshold", v.threshold_percent
                                    ? "≥ " + std::to_string(*v.threshold_percent) + "%"
                                    : std::string("—"));
            vd.set("points", app::FormatHundredths(v.points_hundredths));
            vd.set("max_points", std::to_string(v.max_points));
            vd.set("note", OptionalText(v.note));
            values.push_back(vd);
        }
        gd.set("values", values);
        groups.push_back(gd);
    }
    d.set("groups", groups);
    d.set("counts", CountsData(card));
    return d;
}

DataList ChildrenData(const app::IndicatorReport& report, std::string_view period,
                      r06::WindowRule rule) {
    DataList children;
    for (const app::UnitScorecard& child : report.children) {
        Data c;
        c.set("rank", std::to_string(child.rank));
        c.set("name", child.unit.name);
        c.set("code", child.unit.code);
        c.set("href", IndicatorsHref(child.unit.code, period, rule));
        c.set("points", app::FormatHundredths(child.card.points_hundredths));
        const ind::Value* v21 = FindValue(child.card, "2.1");
        c.set("rate21", PctOr(v21 != nullptr ? v21->rate_hundredths : std::nullopt));
        children.push_back(c);
    }
    return children;
}

// ---- /chi-so
// --------------------------------------------------------------------------------------

Response IndicatorsPage(const Site& site, const Request& req, const app::Actor& actor) {
    ReportUnits units = ScopeUnits(site, req, actor);
    if (units.end) {
        return *units.end;
    }
    ReportForm form = ReadReportForm(req, Today(site), r06::WindowRule::kCalendar);
    app::IndicatorQuery query;
    query.unit_code = form.unit_code;
    query.period = form.period;
    query.window = form.window;
    query.procedure_code = std::string(req.Query("thu-tuc").value_or(""));  // H2: indicator 2.2
    Data data;
    if (form.asked && form.status == 200) {
        auto report = app::Indicators(site.Context(), actor, query);
        if (!report) {
            if (!AddUseCaseError(report.error(), form.errors, form.status)) {
                return site.ForError(report.error(), req, actor);
            }
        } else {
            Data result = CardData(report->card);
            const std::string period = r06::FormatPeriod(report->window.period);
            result.set("unit_name", report->unit.name);
            result.set("period", period);
            result.set("from", FormatDate(report->window.from));
            result.set("to", FormatDate(report->window.to));
            result.set("rules_title", report->rules_title);
            const DataList children = ChildrenData(*report, period, query.window);
            result.set("has_children", !report->children.empty());
            result.set("children", children);
            result.set("api_href", "/api/v1/indicators?unit=" + UrlEncode(report->unit.code) +
                                       "&period=" + UrlEncode(period) +
                                       "&window=" + std::string(r06::WindowRuleName(query.window)) +
                                       (query.procedure_code.empty()
                                            ? std::string()
                                            : "&procedure=" + UrlEncode(query.procedure_code)));
            if (const auto& st = report->settlement_time) {  // H2: indicator 2.2
                Data d;
                d.set("value", app::FormatSettlementTime(*st));
                d.set("completed", GroupDigits(st->completed));
                d.set("procedure", st->procedure_code);
                d.set("procedure_name", st->procedure_name);
                result.set("settlement_time", d);
            }
            data.set("result", result);
        }
    }
    data.set("unit", UnitSelectData(units.units, form.unit_code, form.errors));
    data.set("period", PeriodFieldData(form.period, form.errors, "Kỳ đánh giá",
                                       "Ví dụ: 2026-07 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng), "
                                       "2026-9M (9 tháng), 2026 (năm)."));
    data.set("window", WindowSelectData(form.window, form.errors, false));
    data.set("procedure", FieldData({.name = "thu-tuc",
                                     .label = "Mã thủ tục (không bắt buộc)",
                                     .value = query.procedure_code,
                                     .hint = "Ví dụ 1.001193: chỉ tính thủ tục này, kèm chỉ số 2.2 "
                                             "(thời gian giải quyết trung bình)."},
                                    form.errors));  // H2: indicator 2.2
    Chrome chrome = site.MakeChrome(req, actor, "Bộ chỉ số 766", Section::kNone);
    Response r =
        site.Page(form.status, "indicators", chrome, WithErrors(std::move(data), form.errors));
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

// ---- /bang-dieu-khien
// -----------------------------------------------------------------------------

Data TrendData(const app::IndicatorTrend& trend) {
    std::vector<charts::MonthValue> values;
    DataList rows;
    for (const app::MonthPoint& m : trend.months) {
        const std::string label = std::to_string(m.month) + "/" + std::to_string(m.year);
        values.push_back({label, m.on_time_rate, m.online_rate});
        Data row;
        row.set("label", label);
        row.set("on_time", GroupDigits(m.on_time));
        row.set("handled", GroupDigits(m.handled));
        row.set("on_time_rate", PctOr(m.on_time_rate));
        row.set("online", GroupDigits(m.online));
        row.set("received", GroupDigits(m.received));
        row.set("online_rate", PctOr(m.online_rate));
        rows.push_back(row);
    }
    Data d;
    d.set("svg",
          charts::TrendChart("Tỷ lệ giải quyết đúng hạn và tỷ lệ hồ sơ trực tuyến theo tháng",
                             "Đúng hạn (chỉ số 2.1)", "Trực tuyến (tử số/mẫu số 3.3)", values));
    d.set("rows", rows);
    return d;
}

Data BacklogData(const app::BacklogReport& b) {
    const std::vector<charts::Bar> bars{
        {"Chưa đến hạn", b.not_due, GroupDigits(b.not_due), false},
        {"Quá hạn 1–5 ngày", b.overdue_1_5, GroupDigits(b.overdue_1_5), true},
        {"Quá hạn 6–10 ngày", b.overdue_6_10, GroupDigits(b.overdue_6_10), true},
        {"Quá hạn trên 10 ngày", b.overdue_more, GroupDigits(b.overdue_more), true}};
    DataList rows;
    for (const charts::Bar& bar : bars) {
        Data row;
        row.set("label", bar.label);
        row.set("count", bar.text);
        rows.push_back(row);
    }
    Data d;
    d.set("svg",
          charts::HorizontalBars("Hồ sơ đang giải quyết theo thời hạn (ngày làm việc)", bars, 0));
    d.set("rows", rows);
    d.set("total", GroupDigits(b.Total()));
    return d;
}

Data RiskData(const app::IndicatorReport& report, const std::string& month) {
    struct Risk {
        const app::UnitScorecard* unit;
        std::optional<std::int64_t> rate;
    };
    std::vector<Risk> risks;
    for (const app::UnitScorecard& child : report.children) {
        const ind::Value* v21 = FindValue(child.card, "2.1");
        const auto rate = v21 != nullptr ? v21->rate_hundredths : std::nullopt;
        if ((rate && *rate < kOnTimeTarget) || child.card.cells.overdue > 0) {
            risks.push_back({&child, rate});
        }
    }
    std::stable_sort(risks.begin(), risks.end(), [](const Risk& a, const Risk& b) {
        const std::int64_t ra = a.rate.value_or(10000);
        const std::int64_t rb = b.rate.value_or(10000);
        if (ra != rb) {
            return ra < rb;
        }
        return a.unit->card.cells.overdue > b.unit->card.cells.overdue;
    });
    std::vector<charts::Bar> bars;
    DataList rows;
    for (const Risk& r : risks) {
        bars.push_back({r.unit->unit.name, r.rate.value_or(0), PctOr(r.rate),
                        !r.rate || *r.rate < kOnTimeTarget});
        Data row;
        row.set("name", r.unit->unit.name);
        row.set("href", IndicatorsHref(r.unit->unit.code, month, r06::WindowRule::kCalendar));
        row.set("rate21", PctOr(r.rate));
        row.set("overdue", GroupDigits(r.unit->card.cells.overdue));
        row.set("points", app::FormatHundredths(r.unit->card.points_hundredths));
        rows.push_back(row);
    }
    Data d;
    d.set("has_units", !risks.empty());
    d.set("svg", risks.empty() ? std::string()
                               : charts::HorizontalBars(
                                     "Đơn vị có tỷ lệ đúng hạn dưới 90% hoặc có hồ sơ quá hạn",
                                     bars, 10000, kOnTimeTarget));
    d.set("rows", rows);
    return d;
}

// Issue #9: waiting at the desks of the unit's subtree over the month (docs/feedback.md
// "Queue"): tickets called, still waiting, average and 90th-percentile wait, share over 15
// minutes. Desks the actor may not read are left out.
std::string Minutes(std::int64_t seconds) {
    return app::FormatHundredths((seconds * 100 + 30) / 60) + " phút";
}

Data QueueData(const Site& site, const app::Actor& actor, const std::vector<domain::Unit>& units,
               std::string_view root_code, const std::string& month) {
    Data d;
    d.set("has_desks", false);
    const auto parsed = r06::ParsePeriod(month);
    if (!parsed) {
        return d;
    }
    const r06::Window window = r06::Resolve(*parsed, r06::WindowRule::kCalendar);
    std::vector<std::int64_t> tree;
    for (const domain::Unit& u : units) {
        if (u.code == root_code) {
            tree.push_back(u.id);
        }
    }
    for (bool grew = !tree.empty(); grew;) {  // the subtree, within the actor's units
        grew = false;
        for (const domain::Unit& u : units) {
            if (u.parent_id && std::find(tree.begin(), tree.end(), *u.parent_id) != tree.end() &&
                std::find(tree.begin(), tree.end(), u.id) == tree.end()) {
                tree.push_back(u.id);
                grew = true;
            }
        }
    }
    DataList rows;
    for (const domain::Unit& u : units) {
        if ((u.type != domain::UnitType::kOneStopDesk &&
             u.type != domain::UnitType::kServiceCentre) ||
            std::find(tree.begin(), tree.end(), u.id) == tree.end()) {
            continue;
        }
        auto figures =
            app::queue::DeskFigures(site.Context(), actor, u.code, window.from, window.to);
        if (!figures) {
            continue;
        }
        const domain::queue::WaitingFigures& f = figures->total;
        Data row;
        row.set("name", u.name);
        row.set("called", GroupDigits(f.called));
        row.set("waiting", GroupDigits(f.waiting));
        row.set("average", f.called > 0 ? Minutes(f.average_seconds) : std::string("—"));
        row.set("p90", f.called > 0 ? Minutes(f.p90_seconds) : std::string("—"));
        row.set("over", f.called > 0 ? app::FormatHundredths(f.over_limit_hundredths) + "%"
                                     : std::string("—"));
        row.set("over_count", GroupDigits(f.over_limit));
        row.set("late", f.called > 0 && f.average_seconds > std::int64_t{15} * 60);
        // Dossiers received per desk staff member per year against its target (engineer N).
        const app::DeskProductivity& p = figures->productivity;
        row.set("productivity",
                p.per_year ? GroupDigits(*p.per_year) : std::string("chưa có nhân sự"));
        row.set("productivity_low", p.meets.has_value() && !*p.meets);
        row.set("productivity_target", GroupDigits(p.target));
        rows.push_back(row);
    }
    d.set("has_desks", !rows.empty());
    d.set("rows", rows);
    return d;
}

Response DashboardPage(const Site& site, const Request& req, const app::Actor& actor) {
    ReportUnits units = ScopeUnits(site, req, actor);
    if (units.end) {
        return *units.end;
    }
    const std::string unit_code(req.Query("don-vi").value_or(""));
    std::string month(req.Query("thang").value_or(""));
    if (month.empty()) {
        month = MonthText(std::chrono::year_month_day{Today(site)});
    }
    FormErrors errors;
    int status = 200;
    Data data;
    if (!unit_code.empty()) {
        auto trend = app::MonthlyTrend(site.Context(), actor, unit_code, month);
        if (!trend) {
            if (!AddUseCaseError(trend.error(), errors, status, [](std::string_view message) {
                    return std::string(message.find("tháng") != std::string_view::npos ? "thang"
                                                                                       : "");
                })) {
                return site.ForError(trend.error(), req, actor);
            }
        } else {
            auto backlog = app::Backlog(site.Context(), actor, unit_code);
            if (!backlog) {
                return site.ForError(backlog.error(), req, actor);
            }
            auto report = app::Indicators(site.Context(), actor,
                                          {unit_code, month, r06::WindowRule::kCalendar});
            if (!report) {
                return site.ForError(report.error(), req, actor);
            }
            Data result;
            result.set("unit_name", trend->unit.name);
            result.set("month", month);
            result.set("trend", TrendData(*trend));
            result.set("backlog", BacklogData(*backlog));
            result.set("risk", RiskData(*report, month));
            result.set("queue", QueueData(site, actor, units.units, unit_code, month));
            result.set("indicators_href",
                       IndicatorsHref(unit_code, month, r06::WindowRule::kCalendar));
            data.set("result", result);
        }
    }
    data.set("unit", UnitSelectData(units.units, unit_code, errors));
    data.set("month", FieldData({.name = "thang",
                                 .label = "Tháng",
                                 .value = month,
                                 .hint = "Dạng YYYY-MM, ví dụ 2026-10: xu hướng 12 tháng đến hết "
                                         "tháng này.",
                                 .required = true},
                                errors));
    Chrome chrome = site.MakeChrome(req, actor, "Bảng điều khiển", Section::kNone);
    Response r = site.Page(status, "dashboard", chrome, WithErrors(std::move(data), errors));
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

// ---- /cong-khai/chi-so-766
// -----------------------------------------------------------------------

std::string PreviousMonth(std::chrono::sys_days today) {
    const std::chrono::year_month_day ymd{today};
    const std::chrono::year_month_day prev{(ymd.year() / ymd.month() / 1) - std::chrono::months{1}};
    return MonthText(prev);
}

Response PublicationPage(const Site& site, const Request& req, const app::Actor& actor) {
    const std::string unit_code(req.Query("unit").value_or(""));
    std::string month(req.Query("month").value_or(""));
    if (month.empty()) {
        month = PreviousMonth(Today(site));
    }
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    FormErrors errors;
    int status = 200;
    Data data;
    if (!unit_code.empty()) {
        auto p = app::MonthlyPublication(site.Context(), unit_code, month);
        if (!p) {
            if (!AddUseCaseError(p.error(), errors, status, [](std::string_view message) {
                    return std::string(message.find("tháng") != std::string_view::npos ? "month"
                                                                                       : "");
                })) {
                return site.ForError(p.error(), req, actor);
            }
        } else {
            Data result = CardData(p->indicators.card);
            result.set("unit_name", p->indicators.unit.name);
            result.set("month", p->month);
            result.set("from", FormatDate(p->window.from));
            result.set("to", FormatDate(p->window.to));
            result.set("rules_title", p->indicators.rules_title);
            DataList children;
            for (const app::UnitScorecard& child : p->indicators.children) {
                Data c;
                c.set("rank", std::to_string(child.rank));
                c.set("name", child.unit.name);
                c.set("href", "/cong-khai/chi-so-766?unit=" + UrlEncode(child.unit.code) +
                                  "&month=" + UrlEncode(p->month));
                c.set("points", app::FormatHundredths(child.card.points_hundredths));
                const ind::Value* v21 = FindValue(child.card, "2.1");
                c.set("rate21", PctOr(v21 != nullptr ? v21->rate_hundredths : std::nullopt));
                DataList group_points;
                for (const ind::Group& g : child.card.groups) {
                    group_points.push_back(Data(app::FormatHundredths(g.points_hundredths)));
                }
                c.set("groups", group_points);
                children.push_back(c);
            }
            DataList group_heads;
            for (const ind::Group& g : p->indicators.card.groups) {
                Data h;
                h.set("id", g.id);
                h.set("label", g.label);
                h.set("max_points", std::to_string(g.max_points));
                group_heads.push_back(h);
            }
            result.set("group_heads", group_heads);
            result.set("has_children", !children.empty());
            result.set("children", children);
            result.set("late_dossiers", GroupDigits(p->late_dossiers));
            DataList late_units;
            for (const app::LateUnit& u : p->late_units) {
                Data d;
                d.set("name", u.unit.name);
                d.set("count", GroupDigits(static_cast<std::int64_t>(u.codes.size())));
                DataList codes;
                for (const std::string& code : u.codes) {
                    codes.push_back(Data(code));
                }
                d.set("codes", codes);
                late_units.push_back(d);
            }
            result.set("has_late_units", !late_units.empty());
            result.set("late_units", late_units);
            DataList officers;
            for (const app::LateOfficer& o : p->late_officers) {
                Data d;
                d.set("name", o.name);
                d.set("unit", o.unit_name);
                d.set("count", GroupDigits(o.count));
                officers.push_back(d);
            }
            result.set("has_late_officers", !officers.empty());
            result.set("late_officers", officers);
            result.set("csv_href", "/cong-khai/chi-so-766.csv?unit=" + UrlEncode(unit_code) +
                                       "&month=" + UrlEncode(p->month));
            data.set("result", result);
        }
    }
    data.set("unit", SelectData({.name = "unit",
                                 .label = "Cơ quan, đơn vị",
                                 .value = unit_code,
                                 .hint = "Gồm cả các đơn vị trực thuộc.",
                                 .required = true},
                                UnitOptions(*units, "— Chọn đơn vị —"), errors));
    data.set("month", FieldData({.name = "month",
                                 .label = "Tháng",
                                 .value = month,
                                 .hint = "Dạng YYYY-MM, ví dụ 2026-10; chỉ công khai tháng đã "
                                         "kết thúc.",
                                 .required = true},
                                errors));
    Chrome chrome =
        site.MakeChrome(req, actor, "Công khai kết quả đánh giá Bộ chỉ số 766", Section::kNone);
    Response r = site.Page(status, "publication", chrome, WithErrors(std::move(data), errors));
    r.AddHeader("Cache-Control", "public, max-age=300");
    return r;
}

Response PublicationCsvPage(const Site& site, const Request& req, const app::Actor& actor) {
    auto p = app::MonthlyPublication(site.Context(), std::string(req.Query("unit").value_or("")),
                                     std::string(req.Query("month").value_or("")));
    if (!p) {
        return site.ForError(p.error(), req, actor);
    }
    Response r;
    r.status = 200;
    r.content_type = "text/csv; charset=utf-8";
    r.body = app::PublicationCsv(*p);
    r.AddHeader("Content-Disposition", "attachment; filename=\"chi-so-766-" +
                                           p->indicators.unit.code + "-" + p->month + ".csv\"");
    r.AddHeader("Cache-Control", "public, max-age=300");
    return r;
}

}  // namespace

void RegisterIndicatorPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/chi-so", IndicatorsPage,
            "Bộ chỉ số 766 của đơn vị và xếp hạng các đơn vị trực thuộc (don-vi, ky, cach-tinh) "
            "(HTML)",
            "session");
    AddPage(router, site, "/bang-dieu-khien", DashboardPage,
            "Bảng điều khiển: xu hướng 12 tháng, hồ sơ tồn theo thời hạn, đơn vị cần chú ý "
            "(don-vi, thang) (HTML)",
            "session");
    AddPage(router, site, "/cong-khai/chi-so-766", PublicationPage,
            "Công khai hằng tháng kết quả Bộ chỉ số 766 và danh sách đơn vị, cán bộ để xảy ra "
            "chậm trễ (unit, month) (HTML)",
            "public");
    AddPage(router, site, "/cong-khai/chi-so-766.csv", PublicationCsvPage,
            "Công khai hằng tháng Bộ chỉ số 766 dạng CSV (UTF-8 có BOM) (unit, month)", "public");
}

}  // namespace motcua::web
