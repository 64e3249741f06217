// Shared pieces of the scenario runner (docs/scenarios.md): the per-file report and the parsing of
// one line into words, `key=value` arguments and the expectation after `=>`.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::scenario {

// Counts checks and prints failures as `file:line: message` on stderr.
class Report final {
public:
    explicit Report(std::string file) : file_(std::move(file)) {}

    void SetLine(int line) { line_ = line; }
    void Pass() { ++passed_; }
    void Fail(const std::string& what);
    // Passes if `expected` == `actual`, else fails with "expected X, got Y".
    void Check(const std::string& expected, const std::string& actual);

    [[nodiscard]] const std::string& File() const { return file_; }
    [[nodiscard]] int Passed() const { return passed_; }
    [[nodiscard]] int Failed() const { return failed_; }

private:
    std::string file_;
    int line_ = 0;
    int passed_ = 0;
    int failed_ = 0;
};

// `line` without its comment: everything from a `#` outside double quotes.
[[nodiscard]] std::string StripComment(std::string_view line);

// One command line of a dossier scenario:
//   command positional... key=value... [=> expected...]
// Double quotes group words ("Giấy khai sinh số 12", reason="Thiếu tờ khai") and are removed.
// A word is `key=value` when it has `=` before any quote and the key is [a-z-]+.
struct Line {
    std::string command;
    std::vector<std::string> positional;       // after the command, before `=>`
    std::map<std::string, std::string> named;  // key=value before `=>`
    bool has_expectation = false;
    std::vector<std::string> expected;  // words after `=>` (quotes removed, grouped)

    // The named value or nullopt.
    [[nodiscard]] std::optional<std::string> Get(const std::string& key) const;
    // True if `word` is one of the positional words (a bare flag such as `boundary-free`).
    [[nodiscard]] bool Has(std::string_view word) const;
};

// Splits a comment-free line; nullopt for an unterminated quote.
[[nodiscard]] std::optional<Line> ParseLine(std::string_view text);

// A decimal amount with at most three decimals ("5", "0.5", "1.25") in thousandths.
[[nodiscard]] std::optional<std::int64_t> ParseMilli(std::string_view text);

// `text` with every '-' replaced by '_' ("on-time" → "on_time", "stop-notice" → "stop_notice").
[[nodiscard]] std::string Underscored(std::string_view text);

// Splits "a; b;c" at ';' and trims each item; empty items are dropped.
[[nodiscard]] std::vector<std::string> SplitList(std::string_view text, char separator = ';');

// An instant as the scenarios show it (calendar::FormatInstant), or "none".
[[nodiscard]] std::string Show(const std::optional<std::chrono::sys_seconds>& t);

}  // namespace motcua::scenario
