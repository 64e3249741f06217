#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace motcua::web {

// A decoded application/x-www-form-urlencoded body (or query string): "+" is a space, %XX
// escapes decoded, every value valid UTF-8 (no control characters other than tab, CR, LF) and
// in NFC.
class Form final {
public:
    // kInvalidArgument (Vietnamese) for a bad %-escape or text that is not UTF-8.
    [[nodiscard]] static base::Result<Form> Parse(std::string_view encoded);

    // First value of `name`, "" when absent.
    [[nodiscard]] std::string Get(std::string_view name) const;
    // Every value of `name`, in body order.
    [[nodiscard]] std::vector<std::string> All(std::string_view name) const;
    [[nodiscard]] bool Has(std::string_view name) const;

private:
    std::multimap<std::string, std::string, std::less<>> values_;
};

// True for a Content-Type naming application/x-www-form-urlencoded (parameters allowed).
[[nodiscard]] bool IsFormContentType(std::string_view content_type);

// True when `next` is a path on this site that a redirect may go to: it starts with one "/"
// (not "//" or "/\", which browsers read as another host), has no backslash, no control
// character or space, and is valid UTF-8. Everything else (absolute URLs, "javascript:", "")
// is refused, so a sign-in link cannot become an open redirect.
[[nodiscard]] bool IsSafeNext(std::string_view next);

// `next` when IsSafeNext, else "/".
[[nodiscard]] std::string SafeNextOrHome(std::optional<std::string_view> next);

// Percent-encodes everything but unreserved characters (RFC 3986), for query values.
[[nodiscard]] std::string UrlEncode(std::string_view text);

// Field-level messages of a form that failed validation, in field order.
class FormErrors final {
public:
    struct Entry {
        std::string field;    // the input's id/name, e.g. "code"
        std::string message;  // Vietnamese
    };
    // Records the first message of a field (later ones for the same field are dropped); an
    // empty `field` is a message about the whole form.
    void Add(std::string field, std::string message);
    [[nodiscard]] bool Empty() const { return entries_.empty(); }
    [[nodiscard]] const std::vector<Entry>& Entries() const { return entries_; }
    // The message for `field`, "" when it has none.
    [[nodiscard]] std::string For(std::string_view field) const;

private:
    std::vector<Entry> entries_;
};

}  // namespace motcua::web
