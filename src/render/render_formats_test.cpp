// HTML and XLSX output, the input checks, the form headings, the QR matrix and the font check.

#include <string>

#include <gtest/gtest.h>

#include "render/document.hpp"
#include "render/forms.hpp"
#include "render/pango_util.hpp"
#include "render/qr.hpp"
#include "render/render_test_util.hpp"

namespace motcua::render {
namespace {

using testing::HaveTool;
using testing::Quote;
using testing::RunCommand;
using testing::SampleReceipt;
using testing::TempOutput;

TEST(RenderHtml, IsACompletePrintablePage) {
    const std::string html = RenderHtml(SampleReceipt());
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
    EXPECT_NE(html.find("<html lang=\"vi\">"), std::string::npos);
    EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
    EXPECT_NE(html.find("@page { size: A5 portrait;"), std::string::npos);
    EXPECT_NE(html.find("<h1>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>"), std::string::npos);
    EXPECT_NE(html.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);
    EXPECT_NE(html.find("Mã hồ sơ: <strong>H46.10-260312-0001</strong>"), std::string::npos);
    EXPECT_NE(html.find("<strong>Nguyễn Thị Hướng</strong>"), std::string::npos);
    EXPECT_NE(html.find("<th>Bản sao chứng thực</th>"), std::string::npos);
    EXPECT_NE(html.find("<svg"), std::string::npos) << "the QR code";
    EXPECT_NE(html.find("0905 123 456 &nbsp;&nbsp;&nbsp;Email: huong@example.vn"),
              std::string::npos);
    EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(RenderHtml, AnOrganisationIsNotAddressedAsOngBa) {
    FormData form = SampleReceipt();
    form.applicant_name = "Công ty Luật TNHH Hương Giang";
    EXPECT_NE(RenderHtml(form).find("Ông/Bà"), std::string::npos);
    form.applicant_is_organisation = true;
    const std::string html = RenderHtml(form);
    EXPECT_EQ(html.find("Ông/Bà"), std::string::npos);
    EXPECT_NE(html.find("Tổ chức"), std::string::npos);
}

TEST(RenderHtml, EscapesEveryText) {
    FormData form = SampleReceipt();
    form.applicant_name = "<script>alert('x')</script> & \"Hướng\"";
    form.reasons = "<b>không</b>";
    form.kind = FormKind::kRefusal;
    const std::string html = RenderHtml(form);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("<b>"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Hướng&quot;"),
              std::string::npos);
    EXPECT_NE(html.find("&lt;b&gt;không&lt;/b&gt;"), std::string::npos);
}

TEST(RenderHtml, PaperSizesAndInvalidUtf8) {
    FormData form = SampleReceipt();
    form.paper = Paper::kA4Portrait;
    EXPECT_NE(RenderHtml(form).find("@page { size: A4 portrait;"), std::string::npos);
    form.kind = FormKind::kRegister;
    form.paper = Paper::kA4Landscape;
    form.register_rows = {{.code = "H46.10-260312-0009", .applicant = "Võ Đức Thắng"}};
    const std::string html = RenderHtml(form);
    EXPECT_NE(html.find("@page { size: A4 landscape;"), std::string::npos);
    EXPECT_NE(html.find("<td class=\"al\">H46.10-260312-0009</td>"), std::string::npos);
    form.applicant_name = "Ng\xff";
    form.kind = FormKind::kReceipt;
    EXPECT_NE(RenderHtml(form).find("Ng\uFFFD"), std::string::npos);
}

TEST(RenderRegisterXlsx, MergedTitleHeaderAndRows) {
    ASSERT_TRUE(HaveTool("unzip")) << "unzip is missing (scripts/setup installs it)";
    FormData form;
    form.kind = FormKind::kRegister;
    form.title = "SỔ THEO DÕI HỒ SƠ";
    form.issuing_unit = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG";
    form.register_period = "Tháng 3 năm 2026";
    form.register_rows = {{.code = "H46.10-260312-0001",
                           .procedure = "Đăng ký khai sinh",
                           .applicant = "Nguyễn Thị Hướng",
                           .received_at = "12/3/2026"},
                          {.code = "H46.10-260312-0002",
                           .procedure = "Cấp bản sao trích lục hộ tịch",
                           .applicant = "Võ Đức Thắng",
                           .sets = 2}};
    const base::Result<std::string> xlsx = RenderRegisterXlsx(form);
    ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
    EXPECT_EQ(xlsx->rfind("PK", 0), 0U);
    const TempOutput file(".xlsx");
    file.Write(*xlsx);
    const std::string strings =
        RunCommand("unzip -p " + Quote(file.Path()) + " xl/sharedStrings.xml").out;
    for (const char* expected :
         {"SỔ THEO DÕI HỒ SƠ", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG – Tháng 3 năm 2026",
          "Tên thủ tục hành chính", "Hẹn trả kết quả (ngày, tháng, năm)", "Nguyễn Thị Hướng",
          "Võ Đức Thắng", "Cấp bản sao trích lục hộ tịch", "H46.10-260312-0002"}) {
        EXPECT_NE(strings.find(expected), std::string::npos) << "missing: " << expected;
    }
    const std::string sheet =
        RunCommand("unzip -p " + Quote(file.Path()) + " xl/worksheets/sheet1.xml").out;
    EXPECT_NE(sheet.find("<mergeCell ref=\"A1:M1\"/>"), std::string::npos) << sheet;
    EXPECT_NE(sheet.find("<c r=\"D7\""), std::string::npos) << "the second dossier's sets";
    EXPECT_NE(sheet.find("<v>2</v>"), std::string::npos);
    const std::string workbook =
        RunCommand("unzip -p " + Quote(file.Path()) + " xl/workbook.xml").out;
    EXPECT_NE(workbook.find("name=\"Sổ theo dõi\""), std::string::npos);
}

TEST(RenderRegisterXlsx, OnlyForTheRegister) {
    const base::Result<std::string> xlsx = RenderRegisterXlsx(SampleReceipt());
    ASSERT_FALSE(xlsx.ok());
    EXPECT_EQ(xlsx.error().code, base::ErrorCode::kInvalidArgument);
}

TEST(RenderPdf, RejectsBadInput) {
    FormData form = SampleReceipt();
    form.procedure_name = "Đăng k\xC3";  // truncated sequence
    base::Result<std::string> pdf = RenderPdf(form);
    ASSERT_FALSE(pdf.ok());
    EXPECT_EQ(pdf.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_NE(pdf.error().message.find("procedure_name"), std::string::npos);

    form = SampleReceipt();
    form.components[0].copies = -1;
    pdf = RenderPdf(form);
    ASSERT_FALSE(pdf.ok());
    EXPECT_NE(pdf.error().message.find("components.copies"), std::string::npos);

    form = SampleReceipt();
    form.sets = 0;
    EXPECT_FALSE(RenderPdf(form).ok());

    form = SampleReceipt();
    form.qr_payload = std::string(3000, 'x');
    pdf = RenderPdf(form);
    ASSERT_FALSE(pdf.ok());
    EXPECT_EQ(pdf.error().code, base::ErrorCode::kInvalidArgument);
}

TEST(StandardHeading, BothFormSets) {
    const base::Result<FormHeading> receipt =
        StandardHeading(FormKind::kReceipt, FormSet::kCircular01Of2018);
    ASSERT_TRUE(receipt.ok());
    EXPECT_EQ(receipt->number, "01");
    EXPECT_EQ(receipt->paper, Paper::kA5Portrait);
    EXPECT_NE(receipt->legal_note.find("01/2018/TT-VPCP"), std::string::npos);

    const base::Result<FormHeading> apology =
        StandardHeading(FormKind::kApology, FormSet::kCircular03Of2025);
    ASSERT_TRUE(apology.ok());
    EXPECT_EQ(apology->title, "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT");
    EXPECT_NE(apology->legal_note.find("03/2025/TT-VPCP"), std::string::npos);

    EXPECT_EQ(StandardHeading(FormKind::kProcessControl, FormSet::kCircular01Of2018)->number, "05");
    EXPECT_EQ(StandardHeading(FormKind::kProcessControl, FormSet::kCircular03Of2025)->number, "06");
    const base::Result<FormHeading> reg =
        StandardHeading(FormKind::kRegister, FormSet::kCircular03Of2025);
    EXPECT_EQ(reg->number, "07");
    EXPECT_EQ(reg->paper, Paper::kA4Landscape);

    const base::Result<FormHeading> stop =
        StandardHeading(FormKind::kStopNotice, FormSet::kCircular01Of2018);
    ASSERT_FALSE(stop.ok());
    EXPECT_EQ(stop.error().code, base::ErrorCode::kNotFound);
}

TEST(Qr, HasTheQuietZone) {
    const base::Result<detail::QrMatrix> qr = detail::EncodeQr("HS-2024-000123");
    ASSERT_TRUE(qr.ok());
    EXPECT_EQ(qr->size, 21 + 2 * detail::kQrQuietZone);  // version 1
    for (int i = 0; i < qr->size; ++i) {
        for (int band = 0; band < detail::kQrQuietZone; ++band) {
            EXPECT_FALSE(qr->At(i, band));
            EXPECT_FALSE(qr->At(i, qr->size - 1 - band));
            EXPECT_FALSE(qr->At(band, i));
            EXPECT_FALSE(qr->At(qr->size - 1 - band, i));
        }
    }
    EXPECT_TRUE(qr->At(detail::kQrQuietZone, detail::kQrQuietZone));  // finder pattern corner
    EXPECT_FALSE(detail::EncodeQr("").ok());
}

TEST(Fonts, NotoSerifResolvesAndAMissingFamilyIsReported) {
    const base::Status noto = detail::CheckFontFamily("Noto Serif");
    EXPECT_TRUE(noto.ok()) << noto.error().message;
    const base::Status missing = detail::CheckFontFamily("Phông Không Tồn Tại");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, base::ErrorCode::kInternal);
    EXPECT_NE(missing.error().message.find("fonts-noto-core"), std::string::npos);
}

TEST(Clean, ControlsAndBrokenBytes) {
    EXPECT_EQ(detail::Clean("a\r\nb\rc\x01"
                            "d"),
              "a\nb\nc d");
    EXPECT_EQ(detail::Clean("\xE1\xBA"), "\uFFFD\uFFFD");
    EXPECT_EQ(detail::Clean("Hướng"), "Hướng");
    EXPECT_TRUE(detail::IsUtf8("Nguyễn"));
    EXPECT_FALSE(detail::IsUtf8("\xED\xA0\x80"));  // a surrogate
}

}  // namespace
}  // namespace motcua::render
