// RenderLetterPdf: a letter as a Document drawn by the forms' PDF writer (the top block with the
// motto, the title block holding the subject, then paragraphs, tables and the signature).

#include <string>
#include <utility>

#include "render/document.hpp"
#include "render/letters.hpp"
#include "render/pdf_writer.hpp"

namespace motcua::render {
namespace detail {

base::Status ValidateLetter(const Letter& l) {
    auto bad = [](const std::string& s) { return !IsUtf8(s); };
    bool broken = bad(l.parent_unit) || bad(l.issuing_unit) || bad(l.number) || bad(l.subject) ||
                  bad(l.place_date) || bad(l.recipient) || bad(l.signer_title) ||
                  bad(l.signer_name) || bad(l.recipients_note);
    for (const auto* list : {&l.intro, &l.closing}) {
        for (const std::string& s : *list) broken = broken || bad(s);
    }
    for (const LetterSection& s : l.sections) {
        broken = broken || bad(s.heading);
        for (const std::string& p : s.paragraphs) broken = broken || bad(p);
        for (const std::string& h : s.table_header) broken = broken || bad(h);
        for (const auto& row : s.rows) {
            for (const std::string& c : row) broken = broken || bad(c);
        }
    }
    if (broken) return base::InvalidArgument("Nội dung văn bản không phải UTF-8 hợp lệ");
    return {};
}

}  // namespace detail

namespace {

using detail::Align;
using detail::Cell;
using detail::Document;
using detail::Paragraph;
using detail::Run;

Paragraph Text(const std::string& text, bool bold = false, double indent = 0) {
    Paragraph p;
    p.runs = {Run{.text = detail::Clean(text), .bold = bold}};
    p.indent = indent;
    p.space_before = 2;
    return p;
}

}  // namespace

base::Result<std::string> RenderLetterPdf(const Letter& l) {
    if (base::Status s = detail::ValidateLetter(l); !s) return s.error();
    Document doc;
    doc.paper = Paper::kA4Portrait;
    doc.parent_unit = detail::Clean(l.parent_unit);
    doc.issuing_unit = detail::Clean(l.issuing_unit);
    doc.place_date = detail::Clean(l.place_date);
    doc.title = detail::Clean(l.number);
    doc.subtitle = detail::Clean(l.subject);
    doc.pdf_title = detail::Clean(l.subject);
    Paragraph to;
    to.runs = {Run{.text = "Kính gửi: "}, Run{.text = detail::Clean(l.recipient), .bold = true}};
    to.align = Align::kCenter;
    to.space_before = 4;
    doc.blocks.emplace_back(std::move(to));
    for (const std::string& p : l.intro) doc.blocks.emplace_back(Text(p));
    for (const LetterSection& s : l.sections) {
        Paragraph heading = Text(s.heading, true);
        heading.keep_with_next = true;
        heading.space_before = 5;
        doc.blocks.emplace_back(std::move(heading));
        for (const std::string& p : s.paragraphs) doc.blocks.emplace_back(Text(p));
        if (!s.table_header.empty()) {
            detail::Table t;
            t.widths = s.table_widths;
            t.widths.resize(s.table_header.size(), 1);
            std::vector<Cell> header;
            for (const std::string& h : s.table_header) {
                header.push_back(Cell{.runs = {Run{.text = detail::Clean(h)}}});
            }
            t.header.push_back(std::move(header));
            for (const auto& row : s.rows) {
                std::vector<Cell> cells;
                cells.reserve(row.size());
                for (const std::string& c : row) {
                    cells.push_back(Cell{.runs = {Run{.text = detail::Clean(c)}}});
                }
                t.rows.push_back(std::move(cells));
            }
            doc.blocks.emplace_back(std::move(t));
        }
    }
    for (const std::string& p : l.closing) doc.blocks.emplace_back(Text(p));
    doc.blocks.emplace_back(
        detail::Signatures{.boxes = {detail::SignatureBox{.caption = ""},
                                     detail::SignatureBox{.caption = detail::Clean(l.signer_title),
                                                          .hint = "(Ký, ghi rõ họ tên và đóng dấu)",
                                                          .name = detail::Clean(l.signer_name)}}});
    if (!l.recipients_note.empty()) {
        Paragraph note;
        note.runs = {Run{.text = detail::Clean(l.recipients_note), .italic = true}};
        note.align = Align::kLeft;
        note.size = detail::GeometryFor(Paper::kA4Portrait).small_size;
        note.space_before = 6;
        doc.blocks.emplace_back(std::move(note));
    }
    return detail::WritePdf(doc);
}

}  // namespace motcua::render
