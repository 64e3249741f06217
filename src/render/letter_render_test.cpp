// The correction letter as DOCX (read back with unzip) and PDF (read back with poppler).

#include <string>

#include <gtest/gtest.h>

#include "render/letters.hpp"
#include "render/render_test_util.hpp"

namespace motcua::render {
namespace {

using testing::CollapseSpaces;
using testing::HaveTool;
using testing::Quote;
using testing::RunCommand;
using testing::TempOutput;

Letter SampleLetter() {
    Letter l;
    l.parent_unit = "UBND THÀNH PHỐ HUẾ";
    l.issuing_unit = "VĂN PHÒNG UBND THÀNH PHỐ";
    l.number = "Số: ……/VP-KSTT";
    l.subject = "V/v đôn đốc, chấn chỉnh việc giải quyết hồ sơ TTHC Quý III/2026";
    l.place_date = "Huế, ngày 20 tháng 9 năm 2026";
    l.recipient = "Sở Tư pháp thành phố Huế";
    l.intro = {"Qua theo dõi trên Hệ thống thông tin giải quyết TTHC, Văn phòng đề nghị:"};
    l.sections = {LetterSection{
        .heading = "1. Hồ sơ giải quyết quá hạn, tồn đọng",
        .paragraphs = {"Còn 2 hồ sơ quá hạn <chưa> giải quyết & chưa có văn bản xin lỗi."},
        .table_header = {"STT", "Mã hồ sơ", "Thủ tục", "Hạn giải quyết", "Quá hạn"},
        .table_widths = {1, 4, 6, 3, 2},
        .rows = {
            {"1", "H46.10-260812-0001", "Đăng ký hành nghề luật sư", "14/8/2026", "25 ngày"}}}};
    l.closing = {"Đề nghị đơn vị khẩn trương khắc phục, báo cáo kết quả trước ngày 30/9/2026."};
    l.signer_title = "KT. CHÁNH VĂN PHÒNG";
    l.recipients_note = "Nơi nhận: Như trên; Lưu: VT, KSTT.";
    return l;
}

TEST(LetterDocx, AZipWithTheDocumentPart) {
    ASSERT_TRUE(HaveTool("unzip")) << "unzip is missing (scripts/setup installs it)";
    const base::Result<std::string> docx = RenderLetterDocx(SampleLetter());
    ASSERT_TRUE(docx.ok()) << docx.error().message;
    EXPECT_EQ(docx->rfind("PK\x03\x04", 0), 0U);
    EXPECT_EQ(*RenderLetterDocx(SampleLetter()), *docx) << "deterministic";
    const TempOutput file(".docx");
    file.Write(*docx);
    EXPECT_EQ(RunCommand("unzip -tq " + Quote(file.Path())).status, 0) << "CRCs and directory";
    const std::string types =
        RunCommand("unzip -p " + Quote(file.Path()) + " '\\[Content_Types\\].xml'").out;
    EXPECT_NE(types.find("wordprocessingml.document.main+xml"), std::string::npos);
    const std::string doc = RunCommand("unzip -p " + Quote(file.Path()) + " word/document.xml").out;
    for (const char* text :
         {"UBND THÀNH PHỐ HUẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "V/v đôn đốc, chấn chỉnh việc giải quyết hồ sơ TTHC Quý III/2026",
          "Kính gửi: Sở Tư pháp thành phố Huế", "1. Hồ sơ giải quyết quá hạn, tồn đọng",
          "H46.10-260812-0001", "<w:tblHeader/>", "KT. CHÁNH VĂN PHÒNG",
          "&lt;chưa&gt; giải quyết &amp; chưa"}) {
        EXPECT_NE(doc.find(text), std::string::npos) << "missing: " << text;
    }
    EXPECT_EQ(doc.find("<chưa>"), std::string::npos) << "escaped";
}

TEST(LetterPdf, TheLetterAsPrinted) {
    ASSERT_TRUE(HaveTool("pdftotext")) << "install poppler-utils";
    const base::Result<std::string> pdf = RenderLetterPdf(SampleLetter());
    ASSERT_TRUE(pdf.ok()) << pdf.error().message;
    EXPECT_EQ(pdf->rfind("%PDF-", 0), 0U);
    const TempOutput file(".pdf");
    file.Write(*pdf);
    const std::string text =
        CollapseSpaces(RunCommand("pdftotext -layout " + Quote(file.Path()) + " -").out);
    for (const char* expected :
         {"UBND THÀNH PHỐ HUẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "Kính gửi: Sở Tư pháp thành phố Huế", "1. Hồ sơ giải quyết quá hạn, tồn đọng",
          "H46.10-260812-0001", "KT. CHÁNH VĂN PHÒNG"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n"
                                                          << text;
    }
}

TEST(Letter, RejectsBrokenText) {
    Letter l = SampleLetter();
    l.sections[0].rows[0][2] = "\xC3";
    EXPECT_EQ(RenderLetterDocx(l).error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_EQ(RenderLetterPdf(l).error().code, base::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace motcua::render
