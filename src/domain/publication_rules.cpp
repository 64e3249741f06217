#include "domain/publication_rules.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "calendar/civil_date.hpp"

namespace motcua::domain::publication {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// The `count`-th open day strictly after (step +1) or before (step -1) `from`.
base::Result<sys_days> StepOpenDays(const calendar::WorkingCalendar& cal, sys_days from, int count,
                                    int step) {
    sys_days day = from;
    int left = count;
    while (left > 0) {
        day += days{step};
        if (!calendar::InRange(day))
            return base::InvalidArgument(fmt::format("Ngày {} nằm ngoài phạm vi lịch làm việc",
                                                     calendar::FormatIsoDate(from)));
        if (cal.IsOpen(day)) --left;
    }
    return day;
}

base::Result<sys_days> Step(const calendar::WorkingCalendar& cal, DayConvention convention,
                            sys_days from, int count, int step) {
    if (convention == DayConvention::kWorkingDays) return StepOpenDays(cal, from, count, step);
    const sys_days day = from + days{static_cast<std::int64_t>(count) * step};
    if (!calendar::InRange(day) || !calendar::InRange(from))
        return base::InvalidArgument(
            fmt::format("Ngày {} nằm ngoài phạm vi lịch làm việc", calendar::FormatIsoDate(from)));
    return day;
}

std::string_view UnitWord(DayConvention convention) {
    return convention == DayConvention::kWorkingDays ? "ngày làm việc" : "ngày";
}

}  // namespace

std::string_view IssuerName(Issuer issuer) {
    return issuer == Issuer::kMinistry ? "ministry" : "province";
}

std::optional<Issuer> ParseIssuer(std::string_view text) {
    if (text == "province") return Issuer::kProvince;
    if (text == "ministry") return Issuer::kMinistry;
    return std::nullopt;
}

std::string_view ConventionName(DayConvention convention) {
    return convention == DayConvention::kCalendarDays ? "calendar_days" : "working_days";
}

std::optional<DayConvention> ParseConvention(std::string_view text) {
    if (text == "working_days") return DayConvention::kWorkingDays;
    if (text == "calendar_days") return DayConvention::kCalendarDays;
    return std::nullopt;
}

base::Result<sys_days> LatestDecisionDay(const calendar::WorkingCalendar& cal, const Rules& rules,
                                         Issuer issuer, const LegalBasis& basis) {
    if (basis.shortened)
        return Step(cal, rules.convention, basis.adopted, rules.shortened_days_after, +1);
    const int before =
        issuer == Issuer::kMinistry ? rules.ministry_days_before : rules.province_days_before;
    return Step(cal, rules.convention, basis.effective, before, -1);
}

base::Result<sys_days> LatestDatabaseDay(const calendar::WorkingCalendar& cal, const Rules& rules,
                                         Issuer issuer, bool shortened, sys_days decision_day) {
    int n = issuer == Issuer::kMinistry ? rules.database_ministry_working_days
                                        : rules.database_province_working_days;
    if (shortened) n = rules.database_shortened_working_days;
    return StepOpenDays(cal, decision_day, n, +1);
}

base::Result<DecisionCheck> CheckDecision(const calendar::WorkingCalendar& cal, const Rules& rules,
                                          Issuer issuer, std::span<const LegalBasis> bases,
                                          sys_days decision_day) {
    if (bases.empty())
        return base::InvalidArgument("Quyết định công bố phải nêu ít nhất một văn bản quy phạm");
    DecisionCheck check;
    for (std::size_t i = 0; i < bases.size(); ++i) {
        auto latest = LatestDecisionDay(cal, rules, issuer, bases[i]);
        if (!latest) return latest.error();
        if (i == 0 || *latest < check.latest) {
            check.latest = *latest;
            check.binding = i;
        }
    }
    check.on_time = decision_day <= check.latest;
    check.days_late = check.on_time ? 0 : (decision_day - check.latest).count();
    const LegalBasis& b = bases[check.binding];
    if (b.shortened) {
        check.explanation = fmt::format(
            "Văn bản ban hành theo trình tự rút gọn ngày {}: quyết định công bố chậm nhất {} {} "
            "sau, tức ngày {}",
            calendar::FormatIsoDate(b.adopted), rules.shortened_days_after,
            UnitWord(rules.convention), calendar::FormatIsoDate(check.latest));
    } else {
        const int before =
            issuer == Issuer::kMinistry ? rules.ministry_days_before : rules.province_days_before;
        check.explanation = fmt::format(
            "Văn bản có hiệu lực ngày {}: quyết định công bố chậm nhất {} {} trước, tức ngày {}",
            calendar::FormatIsoDate(b.effective), before, UnitWord(rules.convention),
            calendar::FormatIsoDate(check.latest));
    }
    if (!check.on_time)
        check.explanation += fmt::format("; quyết định ký ngày {} muộn {} ngày",
                                         calendar::FormatIsoDate(decision_day), check.days_late);
    return check;
}

PublicationIndicators Indicators(std::span<const Publication> publications, sys_days from,
                                 sys_days to, sys_days today) {
    // procedure code -> on time so far (every counted row on time)
    std::map<std::string, bool> decisions;
    std::map<std::string, bool> database;
    for (const Publication& p : publications) {
        if (p.decision_day >= from && p.decision_day <= to) {
            auto [it, added] = decisions.try_emplace(p.procedure_code, true);
            it->second = it->second && p.decision_on_time;
        }
        const bool entered_in_period =
            p.database_day && *p.database_day >= from && *p.database_day <= to;
        const bool overdue_not_entered = (!p.database_day || *p.database_day > to) &&
                                         p.database_deadline <= to && p.database_deadline < today;
        if (entered_in_period || overdue_not_entered) {
            const bool on_time = entered_in_period && *p.database_day <= p.database_deadline;
            auto [it, added] = database.try_emplace(p.procedure_code, true);
            it->second = it->second && on_time;
        }
    }
    PublicationIndicators out;
    for (const auto& [code, ok] : decisions) {
        ++out.on_time_decisions.denominator;
        if (ok)
            ++out.on_time_decisions.numerator;
        else
            out.late_decisions.push_back(code);
    }
    for (const auto& [code, ok] : database) {
        ++out.on_time_database.denominator;
        if (ok)
            ++out.on_time_database.numerator;
        else
            out.late_database.push_back(code);
    }
    return out;
}

}  // namespace motcua::domain::publication
