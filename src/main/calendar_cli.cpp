#include "main/calendar_cli.hpp"

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include "calendar/civil_date.hpp"
#include "calendar/holiday_data.hpp"
#include "calendar/holidays.hpp"
#include "calendar/instant.hpp"
#include "calendar/lunar.hpp"
#include "calendar/office_hours.hpp"
#include "calendar/working_time.hpp"

namespace motcua::main {

namespace {

namespace cal = motcua::calendar;

struct CalendarOptions {
    std::string holidays_file;  // replaces the embedded national data
    std::string local_file;     // a unit's own lines (closures)
    std::vector<std::string> flags;
    std::string hours;
    std::vector<std::string> pauses;  // START/END
};

base::Result<std::string> ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return base::InvalidArgument("cannot read " + path);
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

base::Result<cal::HolidayData> LoadData(const std::string& path) {
    if (path.empty()) {
        return cal::ParseHolidayData(cal::EmbeddedHolidayData(), "holidays-vn.tsv");
    }
    auto text = ReadFile(path);
    if (!text) {
        return std::move(text).error();
    }
    spdlog::debug("holiday data from {}", path);
    return cal::ParseHolidayData(*text, path);
}

base::Result<std::shared_ptr<const cal::WorkingCalendar>> LoadCalendar(
    const CalendarOptions& options) {
    auto national = LoadData(options.holidays_file);
    if (!national) {
        return std::move(national).error();
    }
    cal::HolidayOptions holiday_options;
    holiday_options.enabled_flags.insert(options.flags.begin(), options.flags.end());
    if (!options.local_file.empty()) {
        auto local = LoadData(options.local_file);
        if (!local) {
            return std::move(local).error();
        }
        holiday_options.local = std::move(*local);
    }
    auto holidays = cal::HolidayCalendar::Build(*national, holiday_options);
    if (!holidays) {
        return std::move(holidays).error();
    }
    auto hours = options.hours.empty() ? base::Result<cal::OfficeHours>(cal::OfficeHours::Default())
                                       : cal::OfficeHours::Parse(options.hours);
    if (!hours) {
        return std::move(hours).error();
    }
    return cal::WorkingCalendar::Build(std::move(*holidays), *hours);
}

base::Result<std::vector<cal::TimeInterval>> ParsePauses(const std::vector<std::string>& texts) {
    std::vector<cal::TimeInterval> pauses;
    for (const std::string& text : texts) {
        const size_t slash = text.find('/');
        if (slash == std::string::npos) {
            return base::InvalidArgument("bad pause '" + text + "': expected START/END");
        }
        auto begin = cal::ParseInstant(text.substr(0, slash));
        auto end = cal::ParseInstant(text.substr(slash + 1));
        if (!begin) {
            return std::move(begin).error();
        }
        if (!end) {
            return std::move(end).error();
        }
        pauses.push_back(cal::TimeInterval{*begin, *end});
    }
    return pauses;
}

// Runs a command body; prints the error and sets exit code 2 on failure.
template <typename Body>
void Run(int& exit_code, Body body) {
    base::Status status = body();
    if (!status) {
        fmt::print(stderr, "motcua: error: {}\n", status.error().message);
        exit_code = 2;
    } else {
        exit_code = 0;
    }
}

base::Result<int> ParseYear(const std::string& text) {
    if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) {
        return base::InvalidArgument("bad year '" + text + "': expected YYYY");
    }
    const int year = std::stoi(text);
    if (year < cal::kFirstSolarYear || year > cal::kLastSolarYear) {
        return base::InvalidArgument("year " + text + " is outside 1900–2199");
    }
    return year;
}

// Parses `D/M/YYYY` (lunar date as written in Vietnamese).
base::Result<cal::LunarDate> ParseLunar(const std::string& text, bool leap) {
    auto bad = [&] {
        return base::InvalidArgument("bad lunar date '" + text + "': expected D/M/YYYY");
    };
    const size_t a = text.find('/');
    const size_t b = a == std::string::npos ? a : text.find('/', a + 1);
    if (b == std::string::npos) {
        return bad();
    }
    const std::string d = text.substr(0, a);
    const std::string m = text.substr(a + 1, b - a - 1);
    const std::string y = text.substr(b + 1);
    for (const std::string* part : {&d, &m, &y}) {
        if (part->empty() || part->size() > 4 ||
            part->find_first_not_of("0123456789") != std::string::npos) {
            return bad();
        }
    }
    if (d.size() > 2 || m.size() > 2 || y.size() != 4) {
        return bad();
    }
    return cal::LunarDate{std::stoi(d), std::stoi(m), std::stoi(y), leap};
}

}  // namespace

void RegisterCalendarCommands(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<CalendarOptions>();
    CLI::App* calendar = app.add_subcommand(
        "calendar", "Lịch làm việc: âm lịch, ngày nghỉ lễ, tính thời hạn theo giờ hành chính");
    calendar->require_subcommand(1);
    calendar->add_option("--holidays", options->holidays_file,
                         "Holiday data file replacing the built-in national data");
    calendar->add_option("--local", options->local_file,
                         "A unit's own holiday lines (closures), same format");
    calendar->add_option("--enable", options->flags,
                         "Switch on pending days off, e.g. culture-day");
    calendar->add_option("--hours", options->hours,
                         "Office hours, e.g. \"mon-fri 07:30-11:30,13:00-17:00\"");

    auto date = std::make_shared<std::string>();
    CLI::App* lunar = calendar->add_subcommand("lunar", "Solar YYYY-MM-DD → lunar D/M/YYYY");
    lunar->add_option("date", *date, "YYYY-MM-DD")->required();
    lunar->callback([date, &exit_code] {
        Run(exit_code, [&]() -> base::Status {
            const auto ymd = cal::ParseIsoDate(*date);
            if (!ymd) {
                return base::InvalidArgument("bad date '" + *date + "': expected YYYY-MM-DD");
            }
            const auto l = cal::ToLunar(*ymd);
            if (!l) {
                return l.error();
            }
            fmt::print("{}/{}/{}{}\n", l->day, l->month, l->year, l->leap ? " (nhuận)" : "");
            return {};
        });
    });

    auto lunar_text = std::make_shared<std::string>();
    auto leap = std::make_shared<bool>(false);
    CLI::App* solar = calendar->add_subcommand("solar", "Lunar D/M/YYYY → solar YYYY-MM-DD");
    solar->add_option("date", *lunar_text, "D/M/YYYY (lunar)")->required();
    solar->add_flag("--leap", *leap, "The month is the leap (nhuận) month");
    solar->callback([lunar_text, leap, &exit_code] {
        Run(exit_code, [&]() -> base::Status {
            const auto l = ParseLunar(*lunar_text, *leap);
            if (!l) {
                return l.error();
            }
            const auto s = cal::ToSolar(*l);
            if (!s) {
                return s.error();
            }
            fmt::print("{}\n", cal::FormatIsoDate(*s));
            return {};
        });
    });

    auto year_text = std::make_shared<std::string>();
    CLI::App* holidays = calendar->add_subcommand("holidays", "Days off and swapped working days");
    holidays->add_option("year", *year_text, "YYYY")->required();
    holidays->callback([options, year_text, &exit_code] {
        Run(exit_code, [&]() -> base::Status {
            const auto year = ParseYear(*year_text);
            if (!year) {
                return year.error();
            }
            const auto working = LoadCalendar(*options);
            if (!working) {
                return working.error();
            }
            const auto listed = (*working)->Holidays().ListYear(*year);
            if (!listed) {
                return listed.error();
            }
            for (const auto& entry : *listed) {
                const bool swapped = entry.info.kind == cal::DayKind::kSwappedWork;
                fmt::print("{}\t{}\n", cal::FormatIsoDate(entry.day),
                           swapped ? std::string_view("làm bù") : entry.info.name);
            }
            return {};
        });
    });

    auto start = std::make_shared<std::string>();
    auto amount = std::make_shared<std::string>();
    CLI::App* add = calendar->add_subcommand("add", "Instant + N working days (d) or hours (h)");
    add->add_option("start", *start, "ISO-8601 instant")->required();
    add->add_option("amount", *amount, "<N>d or <N>h, e.g. 3d, 0.5d, 4h")->required();
    add->add_option("--pause", options->pauses, "Pause START/END (repeatable)");
    add->callback([options, start, amount, &exit_code] {
        Run(exit_code, [&]() -> base::Status {
            const auto t = cal::ParseInstant(*start);
            if (!t) {
                return t.error();
            }
            const auto work = cal::ParseWorkAmount(*amount);
            if (!work) {
                return work.error();
            }
            const auto pauses = ParsePauses(options->pauses);
            if (!pauses) {
                return pauses.error();
            }
            const auto working = LoadCalendar(*options);
            if (!working) {
                return working.error();
            }
            const auto due = (*working)->AddWorkingTime(
                *t, work->ToSeconds((*working)->WorkingDayLength()), *pauses);
            if (!due) {
                return due.error();
            }
            fmt::print("{}\n", cal::FormatInstant(*due));
            return {};
        });
    });

    auto from = std::make_shared<std::string>();
    auto to = std::make_shared<std::string>();
    CLI::App* between = calendar->add_subcommand("between", "Working hours between two instants");
    between->add_option("from", *from, "ISO-8601 instant")->required();
    between->add_option("to", *to, "ISO-8601 instant")->required();
    between->add_option("--pause", options->pauses, "Pause START/END (repeatable)");
    between->callback([options, from, to, &exit_code] {
        Run(exit_code, [&]() -> base::Status {
            const auto a = cal::ParseInstant(*from);
            if (!a) {
                return a.error();
            }
            const auto b = cal::ParseInstant(*to);
            if (!b) {
                return b.error();
            }
            const auto pauses = ParsePauses(options->pauses);
            if (!pauses) {
                return pauses.error();
            }
            const auto working = LoadCalendar(*options);
            if (!working) {
                return working.error();
            }
            const auto elapsed = (*working)->WorkingTimeBetween(*a, *b, *pauses);
            if (!elapsed) {
                return elapsed.error();
            }
            fmt::print("{}\n", cal::FormatHours(*elapsed));
            return {};
        });
    });
}

}  // namespace motcua::main
