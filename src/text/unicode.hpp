#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.hpp"

// Unicode helpers for Vietnamese text (issue #3): validation, NFC, search keys, collation.
// Every function is pure, thread-safe (ICU objects are shared read-only or cloned per thread) and
// works on UTF-8. Built on ICU 72 (../shared/design/STACK-NOTES.md §5).
namespace motcua::text {

// True when `text` is well-formed UTF-8 (Unicode 15 Table 3-7): no overlong forms, no surrogates
// (U+D800–U+DFFF), nothing above U+10FFFF, no truncated or stray continuation bytes.
[[nodiscard]] bool IsValidUtf8(std::string_view text) noexcept;

// `text` in Unicode Normalization Form C (the form we store and compare; Vietnamese keyboards
// and macOS produce decomposed text). Error kInvalidArgument "Văn bản không phải UTF-8 hợp lệ" when
// `text` is not well-formed UTF-8; kInternal if ICU fails.
[[nodiscard]] base::Result<std::string> Nfc(std::string_view text);

// The folded form search matches against (store/procedures.hpp `search_key`): canonical
// decomposition, nonspacing marks (Vietnamese tones, ă/â/ê/ô/ơ/ư modifiers) removed, đ→d and
// Đ→D, lower-cased, every run of characters that are neither letters nor digits (punctuation,
// dashes, spaces, symbols) replaced by one ASCII space, trimmed.
// "Đăng ký khai sinh – Giấy tiếp nhận" → "dang ky khai sinh giay tiep nhan"; composed and
// decomposed input give the same key. Ill-formed UTF-8 sequences count as separators.
[[nodiscard]] std::string SearchKey(std::string_view text);

// `text` with leading and trailing white space removed and every inner run of white space
// (Unicode White_Space: ASCII blanks, tab, CR/LF, NBSP, ...) replaced by one ASCII space.
// Other bytes, including ill-formed UTF-8, are copied unchanged.
[[nodiscard]] std::string TrimAndCollapseSpaces(std::string_view text);

// Number of Unicode code points in `text` (what "255 characters" means in our limits). Each
// ill-formed UTF-8 sequence counts as one (as if replaced by U+FFFD).
[[nodiscard]] std::size_t CodePointCount(std::string_view text);
// Upper case by the Vietnamese locale's rules ("Sở Tư pháp" → "SỞ TƯ PHÁP"), NFC; invalid UTF-8
// is returned unchanged. For printed headings.
[[nodiscard]] std::string ToUpperVietnamese(std::string_view text);

// Three-way comparison in Vietnamese alphabetical order (ICU collator for locale "vi": a < ă < â,
// d < đ, e < ê, o < ô < ơ, u < ư; tones ordered after the base letter): negative when `a` sorts
// before `b`, 0 when equal, positive after. For sorting names of people and units. Ill-formed
// UTF-8 is compared as U+FFFD. Falls back to byte order if ICU has no collation data.
[[nodiscard]] int CompareVietnamese(std::string_view a, std::string_view b);

}  // namespace motcua::text
