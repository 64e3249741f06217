// /don-vi/{code} and /cong-khai… (issue #8, engineer E; docs/control.md "Public posting"): the
// public unit page lists exactly what the unit receives, searches, links the feedback address and
// holds no personal data; the desk page warns until a posting is recorded through the form (PRG),
// refuses bad input (422) and a post without the CSRF token; the sheets print (HTML, both
// layouts) and download as PDF; other desks' officers are refused.
#include <regex>
#include <string>

#include "web/web_test_fixture.hpp"

namespace motcua::web::webtest {
namespace {

class PostingPages : public WebRoutes {
protected:
    std::int64_t Count(std::string_view table) {
        auto tx = db_->Begin(store::TxMode::kRead);
        EXPECT_TRUE(tx);
        auto row = (*tx)->QueryOne("SELECT COUNT(*) FROM " + std::string(table), {});
        EXPECT_TRUE(row && *row);
        return (row && *row) ? (*row)->Int(0) : -1;
    }
    static std::size_t Occurrences(const std::string& text, std::string_view what) {
        std::size_t n = 0;
        for (std::size_t pos = text.find(what); pos != std::string::npos;
             pos = text.find(what, pos + 1)) {
            ++n;
        }
        return n;
    }
};

TEST_F(PostingPages, PublicUnitPage) {
    auto page = Get("/don-vi/19753");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("Phường Phú Xuân"), std::string::npos);
    EXPECT_NE(page.body.find(R"(href="/phan-anh-kien-nghi?don-vi=19753")"), std::string::npos);
    EXPECT_NE(page.body.find(R"(href="/cong-khai/bo-phan/19753.BPMC/niem-yet")"),
              std::string::npos);
    // Every procedure listed links to its page; the count is the commune's.
    const std::size_t rows = Occurrences(page.body, R"(<td><a href="/thu-tuc/)");
    EXPECT_GT(rows, 10U);
    EXPECT_NE(page.body.find("Thủ tục hành chính tiếp nhận (" + std::to_string(rows) + ")"),
              std::string::npos);
    // Search narrows the list.
    auto search = Get("/don-vi/19753?q=khai+sinh");
    ASSERT_EQ(search.status, 200);
    const std::size_t found = Occurrences(search.body, R"(<td><a href="/thu-tuc/)");
    EXPECT_GT(found, 0U);
    EXPECT_LT(found, rows);
    // No personal data: neither the desk officer's name nor any applicant's.
    for (std::string_view personal : {"Ngô Thị Xuân", "Võ Thị Dân", "@example"}) {
        EXPECT_EQ(page.body.find(personal), std::string::npos) << personal;
    }
    EXPECT_EQ(Get("/don-vi/khong-co").status, 404);
    // Linked from the public tree.
    EXPECT_NE(Get("/don-vi").body.find(R"(href="/don-vi/19753")"), std::string::npos);
}

TEST_F(PostingPages, DeskPageWarnsUntilAPostingIsRecorded) {
    EXPECT_EQ(Get("/cong-khai").status, 303);  // sign in first
    const std::string desk = SignIn("motcuaxa");
    auto list = Get("/cong-khai", desk);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_NE(list.body.find(R"(href="/cong-khai/bo-phan/19753.BPMC")"), std::string::npos);
    EXPECT_NE(list.body.find("Chưa niêm yết"), std::string::npos);
    EXPECT_NE(list.body.find(R"(href="/cong-khai")"), std::string::npos);  // nav link

    auto page = Get("/cong-khai/bo-phan/19753.BPMC", desk);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("chưa ghi nhận lần niêm yết nào"), std::string::npos);
    const std::string csrf = CsrfOf(page.body);
    ASSERT_FALSE(csrf.empty());

    // Without the token: refused, nothing written. A future day: 422 with the message.
    EXPECT_EQ(Post("/cong-khai/bo-phan/19753.BPMC", "posted_on=2026-11-27", desk).status, 403);
    auto future =
        Post("/cong-khai/bo-phan/19753.BPMC", "_csrf=" + csrf + "&posted_on=2026-12-25", desk);
    EXPECT_EQ(future.status, 422);
    EXPECT_NE(future.body.find("tương lai"), std::string::npos);
    auto bad_day =
        Post("/cong-khai/bo-phan/19753.BPMC", "_csrf=" + csrf + "&posted_on=27-11-2026", desk);
    EXPECT_EQ(bad_day.status, 422);
    EXPECT_EQ(Count("postings"), 0);

    auto done =
        Post("/cong-khai/bo-phan/19753.BPMC",
             "_csrf=" + csrf + "&posted_on=2026-11-27&layout=board&note=T%E1%BA%A7ng+1", desk);
    ASSERT_EQ(done.status, 303) << done.body;
    EXPECT_EQ(Count("postings"), 1);
    auto after = Get("/cong-khai/bo-phan/19753.BPMC?da-ghi=1", desk);
    ASSERT_EQ(after.status, 200);
    EXPECT_NE(after.body.find("Đã ghi nhận lần niêm yết."), std::string::npos);
    EXPECT_NE(after.body.find("khớp danh mục thủ tục đang có hiệu lực"), std::string::npos);
    EXPECT_NE(after.body.find("Tầng 1"), std::string::npos);
    EXPECT_NE(after.body.find("Bảng lớn"), std::string::npos);

    // Another commune's desk is not this officer's.
    EXPECT_EQ(Get("/cong-khai/bo-phan/19774.BPMC", desk).status, 403);
    EXPECT_EQ(Get("/cong-khai/bo-phan/khong-co", desk).status, 404);
}

TEST_F(PostingPages, SheetsPrintAndDownload) {
    auto a4 = Get("/cong-khai/bo-phan/19753.BPMC/niem-yet");
    ASSERT_EQ(a4.status, 200) << a4.body;
    EXPECT_NE(a4.body.find("posting_print.css"), std::string::npos);
    EXPECT_NE(a4.body.find("Danh mục thủ tục hành chính tiếp nhận tại bộ phận"), std::string::npos);
    EXPECT_NE(a4.body.find("Lĩnh vực: Hộ tịch"), std::string::npos);
    EXPECT_NE(a4.body.find(R"(class="table posting-table")"), std::string::npos);
    EXPECT_EQ(a4.body.find("site-header"), std::string::npos);  // print view
    auto board = Get("/cong-khai/bo-phan/19753.BPMC/niem-yet?kieu=bang");
    ASSERT_EQ(board.status, 200);
    EXPECT_NE(board.body.find("posting-board"), std::string::npos);
    EXPECT_EQ(board.body.find(R"(class="table posting-table")"), std::string::npos);
    for (std::string_view target : {"/cong-khai/bo-phan/19753.BPMC/niem-yet.pdf",
                                    "/cong-khai/bo-phan/19753.BPMC/niem-yet.pdf?kieu=bang"}) {
        auto pdf = Get(target);
        ASSERT_EQ(pdf.status, 200) << target;
        EXPECT_EQ(pdf.content_type, "application/pdf");
        EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0U);
        EXPECT_GT(pdf.body.size(), 5000U);
    }
    EXPECT_EQ(Get("/cong-khai/bo-phan/19753/niem-yet").status, 404);  // a commune, not a desk
}

}  // namespace
}  // namespace motcua::web::webtest
