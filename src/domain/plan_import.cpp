#include "domain/plan_import.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "calendar/civil_date.hpp"
#include "text/unicode.hpp"

namespace motcua::domain::plan_import {

namespace {

using plan_deadline::FoldForMatching;

// ---- small text helpers ------------------------------------------------------------------------

std::vector<std::string> SplitLines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        const std::size_t end = text.find('\n', begin);
        std::string line(
            text.substr(begin, end == std::string_view::npos ? text.size() - begin : end - begin));
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        lines.push_back(std::move(line));
        if (end == std::string_view::npos) {
            break;
        }
        begin = end + 1;
    }
    return lines;
}

std::vector<std::string> SplitOn(std::string_view text, char sep) {
    std::vector<std::string> parts;
    std::size_t begin = 0;
    while (true) {
        const std::size_t end = text.find(sep, begin);
        if (end == std::string_view::npos) {
            parts.emplace_back(text.substr(begin));
            return parts;
        }
        parts.emplace_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
}

std::string StripTags(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool in_tag = false;
    for (const char c : s) {
        if (c == '<') {
            in_tag = true;
        } else if (c == '>' && in_tag) {
            in_tag = false;
            out.push_back(' ');
        } else if (!in_tag) {
            out.push_back(c);
        }
    }
    return out;
}

// Tags stripped, markdown bold markers removed, white space collapsed.
std::string Clean(std::string_view cell) {
    std::string s = StripTags(cell);
    std::string out;
    out.reserve(s.size());
    for (std::size_t k = 0; k < s.size(); ++k) {
        if (s[k] == '*' && k + 1 < s.size() && s[k + 1] == '*') {
            ++k;
            continue;
        }
        out.push_back(s[k]);
    }
    return text::TrimAndCollapseSpaces(out);
}

bool IsBlank(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

std::string Trim(std::string_view s) {
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) {
        ++b;
    }
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) {
        --e;
    }
    return std::string(s.substr(b, e - b));
}

void AppendText(std::string& to, std::string_view more, std::string_view glue) {
    if (more.empty()) {
        return;
    }
    if (!to.empty()) {
        to += glue;
    }
    to += more;
}

// A cell holding line breaks as U+2028 LINE SEPARATOR (a DOCX cell's paragraphs, render/
// docx_reader.hpp): each line cleaned, the lines joined by `glue` ("; " for units, "\n" for
// deadline clauses). Elsewhere Clean reads U+2028 as a space.
std::string CleanLines(std::string_view cell, std::string_view glue) {
    constexpr std::string_view kLineSeparator = "\u2028";
    std::string out;
    std::size_t begin = 0;
    while (begin <= cell.size()) {
        const std::size_t end = cell.find(kLineSeparator, begin);
        AppendText(
            out, Clean(cell.substr(begin, end == std::string_view::npos ? cell.npos : end - begin)),
            glue);
        if (end == std::string_view::npos) {
            break;
        }
        begin = end + kLineSeparator.size();
    }
    return out;
}

// At most `max` bytes of `s`, not cutting a UTF-8 sequence.
std::string Prefix(std::string_view s, std::size_t max) {
    if (s.size() <= max) {
        return std::string(s);
    }
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0U) == 0x80U) {
        --end;
    }
    return std::string(s.substr(0, end)) + "…";
}

// True when the first letter of `s` (after bullets, digits and punctuation) is a lower-case
// Latin/Vietnamese letter: a row continuing a sentence cut at a page break.
bool StartsLowerCase(std::string_view s) {
    std::size_t k = 0;
    while (k < s.size()) {
        const auto c = static_cast<unsigned char>(s[k]);
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z')) {
                return true;
            }
            if (c >= 'A' && c <= 'Z') {
                return false;
            }
            ++k;
            continue;
        }
        // Decode one code point (the text is valid UTF-8 here; stop otherwise).
        std::uint32_t cp = 0;
        std::size_t len = 0;
        if ((c & 0xE0U) == 0xC0U) {
            cp = c & 0x1FU;
            len = 2;
        } else if ((c & 0xF0U) == 0xE0U) {
            cp = c & 0x0FU;
            len = 3;
        } else {
            return false;
        }
        if (k + len > s.size()) {
            return false;
        }
        for (std::size_t j = 1; j < len; ++j) {
            cp = (cp << 6U) | (static_cast<unsigned char>(s[k + j]) & 0x3FU);
        }
        if (cp >= 0xC0 && cp <= 0xDE) {
            return false;  // Latin-1 upper case
        }
        if (cp >= 0xDF && cp <= 0xFF) {
            return true;
        }
        if ((cp >= 0x100 && cp <= 0x17F) || (cp >= 0x1EA0 && cp <= 0x1EF9)) {
            return cp % 2 == 1;  // pairs: upper even, lower odd (Ă/ă, Đ/đ, Ạ/ạ …)
        }
        if (cp == 0x1A0 || cp == 0x1AF) {
            return false;  // Ơ, Ư
        }
        if (cp == 0x1A1 || cp == 0x1B0) {
            return true;  // ơ, ư
        }
        return false;
    }
    return false;
}

bool IsRoman(std::string_view s) {
    static const std::regex roman(R"(^[IVXL]+\.?$)");
    return std::regex_match(s.begin(), s.end(), roman);
}

bool IsArabic(std::string_view s) {
    static const std::regex arabic(R"(^\d+(?:\.\d+)*\.?$)");
    return std::regex_match(s.begin(), s.end(), arabic);
}

std::string NormaliseNumber(std::string_view s) {
    std::string n = Trim(s);
    while (!n.empty() && n.back() == '.') {
        n.pop_back();
    }
    return n;
}

// ---- columns ------------------------------------------------------------------------------------

enum class Column : std::uint8_t {
    kOther,
    kNumber,
    kContent,
    kProduct,
    kLead,
    kCooperating,
    kDeadline
};

Column Classify(std::string_view cell) {
    const std::string f = text::TrimAndCollapseSpaces(FoldForMatching(Clean(cell)));
    if (f == "stt" || f == "tt" || f == "so tt" || f == "so thu tu") {
        return Column::kNumber;
    }
    const auto has = [&f](std::string_view w) { return f.find(w) != std::string::npos; };
    if (f.rfind("thoi han", 0) == 0 || f.rfind("thoi gian", 0) == 0) {
        return Column::kDeadline;
    }
    if (has("phoi hop")) {
        return Column::kCooperating;
    }
    if (has("noi dung") || f == "nhiem vu") {
        return Column::kContent;
    }
    if (has("san pham") || has("ket qua")) {
        return Column::kProduct;
    }
    if (has("chu tri") || has("thuc hien") || has("co quan") || has("don vi")) {
        return Column::kLead;
    }
    return Column::kOther;
}

bool IsHeader(const std::vector<std::string>& cells) {
    bool number = false;
    bool content = false;
    for (const std::string& c : cells) {
        const Column col = Classify(c);
        number = number || col == Column::kNumber;
        content = content || col == Column::kContent;
    }
    return number && content;
}

std::vector<Column> MapColumns(const std::vector<std::string>& header) {
    std::vector<Column> map;
    map.reserve(header.size());
    for (const std::string& c : header) {
        map.push_back(Classify(c));
    }
    return map;
}

struct Fields {
    std::string number;
    std::string content;
    std::string product;
    std::string lead;
    std::string cooperating;
    std::string deadline;

    [[nodiscard]] bool HasDeliverable() const {
        return !product.empty() || !lead.empty() || !cooperating.empty() || !deadline.empty();
    }
    [[nodiscard]] bool Empty() const {
        return number.empty() && content.empty() && !HasDeliverable();
    }
};

Fields Extract(const std::vector<Column>& map, const std::vector<std::string>& cells) {
    Fields f;
    for (std::size_t k = 0; k < map.size() && k < cells.size(); ++k) {
        const std::string c = Clean(cells[k]);
        switch (map[k]) {
            case Column::kNumber:
                AppendText(f.number, c, " ");
                break;
            case Column::kContent:
                AppendText(f.content, c, " ");
                break;
            case Column::kProduct:
                AppendText(f.product, c, " ");
                break;
            case Column::kLead:
                AppendText(f.lead, CleanLines(cells[k], "; "), "; ");
                break;
            case Column::kCooperating:
                AppendText(f.cooperating, CleanLines(cells[k], "; "), "; ");
                break;
            case Column::kDeadline:
                AppendText(f.deadline, CleanLines(cells[k], "\n"), "\n");
                break;
            case Column::kOther:
                AppendText(f.content, c, " ");
                break;
        }
    }
    return f;
}

// ---- building sections, tasks and deliverables ----------------------------------------------

class Builder {
public:
    explicit Builder(Plan& plan) : plan_(plan) {}

    void AddProblem(std::size_t line, std::string reason) {
        plan_.problems.push_back({line, std::move(reason)});
    }

    // One row of the table; `after_page_break`: the first row after a repeated header.
    void Add(Fields f, std::size_t line, bool after_page_break) {
        if (f.Empty()) {
            return;
        }
        const std::string number = NormaliseNumber(f.number);
        if (!number.empty() && IsRoman(number)) {
            StartSection(f, number, line);
            return;
        }
        if (!number.empty()) {
            if (!IsArabic(number)) {
                AddProblem(line, "số thứ tự \"" + number +
                                     "\" không đọc được (cần I, II … hoặc 1, 2, 1.1 …); dòng được "
                                     "đọc như một nhiệm vụ");
            }
            StartTask(std::move(f), number, line);
            return;
        }
        Task* task = CurrentTask();
        if (task != nullptr && after_page_break &&
            (!f.content.empty() || f.deadline.empty() ||
             StartsLowerCase(!f.product.empty() ? f.product : f.lead))) {
            Continue(*task, f);
            return;
        }
        if (task == nullptr) {
            StartTask(std::move(f), "", line);
            return;
        }
        AppendText(task->content, f.content, " ");
        if (f.HasDeliverable()) {
            AddDeliverable(*task, f, line);
        }
    }

private:
    Task* CurrentTask() {
        if (plan_.sections.empty() || plan_.sections.back().tasks.empty()) {
            return nullptr;
        }
        return &plan_.sections.back().tasks.back();
    }

    void StartSection(const Fields& f, const std::string& number, std::size_t line) {
        std::string title = f.content;
        // S2 repeats the number in the title: "IV. Tổ chức thực hiện …".
        const std::string prefix = number + ".";
        if (title.rfind(prefix, 0) == 0) {
            title = Trim(title.substr(prefix.size()));
        }
        plan_.sections.push_back({line, number, title, {}});
        group_.clear();
        if (f.HasDeliverable()) {
            AddProblem(line, "dòng mục " + number +
                                 " có ô sản phẩm/đơn vị/thời hạn: mục không có sản phẩm, các ô này "
                                 "không được nhập");
        }
    }

    void StartTask(Fields f, const std::string& number, std::size_t line) {
        if (plan_.sections.empty()) {
            plan_.sections.push_back({line, "", "", {}});
        }
        Section& section = plan_.sections.back();
        const std::size_t dot = number.rfind('.');
        if (dot == std::string::npos) {
            group_.clear();
        } else if (!section.tasks.empty()) {
            Task& last = section.tasks.back();
            if (last.number == number.substr(0, dot) && last.deliverables.empty()) {
                group_ = last.number + ". " + last.content;
                section.tasks.pop_back();
            }
        }
        Task task{line,
                  number,
                  number.find('.') == std::string::npos ? "" : group_,
                  std::move(f.content),
                  {}};
        if (f.HasDeliverable()) {
            AddDeliverable(task, f, line);
        }
        section.tasks.push_back(std::move(task));
    }

    static void AddDeliverable(Task& task, const Fields& f, std::size_t line) {
        Deliverable d;
        d.line = line;
        d.product = f.product;
        d.lead_raw = f.lead;
        d.cooperating_raw = f.cooperating;
        if (!f.deadline.empty()) {
            d.deadline = plan_deadline::Deadline{};
            d.deadline->phrase = f.deadline;
        }
        task.deliverables.push_back(std::move(d));
    }

    // A row cut by a page break: its cells continue the previous row's.
    static void Continue(Task& task, const Fields& f) {
        AppendText(task.content, f.content, " ");
        if (!f.HasDeliverable()) {
            return;
        }
        if (task.deliverables.empty()) {
            AddDeliverable(task, f, task.line);
            return;
        }
        Deliverable& d = task.deliverables.back();
        AppendText(d.product, f.product, " ");
        AppendText(d.lead_raw, f.lead, "; ");
        AppendText(d.cooperating_raw, f.cooperating, "; ");
        if (!f.deadline.empty()) {
            if (!d.deadline) {
                d.deadline = plan_deadline::Deadline{};
            }
            AppendText(d.deadline->phrase, f.deadline, "\n");
        }
    }

    Plan& plan_;
    std::string group_;
};

// ---- the three formats ----------------------------------------------------------------------

struct Row {
    std::size_t line = 0;
    std::vector<std::string> cells;
};

std::string CellCountReason(std::size_t got, std::size_t want) {
    return "dòng có " + std::to_string(got) + " ô nhưng bảng có " + std::to_string(want) +
           " cột; " +
           (got < want ? "các ô thiếu được để trống" : "các ô thừa được ghép vào nội dung");
}

// Rows of one line each (tab-separated or markdown): headers (repeated at page breaks) map the
// columns; other rows go to the builder.
void ReadLineRows(const std::vector<Row>& rows, Builder& builder) {
    std::optional<std::vector<Column>> map;
    bool after_page_break = false;
    for (const Row& row : rows) {
        if (IsHeader(row.cells)) {
            after_page_break = map.has_value();
            map = MapColumns(row.cells);
            continue;
        }
        if (!map) {
            if (!std::all_of(row.cells.begin(), row.cells.end(),
                             [](const std::string& c) { return IsBlank(c); })) {
                builder.AddProblem(row.line,
                                   "dòng bảng trước dòng tiêu đề (STT, Nội dung …): không biết "
                                   "cột nào là cột nào");
            }
            continue;
        }
        std::vector<Column> row_map = *map;
        if (row.cells.size() != map->size()) {
            builder.AddProblem(row.line, CellCountReason(row.cells.size(), map->size()));
            row_map.resize(row.cells.size(), Column::kContent);
        }
        builder.Add(Extract(row_map, row.cells), row.line, after_page_break);
        after_page_break = false;
    }
}

std::vector<Row> TabRows(const std::vector<std::string>& lines) {
    std::vector<Row> rows;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (lines[k].find('\t') != std::string::npos) {
            rows.push_back({k + 1, SplitOn(lines[k], '\t')});
        }
    }
    return rows;
}

bool IsMarkdownRow(std::string_view line) {
    const std::string t = Trim(line);
    return t.size() >= 3 && t.front() == '|' && std::count(t.begin(), t.end(), '|') >= 2;
}

std::vector<Row> MarkdownRows(const std::vector<std::string>& lines) {
    static const std::regex rule(R"(^\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$)");
    std::vector<Row> rows;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (!IsMarkdownRow(lines[k])) {
            continue;
        }
        std::string t = Trim(lines[k]);
        if (std::regex_match(t, rule)) {
            continue;
        }
        t = t.substr(1);
        if (!t.empty() && t.back() == '|') {
            t.pop_back();
        }
        rows.push_back({k + 1, SplitOn(t, '|')});
    }
    return rows;
}

// S1: cells are line groups separated by lines holding only '|'; a row starts at its number cell.
// A full row has as many cells as the header; a task over several rows repeats the cells after
// the content (S1 §II.3.1: 2 + 2 × 4 cells).
void ReadPipeLines(const std::vector<std::string>& lines, Builder& builder) {
    struct Cell {
        std::size_t line = 0;
        std::string text;
        std::string last_line;  // the cell's last line (the first cell carries the prose above)
    };
    std::vector<Cell> cells;
    Cell cell;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (Trim(lines[k]) == "|") {
            if (cell.line == 0) {
                cell.line = k + 1;  // an empty cell is at its closing '|' (fuzz_plan_import)
            }
            cells.push_back(std::move(cell));
            cell = Cell{};
            continue;
        }
        if (cell.line == 0 && !IsBlank(lines[k])) {
            cell.line = k + 1;
        }
        AppendText(cell.text, Trim(lines[k]), " ");
        if (!IsBlank(lines[k])) {
            cell.last_line = Trim(lines[k]);
        }
    }
    if (!cell.text.empty()) {
        cells.push_back(std::move(cell));
    }
    // The header: a number heading followed by classified headings.
    std::size_t start = cells.size();
    for (std::size_t k = 0; k < cells.size(); ++k) {
        // The first cell may carry the prose before the table: look at its last line only.
        if (Classify(cells[k].last_line) == Column::kNumber) {
            start = k;
            break;
        }
    }
    if (start == cells.size()) {
        builder.AddProblem(1, "không tìm thấy dòng tiêu đề của bảng nhiệm vụ (STT, Nội dung …)");
        return;
    }
    std::vector<Column> map = {Column::kNumber};
    std::size_t k = start + 1;
    while (k < cells.size() && map.size() < 8) {
        const Column col = Classify(cells[k].text);
        if (col == Column::kOther || col == Column::kNumber) {
            break;
        }
        map.push_back(col);
        ++k;
    }
    if (std::find(map.begin(), map.end(), Column::kContent) == map.end() || map.size() < 3) {
        builder.AddProblem(cells[start].line,
                           "dòng tiêu đề của bảng nhiệm vụ không có cột Nội dung/Nhiệm vụ");
        return;
    }
    // Group the cells into rows at their number cells.
    std::vector<std::vector<Cell>> rows;
    for (; k < cells.size(); ++k) {
        const std::string number = NormaliseNumber(Clean(cells[k].text));
        if (!number.empty() && (IsRoman(number) || IsArabic(number))) {
            rows.push_back({cells[k]});
        } else if (!rows.empty()) {
            rows.back().push_back(cells[k]);
        } else {
            builder.AddProblem(cells[k].line, "ô trước hàng đầu tiên của bảng nhiệm vụ: \"" +
                                                  Prefix(cells[k].text, 60) + "\"");
        }
    }
    const std::size_t width = map.size();
    const std::size_t repeat = width - 2;  // the cells after number and content
    for (auto& row : rows) {
        const std::size_t line = row.front().line;
        const auto cell_texts = [&](std::size_t from, std::size_t count) {
            std::vector<std::string> out;
            for (std::size_t j = from; j < from + count; ++j) {
                out.push_back(j < row.size() ? row[j].text : "");
            }
            return out;
        };
        if (row.size() == 2) {
            builder.Add(Extract(map, cell_texts(0, width)), line, false);
            continue;
        }
        std::size_t groups = 1;
        if (row.size() > width && (row.size() - 2) % repeat == 0) {
            groups = (row.size() - 2) / repeat;
        } else if (row.size() != width) {
            builder.AddProblem(line, CellCountReason(row.size(), width));
            groups = row.size() > width ? (row.size() - 2 + repeat - 1) / repeat : 1;
        }
        builder.Add(Extract(map, cell_texts(0, width)), line, false);
        const std::vector<Column> tail(map.begin() + 2, map.end());
        for (std::size_t g = 1; g < groups; ++g) {
            const std::size_t from = 2 + g * repeat;
            Fields f = Extract(tail, cell_texts(from, repeat));
            const std::size_t at = from < row.size() && row[from].line != 0 ? row[from].line : line;
            builder.Add(std::move(f), at, false);
        }
    }
}

// ---- plan header ----------------------------------------------------------------------------

int FindYear(const std::vector<std::string>& lines) {
    static const std::regex year_re(R"(\bnam\s+(\d{4})\b)");
    const auto find = [&](std::size_t from) -> int {
        for (std::size_t k = from; k < lines.size(); ++k) {
            const std::string f = FoldForMatching(lines[k]);
            for (auto it = std::sregex_iterator(f.begin(), f.end(), year_re);
                 it != std::sregex_iterator(); ++it) {
                const int year = std::stoi((*it)[1].str());
                if (year >= 1900 && year <= 2199) {
                    return year;
                }
            }
        }
        return 0;
    };
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (FoldForMatching(lines[k]).find("ke hoach") != std::string::npos) {
            if (const int year = find(k); year != 0) {
                return year;
            }
            break;
        }
    }
    return find(0);
}

void FindDecision(const std::vector<std::string>& lines, Plan& plan) {
    static const std::regex issued(
        R"(kèm theo Quyết định số\s*(\d+/QĐ-[^\s,;)]+)(?:\s+ngày\s+(\d{1,2})/(\d{1,2})/(\d{4}))?)");
    static const std::regex number_re(R"(^\s*Số:\s*(\d+/QĐ-[^\s,;)]+))");
    std::smatch m;
    for (const std::string& line : lines) {
        if (std::regex_search(line, m, issued)) {
            plan.decision_number = m[1].str();
            if (m[2].matched) {
                const std::chrono::year_month_day ymd{
                    std::chrono::year{std::stoi(m[4].str())},
                    std::chrono::month{static_cast<unsigned>(std::stoi(m[3].str()))},
                    std::chrono::day{static_cast<unsigned>(std::stoi(m[2].str()))}};
                if (ymd.ok()) {
                    plan.decision_date = calendar::FormatIsoDate(ymd);
                }
            }
            return;
        }
    }
    for (const std::string& line : lines) {
        if (std::regex_search(line, m, number_re)) {
            plan.decision_number = m[1].str();
            return;
        }
    }
}

Format Detect(const std::vector<std::string>& lines) {
    bool pipe_line = false;
    for (const std::string& line : lines) {
        if (line.find('\t') != std::string::npos && IsHeader(SplitOn(line, '\t'))) {
            return Format::kTabs;
        }
        pipe_line = pipe_line || Trim(line) == "|";
    }
    for (const std::string& line : lines) {
        if (IsMarkdownRow(line)) {
            std::string t = Trim(line);
            if (IsHeader(SplitOn(t, '|'))) {
                return Format::kMarkdown;
            }
        }
    }
    return pipe_line ? Format::kPipeLines : Format::kNone;
}

boost::json::value DeadlineJson(const std::optional<plan_deadline::Deadline>& d) {
    if (!d) {
        return nullptr;
    }
    boost::json::array due;
    for (const auto day : d->due) {
        due.emplace_back(calendar::FormatIsoDate(day));
    }
    return boost::json::object{
        {"phrase", d->phrase},
        {"kind", std::string(plan_deadline::KindName(d->kind))},
        {"due", std::move(due)},
        {"recurrence", std::string(plan_deadline::RecurrenceName(d->recurrence))},
        {"event", d->event},
        {"note", d->note}};
}

boost::json::array Strings(const std::vector<std::string>& v) {
    boost::json::array a;
    for (const std::string& s : v) {
        a.emplace_back(s);
    }
    return a;
}

}  // namespace

std::string_view FormatName(Format format) {
    switch (format) {
        case Format::kTabs:
            return "tsv";
        case Format::kPipeLines:
            return "pipe_lines";
        case Format::kMarkdown:
            return "markdown";
        case Format::kNone:
            break;
    }
    return "none";
}

std::size_t Plan::TaskCount() const {
    std::size_t n = 0;
    for (const Section& s : sections) {
        n += s.tasks.size();
    }
    return n;
}

std::size_t Plan::DeliverableCount() const {
    std::size_t n = 0;
    for (const Section& s : sections) {
        for (const Task& t : s.tasks) {
            n += t.deliverables.size();
        }
    }
    return n;
}

std::vector<std::string> SplitUnits(std::string_view cell) {
    // Pieces at ';' and line breaks, and at ',' outside parentheses.
    std::vector<std::string> pieces;
    std::string piece;
    int depth = 0;
    for (const char c : cell) {
        if (c == '(') {
            ++depth;
        } else if (c == ')' && depth > 0) {
            --depth;
        }
        if (c == ';' || c == '\n' || (c == ',' && depth == 0)) {
            pieces.push_back(std::move(piece));
            piece.clear();
        } else {
            piece.push_back(c);
        }
    }
    pieces.push_back(std::move(piece));
    // Bullets inside a piece ("- A - B"), then " và " before a unit's name.
    static const std::vector<std::string> unit_starts = {
        "ubnd",    "uy ban",    "so ",  "van phong", "phong ",   "bo phan", "cac ",
        "co quan", "trung tam", "ban ", "cong an",   "buu dien", "don vi",  "cong chuc"};
    std::vector<std::string> units;
    const auto add = [&units](std::string s) {
        s = text::TrimAndCollapseSpaces(s);
        while (!s.empty() && (s.back() == '.' || s.back() == ',')) {
            s.pop_back();
        }
        while (!s.empty() && (s.front() == '-' || s.front() == '+' || s.front() == ' ')) {
            s.erase(s.begin());
        }
        if (!s.empty()) {
            units.push_back(std::move(s));
        }
    };
    for (const std::string& p : pieces) {
        std::vector<std::string> bullets;
        std::size_t from = 0;
        for (std::size_t at = p.find(" - "); at != std::string::npos; at = p.find(" - ", at + 3)) {
            bullets.push_back(p.substr(from, at - from));
            from = at + 3;
        }
        bullets.push_back(p.substr(from));
        for (const std::string& b : bullets) {
            std::size_t begin = 0;
            std::size_t at = b.find(" và ");
            while (at != std::string::npos) {
                const std::string after = FoldForMatching(b.substr(at + 5, 16));
                const bool unit =
                    std::any_of(unit_starts.begin(), unit_starts.end(),
                                [&after](const std::string& w) { return after.rfind(w, 0) == 0; });
                if (unit) {
                    add(b.substr(begin, at - begin));
                    begin = at + 5;
                }
                at = b.find(" và ", at + 5);
            }
            add(b.substr(begin));
        }
    }
    return units;
}

Plan Read(std::string_view input, int plan_year, const calendar::WorkingCalendar& calendar) {
    Plan plan;
    Builder builder(plan);
    if (IsBlank(input)) {
        builder.AddProblem(1, "văn bản rỗng: không có bảng nhiệm vụ");
        return plan;
    }
    std::string normalised(input);
    if (!text::IsValidUtf8(input)) {
        const std::vector<std::string> raw = SplitLines(input);
        for (std::size_t k = 0; k < raw.size(); ++k) {
            if (!text::IsValidUtf8(raw[k])) {
                builder.AddProblem(k + 1, "dòng không phải UTF-8 hợp lệ");
            }
        }
    } else if (auto nfc = text::Nfc(input)) {
        normalised = std::move(*nfc);
    }
    const std::vector<std::string> lines = SplitLines(normalised);
    FindDecision(lines, plan);
    plan.year = plan_year > 0 ? plan_year : FindYear(lines);
    if (plan.year == 0) {
        builder.AddProblem(
            1,
            "không xác định được năm của kế hoạch (\"năm YYYY\"); thời hạn không ghi "
            "năm không đọc được — dùng --year");
    }
    plan.format = Detect(lines);
    switch (plan.format) {
        case Format::kTabs:
            ReadLineRows(TabRows(lines), builder);
            break;
        case Format::kMarkdown:
            ReadLineRows(MarkdownRows(lines), builder);
            break;
        case Format::kPipeLines:
            ReadPipeLines(lines, builder);
            break;
        case Format::kNone:
            builder.AddProblem(1,
                               "không tìm thấy bảng nhiệm vụ: cần dòng tiêu đề có cột STT và Nội "
                               "dung/Nhiệm vụ (bảng phân cách bằng tab, bảng markdown hoặc ô "
                               "phân cách bằng dòng '|')");
            break;
    }
    // Units and deadlines, once every continuation row has been appended.
    for (Section& section : plan.sections) {
        for (Task& task : section.tasks) {
            for (Deliverable& d : task.deliverables) {
                d.lead_units = SplitUnits(d.lead_raw);
                d.cooperating_units = SplitUnits(d.cooperating_raw);
                if (d.deadline) {
                    d.deadline = plan_deadline::Resolve(d.deadline->phrase, plan.year, calendar);
                }
            }
        }
    }
    std::stable_sort(plan.problems.begin(), plan.problems.end(),
                     [](const Problem& a, const Problem& b) { return a.line < b.line; });
    return plan;
}

std::string ToJson(const Plan& plan) {
    boost::json::array sections;
    for (const Section& s : plan.sections) {
        boost::json::array tasks;
        for (const Task& t : s.tasks) {
            boost::json::array deliverables;
            for (const Deliverable& d : t.deliverables) {
                deliverables.emplace_back(
                    boost::json::object{{"line", d.line},
                                        {"product", d.product},
                                        {"lead_units", Strings(d.lead_units)},
                                        {"lead_raw", d.lead_raw},
                                        {"cooperating_units", Strings(d.cooperating_units)},
                                        {"cooperating_raw", d.cooperating_raw},
                                        {"deadline", DeadlineJson(d.deadline)}});
            }
            tasks.emplace_back(boost::json::object{{"number", t.number},
                                                   {"group", t.group},
                                                   {"content", t.content},
                                                   {"line", t.line},
                                                   {"deliverables", std::move(deliverables)}});
        }
        sections.emplace_back(boost::json::object{{"number", s.number},
                                                  {"title", s.title},
                                                  {"line", s.line},
                                                  {"tasks", std::move(tasks)}});
    }
    boost::json::array problems;
    for (const Problem& p : plan.problems) {
        problems.emplace_back(boost::json::object{{"line", p.line}, {"reason", p.reason}});
    }
    boost::json::object decision;
    decision["number"] = plan.decision_number;
    decision["date"] = plan.decision_date;
    boost::json::object counts{{"sections", plan.sections.size()},
                               {"tasks", plan.TaskCount()},
                               {"deliverables", plan.DeliverableCount()},
                               {"problems", plan.problems.size()}};
    boost::json::object out{{"year", plan.year},
                            {"format", std::string(FormatName(plan.format))},
                            {"decision", std::move(decision)},
                            {"counts", std::move(counts)},
                            {"sections", std::move(sections)},
                            {"problems", std::move(problems)}};
    return boost::json::serialize(out);
}

}  // namespace motcua::domain::plan_import
