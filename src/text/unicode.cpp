#include "text/unicode.hpp"

#include <cstdint>
#include <limits>
#include <memory>
#include <utility>

#include <unicode/bytestream.h>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace motcua::text {

namespace {

// One decoding step: the code point (or kIllFormed) and how many bytes it took (≥ 1).
constexpr char32_t kIllFormed = 0xFFFFFFFF;
struct Decoded {
    char32_t code_point = kIllFormed;
    std::size_t length = 1;
};

// Decodes the sequence at `pos` (< text.size()) following Unicode Table 3-7. An ill-formed
// sequence is consumed as its maximal subpart (Unicode §3.9 "U+FFFD substitution of maximal
// subparts"), so a bad lead byte never swallows the following good characters.
Decoded DecodeAt(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        return {lead, 1};
    }
    std::size_t need = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    char32_t cp = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        need = 1;
        cp = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 2;
        cp = lead & 0x0Fu;
        if (lead == 0xE0) {
            low = 0xA0;  // no overlong 3-byte forms
        } else if (lead == 0xED) {
            high = 0x9F;  // no surrogates
        }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 3;
        cp = lead & 0x07u;
        if (lead == 0xF0) {
            low = 0x90;  // no overlong 4-byte forms
        } else if (lead == 0xF4) {
            high = 0x8F;  // nothing above U+10FFFF
        }
    } else {
        return {kIllFormed, 1};  // continuation byte, C0/C1 (overlong), F5..FF
    }
    std::size_t length = 1;
    for (std::size_t k = 0; k < need; ++k) {
        if (pos + length >= text.size()) {
            return {kIllFormed, length};  // truncated
        }
        const unsigned char next = byte(pos + length);
        const unsigned char lo = k == 0 ? low : 0x80;
        const unsigned char hi = k == 0 ? high : 0xBF;
        if (next < lo || next > hi) {
            return {kIllFormed, length};
        }
        cp = (cp << 6u) | (next & 0x3Fu);
        ++length;
    }
    return {cp, length};
}

bool IsAscii(std::string_view text) {
    for (const char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

void AppendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6u)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3Fu)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12u)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6u) & 0x3Fu)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3Fu)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18u)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12u) & 0x3Fu)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6u) & 0x3Fu)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3Fu)));
    }
}

icu::StringPiece Piece(std::string_view text) {
    // ICU lengths are int32_t; longer inputs are cut (no caller comes near 2 GiB).
    const auto max = static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());
    return {text.data(), static_cast<std::int32_t>(text.size() < max ? text.size() : max)};
}

// Normalizes UTF-8 with an ICU singleton (Normalizer2 instances are immutable and thread-safe).
// Returns false if ICU fails (missing data).
bool NormalizeUtf8(const icu::Normalizer2* normalizer, std::string_view text, std::string& out) {
    if (normalizer == nullptr) {
        return false;
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::StringByteSink<std::string> sink(&out, static_cast<std::int32_t>(text.size()));
    normalizer->normalizeUTF8(0, Piece(text), sink, nullptr, status);
    return U_SUCCESS(status) != 0;
}

const icu::Normalizer2* NfcInstance() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* instance = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) != 0 ? instance : nullptr;
}

const icu::Normalizer2* NfdInstance() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* instance = icu::Normalizer2::getNFDInstance(status);
    return U_SUCCESS(status) != 0 ? instance : nullptr;
}

// Appends `cp` to a search key under construction, keeping at most one space between words.
void AppendKeyChar(std::string& key, char32_t cp, bool word_char, bool& pending_space) {
    if (!word_char) {
        pending_space = !key.empty();
        return;
    }
    if (pending_space) {
        key.push_back(' ');
        pending_space = false;
    }
    AppendUtf8(key, cp);
}

std::string AsciiSearchKey(std::string_view text) {
    std::string key;
    key.reserve(text.size());
    bool pending_space = false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        const bool alnum =
            (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
        const char32_t lower = (u >= 'A' && u <= 'Z') ? u + ('a' - 'A') : u;
        AppendKeyChar(key, lower, alnum, pending_space);
    }
    return key;
}

// The collator for "vi", created once (creation is costly); nullptr if ICU lacks the data.
const icu::Collator* CollatorPrototype() {
    static const std::unique_ptr<const icu::Collator> prototype = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Collator> collator(
            icu::Collator::createInstance(icu::Locale("vi"), status));
        if (U_FAILURE(status)) {
            collator.reset();
        }
        return std::unique_ptr<const icu::Collator>(std::move(collator));
    }();
    return prototype.get();
}

// A collator of this thread's own (ICU collators are not documented as safe for concurrent use;
// cloning the prototype is the documented cheap way to get one per thread).
icu::Collator* ThreadCollator() {
    thread_local const std::unique_ptr<icu::Collator> collator = [] {
        const icu::Collator* prototype = CollatorPrototype();
        return std::unique_ptr<icu::Collator>(prototype != nullptr ? prototype->clone() : nullptr);
    }();
    return collator.get();
}

}  // namespace

bool IsValidUtf8(std::string_view text) noexcept {
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (static_cast<unsigned char>(text[pos]) < 0x80) {
            ++pos;
            continue;
        }
        const Decoded d = DecodeAt(text, pos);
        if (d.code_point == kIllFormed) {
            return false;
        }
        pos += d.length;
    }
    return true;
}

base::Result<std::string> Nfc(std::string_view text) {
    if (!IsValidUtf8(text)) {
        return base::InvalidArgument("Văn bản không phải UTF-8 hợp lệ");
    }
    if (IsAscii(text)) {
        return std::string(text);
    }
    std::string out;
    if (!NormalizeUtf8(NfcInstance(), text, out)) {
        return base::Internal("ICU NFC normalization failed");
    }
    return out;
}

std::string SearchKey(std::string_view text) {
    if (IsAscii(text)) {
        return AsciiSearchKey(text);
    }
    // NFD directly: NFD(NFC(x)) == NFD(x), so the NFC step of the definition is implied.
    std::string decomposed;
    if (!NormalizeUtf8(NfdInstance(), text, decomposed)) {
        decomposed.assign(text);  // no ICU data: fold what we can
    }
    std::string key;
    key.reserve(decomposed.size());
    bool pending_space = false;
    bool non_ascii = false;
    std::size_t pos = 0;
    while (pos < decomposed.size()) {
        const Decoded d = DecodeAt(decomposed, pos);
        pos += d.length;
        if (d.code_point == kIllFormed) {
            AppendKeyChar(key, 0, false, pending_space);
            continue;
        }
        auto cp = static_cast<UChar32>(d.code_point);
        if (u_charType(cp) == U_NON_SPACING_MARK) {
            continue;  // tones and vowel modifiers; a mark does not break a word
        }
        if (cp == 0x0111 || cp == 0x0110) {  // đ, Đ have no decomposition
            cp = 'd';
        }
        const bool word_char = u_isalnum(cp) != 0 || u_charType(cp) == U_COMBINING_SPACING_MARK;
        cp = u_tolower(cp);
        non_ascii = non_ascii || (word_char && cp >= 0x80);
        AppendKeyChar(key, static_cast<char32_t>(cp), word_char, pending_space);
    }
    if (!non_ascii) {
        return key;
    }
    // Recompose what remains (e.g. Hangul jamo), so keys of non-Latin text are NFC too.
    std::string composed;
    if (!NormalizeUtf8(NfcInstance(), key, composed)) {
        return key;
    }
    return composed;
}

std::string ToUpperVietnamese(std::string_view text) {
    if (!IsValidUtf8(text)) {
        return std::string(text);
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
    u.toUpper(icu::Locale("vi"));
    std::string out;
    u.toUTF8String(out);
    auto nfc = Nfc(out);
    return nfc ? *nfc : out;
}

std::string TrimAndCollapseSpaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const Decoded d = DecodeAt(text, pos);
        const bool space =
            d.code_point != kIllFormed && u_isUWhiteSpace(static_cast<UChar32>(d.code_point)) != 0;
        if (space) {
            pending_space = !out.empty();
        } else {
            if (pending_space) {
                out.push_back(' ');
                pending_space = false;
            }
            out.append(text.substr(pos, d.length));
        }
        pos += d.length;
    }
    return out;
}

std::size_t CodePointCount(std::string_view text) {
    std::size_t count = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        pos += static_cast<unsigned char>(text[pos]) < 0x80 ? 1 : DecodeAt(text, pos).length;
        ++count;
    }
    return count;
}

int CompareVietnamese(std::string_view a, std::string_view b) {
    icu::Collator* collator = ThreadCollator();
    if (collator != nullptr) {
        UErrorCode status = U_ZERO_ERROR;
        const UCollationResult result = collator->compareUTF8(Piece(a), Piece(b), status);
        if (U_SUCCESS(status) != 0) {
            return static_cast<int>(result);
        }
    }
    const int bytes = a.compare(b);
    return bytes < 0 ? -1 : (bytes > 0 ? 1 : 0);
}

}  // namespace motcua::text
