// Deadline phrases of TTHC-control plans (issue #7): a table of phrases with their exact due
// dates, then every deadline cell of the seed plans S0, S1 and S2 (tests/fixtures/seeds) with the
// kind it must read as — a change in reading shows up here.
#include "domain/plan_deadline.hpp"

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "calendar/civil_date.hpp"
#include "domain/plan_test_support.hpp"

namespace motcua::domain::plan_deadline {
namespace {

using plan_test::Calendar;
using plan_test::ReadSeed;

std::vector<std::string> Iso(const std::vector<std::chrono::sys_days>& days) {
    std::vector<std::string> out;
    out.reserve(days.size());
    for (const auto d : days) {
        out.push_back(calendar::FormatIsoDate(d));
    }
    return out;
}

struct Case {
    std::string phrase;
    int plan_year;
    Kind kind;
    Recurrence recurrence;
    std::vector<std::string> due;
};

// ---- (a) the phrases of issue #7 and the forms the parser accepts --------------------------

TEST(PlanDeadline, ResolvesThePhrasesOfTheIssue) {
    using enum Kind;
    const Recurrence none = Recurrence::kNone;
    const std::vector<std::string> quarter_ends = {"2024-03-29", "2024-06-28", "2024-09-30",
                                                   "2024-12-31"};
    const std::vector<Case> cases = {
        // Quarter ends on Sunday 30/6: the last working day is Friday 28/6.
        {"Quý II/2024", 2024, kDate, none, {"2024-06-28"}},
        {"Quý I và Quý II năm 2024", 2024, kDate, none, {"2024-03-29", "2024-06-28"}},
        // "Trước ngày D": strictly before D — Monday 30/9 → Friday 27/9.
        {"Trước ngày 30/9/2024", 2024, kDate, none, {"2024-09-27"}},
        {"trước ngày 15 của tháng cuối quý",
         2024,
         kRecurring,
         Recurrence::kQuarterly,
         {"2024-03-14", "2024-06-14", "2024-09-13", "2024-12-13"}},
        {"Thường xuyên trong năm 2024", 2024, kRecurring, Recurrence::kContinuous, {"2024-12-31"}},
        {"Hàng Quý", 2024, kRecurring, Recurrence::kQuarterly, quarter_ends},
        // April 2024: 29/4 swapped off, 30/4 and 1/5 holidays → Friday 26/4.
        {"Định kỳ hàng tháng",
         2024,
         kRecurring,
         Recurrence::kMonthly,
         {"2024-01-31", "2024-02-29", "2024-03-29", "2024-04-26", "2024-05-31", "2024-06-28",
          "2024-07-31", "2024-08-30", "2024-09-30", "2024-10-31", "2024-11-29", "2024-12-31"}},
        {"6 tháng đầu năm và cuối năm 2024", 2024, kDate, none, {"2024-06-28", "2024-12-31"}},
        {"Tháng 01/2024", 2024, kDate, none, {"2024-01-31"}},
        {"Năm 2024", 2024, kDate, none, {"2024-12-31"}},
        {"Trước 31/12/2023", 2024, kDate, none, {"2023-12-29"}},
        {"Ngay sau khi Quyết định công bố TTHC của Bộ, ngành cấp Trung ương được công khai",
         2024,
         kEvent,
         none,
         {}},
        {"Khi có yêu cầu của Sở Thông tin và Truyền thông", 2024, kEvent, none, {}},
        {"Theo Kế hoạch số 416/KH-UBND ngày 31/10/2022 của UBND tỉnh", 2024, kEvent, none, {}},
        // Combinations: the union of the dates.
        {"Thường xuyên trong năm; báo cáo kết quả rà soát, đôn đốc trước ngày 30/6/2024",
         2024,
         kRecurring,
         Recurrence::kContinuous,
         {"2024-06-28", "2024-12-31"}},
        {"Quý II, III/2024", 2024, kDate, none, {"2024-06-28", "2024-09-30"}},
        {"Tháng 1, 2 và 3/2024", 2024, kDate, none, {"2024-01-31", "2024-02-29", "2024-03-29"}},
        {"Quý I/2024; Quý III/2024", 2024, kDate, none, {"2024-03-29", "2024-09-30"}},
        {"Quý I - III/2024", 2024, kDate, none, {"2024-03-29", "2024-06-28", "2024-09-30"}},
        {"tháng 10-12", 2024, kDate, none, {"2024-10-31", "2024-11-29", "2024-12-31"}},
        {"- Báo cáo Quý I/2024;\n- Báo cáo Quý II/2024;\n- Báo cáo Năm 2024.",
         2024,
         kDate,
         none,
         {"2024-03-29", "2024-06-28", "2024-12-31"}},
        {"Định kỳ hàng quý, 01 năm theo quy định hoặc đột xuất khi có yêu cầu", 2024, kRecurring,
         Recurrence::kQuarterly, quarter_ends},
        {"trong quí II/2024, đánh giá thí điểm và nhân rộng trong quý IV/2024 và các năm tiếp "
         "theo.",
         2024,
         kDate,
         none,
         {"2024-06-28", "2024-12-31"}},
        // Date forms, inclusive prepositions, months, Roman and Arabic quarters.
        {"30-9-2024", 2024, kDate, none, {"2024-09-30"}},
        {"30.9.2024", 2024, kDate, none, {"2024-09-30"}},
        {"Chậm nhất ngày 30/9/2024", 2024, kDate, none, {"2024-09-30"}},
        {"Đến ngày 15/12", 2024, kDate, none, {"2024-12-13"}},
        {"ngày 15 tháng 12 năm 2024", 2024, kDate, none, {"2024-12-13"}},
        {"tháng 6 năm 2024", 2024, kDate, none, {"2024-06-28"}},
        {"Trong tháng 6", 2025, kDate, none, {"2025-06-30"}},
        {"Quý 2 năm 2024", 2024, kDate, none, {"2024-06-28"}},
        {"quý iv", 2025, kDate, none, {"2025-12-31"}},
        {"Trong năm", 2025, kDate, none, {"2025-12-31"}},
        {"cuối năm 2024", 2024, kDate, none, {"2024-12-31"}},
        {"Trước Quý III/2024", 2024, kDate, none, {"2024-06-28"}},
        {"Hàng năm", 2024, kRecurring, Recurrence::kYearly, {"2024-12-31"}},
        {"Định kỳ 6 tháng",
         2024,
         kRecurring,
         Recurrence::kHalfYearly,
         {"2024-06-28", "2024-12-31"}},
        {"trước ngày 20 hàng tháng",
         2024,
         kRecurring,
         Recurrence::kMonthly,
         {"2024-01-19", "2024-02-19", "2024-03-19", "2024-04-19", "2024-05-17", "2024-06-19",
          "2024-07-19", "2024-08-19", "2024-09-19", "2024-10-18", "2024-11-19", "2024-12-19"}},
        // The working-time calendar: Tết Giáp Thìn (8–14/2/2024), Tết Ất Tỵ (25/1–2/2/2025),
        // National Day 2025 (1–2/9).
        {"Trước ngày 15/2/2024", 2024, kDate, none, {"2024-02-07"}},
        {"Tháng 1/2025", 2025, kDate, none, {"2025-01-24"}},
        {"Trước ngày 2/9/2025", 2025, kDate, none, {"2025-08-29"}},
        // Tolerance: case, white space, decomposed diacritics.
        {"  QUÝ   II /  2024 ", 2024, kDate, none, {"2024-06-28"}},
        {"Qu\x79\xCC\x81 II/2024", 2024, kDate, none, {"2024-06-28"}},
        {"THƯỜNG\tXUYÊN", 2024, kRecurring, Recurrence::kContinuous, {"2024-12-31"}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.phrase);
        const Deadline d = Resolve(c.phrase, c.plan_year, Calendar());
        EXPECT_EQ(KindName(d.kind), KindName(c.kind)) << d.note;
        EXPECT_EQ(RecurrenceName(d.recurrence), RecurrenceName(c.recurrence));
        EXPECT_EQ(Iso(d.due), c.due) << d.note;
        EXPECT_FALSE(d.note.empty());
        EXPECT_EQ(d.kind == Kind::kEvent, !d.event.empty() && d.due.empty());
    }
}

TEST(PlanDeadline, KeepsThePhraseInNfcAndTheEventWords) {
    const Deadline d = Resolve("Qu\x79\xCC\x81 II/2024", 2024, Calendar());
    EXPECT_EQ(d.phrase, "Quý II/2024");
    const Deadline e = Resolve("Khi có yêu cầu của Sở Thông tin và Truyền thông", 2024, Calendar());
    EXPECT_EQ(e.event, "Khi có yêu cầu của Sở Thông tin và Truyền thông");
    const Deadline m = Resolve(
        "Định kỳ hàng quý, 01 năm theo quy định hoặc đột xuất khi có yêu cầu", 2024, Calendar());
    EXPECT_EQ(m.event, "Định kỳ hàng quý, 01 năm theo quy định hoặc đột xuất khi có yêu cầu");
    EXPECT_NE(m.note.find("quarterly in 2024"), std::string::npos) << m.note;
}

TEST(PlanDeadline, UnresolvedPhrasesSayWhy) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Quý V/2024", "quarter number out of range"},
        {"Tháng 13/2024", "month number out of range"},
        {"31/2/2024", "no such date: 31/2/2024"},
        {"Trước ngày 30/9/24", "a date's year must have four digits"},
        {"Sớm nhất có thể", "no deadline expression recognised"},
        {"", "no deadline expression recognised"},
        {"Hàng tuần", "weekly and daily recurrences are not supported"},
        {"Năm 2300", "year 2300 is outside the calendar (1900-2199)"},
        {"ngày 15", "a day without its month"},
        {"\xFFQuý II", "not valid UTF-8"},
        {std::string(kMaxPhraseBytes + 1, 'a'), "longer than 4000 bytes"},
    };
    for (const auto& [phrase, reason] : cases) {
        SCOPED_TRACE(phrase.substr(0, 40));
        const Deadline d = Resolve(phrase, 2024, Calendar());
        EXPECT_EQ(d.kind, Kind::kUnresolved);
        EXPECT_EQ(d.note, reason);
        EXPECT_TRUE(d.due.empty());
        EXPECT_EQ(d.recurrence, Recurrence::kNone);
    }
    // A plan year outside the calendar leaves year-less phrases unresolved.
    EXPECT_EQ(Resolve("Hàng quý", 1800, Calendar()).kind, Kind::kUnresolved);
}

TEST(PlanDeadline, FoldsVietnameseForMatching) {
    EXPECT_EQ(FoldForMatching("Thời gian THỰC HIỆN Đúng"), "thoi gian thuc hien dung");
    EXPECT_EQ(FoldForMatching("Qu\x79\xCC\x81"), "quy");
    EXPECT_EQ(FoldForMatching("a\xFF"), "a?");
}

// ---- (b) every deadline cell of the seed plans S0, S1, S2 -------------------------------------

struct Cell {
    std::string seed;
    std::string text;
};

std::vector<std::string> Split(const std::string& text, char sep) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, sep)) {
        parts.push_back(part);
    }
    if (!text.empty() && text.back() == sep) {
        parts.emplace_back();
    }
    return parts;
}

std::string Trim(std::string s) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.back())) {
        s.pop_back();
    }
    std::size_t k = 0;
    while (k < s.size() && blank(s[k])) {
        ++k;
    }
    return s.substr(k);
}

std::string StripTags(const std::string& s) {
    std::string out;
    bool in_tag = false;
    for (const char c : s) {
        if (c == '<') {
            in_tag = true;
        } else if (c == '>') {
            in_tag = false;
        } else if (!in_tag) {
            out.push_back(c);
        }
    }
    return out;
}

bool IsDeadlineHeading(const std::string& cell) {
    const std::string f = FoldForMatching(Trim(cell));
    return f == "thoi han" || f == "thoi gian thuc hien" || f == "thoi gian hoan thanh";
}

// Tab-separated task tables (S0, S2): the deadline column is found in each repeated header row.
std::vector<Cell> TabTableCells(const std::string& seed, const std::string& text, int* empty) {
    std::vector<Cell> cells;
    std::optional<std::size_t> column;
    for (const std::string& line : Split(text, '\n')) {
        if (line.find('\t') == std::string::npos) {
            continue;
        }
        const std::vector<std::string> row = Split(line, '\t');
        bool header = false;
        for (std::size_t k = 0; k < row.size(); ++k) {
            if (IsDeadlineHeading(row[k])) {
                column = k;
                header = true;
            }
        }
        if (header || !column || *column >= row.size()) {
            continue;
        }
        const std::string cell = Trim(StripTags(row[*column]));
        if (cell.empty()) {
            ++*empty;
        } else {
            cells.push_back({seed, cell});
        }
    }
    return cells;
}

// S0's appendix, the district's inspection schedule: "- Quý III năm 2024: Phòng Tư pháp, …".
std::vector<Cell> S0ScheduleCells(const std::string& text) {
    std::vector<Cell> cells;
    bool in_schedule = false;
    for (const std::string& line : Split(text, '\n')) {
        const std::string f = FoldForMatching(line);
        if (f.find("lich kiem tra du kien") != std::string::npos) {
            in_schedule = true;
        } else if (in_schedule && f.rfind("- quy ", 0) == 0 &&
                   line.find(':') != std::string::npos) {
            cells.push_back({"S0", Trim(line.substr(2, line.find(':') - 2))});
        } else if (in_schedule && !Trim(line).empty() && f.rfind("- ", 0) != 0) {
            in_schedule = false;
        }
    }
    return cells;
}

// S1 writes one cell per line group, cells separated by lines holding only '|'; a row starts at
// its number cell (I, 1, 1.1 …). A full row has 6 cells; a row split into sub-rows repeats the
// last 4 (lead unit, partners, product, deadline). Lines inside a cell are the PDF's wrapping and
// are joined with spaces.
std::vector<Cell> S1Cells(const std::string& text, int* empty, int* merged) {
    const std::size_t start = text.find("Số TT\n|");
    EXPECT_NE(start, std::string::npos);
    std::vector<std::string> cells;
    std::string cell;
    for (const std::string& line : Split(text.substr(start), '\n')) {
        if (Trim(line) == "|") {
            cells.push_back(Trim(cell));
            cell.clear();
        } else {
            cell += (cell.empty() ? "" : " ") + Trim(line);
        }
    }
    cells.push_back(Trim(cell));
    constexpr std::size_t kColumns = 6;
    std::size_t deadline_column = kColumns;
    for (std::size_t k = 0; k < kColumns; ++k) {
        if (IsDeadlineHeading(cells[k])) {
            deadline_column = k;
        }
    }
    EXPECT_EQ(deadline_column, 5U);
    const std::regex number(R"(^(?:[IVX]+|\d+(?:\.\d+)*)$)");
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = kColumns; k < cells.size(); ++k) {
        if (std::regex_match(cells[k], number)) {
            rows.push_back({cells[k]});
        } else if (!rows.empty()) {
            rows.back().push_back(cells[k]);
        }
    }
    std::vector<Cell> out;
    for (const auto& row : rows) {
        if (row.size() == 2) {
            continue;  // a section heading
        }
        if (row.size() <= deadline_column) {
            ++*merged;  // its deadline cell is merged with the row above
            continue;
        }
        for (std::size_t k = deadline_column; k < row.size(); k += kColumns - 2) {
            if (row[k].empty()) {
                ++*empty;
            } else {
                out.push_back({"S1", row[k]});
            }
        }
    }
    return out;
}

struct Expected {
    std::string phrase;
    Kind kind;
    std::size_t due_count;
};

// Every distinct deadline cell of S0 (task table and inspection schedule), S1 and S2, with the
// kind it reads as and its number of due dates (plan year 2024). Long S1 cells are joined lines.
const std::vector<Expected>& SeedPhrases() {
    using enum Kind;
    static const std::vector<Expected> kPhrases = {
        {"Trong năm 2024", kDate, 1},
        {"Thường xuyên trong năm", kRecurring, 1},
        {"Năm 2024", kDate, 1},
        {"Trước ngày 31/10/2024", kDate, 1},
        {"Thường xuyên trong năm; báo cáo kết quả rà soát, đôn đốc trước ngày 30/6/2024",
         kRecurring, 2},
        {"Theo lộ trình của Chính phủ và Bộ/ ngành", kEvent, 0},
        {"Hàng Quý", kRecurring, 4},
        {"Theo tiến độ tại Kế hoạch số 2023/KH-UBND", kEvent, 0},
        {"Trước ngày 30/9/2024", kDate, 1},
        {"Theo tiến độ tại Nghị quyết 131/NQ-CP Công văn 1967/UBND-KSTT", kEvent, 0},
        {"Theo chế độ báo cáo", kEvent, 0},
        {"Quý I và Quý II năm 2024", kDate, 2},
        {"Quý III năm 2024", kDate, 1},
        {"Quý IV năm 2024", kDate, 1},
        {"Quý I/2024", kDate, 1},
        {"Quý II/2024", kDate, 1},
        {"Thường xuyên trong năm 2024", kRecurring, 1},
        {"Các cơ quan chuyên môn trực thuộc UBND tỉnh xây dựng dự thảo Quyết định công bố đảm bảo "
         "thời gian quy định tại Điều 10 Thông tư số 02/2017/TT-VPVP thì “Quyết định công bố TTHC "
         "của Chủ tịch Ủy ban nhân dân cấp tỉnh phải được ban hành chậm nhất trước 05 ngày tính "
         "đến ngày văn bản quy phạm pháp luật có quy định về thủ tục hành chính có hiệu lực thi "
         "hành”.",
         kEvent, 0},
        {"Thời gian thực hiện theo Kế hoạch số 416/KH-UBND ngày 31/10/2022 của UBND tỉnh", kEvent,
         0},
        {"Ngay sau khi Quyết định công bố TTHC của Bộ, ngành cấp Trung ương được công khai trên "
         "Cổng dịch vụ công quốc gia",
         kEvent, 0},
        {"Thời hạn nhập, đăng tải công khai thủ tục hành chính đã công bố vào Cơ sở dữ liệu quốc "
         "gia về thủ tục hành chính chậm nhất 05 ngày làm việc kể từ ngày ký quyết định công bố "
         "của Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương; 02 ngày làm việc kể "
         "từ ngày ký quyết định công bố thủ tục hành chính trong văn bản quy phạm pháp luật được "
         "ban hành theo trình tự, thủ tục rút gọn có hiệu lực kể từ ngày thông qua hoặc ký ban "
         "hành. (Điều 24 Nghị định số 63/2010/NĐ-CP được sửa đổi bởi Khoản 7 Điều 1 Nghị định số "
         "92/2017/NĐ- CP)",
         kEvent, 0},
        {"Tháng 12/2023", kDate, 1},
        {"Trước 31/12/2023", kDate, 1},
        {"Trước ngày 15/8/2024", kDate, 1},
        {"Trước ngày 15/9/2024", kDate, 1},
        {"Thời gian hoàn thành phê duyệt và triển khai thí điểm trong quí II/2024, đánh giá thí "
         "điểm và nhân rộng trong quý IV/2024 và các năm tiếp theo.",
         kDate, 2},
        {"Bộ phận Một cửa cấp huyện và Bộ phận Một cửa cấp xã hoàn thành trong Quý I/2024", kDate,
         1},
        {"Định kỳ hàng tháng trong năm 2024", kRecurring, 12},
        {"Lồng ghép vào Báo cáo kiểm soát TTHC định kỳ theo quy định", kEvent, 0},
        {"Khi có yêu cầu của Sở Thông tin và Truyền thông", kEvent, 0},
        {"Theo Kế hoạch", kEvent, 0},
        {"Tháng 01/2024", kDate, 1},
        {"Quý II, III/2024", kDate, 2},
        {"Theo Kế hoạch của đơn vị", kEvent, 0},
        {"Quý IV/2024", kDate, 1},
        {"Khi có thay đổi, thực hiện theo Quý", kEvent, 0},
        {"Theo yêu cầu và Kế hoạch của Văn phòng Chính phủ", kEvent, 0},
        {"6 tháng đầu năm và cuối năm 2024", kDate, 2},
        {"- Báo cáo Quý I/2024; - Báo cáo Quý II/2024; - Báo cáo Quý III/2024; - Báo cáo Năm 2024.",
         kDate, 4},
        {"Trong tháng 01/2024", kDate, 1},
        {"Thường xuyên", kRecurring, 1},
        {"Thường xuyên khi có thay đổi hoặc phân công lại công tác tại xã", kEvent, 0},
        {"Khi cấp trên tổ chức các lớp tập huấn, bồi dưỡng.", kEvent, 0},
        {"Theo dõi: thường xuyên;", kRecurring, 1},
        {"Trong năm", kDate, 1},
        {"Khi nhận được văn bản chuyển phản ánh, kiến nghị", kEvent, 0},
        {"Định kỳ hàng quý, 01 năm theo quy định hoặc đột xuất khi có yêu cầu", kRecurring, 4},
    };
    return kPhrases;
}

// Cells that stay unresolved, with the reason the parser gives. None today: every deadline cell
// of S0–S2 is a date, a recurrence or an event.
const std::map<std::string, std::string>& UnresolvedSeedPhrases() {
    static const std::map<std::string, std::string> kUnresolved = {};
    return kUnresolved;
}

TEST(PlanDeadline, EveryDeadlineCellOfTheSeedPlansIsClassified) {
    int empty = 0;
    int merged = 0;
    std::vector<Cell> cells = TabTableCells("S0", ReadSeed("s0-bo-trach-2024.txt"), &empty);
    for (Cell& c : S0ScheduleCells(ReadSeed("s0-bo-trach-2024.txt"))) {
        cells.push_back(std::move(c));
    }
    for (Cell& c : S1Cells(ReadSeed("s1-thua-thien-hue-2024.txt"), &empty, &merged)) {
        cells.push_back(std::move(c));
    }
    for (Cell& c : TabTableCells("S2", ReadSeed("s2-nhat-tan-2024.txt"), &empty)) {
        cells.push_back(std::move(c));
    }

    std::map<std::string, const Expected*> expected;
    for (const Expected& e : SeedPhrases()) {
        EXPECT_TRUE(expected.emplace(e.phrase, &e).second) << "listed twice: " << e.phrase;
    }
    std::map<std::string, int> used;
    std::map<std::string, std::map<std::string, int>> counts;  // seed → kind → cells
    for (const Cell& c : cells) {
        SCOPED_TRACE(c.seed + ": " + c.text);
        const Deadline d = Resolve(c.text, 2024, Calendar());
        ++counts[c.seed][std::string(KindName(d.kind))];
        ++counts["all"][std::string(KindName(d.kind))];
        ++used[c.text];
        if (d.kind == Kind::kUnresolved) {
            const auto it = UnresolvedSeedPhrases().find(c.text);
            ASSERT_NE(it, UnresolvedSeedPhrases().end()) << "unresolved, not listed: " << d.note;
            EXPECT_EQ(d.note, it->second);
            continue;
        }
        const auto it = expected.find(c.text);
        ASSERT_NE(it, expected.end()) << "not in the table: " << KindName(d.kind) << " " << d.note;
        EXPECT_EQ(KindName(d.kind), KindName(it->second->kind)) << d.note;
        EXPECT_EQ(d.due.size(), it->second->due_count) << d.note;
        EXPECT_EQ(d.kind == Kind::kEvent, d.due.empty());
    }
    for (const Expected& e : SeedPhrases()) {
        EXPECT_EQ(used.count(e.phrase), 1U) << "listed but not in the seeds: " << e.phrase;
    }
    for (const auto& [phrase, reason] : UnresolvedSeedPhrases()) {
        EXPECT_EQ(used.count(phrase), 1U) << "listed but not in the seeds: " << phrase;
    }
    for (const auto& [seed, kinds] : counts) {
        std::cout << seed << ":";
        int total = 0;
        for (const auto& [kind, n] : kinds) {
            std::cout << " " << kind << " " << n;
            total += n;
        }
        std::cout << " (" << total << " cells)\n";
    }
    std::cout << "empty deadline cells " << empty << ", merged with the row above " << merged
              << "\n";
    // S0: 38 cells of the task table + 3 lines of the inspection schedule; S1: 53; S2: 18.
    EXPECT_EQ(cells.size(), 112U);
    EXPECT_EQ(counts["S0"]["date"] + counts["S0"]["recurring"] + counts["S0"]["event"], 41);
    EXPECT_EQ(counts["S1"]["date"] + counts["S1"]["recurring"] + counts["S1"]["event"], 53);
    EXPECT_EQ(counts["S2"]["date"] + counts["S2"]["recurring"] + counts["S2"]["event"], 18);
    EXPECT_EQ(counts["all"]["date"], 39);
    EXPECT_EQ(counts["all"]["recurring"], 56);
    EXPECT_EQ(counts["all"]["event"], 17);
    EXPECT_EQ(counts["all"]["unresolved"], 0);
    EXPECT_EQ(empty, 23);
    EXPECT_EQ(merged, 1);
}

}  // namespace
}  // namespace motcua::domain::plan_deadline
