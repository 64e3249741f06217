// RenderLetterDocx: a letter as minimal WordprocessingML (one document part, no styles part:
// direct formatting), zipped in memory with libzip (deflated entries, fixed timestamps).

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "render/document.hpp"
#include "render/letters.hpp"
#include "render/zip_writer.hpp"
#include "text/markup.hpp"

namespace motcua::render {
namespace {

std::string Escape(std::string_view text) {
    return text::EscapeMarkup(detail::Clean(text));
}

struct Style {
    bool bold = false;
    bool italic = false;
    std::string_view align = "both";  // left, center, right, both
    int size = 26;                    // half-points
};

// One paragraph; "\n" inside becomes a line break.
std::string P(std::string_view text, const Style& s = {}) {
    std::string rpr =
        "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
        "w:cs=\"Times New Roman\"/>";
    if (s.bold) rpr += "<w:b/>";
    if (s.italic) rpr += "<w:i/>";
    rpr += "<w:sz w:val=\"" + std::to_string(s.size) + "\"/></w:rPr>";
    std::string out = R"(<w:p><w:pPr><w:spacing w:before="60" w:after="60"/><w:jc w:val=")" +
                      std::string(s.align) + R"("/></w:pPr>)";
    std::string line;
    auto flush = [&](bool br) {
        out += "<w:r>" + rpr + "<w:t xml:space=\"preserve\">" + Escape(line) + "</w:t>" +
               (br ? "<w:br/>" : "") + "</w:r>";
        line.clear();
    };
    for (const char c : text) {
        if (c == '\n') {
            flush(true);
        } else {
            line.push_back(c);
        }
    }
    flush(false);
    return out + "</w:p>";
}

std::string Cell(std::string_view text, int width, bool header) {
    return R"(<w:tc><w:tcPr><w:tcW w:w=")" + std::to_string(width) +
           R"(" w:type="dxa"/></w:tcPr>)" +
           P(text, {.bold = header, .align = header ? "center" : "left", .size = 22}) + "</w:tc>";
}

std::string Table(const LetterSection& s) {
    constexpr int kTextWidth = 9356;  // dxa: A4 minus 3 cm + 2 cm margins
    std::vector<double> widths = s.table_widths;
    widths.resize(s.table_header.size(), 1);
    double total = 0;
    for (const double w : widths) total += w;
    std::vector<int> dxa;
    dxa.reserve(widths.size());
    for (const double w : widths) dxa.push_back(static_cast<int>(kTextWidth * w / total));
    std::string out =
        "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(kTextWidth) +
        "\" w:type=\"dxa\"/><w:tblBorders>"
        "<w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>"
        "<w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>"
        "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>"
        "</w:tblBorders></w:tblPr><w:tblGrid>";
    for (const int w : dxa) out += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
    out += "</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>";
    for (std::size_t i = 0; i < s.table_header.size(); ++i) {
        out += Cell(s.table_header[i], dxa[i], true);
    }
    out += "</w:tr>";
    for (const auto& row : s.rows) {
        out += "<w:tr>";
        for (std::size_t i = 0; i < s.table_header.size(); ++i) {
            out += Cell(i < row.size() ? row[i] : std::string(), dxa[i], false);
        }
        out += "</w:tr>";
    }
    return out + "</w:tbl>";
}

// The top block as a borderless two-column table: the issuing unit left, the motto right.
std::string Heading(const Letter& l) {
    auto cell = [](const std::string& body) {
        return R"(<w:tc><w:tcPr><w:tcW w:w="4678" w:type="dxa"/></w:tcPr>)" + body + "</w:tc>";
    };
    const std::string left = P(l.parent_unit, {.align = "center", .size = 24}) +
                             P(l.issuing_unit, {.bold = true, .align = "center", .size = 24}) +
                             P(l.number, {.align = "center", .size = 24}) +
                             P(l.subject, {.italic = true, .align = "center", .size = 22});
    const std::string right =
        P("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {.bold = true, .align = "center", .size = 24}) +
        P("Độc lập - Tự do - Hạnh phúc", {.bold = true, .align = "center", .size = 26}) +
        P(l.place_date, {.italic = true, .align = "center", .size = 26});
    return "<w:tbl><w:tblPr><w:tblW w:w=\"9356\" w:type=\"dxa\"/></w:tblPr><w:tblGrid>"
           "<w:gridCol w:w=\"4678\"/><w:gridCol w:w=\"4678\"/></w:tblGrid><w:tr>" +
           cell(left) + cell(right) + "</w:tr></w:tbl>";
}

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(</Types>)";

constexpr std::string_view kRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";

}  // namespace

base::Result<std::string> RenderLetterDocx(const Letter& l) {
    if (base::Status s = detail::ValidateLetter(l); !s) return s.error();
    std::string body = Heading(l);
    body += P("Kính gửi: " + l.recipient, {.align = "center"});
    for (const std::string& p : l.intro) body += P(p);
    for (const LetterSection& s : l.sections) {
        body += P(s.heading, {.bold = true});
        for (const std::string& p : s.paragraphs) body += P(p);
        if (!s.table_header.empty()) body += Table(s);
    }
    for (const std::string& p : l.closing) body += P(p);
    body += P(l.signer_title, {.bold = true, .align = "right"});
    body += P("\n\n\n", {.align = "right"});
    body += P(l.signer_name, {.bold = true, .align = "right"});
    if (!l.recipients_note.empty())
        body += P(l.recipients_note, {.italic = true, .align = "left", .size = 22});
    const std::string document =
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
        R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
        body +
        R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>)"
        R"(<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="0" w:footer="0" w:gutter="0"/>)"
        R"(</w:sectPr></w:body></w:document>)";
    return ZipInMemory({{"[Content_Types].xml", std::string(kContentTypes)},
                        {"_rels/.rels", std::string(kRels)},
                        {"word/document.xml", document}});
}

}  // namespace motcua::render
