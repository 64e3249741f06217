// render/docx_writer: the one DOCX writer behind the letters, plan, simplification and
// violation-list exports. The package opens and reads back (render::ReadDocxText); text is
// escaped; line breaks, tabs, spans, vertical merges, the repeated header row and the page
// orientation come out as WordprocessingML; equal input gives equal bytes.
#include "render/docx_writer.hpp"

#include <gtest/gtest.h>

#include "render/docx_reader.hpp"

namespace motcua::render::docx {
namespace {

Document Sample() {
    Document doc;
    doc.HeadingBlock({{.text = "UBND THÀNH PHỐ HUẾ", .style = {.align = "center"}}},
                     {{.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", .style = {.bold = true}}},
                     4678);
    doc.Paragraph("Dòng một\nDòng hai\tcột <b> & \"x\"", {.bold = true, .italic = true});
    Table t;
    t.columns = {1000, 2000, 3000};
    t.header = {{.text = "TT"}, {.text = "Tên"}, {.text = "Ghi chú"}};
    t.rows = {{{.text = "1", .span = 1, .merge = "restart"}, {.text = "Gộp hai cột", .span = 2}},
              {{.text = "", .span = 1, .merge = "continue"}, {.text = "B"}, {.text = "C"}}};
    doc.AddTable(t);
    return doc;
}

TEST(DocxWriter, ThePackageReadsBack) {
    auto bytes = Sample().Finish({.landscape = true});
    ASSERT_TRUE(bytes) << bytes.error().message;
    EXPECT_EQ(bytes->rfind("PK\x03\x04", 0), 0U);
    EXPECT_EQ(*Sample().Finish({.landscape = true}), *bytes) << "deterministic";
    auto types = ReadZipEntry(*bytes, "[Content_Types].xml");
    ASSERT_TRUE(types);
    EXPECT_NE(types->find("wordprocessingml.document.main+xml"), std::string::npos);
    auto xml = ReadZipEntry(*bytes, "word/document.xml");
    ASSERT_TRUE(xml) << xml.error().message;
    for (const char* s :
         {R"(w:w="16838" w:h="11906" w:orient="landscape")", "<w:tblHeader/>", "<w:cantSplit/>",
          R"(<w:gridSpan w:val="2"/>)", R"(<w:tcW w:w="5000" w:type="dxa"/>)",
          R"(<w:vMerge w:val="restart"/>)", "<w:vMerge/>", "<w:br/>", "<w:tab/>", "<w:b/><w:i/>",
          "&lt;b&gt; &amp; &quot;x&quot;", R"(<w:tblW w:w="6000" w:type="dxa"/>)",
          R"(<w:tblW w:w="9356" w:type="dxa"/>)", R"(<w:jc w:val="center"/>)"}) {
        EXPECT_NE(xml->find(s), std::string::npos) << s;
    }
    EXPECT_EQ(xml->find("<b>"), std::string::npos) << "escaped";
    auto text = ReadDocxText(*bytes);
    ASSERT_TRUE(text) << text.error().message;
    for (const char* s : {"UBND THÀNH PHỐ HUẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Dòng một",
                          "Dòng hai", "Gộp hai cột", "Ghi chú"}) {
        EXPECT_NE(text->find(s), std::string::npos) << s << "\n" << *text;
    }
}

TEST(DocxWriter, PortraitWithTheLettersMargins) {
    auto bytes = Sample().Finish({.landscape = false, .left = 1701});
    ASSERT_TRUE(bytes);
    auto xml = ReadZipEntry(*bytes, "word/document.xml");
    ASSERT_TRUE(xml);
    EXPECT_NE(xml->find(R"(<w:pgSz w:w="11906" w:h="16838"/>)"), std::string::npos);
    EXPECT_NE(xml->find(R"(w:left="1701")"), std::string::npos);
    EXPECT_EQ(xml->find("landscape"), std::string::npos);
}

}  // namespace
}  // namespace motcua::render::docx
