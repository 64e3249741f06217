// The report page /bao-cao (issue #6): a leader picks a unit and a period and reads form 06 as a
// table with its merged header, the invariant and the XLSX/PDF links; bad input is a Vietnamese
// message; staff outside the report's audience and anonymous visitors get no figures.
#include <array>
#include <string>

#include "store/database.hpp"
#include "web/web_test_fixture.hpp"

namespace motcua::web::webtest {
namespace {

class ReportPages : public WebRoutes {
protected:
    void SetUp() override {
        WebRoutes::SetUp();
        auto seeded = app::SeedDemoDossiers(ctx_);
        ASSERT_TRUE(seeded) << seeded.error().message;
    }

    // A demo dossier in `state` (the demo data holds one of each).
    std::string DossierIn(std::string_view state) {
        auto tx = db_->Begin(store::TxMode::kRead);
        EXPECT_TRUE(tx);
        const std::array<store::Value, 1> params{store::Value{std::string(state)}};
        auto row =
            (*tx)->QueryOne("SELECT code FROM dossiers WHERE state = $1 ORDER BY id", params);
        EXPECT_TRUE(row && *row) << state;
        return row && *row ? (*row)->Text(0) : std::string();
    }
};

std::size_t Count(const std::string& text, std::string_view what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

TEST_F(ReportPages, ALeaderReadsTheFormWithDownloads) {
    const std::string leader = SignIn("lanhdao");
    const auto blank = Get("/bao-cao", leader);
    ASSERT_EQ(blank.status, 200) << blank.body;
    EXPECT_NE(blank.body.find("href=\"/bao-cao\""), std::string::npos) << "the nav link";
    EXPECT_NE(blank.body.find("Kỳ số liệu theo Nghị định 09/2019 (15–14)"), std::string::npos);
    EXPECT_NE(blank.body.find("Theo tháng dương lịch"), std::string::npos);
    EXPECT_NE(blank.body.find("value=\"2026-Q4\""), std::string::npos) << "the current quarter";
    EXPECT_EQ(blank.body.find("report-table"), std::string::npos) << "no table before asking";

    const auto page = Get("/bao-cao?don-vi=46&ky=2026-Q4&cach-tinh=calendar", leader);
    ASSERT_EQ(page.status, 200) << page.body;
    const std::string& b = page.body;
    EXPECT_NE(b.find("Biểu số 06/VPCP/KSTT"), std::string::npos);
    EXPECT_NE(b.find("Kỳ báo cáo: Quý IV/2026 (Từ ngày 1/10/2026 đến ngày 31/12/2026)"),
              std::string::npos);
    EXPECT_NE(b.find("<th scope=\"colgroup\" colspan=\"4\">Số hồ sơ nhận giải quyết</th>"),
              std::string::npos);
    EXPECT_NE(b.find("<th scope=\"colgroup\" colspan=\"7\">Kết quả giải quyết</th>"),
              std::string::npos);
    EXPECT_NE(b.find("<td>(13)</td>"), std::string::npos);
    EXPECT_NE(b.find("Theo lĩnh vực"), std::string::npos);
    EXPECT_NE(b.find("Tổng cộng"), std::string::npos);
    EXPECT_EQ(Count(b, "<tr class=\"report-total\">"), 1U);
    EXPECT_NE(b.find("cột (3) = cột (7) + cột (11)"), std::string::npos);
    EXPECT_NE(b.find("href=\"/api/v1/reports/tthc-settlement?unit=46&amp;period=2026-Q4&amp;"
                     "window=calendar&amp;format=xlsx\""),
              std::string::npos)
        << b;
    EXPECT_NE(b.find("format=pdf\""), std::string::npos);
    // The calendar rule stays selected.
    EXPECT_NE(b.find("<option value=\"calendar\" selected>"), std::string::npos);
}

TEST_F(ReportPages, BadInputIsAVietnameseMessage) {
    const std::string leader = SignIn("lanhdao");
    auto r = Get("/bao-cao?don-vi=46&ky=2026-Q7", leader);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("kỳ báo cáo"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("report-table"), std::string::npos);
    r = Get("/bao-cao?don-vi=KHONGCO&ky=2026-Q3", leader);
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_NE(r.body.find("Không có đơn vị"), std::string::npos) << r.body;
    r = Get("/bao-cao?don-vi=46&ky=2026-Q3&cach-tinh=fiscal", leader);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("Cách tính kỳ số liệu không hợp lệ."), std::string::npos);
}

TEST_F(ReportPages, OnlyTheReportAudienceInScope) {
    EXPECT_EQ(Get("/bao-cao?don-vi=46&ky=2026-Q3").status, 303);
    for (const char* name : {"motcua", "chuyenvien", "congdan"}) {
        const std::string who = SignIn(name);
        const auto r = Get("/bao-cao?don-vi=46&ky=2026-Q3", who);
        EXPECT_EQ(r.status, 403) << name;
        EXPECT_EQ(r.body.find("report-table"), std::string::npos) << name;
        EXPECT_EQ(r.body.find("href=\"/bao-cao\""), std::string::npos) << name << ": no nav link";
    }
    // The department's leader sees the department only; the province is refused.
    const std::string stp = SignIn("lanhdaostp");
    const auto own = Get("/bao-cao?don-vi=46.SOTP&ky=2026-Q3", stp);
    EXPECT_EQ(own.status, 200) << own.body;
    EXPECT_NE(own.body.find("<option value=\"46.SOTP\" selected>"), std::string::npos);
    EXPECT_EQ(own.body.find("<option value=\"46\""), std::string::npos) << "outside the scope";
    EXPECT_EQ(Get("/bao-cao?don-vi=46&ky=2026-Q3", stp).status, 403);
}

// "Dữ liệu liên thông" on the officer's dossier page.
TEST_F(ReportPages, AnOfficerSetsTheOutsideFacts) {
    const std::string code = DossierIn("processing");
    const std::string officer = SignIn("chuyenvien");
    const std::string page = "/ho-so/" + code;
    const auto before = Get(page, officer);
    ASSERT_EQ(before.status, 200) << before.body;
    EXPECT_NE(before.body.find("<h2 id=\"lien-thong\">Dữ liệu liên thông</h2>"), std::string::npos);
    EXPECT_EQ(Count(before.body, "<dd>Chưa rõ</dd>"), 3U);
    const std::string csrf = CsrfOf(before.body);
    ASSERT_FALSE(csrf.empty());
    const std::string path = page + "/lien-thong";

    // No CSRF token: refused, nothing stored.
    EXPECT_EQ(Post(path, "cong-dvc=co", officer).status, 403);
    // A value that is not a choice: a Vietnamese message, nothing stored.
    const auto bad = Post(path, "_csrf=" + csrf + "&cong-dvc=maybe", officer);
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("Chọn “Có”, “Không” hoặc “Giữ nguyên”."), std::string::npos);
    EXPECT_EQ(Count(Get(page, officer).body, "<dd>Chưa rõ</dd>"), 3U);
    // Nothing chosen: nothing stored.
    const auto none = Post(path, "_csrf=" + csrf + "&cong-dvc=&dan-cu=&kho-du-lieu=", officer);
    ASSERT_EQ(none.status, 303);
    EXPECT_EQ(Count(Get(page, officer).body, "<dd>Chưa rõ</dd>"), 3U);

    const auto saved = Post(path, "_csrf=" + csrf + "&cong-dvc=co&dan-cu=khong", officer);
    ASSERT_EQ(saved.status, 303) << saved.body;
    const auto after = Get(page + "?lien-thong=da-luu", officer);
    ASSERT_EQ(after.status, 200);
    EXPECT_NE(after.body.find("Đã ghi dữ liệu liên thông."), std::string::npos);
    EXPECT_NE(after.body.find("<dt>Đồng bộ lên Cổng DVC quốc gia</dt><dd>Có (lúc "),
              std::string::npos)
        << after.body;
    EXPECT_NE(after.body.find("<dt>Khai thác dữ liệu dân cư/VNeID</dt><dd>Không</dd>"),
              std::string::npos);

    // A citizen may not set the facts of a dossier (the use case refuses).
    const std::string citizen = SignIn("congdan");
    const auto home = Get("/cong-dan", citizen);
    ASSERT_FALSE(CsrfOf(home.body).empty()) << home.status;
    const auto refused = Post(path, "_csrf=" + CsrfOf(home.body) + "&kho-du-lieu=co", citizen);
    EXPECT_TRUE(refused.status == 403 || refused.status == 404) << refused.status;
    EXPECT_EQ(Count(Get(page, officer).body, "Đẩy kết quả vào Kho dữ liệu công dân</dt><dd>Có"),
              0U);
}

}  // namespace
}  // namespace motcua::web::webtest
