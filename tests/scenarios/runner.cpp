// Runs a declarative scenario file (STYLE.md "Declarative scenarios"): one command per line,
// readable by a TTHC officer. A failing line reports file, line, expected and actual values.
// Grammar: docs/scenarios.md.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "calendar/civil_date.hpp"
#include "calendar/holiday_data.hpp"
#include "calendar/holidays.hpp"
#include "calendar/instant.hpp"
#include "calendar/lunar.hpp"
#include "calendar/office_hours.hpp"
#include "calendar/working_time.hpp"

namespace {

namespace cal = motcua::calendar;

std::vector<std::string> Split(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> words;
    std::string word;
    while (in >> word) {
        words.push_back(word);
    }
    return words;
}

class Runner {
public:
    explicit Runner(std::string file) : file_(std::move(file)) {}

    int Run() {
        std::ifstream in(file_);
        if (!in) {
            std::fprintf(stderr, "%s: cannot open\n", file_.c_str());
            return 2;
        }
        std::string raw;
        while (std::getline(in, raw)) {
            ++line_;
            const std::string line = raw.substr(0, raw.find('#'));
            const auto words = Split(line);
            if (!words.empty()) {
                Execute(words, line);
            }
        }
        std::printf("%s: %d passed, %d failed\n", file_.c_str(), passed_, failed_);
        return failed_ == 0 && passed_ > 0 ? 0 : 1;
    }

private:
    void Fail(const std::string& what) {
        ++failed_;
        std::fprintf(stderr, "%s:%d: %s\n", file_.c_str(), line_, what.c_str());
    }
    void Check(const std::string& expected, const std::string& actual) {
        if (expected == actual) {
            ++passed_;
        } else {
            Fail("expected " + expected + ", got " + actual);
        }
    }

    const cal::WorkingCalendar* Calendar() {
        if (!calendar_) {
            auto national = cal::ParseHolidayData(cal::EmbeddedHolidayData(), "holidays-vn.tsv");
            if (!national) {
                Fail(national.error().message);
                return nullptr;
            }
            auto local = cal::ParseHolidayData(local_lines_, file_);
            if (!local) {
                Fail(local.error().message);
                return nullptr;
            }
            options_.local = std::move(*local);
            auto holidays = cal::HolidayCalendar::Build(*national, options_);
            if (!holidays) {
                Fail(holidays.error().message);
                return nullptr;
            }
            auto built = cal::WorkingCalendar::Build(std::move(*holidays), hours_);
            if (!built) {
                Fail(built.error().message);
                return nullptr;
            }
            calendar_ = std::move(*built);
        }
        return calendar_.get();
    }

    std::optional<std::chrono::sys_seconds> Instant(const std::string& text) {
        const auto t = cal::ParseInstant(text);
        if (!t) {
            Fail(t.error().message);
            return std::nullopt;
        }
        return *t;
    }

    // Splits "args... => expected".
    static std::pair<std::vector<std::string>, std::string> Expectation(
        const std::vector<std::string>& words) {
        std::vector<std::string> args;
        std::string expected;
        bool after = false;
        for (size_t i = 1; i < words.size(); ++i) {
            if (words[i] == "=>") {
                after = true;
            } else if (after) {
                expected += (expected.empty() ? "" : " ") + words[i];
            } else {
                args.push_back(words[i]);
            }
        }
        return {args, expected};
    }

    void Execute(const std::vector<std::string>& words, const std::string& line) {
        const std::string& command = words[0];
        if (command == "calendar") {
            if (words.size() != 2 || words[1] != "vn") {
                Fail("only 'calendar vn' is known");
                return;
            }
            options_ = {};
            local_lines_.clear();
            hours_ = cal::OfficeHours::Default();
            pauses_.clear();
            calendar_.reset();
        } else if (command == "hours") {
            auto hours = cal::OfficeHours::Parse(line.substr(line.find("hours") + 5));
            if (!hours) {
                Fail(hours.error().message);
                return;
            }
            hours_ = *hours;
            calendar_.reset();
        } else if (command == "enable" && words.size() == 2) {
            options_.enabled_flags.insert(words[1]);
            calendar_.reset();
        } else if (command == "closure" && words.size() >= 3) {
            std::string name;
            for (size_t i = 2; i < words.size(); ++i) {
                name += (name.empty() ? "" : " ") + words[i];
            }
            local_lines_ += words[1] + "\tclosure\t" + name + "\tscenario\n";
            calendar_.reset();
        } else if (command == "pause" && words.size() == 3) {
            const auto a = Instant(words[1]);
            const auto b = Instant(words[2]);
            if (a && b) {
                pauses_.push_back({*a, *b});
            }
        } else if (command == "clear-pauses") {
            pauses_.clear();
        } else if (command == "add") {
            const auto [args, expected] = Expectation(words);
            const auto* c = Calendar();
            const auto t = args.size() == 2 ? Instant(args[0]) : std::nullopt;
            const auto work =
                args.size() == 2 ? cal::ParseWorkAmount(args[1]) : cal::ParseWorkAmount("");
            if (c == nullptr || !t) {
                if (args.size() != 2) {
                    Fail("usage: add <instant> <amount> => <instant>|error");
                }
                return;
            }
            if (!work) {
                Check(expected, "error");
                return;
            }
            const auto due = c->AddWorkingTime(*t, work->ToSeconds(c->WorkingDayLength()), pauses_);
            if (!due) {
                Check(expected, "error");
                return;
            }
            const auto want = cal::ParseInstant(expected);
            Check(want ? cal::FormatInstant(*want) : expected, cal::FormatInstant(*due));
        } else if (command == "between") {
            const auto [args, expected] = Expectation(words);
            const auto* c = Calendar();
            if (c == nullptr || args.size() != 2) {
                Fail("usage: between <instant> <instant> => <hours>");
                return;
            }
            const auto a = Instant(args[0]);
            const auto b = Instant(args[1]);
            if (!a || !b) {
                return;
            }
            const auto elapsed = c->WorkingTimeBetween(*a, *b, pauses_);
            Check(expected, elapsed ? cal::FormatHours(*elapsed) : "error");
        } else if (command == "working") {
            const auto [args, expected] = Expectation(words);
            const auto* c = Calendar();
            const auto ymd = args.size() == 1 ? cal::ParseIsoDate(args[0]) : std::nullopt;
            if (c == nullptr || !ymd) {
                Fail("usage: working <YYYY-MM-DD> => yes|no");
                return;
            }
            Check(expected, c->IsOpen(std::chrono::sys_days{*ymd}) ? "yes" : "no");
        } else if (command == "lunar") {
            const auto [args, expected] = Expectation(words);
            const auto ymd = args.size() == 1 ? cal::ParseIsoDate(args[0]) : std::nullopt;
            if (!ymd) {
                Fail("usage: lunar <YYYY-MM-DD> => D/M/YYYY");
                return;
            }
            const auto l = cal::ToLunar(*ymd);
            Check(expected, l ? std::to_string(l->day) + "/" + std::to_string(l->month) + "/" +
                                    std::to_string(l->year) + (l->leap ? " (nhuận)" : "")
                              : "error");
        } else {
            Fail("unknown command '" + command + "'");
        }
    }

    std::string file_;
    int line_ = 0;
    int passed_ = 0;
    int failed_ = 0;
    cal::HolidayOptions options_;
    std::string local_lines_;
    cal::OfficeHours hours_ = cal::OfficeHours::Default();
    std::vector<cal::TimeInterval> pauses_;
    std::shared_ptr<const cal::WorkingCalendar> calendar_;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: scenario_runner FILE.test\n");
        return 2;
    }
    return Runner(argv[1]).Run();
}
