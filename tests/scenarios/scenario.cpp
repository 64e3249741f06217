#include "scenario.hpp"

#include <algorithm>
#include <cstdio>

#include "calendar/instant.hpp"

namespace motcua::scenario {

void Report::Fail(const std::string& what) {
    ++failed_;
    std::fprintf(stderr, "%s:%d: %s\n", file_.c_str(), line_, what.c_str());
}

void Report::Check(const std::string& expected, const std::string& actual) {
    if (expected == actual) {
        ++passed_;
    } else {
        Fail("expected " + expected + ", got " + actual);
    }
}

std::string StripComment(std::string_view line) {
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') {
            quoted = !quoted;
        } else if (line[i] == '#' && !quoted) {
            return std::string(line.substr(0, i));
        }
    }
    return std::string(line);
}

namespace {

struct Word {
    std::string text;
    bool key_value = false;  // `=` before any quote, key [a-z-]+
};

bool IsKey(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(),
                                       [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

std::optional<std::vector<Word>> Words(std::string_view text) {
    std::vector<Word> words;
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r') {
            ++i;
            continue;
        }
        Word w;
        bool quoted = false;
        bool seen_quote = false;
        for (;
             i < text.size() && (quoted || (text[i] != ' ' && text[i] != '\t' && text[i] != '\r'));
             ++i) {
            if (text[i] == '"') {
                quoted = !quoted;
                seen_quote = true;
                continue;
            }
            if (text[i] == '=' && !seen_quote && !w.key_value && IsKey(w.text)) {
                w.key_value = true;
            }
            w.text += text[i];
        }
        if (quoted) {
            return std::nullopt;
        }
        words.push_back(std::move(w));
    }
    return words;
}

}  // namespace

std::optional<std::string> Line::Get(const std::string& key) const {
    auto it = named.find(key);
    if (it == named.end()) {
        return std::nullopt;
    }
    return it->second;
}

bool Line::Has(std::string_view word) const {
    return std::find(positional.begin(), positional.end(), word) != positional.end();
}

std::optional<Line> ParseLine(std::string_view text) {
    auto words = Words(text);
    if (!words) {
        return std::nullopt;
    }
    Line line;
    for (size_t i = 0; i < words->size(); ++i) {
        const Word& w = (*words)[i];
        if (i == 0) {
            line.command = w.text;
        } else if (w.text == "=>" && !line.has_expectation) {
            line.has_expectation = true;
        } else if (line.has_expectation) {
            line.expected.push_back(w.text);
        } else if (w.key_value) {
            const size_t eq = w.text.find('=');
            line.named[w.text.substr(0, eq)] = w.text.substr(eq + 1);
        } else {
            line.positional.push_back(w.text);
        }
    }
    return line;
}

std::optional<std::int64_t> ParseMilli(std::string_view text) {
    const size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view frac = dot == std::string_view::npos ? "" : text.substr(dot + 1);
    const auto digits = [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (whole.empty() || whole.size() > 9 || !digits(whole) || frac.size() > 3 || !digits(frac) ||
        (dot != std::string_view::npos && frac.empty())) {
        return std::nullopt;
    }
    std::int64_t milli = std::stoll(std::string(whole)) * 1000;
    std::int64_t scale = 100;
    for (char c : frac) {
        milli += (c - '0') * scale;
        scale /= 10;
    }
    return milli;
}

std::string Underscored(std::string_view text) {
    std::string out(text);
    std::replace(out.begin(), out.end(), '-', '_');
    return out;
}

std::vector<std::string> SplitList(std::string_view text, char separator) {
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view item = text.substr(start, end - start);
        while (!item.empty() && item.front() == ' ') {
            item.remove_prefix(1);
        }
        while (!item.empty() && item.back() == ' ') {
            item.remove_suffix(1);
        }
        if (!item.empty()) {
            items.emplace_back(item);
        }
        start = end + 1;
    }
    return items;
}

std::string Show(const std::optional<std::chrono::sys_seconds>& t) {
    return t ? calendar::FormatInstant(*t) : "none";
}

}  // namespace motcua::scenario
