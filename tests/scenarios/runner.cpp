// Runs a declarative scenario file (STYLE.md "Declarative scenarios"): one command per line,
// readable by a TTHC officer. A failing line reports file, line, expected and actual values.
// Grammar: docs/scenarios.md. Calendar commands are here; dossier commands in dossier_commands.
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
#include "dossier_commands.hpp"
#include "scenario.hpp"

namespace {

namespace cal = motcua::calendar;
namespace sc = motcua::scenario;

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
    explicit Runner(std::string file)
        : report_(std::move(file)), dossiers_(report_, [this] { return Calendar(); }) {}

    int Run() {
        std::ifstream in(report_.File());
        if (!in) {
            std::fprintf(stderr, "%s: cannot open\n", report_.File().c_str());
            return 2;
        }
        std::string raw;
        int line_number = 0;
        while (std::getline(in, raw)) {
            report_.SetLine(++line_number);
            const std::string line = sc::StripComment(raw);
            const auto words = Split(line);
            if (!words.empty()) {
                Execute(words, line);
            }
        }
        std::printf("%s: %d passed, %d failed\n", report_.File().c_str(), report_.Passed(),
                    report_.Failed());
        return report_.Failed() == 0 && report_.Passed() > 0 ? 0 : 1;
    }

private:
    void Fail(const std::string& what) { report_.Fail(what); }
    void Check(const std::string& expected, const std::string& actual) {
        report_.Check(expected, actual);
    }

    const cal::WorkingCalendar* Calendar() {
        if (!calendar_) {
            auto national = cal::ParseHolidayData(cal::EmbeddedHolidayData(), "holidays-vn.tsv");
            if (!national) {
                Fail(national.error().message);
                return nullptr;
            }
            auto local = cal::ParseHolidayData(local_lines_, report_.File());
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
        // `pause <instant> <instant>` is the calendar's; `pause <instant> reason=...` a dossier's.
        const bool calendar_pause = command == "pause" && words.size() == 3 &&
                                    cal::ParseInstant(words[1]) && cal::ParseInstant(words[2]);
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
        } else if (calendar_pause) {
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
            const auto parsed = sc::ParseLine(line);
            if (!parsed) {
                Fail("unterminated quote");
            } else if (!dossiers_.Execute(*parsed)) {
                Fail("unknown command '" + command + "'");
            }
        }
    }

    sc::Report report_;
    sc::DossierScenario dossiers_;
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
