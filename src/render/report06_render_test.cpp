// Form 06/VPCP/KSTT as XLSX (read back with unzip) and PDF (read back with poppler).

#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "render/render_test_util.hpp"
#include "render/reports.hpp"

namespace motcua::render {
namespace {

using testing::CollapseSpaces;
using testing::HaveTool;
using testing::Quote;
using testing::RunCommand;
using testing::TempOutput;

SettlementSheet Sample(int lines = 2) {
    SettlementSheet s;
    s.form_code = "Biểu số 06/VPCP/KSTT";
    s.legal_note = "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020";
    s.reporting_unit = "Sở Tư pháp tỉnh Thừa Thiên Huế";
    s.receiving_unit = "Văn phòng UBND tỉnh";
    s.period_line = "Kỳ báo cáo: Quý III/2026 (Từ ngày 15/6/2026 đến ngày 14/9/2026)";
    s.place_date = "Huế, ngày 20 tháng 9 năm 2026";
    s.head_name = "Trần Văn Bình";
    s.rows.push_back({.kind = SettlementRow::Kind::kSection, .stt = "I", .label = "Theo lĩnh vực"});
    for (int i = 1; i <= lines; ++i) {
        s.rows.push_back({.kind = SettlementRow::Kind::kLine,
                          .stt = std::to_string(i),
                          .label = i == 1 ? "Hộ tịch" : "Chứng thực " + std::to_string(i),
                          .cells = {17, 9, 5, 3, 12, 4, 7, 1, 5, 4, 1}});
    }
    s.rows.push_back({.kind = SettlementRow::Kind::kTotal,
                      .label = "Tổng cộng",
                      .cells = {34, 18, 10, 6, 24, 8, 14, 2, 10, 8, 2}});
    return s;
}

std::string Unzip(const std::string& path, const char* member) {
    return RunCommand("unzip -p " + Quote(path) + " " + member).out;
}

TEST(SettlementXlsx, MergedHeaderNumbersAndRows) {
    ASSERT_TRUE(HaveTool("unzip")) << "unzip is missing (scripts/setup installs it)";
    const base::Result<std::string> xlsx = RenderSettlementXlsx(Sample());
    ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
    EXPECT_EQ(xlsx->rfind("PK", 0), 0U);
    const TempOutput file(".xlsx");
    file.Write(*xlsx);
    const std::string sheet = Unzip(file.Path(), "xl/worksheets/sheet1.xml");
    // Header rows 7–9: STT and the label span three rows; the two groups and their sub-groups.
    for (const char* merged : {"A7:A9", "B7:B9", "C7:F7", "G7:M7", "C8:C9", "D8:E8", "F8:F9",
                               "G8:J8", "K8:M8", "A5:M5", "A1:F1", "H1:M1"}) {
        EXPECT_NE(sheet.find("<mergeCell ref=\"" + std::string(merged) + "\"/>"), std::string::npos)
            << "not merged: " << merged;
    }
    // The first field row is row 12 (after the section row 11): its cells C..M are the numbers.
    const char* columns = "CDEFGHIJKLM";
    const SettlementCells expected = Sample().rows[1].cells;
    for (int i = 0; i < 11; ++i) {
        const std::string ref = std::string(1, columns[i]) + "12";
        const auto at = sheet.find("<c r=\"" + ref + "\"");
        ASSERT_NE(at, std::string::npos) << ref;
        const auto end = sheet.find("</c>", at);
        EXPECT_NE(sheet.substr(at, end - at).find("<v>" + std::to_string(expected[i]) + "</v>"),
                  std::string::npos)
            << ref << ": " << sheet.substr(at, end - at);
    }
    const std::string strings = Unzip(file.Path(), "xl/sharedStrings.xml");
    for (const char* text :
         {"Đơn vị báo cáo: Sở Tư pháp tỉnh Thừa Thiên Huế", "Biểu số 06/VPCP/KSTT",
          "Kỳ báo cáo: Quý III/2026 (Từ ngày 15/6/2026 đến ngày 14/9/2026)",
          "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Đơn vị tính: Số hồ sơ TTHC",
          "Số hồ sơ nhận giải quyết", "Trực tiếp, dịch vụ bưu chính", "Số hồ sơ đang giải quyết",
          "(1)", "(13)", "Hộ tịch", "Tổng cộng", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ",
          "Huế, ngày 20 tháng 9 năm 2026", "Trần Văn Bình"}) {
        EXPECT_NE(strings.find(text), std::string::npos) << "missing: " << text;
    }
    // The column numbers are on row 10, (1) in A10 and (13) in M10.
    EXPECT_NE(sheet.find("<c r=\"A10\""), std::string::npos);
    EXPECT_NE(sheet.find("<c r=\"M10\""), std::string::npos);
    const std::string workbook = Unzip(file.Path(), "xl/workbook.xml");
    EXPECT_NE(workbook.find("name=\"Biểu 06\""), std::string::npos);
}

TEST(SettlementXlsx, RejectsBrokenText) {
    SettlementSheet s = Sample();
    s.reporting_unit = "S\xC3";
    const base::Result<std::string> xlsx = RenderSettlementXlsx(s);
    ASSERT_FALSE(xlsx.ok());
    EXPECT_EQ(xlsx.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_NE(xlsx.error().message.find("reporting_unit"), std::string::npos);
    s = Sample();
    s.rows[1].label = "\xFF";
    EXPECT_FALSE(RenderSettlementPdf(s).ok());
}

struct PdfRead {
    std::string text;
    int pages = 0;
    std::string size;
};

PdfRead ReadPdf(const std::string& bytes) {
    const TempOutput file(".pdf");
    file.Write(bytes);
    PdfRead r;
    r.text = CollapseSpaces(RunCommand("pdftotext -layout " + Quote(file.Path()) + " -").out);
    std::istringstream info(RunCommand("pdfinfo " + Quote(file.Path())).out);
    for (std::string line; std::getline(info, line);) {
        if (line.rfind("Pages:", 0) == 0) r.pages = std::stoi(line.substr(6));
        if (line.rfind("Page size:", 0) == 0) r.size = line;
    }
    return r;
}

TEST(SettlementPdf, OneLandscapePageWithTheForm) {
    ASSERT_TRUE(HaveTool("pdftotext") && HaveTool("pdfinfo")) << "install poppler-utils";
    const base::Result<std::string> pdf = RenderSettlementPdf(Sample());
    ASSERT_TRUE(pdf.ok()) << pdf.error().message;
    EXPECT_EQ(pdf->rfind("%PDF-1.5", 0), 0U);
    const PdfRead r = ReadPdf(*pdf);
    EXPECT_EQ(r.pages, 1);
    EXPECT_NE(r.size.find("841.89 x 595.27"), std::string::npos) << r.size;
    for (const char* text :
         {"Đơn vị báo cáo: Sở Tư pháp tỉnh Thừa Thiên Huế", "Biểu số 06/VPCP/KSTT",
          "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Đơn vị tính: Số hồ sơ TTHC",
          "Kết quả giải quyết", "Số hồ sơ đã giải quyết", "(13)", "NGƯỜI LẬP BIỂU",
          "THỦ TRƯỞNG ĐƠN VỊ", "Trần Văn Bình"}) {
        EXPECT_NE(r.text.find(text), std::string::npos) << "missing: " << text << "\n" << r.text;
    }
    // The row of Hộ tịch with its eleven numbers, in column order.
    EXPECT_NE(r.text.find("1 Hộ tịch 17 9 5 3 12 4 7 1 5 4 1"), std::string::npos) << r.text;
    EXPECT_NE(r.text.find("Tổng cộng 34 18 10 6 24 8 14 2 10 8 2"), std::string::npos);
    // Deterministic: the same sheet gives the same bytes.
    EXPECT_EQ(*RenderSettlementPdf(Sample()), *pdf);
}

TEST(SettlementPdf, LongReportsRepeatTheHeaderOnEveryPage) {
    ASSERT_TRUE(HaveTool("pdftotext") && HaveTool("pdfinfo")) << "install poppler-utils";
    const base::Result<std::string> pdf = RenderSettlementPdf(Sample(80));
    ASSERT_TRUE(pdf.ok()) << pdf.error().message;
    const PdfRead r = ReadPdf(*pdf);
    ASSERT_GE(r.pages, 3);
    std::size_t headers = 0;
    for (auto at = r.text.find("Số hồ sơ đang giải quyết"); at != std::string::npos;
         at = r.text.find("Số hồ sơ đang giải quyết", at + 1)) {
        ++headers;
    }
    EXPECT_EQ(headers, static_cast<std::size_t>(r.pages));
    EXPECT_NE(r.text.find("Trang 2/" + std::to_string(r.pages)), std::string::npos);
    EXPECT_NE(r.text.find("Chứng thực 80"), std::string::npos);
}

// Issues #9 and #7: further tables after the form (the PAKN form, plans' progress) — their own
// XLSX sheet with the same header block and merged header, and a new PDF page.
AnnexTable SampleAnnex() {
    AnnexTable t;
    t.sheet_name = "Biểu PAKN";
    t.form_code = "Biểu tình hình phản ánh, kiến nghị";
    t.title = "TÌNH HÌNH, KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ";
    t.measure = "Đơn vị tính: Số phản ánh, kiến nghị";
    t.columns = 5;
    t.header_rows = 2;
    t.header = {{0, 0, 2, 1, "STT"},       {0, 1, 2, 1, "Nội dung"}, {0, 2, 1, 3, "Số phản ánh"},
                {1, 2, 1, 1, "Tiếp nhận"}, {1, 3, 1, 1, "Đã xử lý"}, {1, 4, 1, 1, "Đang xử lý"}};
    t.widths = {3, 30, 8, 8, 8};
    t.rows = {{SettlementRow::Kind::kLine, "1", "Về quy định hành chính", {7, 5, 2}},
              {SettlementRow::Kind::kTotal, "", "Tổng cộng", {7, 5, 2}}};
    return t;
}

TEST(SettlementXlsx, AnnexesGetTheirOwnSheet) {
    ASSERT_TRUE(HaveTool("unzip")) << "unzip is missing (scripts/setup installs it)";
    SettlementSheet s = Sample();
    s.annexes.push_back(SampleAnnex());
    const base::Result<std::string> xlsx = RenderSettlementXlsx(s);
    ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
    const TempOutput file(".xlsx");
    file.Write(*xlsx);
    EXPECT_NE(Unzip(file.Path(), "xl/workbook.xml").find("name=\"Biểu PAKN\""), std::string::npos);
    const std::string sheet = Unzip(file.Path(), "xl/worksheets/sheet2.xml");
    // Header rows 7–8 (STT and the label span both), the column numbers on row 9, data from 10.
    for (const char* merged : {"A7:A8", "B7:B8", "C7:E7"}) {
        EXPECT_NE(sheet.find("<mergeCell ref=\"" + std::string(merged) + "\"/>"), std::string::npos)
            << "not merged: " << merged;
    }
    const auto at = sheet.find("<c r=\"D10\"");
    ASSERT_NE(at, std::string::npos);
    EXPECT_NE(sheet.substr(at, sheet.find("</c>", at) - at).find("<v>5</v>"), std::string::npos);
    const std::string strings = Unzip(file.Path(), "xl/sharedStrings.xml");
    for (const char* text :
         {"Biểu tình hình phản ánh, kiến nghị", "Đơn vị tính: Số phản ánh, kiến nghị",
          "Về quy định hành chính", "(5)"}) {
        EXPECT_NE(strings.find(text), std::string::npos) << "missing: " << text;
    }
    // A malformed annex is refused, naming it.
    s.annexes[0].rows[0].cells = {1, 2};
    const auto bad = RenderSettlementXlsx(s);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_NE(bad.error().message.find("Biểu PAKN"), std::string::npos);
}

TEST(SettlementPdf, AnnexesStartANewPage) {
    ASSERT_TRUE(HaveTool("pdftotext") && HaveTool("pdfinfo")) << "install poppler-utils";
    SettlementSheet s = Sample();
    s.annexes.push_back(SampleAnnex());
    const base::Result<std::string> pdf = RenderSettlementPdf(s);
    ASSERT_TRUE(pdf.ok()) << pdf.error().message;
    const PdfRead r = ReadPdf(*pdf);
    EXPECT_EQ(r.pages, 2);
    EXPECT_NE(r.text.find("TÌNH HÌNH, KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ"),
              std::string::npos)
        << r.text;
    EXPECT_NE(r.text.find("1 Về quy định hành chính 7 5 2"), std::string::npos) << r.text;
    EXPECT_NE(r.text.find("Trang 2/2"), std::string::npos);
}

}  // namespace
}  // namespace motcua::render
