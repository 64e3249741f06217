#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"

// The impact-assessment form of a draft procedure as a report a drafting unit attaches to its
// dossier (issue #8, engineer G; docs/control.md "Impact assessment"; S1 §II.1 "biểu mẫu đánh giá
// tác động TTHC, biểu mẫu tính toán chi phí tuân thủ"): the draft and the procedure, the
// questions with their answers and notes by group, the conclusions, the compliance cost step by
// step (the steps of domain::compliance_cost, passed in as text) and the reviewer's opinion.
// Plain data in, bytes out (motcua_render knows nothing of domain/ or app/).
namespace motcua::render {

struct AssessmentReportAnswer {
    std::string question;
    std::string answer;  // "Có", "Không", "Chưa trả lời"
    std::string note;
};

struct AssessmentReportGroup {
    std::string title;  // "Sự cần thiết"
    std::vector<AssessmentReportAnswer> answers;
};

struct AssessmentReportLine {
    std::string label;
    std::string text;
};

struct AssessmentReport {
    std::string parent_unit;  // the drafting unit's parent, upper case; may be empty
    std::string unit;         // the drafting unit
    std::string place_date;   // "Huế, ngày … tháng … năm 2026"
    std::string state;        // "Trạng thái: Đang soạn"
    std::vector<AssessmentReportLine> facts;  // draft, number, procedure, field, subjects, …
    std::vector<AssessmentReportGroup> groups;
    std::vector<AssessmentReportLine> conclusions;  // only those written
    std::vector<std::string> cost_steps;            // the arithmetic, in order
    std::string per_event;                          // "1.024.000 đồng"
    std::string annual;
    std::string cost_note;  // where the figures come from; may be empty
    std::string opinion;    // the reviewer's opinion; may be empty
};

// A4 portrait. kInvalidArgument for text that is not UTF-8; kInternal when a writer fails.
[[nodiscard]] base::Result<std::string> RenderAssessmentPdf(const AssessmentReport& report);
[[nodiscard]] base::Result<std::string> RenderAssessmentDocx(const AssessmentReport& report);

}  // namespace motcua::render
