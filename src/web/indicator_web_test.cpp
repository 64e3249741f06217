// /chi-so, /bang-dieu-khien and the chart helpers (issue #6): a small scenario of dossiers
// received by the desk at chosen instants, then the pages read at Friday 27/11/2026 10:00. The
// figures shown must be the ones app::Indicators computes; the SVG bars must be proportional to
// the values; the backlog buckets must count the scenario's dossiers by working days overdue.
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "app/dossiers.hpp"
#include "app/indicators.hpp"
#include "app/publication.hpp"
#include "calendar/instant.hpp"
#include "store/units.hpp"
#include "store/users.hpp"
#include "web/charts.hpp"
#include "web/web_test_fixture.hpp"

namespace motcua::web::webtest {
namespace {

// Every `attribute="number"` of the elements of `cls` in `svg`, in order.
std::vector<double> AttributeOf(const std::string& svg, const std::string& element,
                                const std::string& cls, const std::string& attribute) {
    std::vector<double> out;
    const std::regex tag("<" + element + " class=\"" + cls + "\"[^>]*>");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), tag); it != std::sregex_iterator();
         ++it) {
        const std::string t = it->str();
        const std::regex attr(" " + attribute + "=\"([-0-9.]*)\"");
        std::smatch m;
        if (std::regex_search(t, m, attr)) {
            out.push_back(m[1].str().empty() ? -1.0 : std::stod(m[1].str()));
        } else {
            out.push_back(-2.0);
        }
    }
    return out;
}

TEST(IndicatorCharts, BarsAreProportionalToTheValues) {
    std::vector<charts::MonthValue> months;
    for (int i = 0; i < 12; ++i) {
        months.push_back(
            {std::to_string(i + 1) + "/2026",
             i == 3 ? std::nullopt : std::optional<std::int64_t>(i * 833),
             i % 2 == 0 ? std::optional<std::int64_t>(10000 - i * 500) : std::nullopt});
    }
    const std::string svg = charts::TrendChart("Xu hướng <thử>", "Đúng hạn", "Trực tuyến", months);
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_EQ(svg.find("style="), std::string::npos);
    EXPECT_NE(svg.find("Xu hướng &lt;thử&gt;"), std::string::npos) << "escaped title";
    const auto heights = AttributeOf(svg, "rect", "chart-bar", "height");
    const auto values = AttributeOf(svg, "rect", "chart-bar", "data-value");
    ASSERT_EQ(heights.size(), 12U);
    ASSERT_EQ(values.size(), 12U);
    for (std::size_t i = 0; i < 12; ++i) {
        if (i == 3) {
            EXPECT_EQ(values[i], -1.0) << "no data: empty value";
            EXPECT_DOUBLE_EQ(heights[i], 0.0);
            continue;
        }
        EXPECT_DOUBLE_EQ(values[i], static_cast<double>(i * 833));
        EXPECT_NEAR(heights[i], charts::kPlotHeight * values[i] / 10000.0, 0.006) << i;
    }
    // Bars stand on the same baseline: y + height is constant.
    const auto ys = AttributeOf(svg, "rect", "chart-bar", "y");
    for (std::size_t i = 0; i < 12; ++i) {
        EXPECT_NEAR(ys[i] + heights[i], charts::kPlotTop + charts::kPlotHeight, 0.011) << i;
    }
    const auto cy = AttributeOf(svg, "circle", "chart-point", "cy");
    ASSERT_EQ(cy.size(), 6U) << "one point per month with a value";
    for (std::size_t k = 0; k < cy.size(); ++k) {
        const double v = 10000 - static_cast<double>(k * 2) * 500;
        EXPECT_NEAR(cy[k], charts::kPlotTop + charts::kPlotHeight - charts::kPlotHeight * v / 10000,
                    0.006);
    }

    const std::string bars = charts::HorizontalBars(
        "Tồn", {{"A", 10, "10", false}, {"B", 5, "5", true}, {"C", 0, "0", true}}, 0);
    const auto widths = AttributeOf(bars, "rect", "chart-hbar", "width");
    ASSERT_EQ(widths.size(), 3U);
    EXPECT_DOUBLE_EQ(widths[0], charts::kPlotWidth);
    EXPECT_DOUBLE_EQ(widths[1], charts::kPlotWidth / 2.0);
    EXPECT_DOUBLE_EQ(widths[2], 0.0);
}

class IndicatorPages : public WebRoutes {
protected:
    void SetUp() override {
        WebRoutes::SetUp();
        // 7 working days at the Department of Justice (1.002010), received at the desk at 09:00:
        // due Tue 3/11, Tue 17/11, Tue 24/11 and Tue 8/12 (read on Friday 27/11 10:00: 18, 8, 3
        // working days overdue and not yet due).
        for (const char* at : {"2026-10-23T09:00:00+07:00", "2026-11-06T09:00:00+07:00",
                               "2026-11-13T09:00:00+07:00", "2026-11-27T08:00:00+07:00"}) {
            clock_->Set(*calendar::ParseInstant(at));
            Receive();
        }
        clock_->Set(*calendar::ParseInstant("2026-11-27T10:00:00+07:00"));
    }

    app::Actor ActorOf(std::string_view username) {
        auto tx = db_->Begin(store::TxMode::kRead);
        EXPECT_TRUE(tx);
        auto user = store::users::GetByUsername(**tx, username);
        EXPECT_TRUE(user && *user);
        app::Actor actor;
        actor.user = **user;
        return actor;
    }

    std::int64_t UnitId(std::string_view code) {
        auto tx = db_->Begin(store::TxMode::kRead);
        auto unit = store::units::GetByCode(**tx, std::string(code));
        EXPECT_TRUE(unit && *unit) << code;
        return (*unit)->id;
    }

    void Receive() {
        app::ReceiveRequest r;
        r.procedure_code = "1.002010";
        r.settling_unit_id = UnitId("46.SOTP");
        r.applicant.name = "Nguyễn Thị Bí Mật";
        r.applicant.id_number = "046090001234";
        r.applicant.phone = "0912345678";
        r.applicant.address = "12 Lê Lợi, Huế";
        auto received = app::ReceiveDossier(ctx_, ActorOf("motcua"), r);
        ASSERT_TRUE(received) << received.error().message;
    }
};

TEST_F(IndicatorPages, TheScorecardShowsWhatTheAppComputes) {
    const std::string leader = SignIn("lanhdao");
    const auto blank = Get("/chi-so", leader);
    ASSERT_EQ(blank.status, 200) << blank.body;
    EXPECT_NE(blank.body.find("href=\"/chi-so\""), std::string::npos) << "the nav link";
    EXPECT_NE(blank.body.find("href=\"/bang-dieu-khien\""), std::string::npos);
    EXPECT_NE(blank.body.find("<option value=\"calendar\" selected>Theo tháng dương lịch"),
              std::string::npos);
    EXPECT_NE(blank.body.find("Kỳ số liệu theo Nghị định 09/2019 (15–14)"), std::string::npos);
    EXPECT_NE(blank.body.find("2026-9M"), std::string::npos) << "the period hint";
    EXPECT_NE(blank.body.find("value=\"2026-Q4\""), std::string::npos);
    EXPECT_EQ(blank.body.find("indicator-table"), std::string::npos);

    const auto page = Get("/chi-so?don-vi=46&ky=2026-11", leader);
    ASSERT_EQ(page.status, 200) << page.body;
    const std::string& b = page.body;
    auto report =
        app::IndicatorsAsSystem(ctx_, {"46", "2026-11", domain::report06::WindowRule::kCalendar});
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_NE(b.find("Tổng điểm: <strong>" + app::FormatHundredths(report->card.points_hundredths) +
                     "</strong> / 100 điểm"),
              std::string::npos)
        << b;
    // 2.1 in November: 1 within time (due 8/12) of 3 received + 1 carried over = 25%; no
    // threshold (points = rate × 20).
    const domain::indicators::Value* v21 = nullptr;
    for (const auto& g : report->card.groups)
        for (const auto& v : g.values)
            if (v.id == "2.1") v21 = &v;
    ASSERT_NE(v21, nullptr);
    EXPECT_EQ(v21->rate_hundredths, 2500);
    EXPECT_NE(b.find("<td>2.1</td><th scope=\"row\">" + v21->label +
                     "</th><td>1 / 4</td><td>25,00%</td><td>" +
                     (v21->threshold_percent ? "≥ " + std::to_string(*v21->threshold_percent) + "%"
                                             : "—") +
                     "</td><td>" + app::FormatHundredths(v21->points_hundredths) + " / " +
                     std::to_string(v21->max_points) + "</td>"),
              std::string::npos)
        << b;
    EXPECT_NE(b.find("Hồ sơ: tiếp nhận trong kỳ 3, từ kỳ trước 1; đã giải quyết trước hạn 0, đúng "
                     "hạn 0, quá hạn 0; đang giải quyết trong hạn 1, quá hạn 3; chưa có dữ liệu "
                     "liên thông 3."),
              std::string::npos)
        << b;
    // Indicators without data say so plainly.
    EXPECT_NE(b.find("<td>1.1</td>"), std::string::npos);
    EXPECT_NE(b.find("<td>— / —</td><td>Chưa có dữ liệu</td>"), std::string::npos);
    // The ranking of the direct children links to their scorecards.
    ASSERT_FALSE(report->children.empty());
    EXPECT_EQ(report->children.front().unit.code, "46.SOTP");
    EXPECT_NE(
        b.find(
            "<tr><td>1</td><th scope=\"row\"><a href=\"/chi-so?don-vi=46.SOTP&amp;ky=2026-11&amp;"
            "cach-tinh=calendar\">" +
            report->children.front().unit.name + "</a></th><td>" +
            app::FormatHundredths(report->children.front().card.points_hundredths) +
            "</td><td>25,00%</td></tr>"),
        std::string::npos)
        << b;
}

TEST_F(IndicatorPages, OnlyTheAudienceAndBadInputIsAMessage) {
    EXPECT_EQ(Get("/chi-so?don-vi=46&ky=2026-11").status, 303);
    for (const char* name : {"motcua", "congdan"}) {
        const std::string who = SignIn(name);
        for (const char* path : {"/chi-so?don-vi=46&ky=2026-11", "/bang-dieu-khien?don-vi=46"}) {
            const auto r = Get(path, who);
            EXPECT_EQ(r.status, 403) << name << path;
            EXPECT_EQ(r.body.find("indicator-table"), std::string::npos);
            EXPECT_EQ(r.body.find("href=\"/chi-so\""), std::string::npos) << "no nav link";
        }
    }
    const std::string leader = SignIn("lanhdao");
    auto r = Get("/chi-so?don-vi=46&ky=2026-Q7", leader);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("2026-Q7"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("không hợp lệ; dùng dạng 2026-07 (tháng)"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("indicator-table"), std::string::npos);
    r = Get("/chi-so?don-vi=KHONGCO&ky=2026-11", leader);
    EXPECT_EQ(r.status, 404) << r.body;
    r = Get("/chi-so?don-vi=46&ky=2026-11&cach-tinh=x", leader);
    EXPECT_EQ(r.status, 400) << r.body;
    r = Get("/bang-dieu-khien?don-vi=46&thang=2026-13", leader);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("không hợp lệ (dạng YYYY-MM"), std::string::npos) << r.body;
    // The department's leader: the department only.
    const std::string stp = SignIn("lanhdaostp");
    EXPECT_EQ(Get("/chi-so?don-vi=46&ky=2026-11", stp).status, 403);
    EXPECT_EQ(Get("/chi-so?don-vi=46.SOTP&ky=2026-11", stp).status, 200);
}

TEST_F(IndicatorPages, TheDashboardChartsTheScenario) {
    const std::string leader = SignIn("lanhdao");
    const auto page = Get("/bang-dieu-khien?don-vi=46&thang=2026-11", leader);
    ASSERT_EQ(page.status, 200) << page.body;
    const std::string& b = page.body;
    EXPECT_EQ(b.find("<script>"), std::string::npos);
    EXPECT_EQ(b.find(" style=\""), std::string::npos);
    // (a) 12 months, Dec 2025 .. Nov 2026; October 100% on time (1 within / 1), November 25%.
    const auto heights = AttributeOf(b, "rect", "chart-bar", "height");
    const auto values = AttributeOf(b, "rect", "chart-bar", "data-value");
    ASSERT_EQ(heights.size(), 12U);
    for (std::size_t i = 0; i < 10; ++i) {
        EXPECT_DOUBLE_EQ(heights[i], 0.0) << i;
        EXPECT_EQ(values[i], -1.0) << i;
    }
    EXPECT_DOUBLE_EQ(values[10], 10000.0);
    EXPECT_DOUBLE_EQ(heights[10], charts::kPlotHeight);
    EXPECT_DOUBLE_EQ(values[11], 2500.0);
    EXPECT_DOUBLE_EQ(heights[11], charts::kPlotHeight / 4.0);
    EXPECT_NE(b.find("12/2025"), std::string::npos);
    // Online share: 0 of 1 in October, 0 of 3 in November: two points on the baseline.
    const auto cy = AttributeOf(b, "circle", "chart-point", "cy");
    ASSERT_EQ(cy.size(), 2U);
    EXPECT_DOUBLE_EQ(cy[0], charts::kPlotTop + charts::kPlotHeight);
    // The table fallback carries the same numbers.
    EXPECT_NE(b.find("<tr><th scope=\"row\">11/2026</th><td>1 / 4</td><td>25,00%</td><td>0 / "
                     "3</td><td>0,00%</td></tr>"),
              std::string::npos)
        << b;
    // (b) backlog: 1 not due, 3 and 8 and 18 working days overdue.
    EXPECT_NE(b.find("4 hồ sơ đang giải quyết"), std::string::npos);
    for (const char* row : {"<tr><th scope=\"row\">Chưa đến hạn</th><td>1</td></tr>",
                            "<tr><th scope=\"row\">Quá hạn 1–5 ngày</th><td>1</td></tr>",
                            "<tr><th scope=\"row\">Quá hạn 6–10 ngày</th><td>1</td></tr>",
                            "<tr><th scope=\"row\">Quá hạn trên 10 ngày</th><td>1</td></tr>"}) {
        EXPECT_NE(b.find(row), std::string::npos) << row;
    }
    EXPECT_EQ(AttributeOf(b, "rect", "chart-hbar", "width").size(), 4U + 1U)
        << "4 backlog bars and 1 unit at risk";
    // (c) units at risk: the department (25% < 90%, 3 overdue) links to its scorecard.
    EXPECT_NE(b.find("<a href=\"/chi-so?don-vi=46.SOTP&amp;ky=2026-11&amp;cach-tinh=calendar\">"),
              std::string::npos);
    EXPECT_NE(b.find("<td>25,00%</td><td>3</td>"), std::string::npos) << b;

    // The app's backlog directly, for a unit outside the scenario: empty.
    auto other = app::Backlog(ctx_, ActorOf("lanhdao"), "19753");
    ASSERT_TRUE(other) << other.error().message;
    EXPECT_EQ(other->Total(), 0);
    auto mine = app::Backlog(ctx_, ActorOf("lanhdao"), "46.SOTP");
    ASSERT_TRUE(mine);
    EXPECT_EQ(mine->not_due, 1);
    EXPECT_EQ(mine->overdue_1_5, 1);
    EXPECT_EQ(mine->overdue_6_10, 1);
    EXPECT_EQ(mine->overdue_more, 1);
    EXPECT_FALSE(app::Backlog(ctx_, ActorOf("motcua"), "46.SOTP"));
}

}  // namespace
}  // namespace motcua::web::webtest
