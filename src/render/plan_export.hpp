#pragma once

#include <string>

#include "base/result.hpp"
#include "domain/plan_import.hpp"

// A plan's task table as a Word document and as a spreadsheet (issue #7; docs/plans.md "DOCX and
// XLSX"). Target motcua_plan_render: unlike motcua_render it knows domain::plan_import::Plan.
//
// Both have the columns TT / Nội dung / Sản phẩm / Đơn vị chủ trì / Đơn vị phối hợp / Thời hạn;
// a section is one row (its number, then its title across the other columns); a group heading
// ("2. Công bố, công khai TTHC") is a row of its own before its first subtask; a task with several
// deliverables spans one row per deliverable, its number and content merged down. Units are the
// cells as written (lead_raw, cooperating_raw); the deadline is the phrase as written. Reading the
// DOCX back with ReadDocxText and plan_import::Read gives the same sections, tasks and
// deliverables.
namespace motcua::render {

struct PlanExportInfo {
    // The title; empty: "KẾ HOẠCH kiểm soát thủ tục hành chính năm <year>".
    std::string title{};
    // Printed above the title when not empty ("ỦY BAN NHÂN DÂN XÃ NHẬT TÂN").
    std::string issuing_unit{};
};

// A4 landscape WordprocessingML: the issuing unit, the title, the decision line "(Ban hành kèm
// theo Quyết định số N ngày D/M/YYYY)" when the plan names its decision, and the task table with
// its header row repeated on every page. kInvalidArgument when a text is not UTF-8.
[[nodiscard]] base::Result<std::string> RenderPlanDocx(const domain::plan_import::Plan& plan,
                                                       const PlanExportInfo& info = {});

// One sheet "Kế hoạch": the title and decision line merged over A:F, the header row (bold,
// repeated when printed, panes frozen below it), wrapped text, sections bold, multi-row tasks'
// number and content merged down; A4 landscape, fitted to the page width. kInvalidArgument when
// a text is not UTF-8 or a cell is longer than Excel's 32,767 characters.
[[nodiscard]] base::Result<std::string> RenderPlanXlsx(const domain::plan_import::Plan& plan,
                                                       const PlanExportInfo& info = {});

// The plan text of uploaded bytes (the API's import, the page's upload): a .docx — declared by
// the caller (`docx`) or recognised by the zip magic "PK\x03\x04" — through ReadDocxText with
// its guards (kInvalidArgument for a broken or foreign file, XXE; kResourceExhausted for a zip
// bomb or a file over 5 MB); anything else is returned as it is (plan_import::Read reports text
// that is not UTF-8). `was_docx` is set when the DOCX reader was used.
[[nodiscard]] base::Result<std::string> PlanTextOf(std::string bytes, bool docx,
                                                   bool* was_docx = nullptr);

}  // namespace motcua::render
