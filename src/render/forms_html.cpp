// RenderHtml: the same Document as the PDF, as one self-contained printable page.

#include <array>
#include <cstdio>
#include <string>
#include <string_view>
#include <variant>

#include "render/document.hpp"
#include "render/forms.hpp"
#include "render/qr.hpp"
#include "text/markup.hpp"

namespace motcua::render {
namespace detail {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

// Text for HTML element content and attribute values: & < > " ' escaped; with `line_breaks`,
// LF becomes <br> and runs of spaces keep their width (&nbsp;), as in the PDF.
void AppendEscaped(std::string& out, std::string_view text, bool line_breaks = true) {
    char previous = '\0';
    for (const char c : text) {
        if (line_breaks && c == ' ' && previous == ' ') {
            out += "&nbsp;";
            continue;
        }
        previous = c;
        if (c == '\n') {
            out += line_breaks ? "<br>" : " ";
        } else {
            text::AppendMarkupChar(out, c);
        }
    }
}

std::string Escaped(std::string_view text) {
    std::string out;
    AppendEscaped(out, text);
    return out;
}

// A CSS length: "10.5pt", "12mm".
std::string Length(double value, std::string_view unit) {
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%.2f", value);
    std::string s(buffer.data());
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s + std::string(unit);
}

std::string_view AlignClass(Align align) {
    switch (align) {
        case Align::kLeft:
            return "al";
        case Align::kCenter:
            return "ac";
        case Align::kRight:
            return "ar";
        case Align::kJustify:
            return "aj";
    }
    return "al";
}

std::string_view PageSize(Paper paper) {
    switch (paper) {
        case Paper::kA5Portrait:
            return "A5 portrait";
        case Paper::kA4Landscape:
            return "A4 landscape";
        case Paper::kA4Portrait:
            return "A4 portrait";
    }
    return "A4 portrait";
}

void AppendRuns(std::string& out, const std::vector<Run>& runs) {
    for (const Run& run : runs) {
        if (run.bold) out += "<strong>";
        if (run.italic) out += "<em>";
        AppendEscaped(out, run.text);
        if (run.italic) out += "</em>";
        if (run.bold) out += "</strong>";
    }
}

std::string Style(const PageGeometry& g, Paper paper) {
    auto pt = [](double v) { return Length(v, "pt"); };
    auto mm = [](double v) { return Length(v / kPtPerMm, "mm"); };
    const double content = g.width - g.margin_left - g.margin_right;
    std::string css;
    css += "@page { size: " + std::string(PageSize(paper)) + "; margin: " + mm(g.margin_top) + " " +
           mm(g.margin_right) + " " + mm(g.margin_bottom) + " " + mm(g.margin_left) + "; }\n";
    css += "html { background: #e8e8e8; }\n";
    css +=
        "body { margin: 0; color: #000; font-family: \"Noto Serif\", \"Times New Roman\", serif; "
        "font-size: " +
        pt(g.body_size) + "; line-height: 1.35; }\n";
    css += ".sheet { box-sizing: content-box; width: " + pt(content) +
           "; min-height: " + pt(g.height - g.margin_top - g.margin_bottom) +
           "; margin: 12pt auto; padding: " + pt(g.margin_top) + " " + pt(g.margin_right) + " " +
           pt(g.margin_bottom) + " " + pt(g.margin_left) +
           "; background: #fff; box-shadow: 0 0 4pt rgba(0,0,0,.3); }\n";
    css +=
        "@media print { html { background: none; } .sheet { margin: 0; padding: 0; width: auto; "
        "min-height: 0; box-shadow: none; } }\n";
    css +=
        ".form-number { text-align: right; font-weight: bold; font-size: " + pt(g.small_size + 1) +
        "; }\n";
    css += ".legal-note { margin-left: 38%; text-align: right; font-style: italic; font-size: " +
           pt(g.small_size) + "; }\n";
    css +=
        ".heading { display: grid; grid-template-columns: 42% 58%; text-align: center; "
        "font-size: " +
        pt(g.heading_size) + "; margin-top: " + pt(g.heading_size * 0.5) + "; }\n";
    css += ".heading .rule { border-top: 0.6pt solid #000; margin: 3pt auto 0; width: 30%; }\n";
    css += ".heading .motto .rule { width: 62%; }\n";
    css += ".heading .place-date { grid-column: 2; font-style: italic; margin-top: 6pt; }\n";
    css += ".title-block { display: flex; align-items: center; gap: 6pt; margin-top: " +
           pt(g.body_size * 0.7) + "; }\n";
    css += ".title-block svg { width: " + pt(content * 0.15) + "; height: " + pt(content * 0.15) +
           "; flex: none; }\n";
    css += ".title-text { flex: 1; text-align: center; }\n";
    css += ".title-text .hint { font-style: italic; font-size: " + pt(g.small_size) + "; }\n";
    css += "h1 { font-size: " + pt(g.title_size) + "; margin: 0; }\n";
    css += ".subtitle { font-style: italic; margin: 0; }\n";
    css += ".body { margin-top: " + pt(g.body_size * 0.5) + "; }\n";
    css += "p { margin: 0 0 " + pt(g.body_size * 0.15) + "; }\n";
    css +=
        ".al { text-align: left; } .ac { text-align: center; } .ar { text-align: right; } "
        ".aj { text-align: justify; }\n";
    css += "table.grid { width: 100%; border-collapse: collapse; margin: 2pt 0 " +
           pt(g.body_size * 0.5) + "; font-size: " + pt(g.table_size) + "; }\n";
    css +=
        "table.grid th, table.grid td { border: 0.5pt solid #000; padding: 2pt 3pt; "
        "vertical-align: top; }\n";
    css += "table.grid th { vertical-align: middle; text-align: center; }\n";
    css +=
        "table.grid thead { display: table-header-group; } table.grid tr { break-inside: "
        "avoid; }\n";
    css += ".sign2 { display: flex; font-style: italic; margin-top: 3pt; min-height: " +
           pt(g.sign_room * 0.6) + "; } .sign2 span { flex: 1; text-align: center; }\n";
    css += ".signatures { display: flex; margin-top: " + pt(g.body_size * 0.6) +
           "; break-inside: avoid; text-align: center; }\n";
    css += ".signatures > div { flex: 1; } .sig-caption, .sig-name { font-weight: bold; }\n";
    css += ".sig-hint { font-style: italic; font-size: " + pt(g.small_size + 1) + "; }\n";
    css += ".sig-room { height: " + pt(g.sign_room) + "; }\n";
    return css;
}

void AppendQr(std::string& out, const QrMatrix& qr) {
    out += QrSvg(qr, "Mã QR tra cứu hồ sơ");
}

void AppendHeading(std::string& out, const Document& doc) {
    if (!doc.form_number.empty()) {
        out += "<div class=\"form-number\">" + Escaped(doc.form_number) + "</div>\n";
    }
    if (!doc.legal_note.empty()) {
        out += "<div class=\"legal-note\">" + Escaped(doc.legal_note) + "</div>\n";
    }
    out += R"(<header class="heading"><div class="unit">)";
    if (!doc.parent_unit.empty()) out += "<div>" + Escaped(doc.parent_unit) + "</div>";
    if (!doc.issuing_unit.empty()) {
        out += "<div><strong>" + Escaped(doc.issuing_unit) + "</strong></div>";
    }
    if (!doc.parent_unit.empty() || !doc.issuing_unit.empty()) out += "<div class=\"rule\"></div>";
    out +=
        "</div><div class=\"motto\"><div><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>"
        "</div><div><strong>Độc lập - Tự do - Hạnh phúc</strong></div>"
        "<div class=\"rule\"></div></div>";
    if (!doc.place_date.empty()) {
        out += "<div class=\"place-date\">" + Escaped(doc.place_date) + "</div>";
    }
    out += "</header>\n";
}

// The title, subtitle and dossier code, with the QR code at their left when there is one.
void AppendTitleBlock(std::string& out, const Document& doc) {
    const base::Result<QrMatrix> qr = doc.qr_payload.empty()
                                          ? base::Result<QrMatrix>(base::NotFound("no QR"))
                                          : EncodeQr(doc.qr_payload);
    out += "<div class=\"title-block\">";
    if (qr) AppendQr(out, *qr);
    out += "<div class=\"title-text\"><h1>" + Escaped(doc.title) + "</h1>";
    if (!doc.subtitle.empty()) out += "<p class=\"subtitle\">" + Escaped(doc.subtitle) + "</p>";
    if (!doc.dossier_code.empty()) {
        out += "<div class=\"code\">Mã hồ sơ: <strong>" + Escaped(doc.dossier_code) +
               "</strong></div>";
    }
    if (qr) {
        out += "<div class=\"hint\">Quét mã QR để tra cứu tình trạng giải quyết hồ sơ</div>";
    }
    out += "</div></div>\n";
}

void AppendBlock(std::string& out, const Paragraph& p) {
    std::string style;
    if (p.indent > 0) style += "margin-left:" + Length(p.indent, "pt") + ";";
    if (p.space_before > 0) style += "margin-top:" + Length(p.space_before, "pt") + ";";
    if (p.size > 0) style += "font-size:" + Length(p.size, "pt") + ";";
    out += "<p class=\"" + std::string(AlignClass(p.align)) + "\"";
    if (!style.empty()) out += " style=\"" + style + "\"";
    out += ">";
    AppendRuns(out, p.runs);
    out += "</p>\n";
}

void AppendCell(std::string& out, const Cell& cell, bool header) {
    out += header ? "<th" : "<td";
    if (!header) out += " class=\"" + std::string(AlignClass(cell.align)) + "\"";
    out += ">";
    AppendRuns(out, cell.runs);
    if (!cell.sign_left.empty() || !cell.sign_right.empty()) {
        out += "<div class=\"sign2\"><span>" + Escaped(cell.sign_left) + "</span><span>" +
               Escaped(cell.sign_right) + "</span></div>";
    }
    out += header ? "</th>" : "</td>";
}

void AppendBlock(std::string& out, const Table& t) {
    double total = 0;
    for (const double w : t.widths) total += w;
    out += "<table class=\"grid\"";
    if (t.size > 0) out += " style=\"font-size:" + Length(t.size, "pt") + "\"";
    out += "><colgroup>";
    for (const double w : t.widths) {
        out += "<col style=\"width:" + Length(100 * w / total, "%") + "\">";
    }
    out += "</colgroup>\n<thead>";
    for (const auto& row : t.header) {
        out += "<tr>";
        for (const Cell& cell : row) AppendCell(out, cell, true);
        out += "</tr>";
    }
    out += "</thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
        out += "<tr>";
        for (const Cell& cell : row) AppendCell(out, cell, false);
        out += "</tr>\n";
    }
    out += "</tbody></table>\n";
}

void AppendBlock(std::string& out, const Signatures& s) {
    out += "<div class=\"signatures\">";
    for (const SignatureBox& box : s.boxes) {
        out += "<div>";
        if (!box.caption.empty()) {
            out += "<div class=\"sig-caption\">" + Escaped(box.caption) +
                   "</div><div class=\"sig-hint\">" + Escaped(box.hint) +
                   R"(</div><div class="sig-room"></div><div class="sig-name">)" +
                   Escaped(box.name) + "</div>";
        }
        out += "</div>";
    }
    out += "</div>\n";
}

std::string WriteHtml(const Document& doc) {
    const std::string css = Style(GeometryFor(doc.paper), doc.paper);
    std::string out;
    out.reserve(16384);
    out += "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>";
    AppendEscaped(out, doc.pdf_title, false);
    out += "</title>\n<style>\n" + css + "</style>\n</head>\n<body>\n<main class=\"sheet\">\n";
    AppendHeading(out, doc);
    AppendTitleBlock(out, doc);
    out += "<div class=\"body\">\n";
    for (const Block& block : doc.blocks) {
        std::visit([&out](const auto& b) { AppendBlock(out, b); }, block);
    }
    out += "</div>\n</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace
}  // namespace detail

std::string RenderHtml(const FormData& form) {
    return detail::WriteHtml(detail::BuildDocument(form));
}

}  // namespace motcua::render
