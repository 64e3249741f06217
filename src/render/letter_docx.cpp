// RenderLetterDocx: a letter through the one DOCX writer (render/docx_writer): the heading
// block, "Kính gửi", the sections with their tables, the signature; Times New Roman 13 pt.

#include <string>
#include <vector>

#include "render/docx_writer.hpp"
#include "render/letters.hpp"

namespace motcua::render {
namespace {

constexpr int kTextWidth = 9356;  // dxa: the letter's table width

// The letter's paragraph: justified, 13 pt, 3 pt before and after unless said otherwise.
docx::Style S(bool bold = false, bool italic = false, std::string_view align = "both",
              int size = 26) {
    return {.bold = bold, .italic = italic, .align = align, .size = size, .spacing = 60};
}

docx::Table TableOf(const LetterSection& s) {
    std::vector<double> widths = s.table_widths;
    widths.resize(s.table_header.size(), 1);
    double total = 0;
    for (const double w : widths) {
        total += w;
    }
    docx::Table t;
    t.width = kTextWidth;
    for (const double w : widths) {
        t.columns.push_back(static_cast<int>(kTextWidth * w / total));
    }
    for (const std::string& h : s.table_header) {
        t.header.push_back({.text = h, .style = S(true, false, "center", 22)});
    }
    for (const auto& row : s.rows) {
        std::vector<docx::Cell> cells;
        for (std::size_t i = 0; i < s.table_header.size(); ++i) {
            cells.push_back({.text = i < row.size() ? row[i] : std::string(),
                             .style = S(false, false, "left", 22)});
        }
        t.rows.push_back(std::move(cells));
    }
    return t;
}

}  // namespace

base::Result<std::string> RenderLetterDocx(const Letter& l) {
    if (base::Status s = detail::ValidateLetter(l); !s) {
        return s.error();
    }
    docx::Document doc;
    // The top block: the issuing unit left, the motto right.
    doc.HeadingBlock({{l.parent_unit, S(false, false, "center", 24)},
                      {l.issuing_unit, S(true, false, "center", 24)},
                      {l.number, S(false, false, "center", 24)},
                      {l.subject, S(false, true, "center", 22)}},
                     {{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", S(true, false, "center", 24)},
                      {"Độc lập - Tự do - Hạnh phúc", S(true, false, "center", 26)},
                      {l.place_date, S(false, true, "center", 26)}},
                     kTextWidth / 2);
    doc.Paragraph("Kính gửi: " + l.recipient, S(false, false, "center"));
    for (const std::string& p : l.intro) {
        doc.Paragraph(p, S());
    }
    for (const LetterSection& s : l.sections) {
        doc.Paragraph(s.heading, S(true));
        for (const std::string& p : s.paragraphs) {
            doc.Paragraph(p, S());
        }
        if (!s.table_header.empty()) {
            doc.AddTable(TableOf(s));
        }
    }
    for (const std::string& p : l.closing) {
        doc.Paragraph(p, S());
    }
    doc.Paragraph(l.signer_title, S(true, false, "right"));
    doc.Paragraph("\n\n\n", S(false, false, "right"));
    doc.Paragraph(l.signer_name, S(true, false, "right"));
    if (!l.recipients_note.empty()) {
        doc.Paragraph(l.recipients_note, S(false, true, "left", 22));
    }
    return doc.Finish({.landscape = false, .left = 1701});
}

}  // namespace motcua::render
