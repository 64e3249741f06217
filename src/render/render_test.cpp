// The PDF forms, read back with poppler-utils: the Vietnamese text comes back exactly (NFC), the
// page size is the paper's, tables continue on new pages, the QR code decodes to the payload.

#include <cstdio>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "render/forms.hpp"
#include "render/render_test_util.hpp"

namespace motcua::render {
namespace {

using testing::CollapseSpaces;
using testing::HaveTool;
using testing::Quote;
using testing::RunCommand;
using testing::SampleReceipt;
using testing::TempOutput;

constexpr double kA4Short = 595.28;
constexpr double kA4Long = 841.89;
constexpr double kA5Short = 419.53;
constexpr double kRightMarginA5 = 10 * 72 / 25.4;

// A rendered PDF on disk with what poppler reads back from it.
struct ReadBack {
    std::string text;  // pdftotext -layout, runs of spaces collapsed
    std::string flow;  // pdftotext in reading order, every run of white space one space
    double width = 0;  // pt
    double height = 0;
    int pages = 0;
};

void RequireTools() {
    for (const char* tool : {"pdftotext", "pdfinfo", "pdffonts", "pdftoppm"}) {
        ASSERT_TRUE(HaveTool(tool)) << tool << " is missing: install poppler-utils (scripts/setup)";
    }
}

std::string PageText(const std::string& path, int page) {
    const std::string range =
        page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    return CollapseSpaces(RunCommand("pdftotext -layout" + range + " " + Quote(path) + " -").out);
}

// Every run of white space (line breaks included) as one space.
std::string Flatten(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\f' || c == '\t';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out.push_back(space ? ' ' : c);
    }
    return out;
}

ReadBack ReadPdf(const TempOutput& file) {
    ReadBack r;
    r.text = PageText(file.Path(), 0);
    r.flow = Flatten(RunCommand("pdftotext " + Quote(file.Path()) + " -").out);
    std::istringstream info(RunCommand("pdfinfo " + Quote(file.Path())).out);
    std::string line;
    while (std::getline(info, line)) {
        if (line.rfind("Pages:", 0) == 0) r.pages = std::stoi(line.substr(6));
        if (line.rfind("Page size:", 0) == 0) {
            std::istringstream size(line.substr(10));
            std::string times;
            size >> r.width >> times >> r.height;
        }
    }
    return r;
}

// Renders `form`, writes it to `file` and reads it back (fails the test if rendering fails).
ReadBack RenderAndRead(const FormData& form, const TempOutput& file) {
    const base::Result<std::string> pdf = RenderPdf(form);
    EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().message);
    if (!pdf.ok()) return {};
    EXPECT_EQ(pdf->rfind("%PDF-1.5", 0), 0U);
    file.Write(*pdf);
    return ReadPdf(file);
}

// True when `expected` comes back: on one line of the layout text, or wrapped (over lines of a
// paragraph, a table cell or a column of the top block) in the reading-order text.
bool Has(const ReadBack& r, const std::string& expected) {
    return r.text.find(expected) != std::string::npos || r.flow.find(expected) != std::string::npos;
}

// True when `text` holds no combining marks (U+0300–U+036F): Vietnamese came back composed.
bool HasNoCombiningMarks(const std::string& text) {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        const auto b1 = static_cast<unsigned char>(text[i + 1]);
        if ((b0 == 0xCC && b1 >= 0x80) || (b0 == 0xCD && b1 <= 0xAF)) return false;
    }
    return true;
}

TEST(RenderPdf, ReceiptOnA5ReadsBackExactly) {
    RequireTools();
    const TempOutput file(".pdf");
    const ReadBack r = RenderAndRead(SampleReceipt(), file);
    EXPECT_NEAR(r.width, kA5Short, 0.01);
    EXPECT_NEAR(r.height, kA4Short, 0.01);
    EXPECT_EQ(r.pages, 1);
    for (const char* expected : {"Mẫu số 01",
                                 "UBND TỈNH THỪA THIÊN HUẾ",
                                 "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
                                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                 "Độc lập - Tự do - Hạnh phúc",
                                 "Huế, ngày 12 tháng 3 năm 2026",
                                 "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                                 "Mã hồ sơ: H46.10-260312-0001",
                                 "Ông/Bà: Nguyễn Thị Hướng",
                                 "Đăng ký khai sinh",
                                 "(1) Thành phần hồ sơ nộp gồm:",
                                 "Bản chính",
                                 "Tờ khai đăng ký khai sinh",
                                 "Giấy chứng sinh",
                                 "do bệnh viện cấp",
                                 "Căn cước của cha hoặc mẹ",
                                 "(2) Số lượng hồ sơ: 01 bộ",
                                 "(3) Thời gian giải quyết hồ sơ theo quy định: 01 ngày",
                                 "(4) Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 12/3/2026",
                                 "08 giờ 30 phút, ngày 13/3/2026",
                                 "(6) Đăng ký nhận kết quả tại:",
                                 "NGƯỜI NỘP HỒ SƠ",
                                 "NGƯỜI TIẾP NHẬN HỒ SƠ",
                                 "Trần Văn Đức",
                                 "Hình thức nộp: Trực tiếp",
                                 "Số định danh cá nhân/Hộ chiếu: 046190001234"}) {
        EXPECT_TRUE(Has(r, expected)) << "missing: " << expected << "\n" << r.text;
    }
    EXPECT_TRUE(HasNoCombiningMarks(r.text)) << r.text;
    // The whole first line of the top block, side by side.
    EXPECT_NE(r.text.find("UBND TỈNH THỪA THIÊN HUẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
              std::string::npos);
}

TEST(RenderPdf, EmbedsOnlyNotoSerif) {
    RequireTools();
    const TempOutput file(".pdf");
    const base::Result<std::string> pdf = RenderPdf(SampleReceipt());
    ASSERT_TRUE(pdf.ok()) << pdf.error().message;
    file.Write(*pdf);
    std::istringstream fonts(RunCommand("pdffonts " + Quote(file.Path())).out);
    std::string line;
    int noto = 0;
    int lines = 0;
    while (std::getline(fonts, line)) {
        if (++lines <= 2) continue;  // the column titles and the rule
        EXPECT_NE(line.find("NotoSerif"), std::string::npos) << "a fallback font: " << line;
        EXPECT_NE(line.find(" yes "), std::string::npos) << "not embedded: " << line;
        ++noto;
    }
    EXPECT_GE(noto, 2) << "expected Noto Serif regular and bold";
}

TEST(RenderPdf, ReceiptQrCodeDecodesToThePayload) {
    RequireTools();
    ASSERT_TRUE(HaveTool("zbarimg"))
        << "zbarimg is missing: install zbar-tools (scripts/setup installs it) to decode QR codes";
    const TempOutput file(".pdf");
    const FormData form = SampleReceipt();
    const base::Result<std::string> pdf = RenderPdf(form);
    ASSERT_TRUE(pdf.ok()) << pdf.error().message;
    file.Write(*pdf);
    const std::string& png_base = file.Path();  // pdftoppm adds ".png"
    ASSERT_EQ(
        RunCommand("pdftoppm -r 150 -png -singlefile " + Quote(file.Path()) + " " + Quote(png_base))
            .status,
        0);
    const testing::CommandOutput decoded =
        RunCommand("zbarimg --raw -q " + Quote(png_base + ".png"));
    EXPECT_EQ(decoded.status, 0);
    EXPECT_EQ(decoded.out, form.qr_payload + "\n");
}

TEST(RenderPdf, NoQrWithoutPayload) {
    RequireTools();
    ASSERT_TRUE(HaveTool("zbarimg")) << "zbarimg is missing: install zbar-tools (scripts/setup)";
    FormData form = SampleReceipt();
    form.qr_payload.clear();
    const TempOutput file(".pdf");
    const ReadBack r = RenderAndRead(form, file);
    EXPECT_NE(r.text.find("Mã hồ sơ: H46.10-260312-0001"), std::string::npos);
    ASSERT_EQ(RunCommand("pdftoppm -r 150 -png -singlefile " + Quote(file.Path()) + " " +
                         Quote(file.Path()))
                  .status,
              0);
    EXPECT_NE(RunCommand("zbarimg --raw -q " + Quote(file.Path() + ".png")).status, 0);
}

TEST(RenderPdf, SupplementRequestOnA4ListsComponentsAndReasons) {
    RequireTools();
    FormData form = SampleReceipt();
    form.kind = FormKind::kSupplementRequest;
    form.number = "02";
    form.title = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ";
    form.paper = Paper::kA4Portrait;
    form.qr_payload.clear();
    form.components = {{.name = "Giấy chứng nhận kết hôn của cha mẹ", .certified_copies = 1}};
    form.reasons = "Thiếu giấy chứng nhận kết hôn.\nTờ khai chưa ghi quê quán của người mẹ.";
    form.officer_phone = "0234 3822 111";
    const TempOutput file(".pdf");
    const ReadBack r = RenderAndRead(form, file);
    EXPECT_NEAR(r.width, kA4Short, 0.01);
    EXPECT_NEAR(r.height, kA4Long, 0.01);
    for (const char* expected :
         {"Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Hồ sơ của: Nguyễn Thị Hướng",
          "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", "Giấy chứng nhận kết hôn của cha mẹ",
          "Lý do:", "Thiếu giấy chứng nhận kết hôn.", "Tờ khai chưa ghi quê quán của người mẹ.",
          "0234 3822 111", "NGƯỜI HƯỚNG DẪN"}) {
        EXPECT_TRUE(Has(r, expected)) << "missing: " << expected << "\n" << r.text;
    }
    EXPECT_EQ(r.text.find("NGƯỜI NỘP HỒ SƠ"), std::string::npos);
}

TEST(RenderPdf, RefusalStatesTheReasons) {
    RequireTools();
    FormData form = SampleReceipt();
    form.kind = FormKind::kRefusal;
    form.number = "03";
    form.title = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ";
    form.reasons = "Thủ tục không thuộc thẩm quyền giải quyết của Trung tâm.";
    const TempOutput file(".pdf");
    const ReadBack r = RenderAndRead(form, file);
    for (const char* expected :
         {"PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Nguyễn Thị Hướng",
          "với lý do cụ thể như sau:", "Thủ tục không thuộc thẩm quyền giải quyết của Trung",
          "Xin thông báo để ông/bà được biết và thực hiện./.", "NGƯỜI TIẾP NHẬN HỒ SƠ"}) {
        EXPECT_TRUE(Has(r, expected)) << "missing: " << expected << "\n" << r.text;
    }
}

TEST(RenderPdf, ApologyGivesOldAndNewAppointment) {
    RequireTools();
    FormData form = SampleReceipt();
    form.kind = FormKind::kApology;
    form.number = "04";
    form.title.clear();  // the 2025 title by default
    form.paper = Paper::kA4Portrait;
    form.issuing_unit = "SỞ TƯ PHÁP";
    form.settling_unit = "Sở Tư pháp";
    form.new_appointment_at = "16 giờ 00 phút, ngày 20/3/2026";
    form.reasons = "Phải xác minh thông tin hộ tịch tại địa phương khác.";
    form.leader_title = "GIÁM ĐỐC";
    form.leader_name = "Lê Quang Hải";
    const TempOutput file(".pdf");
    const ReadBack r = RenderAndRead(form, file);
    for (const char* expected :
         {"VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", "Kính gửi: Ông/Bà Nguyễn",
          "08 giờ 30 phút, ngày 13/3/2026", "16 giờ 00 phút, ngày 20/3/2026",
          "Phải xác minh thông tin hộ tịch tại địa phương khác.", "Sở Tư pháp xin lỗi ông/bà",
          "GIÁM ĐỐC", "Lê Quang Hải", "Xin trân trọng cảm ơn./."}) {
        EXPECT_TRUE(Has(r, expected)) << "missing: " << expected << "\n" << r.text;
    }
}

TEST(RenderPdf, StopNotice) {
    RequireTools();
    FormData form = SampleReceipt();
    form.kind = FormKind::kStopNotice;
    form.number = "05";
    form.title = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ";
    form.reasons = "Người nộp hồ sơ đề nghị dừng giải quyết ngày 12/3/2026.";
    form.leader_title = "GIÁM ĐỐC";
    const TempOutput file(".pdf");
    const ReadBack r = RenderAndRead(form, file);
    for (const char* expected :
         {"THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "thông báo dừng giải quyết hồ sơ nêu trên",
          "Người nộp hồ sơ đề nghị dừng giải quyết ngày 12/3/2026.", "GIÁM ĐỐC",
          "(mã hồ sơ H46.10-260312-0001)"}) {
        EXPECT_TRUE(Has(r, expected)) << "missing: " << expected << "\n" << r.text;
    }
}

TEST(RenderPdf, ProcessControlSlipHasTheHandOverTable) {
    RequireTools();
    FormData form = SampleReceipt();
    form.kind = FormKind::kProcessControl;
    form.number = "06";
    form.title = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ";
    form.paper = Paper::kA4Portrait;
    form.settling_unit = "Phòng Tư pháp";
    form.hand_overs = {{.giver = "Bộ phận Một cửa",
                        .receiver = "Phòng Tư pháp",
                        .at = "8 giờ 45 phút, ngày 12/3/2026",
                        .result = "Trước hạn"},
                       {.giver = "Phòng Tư pháp",
                        .receiver = "Bộ phận Một cửa",
                        .at = "15 giờ 10 phút, ngày 12/3/2026",
                        .result = "Đúng hạn",
                        .note = "Đã ký số"}};
    const TempOutput file(".pdf");
    const ReadBack r = RenderAndRead(form, file);
    for (const char* expected :
         {"PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "TÊN CƠ QUAN", "THỜI GIAN GIAO, NHẬN HỒ SƠ",
          "KẾT QUẢ GIẢI QUYẾT HỒ SƠ", "GHI CHÚ", "1. Giao: Bộ phận Một cửa",
          "2. Nhận: Phòng Tư pháp", "8 giờ 45 phút, ngày 12/3/2026", "Trước hạn", "Đúng hạn",
          "Đã ký số", "Người giao", "Người nhận", "Chủ hồ sơ: Nguyễn Thị Hướng"}) {
        EXPECT_TRUE(Has(r, expected)) << "missing: " << expected << "\n" << r.text;
    }
}

FormData SampleRegister(int rows) {
    FormData form;
    form.kind = FormKind::kRegister;
    form.number = "07";
    form.title = "SỔ THEO DÕI HỒ SƠ";
    form.paper = Paper::kA4Landscape;
    form.parent_unit = "UBND TỈNH THỪA THIÊN HUẾ";
    form.issuing_unit = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG";
    form.register_period = "Tháng 3 năm 2026";
    for (int i = 1; i <= rows; ++i) {
        const std::string number = std::to_string(i);
        std::string code = "H46.10-260312-";
        code.append(4 - number.size(), '0').append(number);
        form.register_rows.push_back(
            {.code = code,
             .procedure = "Đăng ký khai sinh",
             .applicant = i % 2 == 0 ? "Phạm Thị Ngọc Ánh" : "Võ Đức Thắng",
             .address_phone = "Phường Thuận Hóa, 0905 000 111",
             .settling_unit = "Phòng Tư pháp",
             .received_at = "12/3/2026",
             .appointment_at = "13/3/2026",
             .sets = 1});
    }
    return form;
}

TEST(RenderPdf, RegisterIsLandscapeAndContinuesOnNewPages) {
    RequireTools();
    const FormData form = SampleRegister(60);
    const TempOutput file(".pdf");
    const ReadBack r = RenderAndRead(form, file);
    EXPECT_NEAR(r.width, kA4Long, 0.01);
    EXPECT_NEAR(r.height, kA4Short, 0.01);
    ASSERT_GE(r.pages, 3);
    EXPECT_NE(r.text.find("SỔ THEO DÕI HỒ SƠ"), std::string::npos);
    EXPECT_NE(r.text.find("Tháng 3 năm 2026"), std::string::npos);
    EXPECT_NE(r.text.find("H46.10-260312-0001"), std::string::npos);
    EXPECT_NE(r.text.find("H46.10-260312-0060"), std::string::npos);
    EXPECT_TRUE(Has(r, "Phạm Thị Ngọc Ánh"));
    const std::string total = "/" + std::to_string(r.pages);
    for (int page = 1; page <= r.pages; ++page) {
        const std::string text = PageText(file.Path(), page);
        EXPECT_NE(text.find("Trang " + std::to_string(page) + total), std::string::npos) << page;
        EXPECT_NE(text.find("Mã hồ sơ"), std::string::npos) << "header not repeated on " << page;
    }
}

TEST(RenderPdf, LongComponentListContinuesOnANewPage) {
    RequireTools();
    FormData form = SampleReceipt();
    form.components.clear();
    for (int i = 1; i <= 40; ++i) {
        form.components.push_back({.name = "Giấy tờ số " + std::to_string(i), .copies = 1});
    }
    const TempOutput file(".pdf");
    const ReadBack r = RenderAndRead(form, file);
    ASSERT_GE(r.pages, 2);
    EXPECT_NE(r.text.find("Giấy tờ số 1 "), std::string::npos);
    EXPECT_NE(r.text.find("Giấy tờ số 40"), std::string::npos);
    EXPECT_NE(PageText(file.Path(), 2).find("Tên giấy tờ"), std::string::npos);
    EXPECT_NE(PageText(file.Path(), r.pages).find("NGƯỜI TIẾP NHẬN HỒ SƠ"), std::string::npos);
}

TEST(RenderPdf, LongTextWrapsInsideTheMargins) {
    RequireTools();
    FormData form = SampleReceipt();
    form.kind = FormKind::kRefusal;
    std::string reasons;
    for (int i = 0; i < 120; ++i) reasons += "Hồ sơ chưa đáp ứng điều kiện theo quy định. ";
    form.reasons = reasons;
    form.procedure_name =
        "Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản "
        "khác gắn liền với đất lần đầu cho hộ gia đình, cá nhân";
    const TempOutput file(".pdf");
    const ReadBack r = RenderAndRead(form, file);
    EXPECT_GE(r.pages, 2);
    // Every word box ends inside the right margin (A5: 419.53 pt wide, right margin 10 mm).
    const std::string boxes = RunCommand("pdftotext -bbox " + Quote(file.Path()) + " -").out;
    std::size_t words = 0;
    for (std::size_t at = boxes.find("xMax=\""); at != std::string::npos;
         at = boxes.find("xMax=\"", at + 1)) {
        const double x_max = std::stod(boxes.substr(at + 6, 16));
        EXPECT_LE(x_max, kA5Short - kRightMarginA5 + 0.5) << "a word runs into the right margin";
        ++words;
    }
    EXPECT_GT(words, 800U);
    EXPECT_TRUE(Has(r, "khác gắn liền với đất lần đầu cho hộ gia đình, cá nhân"));
    EXPECT_TRUE(Has(r, "Hồ sơ chưa đáp ứng điều kiện theo quy định. Hồ sơ chưa đáp ứng"));
}

TEST(RenderPdf, SameFormSameBytes) {
    const base::Result<std::string> first = RenderPdf(SampleReceipt());
    const base::Result<std::string> second = RenderPdf(SampleReceipt());
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(*first, *second);
    EXPECT_EQ(first->find("/CreationDate"), std::string::npos) << "no wall-clock stamp";
}

TEST(RenderPdf, RendersOnSeveralThreadsAtOnce) {
    const base::Result<std::string> expected = RenderPdf(SampleReceipt());
    ASSERT_TRUE(expected.ok());
    std::vector<std::string> outputs(4);
    std::vector<std::thread> threads;
    threads.reserve(outputs.size());
    for (std::string& out : outputs) {
        threads.emplace_back([&out] {
            for (int i = 0; i < 3; ++i) {
                const base::Result<std::string> pdf = RenderPdf(SampleReceipt());
                out = pdf.ok() ? *pdf : pdf.error().message;
            }
        });
    }
    for (std::thread& t : threads) t.join();
    for (const std::string& out : outputs) EXPECT_EQ(out, *expected);
}

TEST(RenderPdf, EveryKindRendersBlank) {
    for (const FormKind kind :
         {FormKind::kReceipt, FormKind::kSupplementRequest, FormKind::kRefusal, FormKind::kApology,
          FormKind::kStopNotice, FormKind::kProcessControl, FormKind::kRegister}) {
        FormData form;
        form.kind = kind;
        const base::Result<std::string> pdf = RenderPdf(form);
        ASSERT_TRUE(pdf.ok()) << pdf.error().message;
        EXPECT_GT(pdf->size(), 1000U);
    }
}

}  // namespace
}  // namespace motcua::render
