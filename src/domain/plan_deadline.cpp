#include "domain/plan_deadline.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <utility>

#include "calendar/civil_date.hpp"
#include "domain/plan_deadline_reader.hpp"
#include "text/unicode.hpp"

namespace motcua::domain::plan_deadline {
namespace {

using internal::Item;
using internal::ItemType;
using std::chrono::days;
using std::chrono::sys_days;

constexpr int kLookBackDays = 60;

std::string Iso(sys_days day) {
    return calendar::FormatIsoDate(day);
}

int LastDayOfMonth(int year, int month) {
    const std::chrono::year_month_day_last ymdl{std::chrono::year{year} /
                                                std::chrono::month{static_cast<unsigned>(month)} /
                                                std::chrono::last};
    return static_cast<int>(static_cast<unsigned>(ymdl.day()));
}

class Resolver final {
public:
    Resolver(const calendar::WorkingCalendar& calendar, std::string& error)
        : calendar_(calendar), error_(error) {}

    std::vector<sys_days> due;
    std::vector<std::string> notes;
    Recurrence recurrence = Recurrence::kNone;

    void Resolve(const Item& item, int year) {
        if (year < 1900 || year > 2199) {
            Fail("year " + std::to_string(year) + " is outside the calendar (1900-2199)");
            return;
        }
        switch (item.type) {
            case ItemType::kDay: {
                if (item.number < 1 || item.number > 12 || item.day < 1 ||
                    item.day > LastDayOfMonth(year, item.number)) {
                    Fail("no such date: " + std::to_string(item.day) + "/" +
                         std::to_string(item.number) + "/" + std::to_string(year));
                    return;
                }
                Due(Ymd(year, item.number, item.day), item.strict,
                    std::to_string(item.day) + "/" + std::to_string(item.number) + "/" +
                        std::to_string(year));
                return;
            }
            case ItemType::kMonth:
                Period(Ymd(year, item.number, 1),
                       Ymd(year, item.number, LastDayOfMonth(year, item.number)), item.strict,
                       "month " + std::to_string(item.number) + "/" + std::to_string(year));
                return;
            case ItemType::kQuarter:
                Period(Ymd(year, item.number * 3 - 2, 1),
                       Ymd(year, item.number * 3, LastDayOfMonth(year, item.number * 3)),
                       item.strict,
                       "quarter " + std::to_string(item.number) + "/" + std::to_string(year));
                return;
            case ItemType::kHalf:
                Period(Ymd(year, item.number * 6 - 5, 1),
                       Ymd(year, item.number * 6, LastDayOfMonth(year, item.number * 6)),
                       item.strict,
                       std::string(item.number == 1 ? "first" : "second") + " half of " +
                           std::to_string(year));
                return;
            case ItemType::kYear:
                Period(Ymd(year, 1, 1), Ymd(year, 12, 31), item.strict,
                       "year " + std::to_string(year));
                return;
            case ItemType::kEvery:
                Every(item, year);
                return;
        }
    }

private:
    static sys_days Ymd(int y, int m, int d) {
        return sys_days{std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(m)} /
                        std::chrono::day{static_cast<unsigned>(d)}};
    }

    void Fail(std::string message) {
        if (error_.empty()) {
            error_ = std::move(message);
        }
    }

    // Due on the last working day on or before `day` (strictly before when `strict`).
    bool Due(sys_days day, bool strict, const std::string& what, bool note = true) {
        const auto found = LastWorkingDayOnOrBefore(strict ? day - days{1} : day, calendar_);
        if (!found) {
            Fail("no working day before " + Iso(day));
            return false;
        }
        due.push_back(*found);
        if (note) {
            notes.push_back(std::string(strict ? "before " : "by ") + what + " -> " + Iso(*found));
        }
        return true;
    }

    // A period is due at its end, or before it begins when `strict`.
    void Period(sys_days first, sys_days last, bool strict, const std::string& what) {
        if (strict) {
            Due(first, true, "the start of " + what);
        } else {
            Due(last, false, what);
        }
    }

    void Every(const Item& item, int year) {
        recurrence = std::max(recurrence, item.every,
                              [](Recurrence a, Recurrence b) { return Rank(a) < Rank(b); });
        int step = 12;
        switch (item.every) {
            case Recurrence::kMonthly:
                step = 1;
                break;
            case Recurrence::kQuarterly:
                step = 3;
                break;
            case Recurrence::kHalfYearly:
                step = 6;
                break;
            default:
                step = 12;
                break;
        }
        std::string dates;
        for (int month = step; month <= 12; month += step) {
            const int last = LastDayOfMonth(year, month);
            const int day = item.day == 0 ? last : std::min(item.day, last);
            if (!Due(Ymd(year, month, day), item.strict, "", false)) {
                return;
            }
            dates += (dates.empty() ? "" : ", ") + Iso(due.back());
        }
        std::string what(RecurrenceName(item.every));
        if (item.day != 0) {
            what +=
                std::string(item.strict ? " before day " : " by day ") + std::to_string(item.day);
        }
        notes.push_back(what + " in " + std::to_string(year) + " -> " + dates);
    }

    static int Rank(Recurrence r) {
        switch (r) {
            case Recurrence::kNone:
                return 0;
            case Recurrence::kYearly:
                return 1;
            case Recurrence::kHalfYearly:
                return 2;
            case Recurrence::kQuarterly:
                return 3;
            case Recurrence::kMonthly:
                return 4;
            case Recurrence::kContinuous:
                return 5;
        }
        return 0;
    }

    const calendar::WorkingCalendar& calendar_;
    std::string& error_;
};

std::string Trimmed(std::string_view s) {
    return text::TrimAndCollapseSpaces(s);
}

}  // namespace

std::string_view KindName(Kind kind) {
    switch (kind) {
        case Kind::kDate:
            return "date";
        case Kind::kRecurring:
            return "recurring";
        case Kind::kEvent:
            return "event";
        case Kind::kUnresolved:
            return "unresolved";
    }
    return "unresolved";
}

std::string_view RecurrenceName(Recurrence recurrence) {
    switch (recurrence) {
        case Recurrence::kNone:
            return "none";
        case Recurrence::kMonthly:
            return "monthly";
        case Recurrence::kQuarterly:
            return "quarterly";
        case Recurrence::kHalfYearly:
            return "half_yearly";
        case Recurrence::kYearly:
            return "yearly";
        case Recurrence::kContinuous:
            return "continuous";
    }
    return "none";
}

std::optional<sys_days> LastWorkingDayOnOrBefore(sys_days day,
                                                 const calendar::WorkingCalendar& calendar) {
    for (int k = 0; k <= kLookBackDays; ++k, day -= days{1}) {
        if (!calendar::InRange(day)) {
            return std::nullopt;
        }
        if (calendar.IsOpen(day)) {
            return day;
        }
    }
    return std::nullopt;
}

Deadline Resolve(std::string_view phrase, int plan_year,
                 const calendar::WorkingCalendar& calendar) {
    Deadline result;
    result.phrase = std::string(phrase);
    if (phrase.size() > kMaxPhraseBytes) {
        result.note = "longer than " + std::to_string(kMaxPhraseBytes) + " bytes";
        return result;
    }
    auto nfc = text::Nfc(phrase);
    if (!nfc) {
        result.note = "not valid UTF-8";
        return result;
    }
    result.phrase = std::move(nfc).value();
    const std::string& s = result.phrase;
    const std::vector<internal::Token> tokens = internal::Tokenize(s);

    std::string error;
    Resolver resolver(calendar, error);
    std::vector<std::string> events;
    std::size_t begin = 0;
    for (std::size_t k = 0; k <= tokens.size() && error.empty(); ++k) {
        if (k < tokens.size() && !internal::IsClauseEnd(tokens, k)) {
            continue;
        }
        const std::span<const internal::Token> clause(tokens.data() + begin, k - begin);
        begin = k + 1;
        if (clause.empty()) {
            continue;
        }
        internal::Clause read = internal::ReadClause(clause);
        if (!read.error.empty()) {
            error = std::move(read.error);
            break;
        }
        if (read.event) {
            events.push_back(Trimmed(std::string_view(s).substr(
                clause.front().begin, clause.back().end - clause.front().begin)));
        }
        // A period without a year takes the next year written in the clause, else the previous
        // one, else the plan year.
        const auto& items = read.items;
        for (std::size_t a = 0; a < items.size(); ++a) {
            std::optional<int> year = items[a].year;
            for (std::size_t b = a + 1; b < items.size() && !year; ++b) {
                year = items[b].year;
            }
            for (std::size_t b = a; b-- > 0 && !year;) {
                year = items[b].year;
            }
            resolver.Resolve(items[a], year.value_or(plan_year));
        }
    }
    if (!error.empty()) {
        result.note = error;
        return result;
    }
    std::sort(resolver.due.begin(), resolver.due.end());
    resolver.due.erase(std::unique(resolver.due.begin(), resolver.due.end()), resolver.due.end());
    result.due = std::move(resolver.due);
    result.recurrence = resolver.recurrence;
    for (const std::string& e : events) {
        result.event += (result.event.empty() ? "" : "; ") + e;
    }
    for (const std::string& n : resolver.notes) {
        result.note += (result.note.empty() ? "" : "; ") + n;
    }
    if (result.recurrence != Recurrence::kNone) {
        result.kind = Kind::kRecurring;
    } else if (!result.due.empty()) {
        result.kind = Kind::kDate;
    } else if (!events.empty()) {
        result.kind = Kind::kEvent;
    } else {
        result.note = "no deadline expression recognised";
        return result;
    }
    if (!events.empty()) {
        result.note +=
            std::string(result.note.empty() ? "" : "; ") + "event-triggered: " + result.event;
    }
    return result;
}

}  // namespace motcua::domain::plan_deadline
