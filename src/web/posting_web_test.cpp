// /don-vi/{code} and /cong-khai… (issue #8, engineer E; docs/control.md "Public posting"): the
// public unit page lists exactly what the unit receives, searches, links the feedback address and
// holds no personal data; the desk page warns until a posting is recorded through the form (PRG),
// refuses bad input (422) and a post without the CSRF token; the sheets print (HTML, both
// layouts) and download as PDF, with QR codes to the public pages (one per procedure on the A4
// list, one for the sheet on the board; decoded back from the PDF with zbarimg); other desks'
// officers are refused.
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "render/render_test_util.hpp"
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

// The QR codes of page 1 of `pdf` (rasterised by pdftoppm, decoded by zbarimg), one per line,
// and the text pdftotext reads from the whole file with all white space dropped (addresses wrap
// inside their table cells).
struct PdfReadBack {
    std::vector<std::string> codes;
    std::string text;
};
PdfReadBack ReadPdf(const std::string& pdf) {
    namespace rt = render::testing;
    const rt::TempOutput file(".pdf");
    file.Write(pdf);
    PdfReadBack out;
    for (const char c : rt::RunCommand("pdftotext " + rt::Quote(file.Path()) + " -").out) {
        if (c != ' ' && c != '\n' && c != '\f' && c != '\t') out.text.push_back(c);
    }
    EXPECT_EQ(rt::RunCommand("pdftoppm -r 200 -png -f 1 -singlefile " + rt::Quote(file.Path()) +
                             " " + rt::Quote(file.Path()))
                  .status,
              0);
    std::istringstream lines(
        rt::RunCommand("zbarimg --raw -q " + rt::Quote(file.Path() + ".png")).out);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) out.codes.push_back(line);
    }
    return out;
}

TEST_F(PostingPages, SheetsCarryQrCodesToThePublicPages) {
    for (const char* tool : {"pdftotext", "pdftoppm", "zbarimg"}) {
        ASSERT_TRUE(render::testing::HaveTool(tool))
            << tool << " is missing: scripts/setup installs poppler-utils and zbar-tools";
    }
    // A4, HTML: one inline SVG code per row, in the row's QR cell, the address printed beside.
    auto a4 = Get("/cong-khai/bo-phan/19753.BPMC/niem-yet");
    ASSERT_EQ(a4.status, 200);
    const std::size_t rows = Occurrences(a4.body, "<tr><td>");
    ASSERT_GT(rows, 10U);
    EXPECT_EQ(
        Occurrences(a4.body, R"(<td class="posting-qr"><svg xmlns="http://www.w3.org/2000/svg")"),
        rows);
    EXPECT_EQ(Occurrences(a4.body, R"(aria-label="Mã QR trang thủ tục )"), rows);
    EXPECT_EQ(Occurrences(a4.body, R"(<span class="posting-url"> http://127.0.0.1:8080/thu-tuc/)"),
              rows);
    EXPECT_EQ(a4.body.find("<script>"), std::string::npos);  // the strict CSP holds: markup only
    // Board, HTML: one code for the sheet, to the desk's public page, its address beside it.
    auto board = Get("/cong-khai/bo-phan/19753.BPMC/niem-yet?kieu=bang");
    ASSERT_EQ(board.status, 200);
    EXPECT_EQ(Occurrences(board.body, "<svg xmlns="), 1U);
    EXPECT_NE(board.body.find(
                  R"(<span class="posting-qr-url">http://127.0.0.1:8080/don-vi/19753.BPMC</span>)"),
              std::string::npos);

    // A4, PDF: every code on page 1 decodes to a procedure's page, and the addresses are printed.
    auto a4_pdf = Get("/cong-khai/bo-phan/19753.BPMC/niem-yet.pdf");
    ASSERT_EQ(a4_pdf.status, 200);
    const PdfReadBack a4_read = ReadPdf(a4_pdf.body);
    ASSERT_GE(a4_read.codes.size(), 3U) << a4_read.text.substr(0, 2000);
    std::set<std::string> distinct;
    for (const std::string& code : a4_read.codes) {
        EXPECT_EQ(code.rfind("http://127.0.0.1:8080/thu-tuc/", 0), 0U) << code;
        EXPECT_NE(a4_read.text.find(code), std::string::npos) << "not printed: " << code;
        distinct.insert(code);
    }
    EXPECT_EQ(distinct.size(), a4_read.codes.size());
    // Board, PDF: the one code of the sheet.
    auto board_pdf = Get("/cong-khai/bo-phan/19753.BPMC/niem-yet.pdf?kieu=bang");
    ASSERT_EQ(board_pdf.status, 200);
    const PdfReadBack board_read = ReadPdf(board_pdf.body);
    ASSERT_EQ(board_read.codes.size(), 1U);
    EXPECT_EQ(board_read.codes[0], "http://127.0.0.1:8080/don-vi/19753.BPMC");
    EXPECT_NE(board_read.text.find("http://127.0.0.1:8080/don-vi/19753.BPMC"), std::string::npos);
}

}  // namespace
}  // namespace motcua::web::webtest
