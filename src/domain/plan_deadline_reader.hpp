#pragma once

// Internal to plan_deadline.cpp and its tests: the tokens of a deadline phrase and the grammar
// that reads one clause into periods, dates and recurrences (docs/plans.md "The rules").
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/plan_deadline.hpp"

namespace motcua::domain::plan_deadline::internal {

enum class TokenType : std::uint8_t { kWord, kNumber, kPunct };

struct Token {
    TokenType type = TokenType::kWord;
    std::string text;       // folded word, digits, or the punctuation character
    std::size_t begin = 0;  // byte range in the phrase
    std::size_t end = 0;
    bool glued = false;  // no gap before it (part of "30/9/2024")
};

// Words (folded: lower-case ASCII without diacritics), digit runs and the punctuation that
// matters (/ - . , ; : newline parentheses; dashes read as '-'); everything else separates.
[[nodiscard]] std::vector<Token> Tokenize(std::string_view phrase);

// True when tokens[k] ends a clause: ';', a line break, or a '.' that is not inside a date.
[[nodiscard]] bool IsClauseEnd(const std::vector<Token>& tokens, std::size_t k);

enum class ItemType : std::uint8_t { kDay, kMonth, kQuarter, kHalf, kYear, kEvery };

// One period, date or recurrence read from a clause; its year is bound later.
struct Item {
    ItemType type = ItemType::kYear;
    int number = 0;  // kDay: month; kMonth: month; kQuarter: 1..4; kHalf: 1..2
    int day = 0;     // kDay: day; kEvery: day of month (0 = end of month)
    Recurrence every = Recurrence::kNone;
    std::optional<int> year;
    bool strict = false;  // "trước": strictly before the day, or before the period begins
};

struct Clause {
    std::vector<Item> items;  // in the order written
    bool event = false;       // event-triggered: the rest of the clause was not read
    std::string error;        // why the clause cannot be read; empty when it can
};

// Reads one clause (no ';' or line break inside).
[[nodiscard]] Clause ReadClause(std::span<const Token> tokens);

}  // namespace motcua::domain::plan_deadline::internal
