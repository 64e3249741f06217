// RenderAssessmentPdf / RenderAssessmentDocx: the impact-assessment report drawn by the forms'
// PDF writer (render/pdf_writer) and written by the one DOCX writer (render/docx_writer). Both
// lay out the same sections: I. the draft and the procedure, II–IV. the questions of each group
// as a table (STT / Câu hỏi / Trả lời / Giải trình), V. the conclusions, VI. the compliance cost
// step by step, VII. the reviewer's opinion, then the drafting unit's signature.

#include "render/impact_assessment_report.hpp"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "render/document.hpp"
#include "render/docx_writer.hpp"
#include "render/pdf_writer.hpp"

namespace motcua::render {
namespace {

constexpr std::string_view kTitle = "BÁO CÁO ĐÁNH GIÁ TÁC ĐỘNG THỦ TỤC HÀNH CHÍNH";
constexpr std::string_view kSubtitle =
    "(Biểu mẫu đánh giá tác động và tính toán chi phí tuân thủ thủ tục hành chính trong dự thảo "
    "văn bản quy phạm pháp luật)";
constexpr std::array<std::string_view, 9> kRoman = {"I",  "II",  "III",  "IV", "V",
                                                    "VI", "VII", "VIII", "IX"};

// The report's sections as plain text, shared by both writers.
struct Section {
    std::string heading;
    std::vector<std::string> paragraphs;
    std::vector<std::vector<std::string>> table;  // rows of STT, question, answer, note
};

std::vector<Section> SectionsOf(const AssessmentReport& r) {
    std::vector<Section> out;
    std::size_t n = 0;
    auto next = [&out, &n](std::string title) -> Section& {
        const std::string_view roman = n < kRoman.size() ? kRoman.at(n) : "";
        ++n;
        out.push_back(Section{std::string(roman) + ". " + std::move(title), {}, {}});
        return out.back();
    };
    Section& facts = next("THÔNG TIN CHUNG");
    for (const AssessmentReportLine& f : r.facts) {
        facts.paragraphs.push_back(f.label + ": " + (f.text.empty() ? "……" : f.text));
    }
    if (!r.state.empty()) facts.paragraphs.push_back(r.state);
    for (const AssessmentReportGroup& g : r.groups) {
        Section& s = next("ĐÁNH GIÁ " + g.title);
        int i = 0;
        for (const AssessmentReportAnswer& a : g.answers) {
            s.table.push_back({std::to_string(++i), a.question, a.answer, a.note});
        }
    }
    Section& conclusions = next("KẾT LUẬN");
    for (const AssessmentReportLine& c : r.conclusions) {
        conclusions.paragraphs.push_back(c.label + ": " + c.text);
    }
    if (r.conclusions.empty()) conclusions.paragraphs.emplace_back("Chưa có kết luận.");
    Section& cost = next("CHI PHÍ TUÂN THỦ (PHƯƠNG PHÁP CHI PHÍ CHUẨN)");
    int step = 0;
    for (const std::string& st : r.cost_steps) {
        cost.paragraphs.push_back("Bước " + std::to_string(++step) + ": " + st);
    }
    cost.paragraphs.push_back("Chi phí tuân thủ một lần: " + r.per_event +
                              "; chi phí tuân thủ một năm: " + r.annual + ".");
    if (!r.cost_note.empty()) cost.paragraphs.push_back("Nguồn số liệu: " + r.cost_note);
    if (!r.opinion.empty()) next("Ý KIẾN THẨM ĐỊNH").paragraphs.push_back(r.opinion);
    return out;
}

bool AllUtf8(const AssessmentReport& r) {
    std::vector<const std::string*> texts = {&r.parent_unit, &r.unit,   &r.place_date, &r.state,
                                             &r.per_event,   &r.annual, &r.cost_note,  &r.opinion};
    for (const auto& list : {&r.facts, &r.conclusions}) {
        for (const AssessmentReportLine& l : *list) {
            texts.push_back(&l.label);
            texts.push_back(&l.text);
        }
    }
    for (const AssessmentReportGroup& g : r.groups) {
        texts.push_back(&g.title);
        for (const AssessmentReportAnswer& a : g.answers) {
            texts.insert(texts.end(), {&a.question, &a.answer, &a.note});
        }
    }
    for (const std::string& s : r.cost_steps) texts.push_back(&s);
    for (const std::string* t : texts) {
        if (!detail::IsUtf8(*t)) return false;
    }
    return true;
}

base::Status Validate(const AssessmentReport& r) {
    if (!AllUtf8(r)) return base::InvalidArgument("Nội dung báo cáo không phải UTF-8 hợp lệ");
    return {};
}

constexpr std::array<std::string_view, 4> kHeader = {"STT", "Câu hỏi", "Trả lời", "Giải trình"};
constexpr std::array<double, 4> kWidths = {0.6, 4.6, 1.6, 3.2};

// ---- PDF ---------------------------------------------------------------------------------------

detail::Paragraph Text(const std::string& text, bool bold = false) {
    detail::Paragraph p;
    p.runs = {detail::Run{.text = detail::Clean(text), .bold = bold}};
    p.space_before = 2;
    return p;
}

// ---- DOCX --------------------------------------------------------------------------------------

constexpr int kTextWidth = 9356;  // dxa: A4 less the margins below

docx::Style S(bool bold = false, bool italic = false, std::string_view align = "both",
              int size = 26) {
    return {.bold = bold, .italic = italic, .align = align, .size = size, .spacing = 60};
}

}  // namespace

base::Result<std::string> RenderAssessmentPdf(const AssessmentReport& r) {
    if (base::Status s = Validate(r); !s) return s.error();
    detail::Document doc;
    doc.paper = Paper::kA4Portrait;
    doc.parent_unit = detail::Clean(r.parent_unit);
    doc.issuing_unit = detail::Clean(r.unit);
    doc.place_date = detail::Clean(r.place_date);
    doc.title = std::string(kTitle);
    doc.subtitle = std::string(kSubtitle);
    doc.pdf_title = std::string(kTitle);
    for (const Section& s : SectionsOf(r)) {
        detail::Paragraph heading = Text(s.heading, true);
        heading.keep_with_next = true;
        heading.space_before = 5;
        doc.blocks.emplace_back(std::move(heading));
        for (const std::string& p : s.paragraphs) doc.blocks.emplace_back(Text(p));
        if (s.table.empty()) continue;
        detail::Table t;
        t.widths.assign(kWidths.begin(), kWidths.end());
        std::vector<detail::Cell> header;
        header.reserve(kHeader.size());
        for (std::string_view h : kHeader) {
            header.push_back(detail::Cell{.runs = {detail::Run{.text = std::string(h)}}});
        }
        t.header.push_back(std::move(header));
        for (const auto& row : s.table) {
            std::vector<detail::Cell> cells;
            cells.reserve(row.size());
            for (std::size_t i = 0; i < row.size(); ++i) {
                cells.push_back(detail::Cell{
                    .runs = {detail::Run{.text = detail::Clean(row[i])}},
                    .align = i == 0 || i == 2 ? detail::Align::kCenter : detail::Align::kLeft});
            }
            t.rows.push_back(std::move(cells));
        }
        doc.blocks.emplace_back(std::move(t));
    }
    doc.blocks.emplace_back(
        detail::Signatures{.boxes = {detail::SignatureBox{.caption = ""},
                                     detail::SignatureBox{.caption = "ĐẠI DIỆN ĐƠN VỊ SOẠN THẢO",
                                                          .hint = "(Ký, ghi rõ họ tên)",
                                                          .name = ""}}});
    return detail::WritePdf(doc);
}

base::Result<std::string> RenderAssessmentDocx(const AssessmentReport& r) {
    if (base::Status s = Validate(r); !s) return s.error();
    docx::Document doc;
    doc.HeadingBlock(
        {{r.parent_unit, S(false, false, "center", 24)}, {r.unit, S(true, false, "center", 24)}},
        {{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", S(true, false, "center", 24)},
         {"Độc lập - Tự do - Hạnh phúc", S(true, false, "center", 26)},
         {r.place_date, S(false, true, "center", 26)}},
        kTextWidth / 2);
    doc.Paragraph(kTitle, S(true, false, "center", 28));
    doc.Paragraph(kSubtitle, S(false, true, "center"));
    double total = 0;
    for (const double w : kWidths) total += w;
    for (const Section& s : SectionsOf(r)) {
        doc.Paragraph(s.heading, S(true));
        for (const std::string& p : s.paragraphs) doc.Paragraph(p, S());
        if (s.table.empty()) continue;
        docx::Table t;
        t.width = kTextWidth;
        for (const double w : kWidths) {
            t.columns.push_back(static_cast<int>(kTextWidth * w / total));
        }
        for (std::string_view h : kHeader) {
            t.header.push_back({.text = std::string(h), .style = S(true, false, "center", 22)});
        }
        for (const auto& row : s.table) {
            std::vector<docx::Cell> cells;
            for (std::size_t i = 0; i < row.size(); ++i) {
                cells.push_back(
                    {.text = row[i],
                     .style = S(false, false, i == 0 || i == 2 ? "center" : "left", 22)});
            }
            t.rows.push_back(std::move(cells));
        }
        doc.AddTable(t);
    }
    doc.Paragraph("ĐẠI DIỆN ĐƠN VỊ SOẠN THẢO", S(true, false, "right"));
    doc.Paragraph("(Ký, ghi rõ họ tên)", S(false, true, "right"));
    return doc.Finish({.landscape = false, .left = 1701});
}

}  // namespace motcua::render
