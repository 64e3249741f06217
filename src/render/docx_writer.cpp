#include "render/docx_writer.hpp"

#include <cstddef>
#include <numeric>
#include <string>
#include <utility>

#include "render/document.hpp"
#include "render/zip_writer.hpp"
#include "text/markup.hpp"

namespace motcua::render::docx {
namespace {

std::string ParagraphXml(std::string_view text, const Style& s) {
    std::string rpr =
        "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
        "w:cs=\"Times New Roman\"/>";
    if (s.bold) {
        rpr += "<w:b/>";
    }
    if (s.italic) {
        rpr += "<w:i/>";
    }
    rpr += "<w:sz w:val=\"" + std::to_string(s.size) + "\"/></w:rPr>";
    const std::string spacing = std::to_string(s.spacing);
    std::string out = "<w:p><w:pPr><w:spacing w:before=\"" + spacing + "\" w:after=\"" + spacing +
                      "\"/><w:jc w:val=\"" + std::string(s.align) + "\"/></w:pPr><w:r>" + rpr;
    const std::string clean = detail::Clean(text);
    std::string line;
    auto flush = [&out, &line] {
        out += "<w:t xml:space=\"preserve\">" + text::EscapeMarkup(line) + "</w:t>";
        line.clear();
    };
    for (std::size_t k = 0; k < clean.size(); ++k) {
        if (clean[k] == '\n') {
            flush();
            out += "<w:br/>";
        } else if (clean.compare(k, 3, "\u2028") == 0) {
            flush();
            out += "<w:br/>";
            k += 2;
        } else if (clean[k] == '\t') {
            flush();
            out += "<w:tab/>";
        } else {
            line.push_back(clean[k]);
        }
    }
    flush();
    return out + "</w:r></w:p>";
}

std::string CellXml(const Cell& c, const std::vector<int>& columns, std::size_t column) {
    int width = 0;
    for (std::size_t k = column; k < column + static_cast<std::size_t>(c.span); ++k) {
        width += k < columns.size() ? columns[k] : 0;
    }
    std::string out = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + R"(" w:type="dxa"/>)";
    if (c.span > 1) {
        out += "<w:gridSpan w:val=\"" + std::to_string(c.span) + "\"/>";
    }
    if (c.merge == "restart") {
        out += "<w:vMerge w:val=\"restart\"/>";
    } else if (c.merge == "continue") {
        out += "<w:vMerge/>";
    }
    return out + "</w:tcPr>" + ParagraphXml(c.text, c.style) + "</w:tc>";
}

std::string RowXml(const std::vector<Cell>& cells, const std::vector<int>& columns) {
    std::string out;
    std::size_t column = 0;
    for (const Cell& c : cells) {
        out += CellXml(c, columns, column);
        column += static_cast<std::size_t>(c.span > 0 ? c.span : 1);
    }
    return out;
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

constexpr int kA4Short = 11906;
constexpr int kA4Long = 16838;

}  // namespace

void Document::Paragraph(std::string_view text, const Style& style) {
    body_ += ParagraphXml(text, style);
}

void Document::AddTable(const Table& t) {
    const int width =
        t.width > 0 ? t.width : std::accumulate(t.columns.begin(), t.columns.end(), 0);
    body_ += "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(width) +
             "\" w:type=\"dxa\"/><w:tblBorders>"
             "<w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>"
             "<w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>"
             "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>"
             "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>";
    for (const int w : t.columns) {
        body_ += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
    }
    body_ += "</w:tblGrid>";
    if (!t.header.empty()) {
        body_ += "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" +
                 RowXml(t.header, t.columns) + "</w:tr>";
    }
    for (const std::vector<Cell>& row : t.rows) {
        body_ += "<w:tr>" + RowXml(row, t.columns) + "</w:tr>";
    }
    body_ += "</w:tbl>";
}

void Document::HeadingBlock(const std::vector<Para>& left, const std::vector<Para>& right,
                            int column_width) {
    const std::string w = std::to_string(column_width);
    auto cell = [&w](const std::vector<Para>& paras) {
        std::string out = R"(<w:tc><w:tcPr><w:tcW w:w=")" + w + R"(" w:type="dxa"/></w:tcPr>)";
        for (const Para& p : paras) {
            out += ParagraphXml(p.text, p.style);
        }
        return out + "</w:tc>";
    };
    body_ += "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(2 * column_width) +
             R"(" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w=")" + w +
             "\"/><w:gridCol w:w=\"" + w + "\"/></w:tblGrid><w:tr>" + cell(left) + cell(right) +
             "</w:tr></w:tbl>";
}

base::Result<std::string> Document::Finish(const Page& page) const {
    const int width = page.landscape ? kA4Long : kA4Short;
    const int height = page.landscape ? kA4Short : kA4Long;
    std::string document =
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
        R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
        body_ + "<w:sectPr><w:pgSz w:w=\"" + std::to_string(width) + "\" w:h=\"" +
        std::to_string(height) + "\"" + (page.landscape ? " w:orient=\"landscape\"" : "") +
        "/><w:pgMar w:top=\"" + std::to_string(page.top) + "\" w:right=\"" +
        std::to_string(page.right) + "\" w:bottom=\"" + std::to_string(page.bottom) +
        "\" w:left=\"" + std::to_string(page.left) +
        R"(" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr></w:body></w:document>)";
    return ZipInMemory({{"[Content_Types].xml", std::string(kContentTypes)},
                        {"_rels/.rels", std::string(kRels)},
                        {"word/document.xml", std::move(document)}});
}

}  // namespace motcua::render::docx
