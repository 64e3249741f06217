#include <string>

#include "domain/plan_deadline_reader.hpp"

// The tokens of a deadline phrase, and the ICU-free folding they are matched with.
namespace motcua::domain::plan_deadline::internal {
namespace {

// Base letters of U+00C0..U+01B0 and U+1EA0..U+1EF9 ('?' = not a Latin letter), from the
// canonical decompositions (đ/Đ → d).
constexpr std::string_view kFoldLatin =
    "aaaaaa?ceeeeiiii?nooooo??uuuuy??aaaaaa?ceeeeiiii?nooooo??uuuuy?yaaaaaaccccccccddddeeeeeeeeee"
    "gggggggghh??iiiiiiiii???jjkk?llllll????nnnnnn???oooooo??rrrrrrsssssssstttt??uuuuuuuuuuuuwwyyyz"
    "zzzzz?????????????????????????????????oo?????????????uu";
constexpr std::string_view kFoldVietnamese =
    "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy";
static_assert(kFoldLatin.size() == 0x1B0 - 0xC0 + 1);
static_assert(kFoldVietnamese.size() == 0x1EF9 - 0x1EA0 + 1);

struct CodePoint {
    char32_t value = 0;
    std::size_t length = 1;
    bool valid = false;
};

CodePoint Decode(std::string_view s, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char b0 = byte(pos);
    if (b0 < 0x80) {
        return {b0, 1, true};
    }
    std::size_t n = 0;
    char32_t cp = 0;
    if ((b0 & 0xE0U) == 0xC0U) {
        n = 2;
        cp = b0 & 0x1FU;
    } else if ((b0 & 0xF0U) == 0xE0U) {
        n = 3;
        cp = b0 & 0x0FU;
    } else if ((b0 & 0xF8U) == 0xF0U) {
        n = 4;
        cp = b0 & 0x07U;
    } else {
        return {};
    }
    if (pos + n > s.size()) {
        return {};
    }
    for (std::size_t i = 1; i < n; ++i) {
        if ((byte(pos + i) & 0xC0U) != 0x80U) {
            return {};
        }
        cp = (cp << 6U) | (byte(pos + i) & 0x3FU);
    }
    return {cp, n, true};
}

// The folded ASCII letter of `cp`, 0 for a combining mark (dropped), or -1 if not a letter.
int FoldLetter(char32_t cp) {
    if (cp < 0x80) {
        const char c = static_cast<char>(cp);
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 'a';
        }
        return (c >= 'a' && c <= 'z') ? c : -1;
    }
    if (cp >= 0x300 && cp <= 0x36F) {
        return 0;
    }
    char folded = '?';
    if (cp >= 0xC0 && cp <= 0x1B0) {
        folded = kFoldLatin[cp - 0xC0];
    } else if (cp >= 0x1EA0 && cp <= 0x1EF9) {
        folded = kFoldVietnamese[cp - 0x1EA0];
    }
    return folded == '?' ? -1 : folded;
}

char PunctOf(char32_t cp) {
    switch (cp) {
        case '/':
        case '-':
        case '.':
        case ',':
        case ';':
        case ':':
        case '\n':
        case '(':
        case ')':
            return static_cast<char>(cp);
        case 0x2013:
        case 0x2014:
        case 0x2212:  // en dash, em dash, minus
            return '-';
        default:
            return 0;
    }
}

}  // namespace

std::vector<Token> Tokenize(std::string_view s) {
    std::vector<Token> tokens;
    bool gap = true;
    for (std::size_t pos = 0; pos < s.size();) {
        const CodePoint cp = Decode(s, pos);
        const std::size_t next = pos + cp.length;
        const int letter = cp.valid ? FoldLetter(cp.value) : -1;
        const bool digit = cp.valid && cp.value >= '0' && cp.value <= '9';
        const TokenType type = digit ? TokenType::kNumber : TokenType::kWord;
        if (letter == 0 && !tokens.empty() && !gap) {  // combining mark: part of the token
            tokens.back().end = next;
        } else if (letter > 0 || digit) {
            const char c = digit ? static_cast<char>(cp.value) : static_cast<char>(letter);
            if (!gap && !tokens.empty() && tokens.back().type == type) {
                tokens.back().text.push_back(c);
                tokens.back().end = next;
            } else {
                tokens.push_back(Token{type, std::string(1, c), pos, next, !gap});
            }
            gap = false;
        } else if (const char p = cp.valid ? PunctOf(cp.value) : '\0'; p != '\0') {
            tokens.push_back(Token{TokenType::kPunct, std::string(1, p), pos, next, !gap});
            gap = false;
        } else {
            gap = true;
        }
        pos = next;
    }
    return tokens;
}

bool IsClauseEnd(const std::vector<Token>& tokens, std::size_t k) {
    const Token& t = tokens[k];
    if (t.type != TokenType::kPunct) {
        return false;
    }
    const char p = t.text[0];
    if (p == ';' || p == '\n') {
        return true;
    }
    if (p != '.') {
        return false;
    }
    // A '.' inside "30.9.2024" is a date separator.
    const bool number_before = k > 0 && tokens[k - 1].type == TokenType::kNumber && t.glued;
    const bool number_after =
        k + 1 < tokens.size() && tokens[k + 1].type == TokenType::kNumber && tokens[k + 1].glued;
    return !(number_before && number_after);
}

}  // namespace motcua::domain::plan_deadline::internal

namespace motcua::domain::plan_deadline {

std::string FoldForMatching(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const internal::CodePoint cp = internal::Decode(text, pos);
        if (!cp.valid) {
            out.push_back('?');
        } else if (const int letter = internal::FoldLetter(cp.value); letter > 0) {
            out.push_back(static_cast<char>(letter));
        } else if (letter < 0) {
            out.append(text.substr(pos, cp.length));
        }
        pos += cp.length;
    }
    return out;
}

}  // namespace motcua::domain::plan_deadline
