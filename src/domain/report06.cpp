#include "domain/report06.hpp"

#include <charconv>
#include <map>

#include "calendar/civil_date.hpp"

namespace motcua::domain::report06 {

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month;
using std::chrono::year_month_day_last;

base::Error BadPeriod(std::string_view text) {
    return base::InvalidArgument("kỳ báo cáo '" + std::string(text) +
                                 "' không hợp lệ; dùng dạng 2026-07 (tháng), 2026-Q3 (quý), "
                                 "2026-H1 (6 tháng), 2026-9M (9 tháng) hoặc 2026 (năm)");
}

std::optional<int> Number(std::string_view text) {
    int value = 0;
    if (text.empty() || text.size() > 4) {
        return std::nullopt;
    }
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

// First and last month of the period.
std::pair<int, int> Months(const Period& p) {
    switch (p.kind) {
        case PeriodKind::kMonth:
            return {p.index, p.index};
        case PeriodKind::kQuarter:
            return {(3 * p.index) - 2, 3 * p.index};
        case PeriodKind::kSixMonths:
            return {1, 6};
        case PeriodKind::kNineMonths:
            return {1, 9};
        case PeriodKind::kYear:
            break;
    }
    return {1, 12};
}

}  // namespace

base::Result<Period> ParsePeriod(std::string_view text) {
    if (text.size() < 4) {
        return BadPeriod(text);
    }
    const auto y = Number(text.substr(0, 4));
    if (!y || *y < 2000 || *y > 2199) {
        return BadPeriod(text);
    }
    Period p;
    p.year = *y;
    const std::string_view rest = text.substr(4);
    if (rest.empty()) {
        p.kind = PeriodKind::kYear;
        return p;
    }
    if (rest == "-H1") {
        p.kind = PeriodKind::kSixMonths;
        return p;
    }
    if (rest == "-9M") {
        p.kind = PeriodKind::kNineMonths;
        return p;
    }
    if (rest.size() == 3 && rest[0] == '-' && rest[1] == 'Q' && rest[2] >= '1' && rest[2] <= '4') {
        p.kind = PeriodKind::kQuarter;
        p.index = rest[2] - '0';
        return p;
    }
    if (rest.size() == 3 && rest[0] == '-') {
        const auto m = Number(rest.substr(1));
        if (m && *m >= 1 && *m <= 12 && rest[1] >= '0' && rest[1] <= '1') {
            p.kind = PeriodKind::kMonth;
            p.index = *m;
            return p;
        }
    }
    return BadPeriod(text);
}

std::string FormatPeriod(const Period& p) {
    const std::string y = std::to_string(p.year);
    switch (p.kind) {
        case PeriodKind::kMonth:
            return y + (p.index < 10 ? "-0" : "-") + std::to_string(p.index);
        case PeriodKind::kQuarter:
            return y + "-Q" + std::to_string(p.index);
        case PeriodKind::kSixMonths:
            return y + "-H1";
        case PeriodKind::kNineMonths:
            return y + "-9M";
        case PeriodKind::kYear:
            break;
    }
    return y;
}

std::string_view WindowRuleName(WindowRule rule) {
    return rule == WindowRule::kCalendar ? "calendar" : "reporting";
}

base::Result<WindowRule> ParseWindowRule(std::string_view name) {
    if (name == "reporting") {
        return WindowRule::kReporting;
    }
    if (name == "calendar") {
        return WindowRule::kCalendar;
    }
    return base::InvalidArgument("quy tắc kỳ báo cáo '" + std::string(name) +
                                 "' không hợp lệ; dùng reporting (15 tháng trước – 14 tháng cuối "
                                 "kỳ) hoặc calendar (ngày đầu – ngày cuối tháng)");
}

std::chrono::sys_seconds Window::Begin() const {
    return std::chrono::sys_seconds{from} - calendar::kVietnamOffset;
}

std::chrono::sys_seconds Window::End() const {
    return std::chrono::sys_seconds{to + std::chrono::days{1}} - calendar::kVietnamOffset;
}

Window Resolve(const Period& period, WindowRule rule) {
    const auto [first, last] = Months(period);
    Window w;
    w.period = period;
    w.rule = rule;
    const year_month first_month = year{period.year} / month{static_cast<unsigned>(first)};
    const year_month last_month = year{period.year} / month{static_cast<unsigned>(last)};
    if (rule == WindowRule::kCalendar) {
        w.from = sys_days{first_month / day{1}};
        w.to = sys_days{year_month_day_last{last_month / std::chrono::last}};
    } else {
        const year_month before = first_month - std::chrono::months{1};
        w.from = sys_days{before / day{15}};
        w.to = sys_days{last_month / day{14}};
    }
    return w;
}

Classification Classify(const DossierFacts& d, const Window& window) {
    const auto begin = window.Begin();
    const auto end = window.End();
    Classification c;
    if (!d.received_at || *d.received_at >= end) {
        return c;  // never received, or received after the window
    }
    if (d.finished_at && *d.finished_at < begin) {
        return c;  // settled before the window
    }
    if (*d.received_at < begin) {
        c.received = Received::kCarriedOver;
    } else {
        c.received = d.channel == Channel::kOnline ? Received::kOnline : Received::kDirectPostal;
    }
    if (d.finished_at && *d.finished_at < end) {
        if (d.late || d.timing == Timing::kLate) {
            c.outcome = Outcome::kLate;
        } else if (d.timing == Timing::kEarly) {
            c.outcome = Outcome::kEarly;
        } else {
            c.outcome = Outcome::kOnTime;
        }
        return c;
    }
    const bool past_due = d.due_at && *d.due_at < end;
    const bool flagged = d.late && !d.finished_at;
    c.outcome = past_due || flagged ? Outcome::kOverdue : Outcome::kWithin;
    return c;
}

void Cells::Add(const Classification& c) {
    switch (c.received) {
        case Received::kNotCounted:
            return;
        case Received::kOnline:
            ++online;
            break;
        case Received::kDirectPostal:
            ++direct_postal;
            break;
        case Received::kCarriedOver:
            ++carried_over;
            break;
    }
    switch (c.outcome) {
        case Outcome::kNotCounted:
            break;
        case Outcome::kEarly:
            ++early;
            break;
        case Outcome::kOnTime:
            ++on_time;
            break;
        case Outcome::kLate:
            ++late;
            break;
        case Outcome::kWithin:
            ++within;
            break;
        case Outcome::kOverdue:
            ++overdue;
            break;
    }
}

void Cells::Add(const Cells& o) {
    online += o.online;
    direct_postal += o.direct_postal;
    carried_over += o.carried_over;
    early += o.early;
    on_time += o.on_time;
    late += o.late;
    within += o.within;
    overdue += o.overdue;
}

base::Status CheckInvariant(const Row& row) {
    const Cells& c = row.cells;
    if (c.Received() != c.Settled() + c.InProgress()) {
        return base::Internal("báo cáo biểu 06, dòng '" + row.label + "': cột 3 (" +
                              std::to_string(c.Received()) + ") khác cột 7 + cột 11 (" +
                              std::to_string(c.Settled()) + " + " + std::to_string(c.InProgress()) +
                              ")");
    }
    return {};
}

base::Result<Report> Build(const Window& window, const std::vector<DossierFacts>& dossiers,
                           const std::vector<UnitLabel>& units) {
    std::map<std::string, Cells> fields;
    std::map<std::int64_t, Cells> by_unit;
    for (const DossierFacts& d : dossiers) {
        const Classification c = Classify(d, window);
        if (c.received == Received::kNotCounted) {
            continue;
        }
        fields[d.field].Add(c);
        by_unit[d.settling_unit_id].Add(c);
    }
    return BuildFromCells(window, fields, by_unit, units);
}

base::Result<Report> BuildFromCells(const Window& window,
                                    const std::map<std::string, Cells>& by_field,
                                    const std::map<std::int64_t, Cells>& by_unit_in,
                                    const std::vector<UnitLabel>& units) {
    Report out;
    out.window = window;
    out.total.key = "total";
    out.total.label = std::string(kTotalLabel);
    std::map<std::string, Cells> fields;
    for (const auto& [field, cells] : by_field) {
        if (cells.Received() > 0 || cells.Settled() > 0 || cells.InProgress() > 0) {
            fields[field.empty() ? std::string(kOtherField) : field].Add(cells);
        }
    }
    std::map<std::int64_t, Cells> by_unit;
    for (const auto& [id, cells] : by_unit_in) {
        if (cells.Received() > 0 || cells.Settled() > 0 || cells.InProgress() > 0) {
            by_unit[id] = cells;
            out.total.cells.Add(cells);
        }
    }
    out.dossiers = out.total.cells.Received();
    for (auto& [field, cells] : fields) {
        out.by_field.push_back(Row{field, field, cells});
    }
    for (const UnitLabel& u : units) {
        if (auto it = by_unit.find(u.id); it != by_unit.end()) {
            out.by_unit.push_back(Row{std::to_string(u.id), u.label, it->second});
            by_unit.erase(it);
        }
    }
    for (auto& [id, cells] : by_unit) {
        out.by_unit.push_back(Row{std::to_string(id), std::to_string(id), cells});
    }
    for (const std::vector<Row>* rows : {&out.by_field, &out.by_unit}) {
        for (const Row& row : *rows) {
            if (base::Status s = CheckInvariant(row); !s) {
                return s.error();
            }
        }
    }
    if (base::Status s = CheckInvariant(out.total); !s) {
        return s.error();
    }
    return out;
}

}  // namespace motcua::domain::report06
