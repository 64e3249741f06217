#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/working_time.hpp"
#include "domain/plan_deadline.hpp"

// Import of the task tables of TTHC-control plans (issue #7; docs/plans.md "Import"). Pure.
//
// A plan ("Kế hoạch kiểm soát TTHC năm …") lists sections (I, II, …) of numbered tasks; a task
// has a content, and one or more deliverables (expected product, lead units, cooperating units,
// deadline phrase). Read() finds the task table in the plan's text — tab-separated (S0, S2), one
// cell per line with lines holding only '|' between cells (S1), or a markdown table — maps its
// columns by the header's words, and reads its rows:
//   - a row numbered with a Roman numeral starts a section (HTML tags such as <b> are stripped);
//   - a row numbered 1, 2, 1.1 … starts a task; a task "1" with no deliverables followed by
//     "1.1" is a group heading (kept as the subtasks' `group`);
//   - a row without a number adds a deliverable to the current task, or, right after a header
//     repeated at a page break, continues the previous row (its cells are appended);
//   - the deadline is read by plan_deadline::Resolve.
// Nothing is dropped silently: what cannot be understood (a row with missing or extra cells, a
// table row before any header, no table at all) is a Problem with its 1-based line.
namespace motcua::domain::plan_import {

enum class Format : std::uint8_t {
    kNone,       // no task table found
    kTabs,       // tab-separated rows, one per line (S0, S2)
    kPipeLines,  // one cell per line group, lines holding only '|' between cells (S1)
    kMarkdown,   // | a | b | rows
};
// "none", "tsv", "pipe_lines", "markdown".
[[nodiscard]] std::string_view FormatName(Format format);

struct Deliverable {
    std::size_t line = 0;  // 1-based line of the row (or its first cell)
    std::string product;
    std::string lead_raw;  // the cell as written (tags stripped, white space collapsed)
    std::vector<std::string> lead_units;
    std::string cooperating_raw;
    std::vector<std::string> cooperating_units;
    std::optional<plan_deadline::Deadline> deadline;  // nullopt: the deadline cell is empty
};

struct Task {
    std::size_t line = 0;
    std::string number;  // "1", "2.3", or "" for an unnumbered task
    std::string group;   // "2. Công bố, công khai TTHC…" when the task is a subtask; else ""
    std::string content;
    std::vector<Deliverable> deliverables;
};

struct Section {
    std::size_t line = 0;
    std::string number;  // "I", "II", …; "" for rows before any section row
    std::string title;
    std::vector<Task> tasks;
};

struct Problem {
    std::size_t line = 0;  // 1-based
    std::string reason;    // Vietnamese
};

struct Plan {
    Format format = Format::kNone;
    int year = 0;                 // the plan year used to read deadlines (0: unknown)
    std::string decision_number;  // "12/QĐ-UBND" when the text names the issuing decision
    std::string decision_date;    // "2024-01-18" when the decision's date is written
    std::vector<Section> sections;
    std::vector<Problem> problems;  // in line order

    [[nodiscard]] std::size_t TaskCount() const;
    [[nodiscard]] std::size_t DeliverableCount() const;
};

// Reads the task table of a plan. `plan_year` > 0 is the plan year; 0 reads it from the text (the
// first "năm YYYY" after "kế hoạch", else the first "năm YYYY"); when there is none, deadlines
// without a year stay unresolved and a problem says so. Never fails.
[[nodiscard]] Plan Read(std::string_view text, int plan_year,
                        const calendar::WorkingCalendar& calendar);

// Splits a units cell into names: on ';', line breaks, ',' outside parentheses, bullets ("- "),
// and " và " when what follows starts a unit's name ("UBND", "Sở", "các", "Văn phòng" …), so
// that "Sở Thông tin và Truyền thông" stays whole.
[[nodiscard]] std::vector<std::string> SplitUnits(std::string_view cell);

// The dry-run JSON: {"year","format","decision":{…},"counts":{…},"sections":[…],"problems":[…]}
// (docs/plans.md "Import").
[[nodiscard]] std::string ToJson(const Plan& plan);

}  // namespace motcua::domain::plan_import
