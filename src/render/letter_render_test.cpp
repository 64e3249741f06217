// The correction letter as DOCX (read back with libzip) and PDF (read back with poppler).

#include <cstddef>
#include <map>
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <zip.h>

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

// The entries of a zip archive held in memory, read with libzip after ZIP_CHECKCONS accepted it.
struct ZipContents {
    bool consistent = false;
    std::string error;
    std::map<std::string, std::string> entries;
    std::map<std::string, zip_uint16_t> methods;  // compression method per entry
};

ZipContents ReadZip(const std::string& bytes) {
    ZipContents z;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* za =
        src == nullptr ? nullptr : zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (za == nullptr) {
        z.error = zip_error_strerror(&error);
        if (src != nullptr) zip_source_free(src);
        zip_error_fini(&error);
        return z;
    }
    zip_error_fini(&error);
    z.consistent = true;
    const zip_int64_t count = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const auto idx = static_cast<zip_uint64_t>(i);
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(za, idx, 0, &st) != 0) continue;
        std::string data(static_cast<std::size_t>(st.size), '\0');
        zip_file_t* f = zip_fopen_index(za, idx, 0);
        if (f == nullptr) continue;
        const zip_int64_t n = zip_fread(f, data.data(), data.size());
        zip_fclose(f);
        if (n < 0 || static_cast<std::size_t>(n) != data.size()) continue;
        z.entries[st.name] = std::move(data);
        z.methods[st.name] = st.comp_method;
    }
    zip_discard(za);  // read-only: nothing to write
    return z;
}

TEST(LetterDocx, AZipWithTheDocumentPart) {
    Letter letter = SampleLetter();
    letter.sections[0].rows.push_back(
        {"2", "H46.10-260815-0007", "Cấp bản sao trích lục hộ tịch", "18/8/2026", "21 ngày"});
    const base::Result<std::string> docx = RenderLetterDocx(letter);
    ASSERT_TRUE(docx.ok()) << docx.error().message;
    EXPECT_EQ(docx->rfind("PK\x03\x04", 0), 0U);
    EXPECT_EQ(*RenderLetterDocx(letter), *docx) << "deterministic";

    const ZipContents zip = ReadZip(*docx);
    ASSERT_TRUE(zip.consistent) << "ZIP_CHECKCONS: " << zip.error;
    ASSERT_EQ(zip.entries.size(), 3U);
    for (const char* name : {"[Content_Types].xml", "_rels/.rels", "word/document.xml"}) {
        ASSERT_TRUE(zip.entries.contains(name)) << "missing entry " << name;
        EXPECT_EQ(zip.methods.at(name), ZIP_CM_DEFLATE) << name << " is deflated";
    }
    EXPECT_NE(zip.entries.at("[Content_Types].xml").find("wordprocessingml.document.main+xml"),
              std::string::npos);
    EXPECT_NE(zip.entries.at("_rels/.rels").find(R"(Target="word/document.xml")"),
              std::string::npos);
    const std::string& doc = zip.entries.at("word/document.xml");
    EXPECT_EQ(doc.rfind(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)", 0), 0U);
    for (const char* text :
         {"UBND THÀNH PHỐ HUẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "V/v đôn đốc, chấn chỉnh việc giải quyết hồ sơ TTHC Quý III/2026",
          "Kính gửi: Sở Tư pháp thành phố Huế", "1. Hồ sơ giải quyết quá hạn, tồn đọng",
          "H46.10-260812-0001", "H46.10-260815-0007", "Cấp bản sao trích lục hộ tịch",
          "<w:tblHeader/>", "KT. CHÁNH VĂN PHÒNG", "&lt;chưa&gt; giải quyết &amp; chưa"}) {
        EXPECT_NE(doc.find(text), std::string::npos) << "missing: " << text;
    }
    EXPECT_EQ(doc.find("<chưa>"), std::string::npos) << "escaped";
    EXPECT_LT(docx->size(), doc.size()) << "compressed";

    // The same bytes written out open as a file too (what `motcua letter --output` produces).
    const TempOutput file(".docx");
    file.Write(*docx);
    int error = 0;
    zip_t* za = zip_open(file.Path().c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
    ASSERT_NE(za, nullptr) << "zip_open error " << error;
    EXPECT_EQ(zip_get_num_entries(za, 0), 3);
    EXPECT_GE(zip_name_locate(za, "word/document.xml", 0), 0);
    zip_discard(za);
}

TEST(LetterDocx, ATruncatedArchiveIsRejected) {
    // The reader above must be able to fail: a cut-off archive is not consistent.
    const base::Result<std::string> docx = RenderLetterDocx(SampleLetter());
    ASSERT_TRUE(docx.ok()) << docx.error().message;
    const ZipContents zip = ReadZip(docx->substr(0, docx->size() - 10));
    EXPECT_FALSE(zip.consistent);
    EXPECT_TRUE(zip.entries.empty());
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
