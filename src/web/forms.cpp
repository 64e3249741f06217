#include "web/forms.hpp"

#include <algorithm>
#include <cctype>

#include "http/uri.hpp"
#include "text/unicode.hpp"

namespace motcua::web {

namespace {

base::Result<std::string> DecodeComponent(std::string_view raw) {
    std::string plus_as_space(raw);
    std::replace(plus_as_space.begin(), plus_as_space.end(), '+', ' ');
    auto decoded = http::PercentDecode(plus_as_space);
    if (!decoded) {
        return base::InvalidArgument("Dữ liệu biểu mẫu bị mã hoá sai (%XX).");
    }
    if (!http::IsValidUtf8Text(*decoded)) {
        return base::InvalidArgument("Dữ liệu biểu mẫu không phải văn bản UTF-8 hợp lệ.");
    }
    return text::Nfc(*decoded);
}

}  // namespace

base::Result<Form> Form::Parse(std::string_view encoded) {
    Form form;
    while (!encoded.empty()) {
        const size_t amp = encoded.find('&');
        const std::string_view pair = encoded.substr(0, amp);
        encoded = amp == std::string_view::npos ? std::string_view() : encoded.substr(amp + 1);
        if (pair.empty()) {
            continue;
        }
        const size_t eq = pair.find('=');
        auto name = DecodeComponent(pair.substr(0, eq));
        if (!name) {
            return std::move(name).error();
        }
        auto value = DecodeComponent(eq == std::string_view::npos ? std::string_view()
                                                                  : pair.substr(eq + 1));
        if (!value) {
            return std::move(value).error();
        }
        form.values_.emplace(std::move(*name), std::move(*value));
    }
    return form;
}

std::string Form::Get(std::string_view name) const {
    const auto it = values_.find(name);
    return it == values_.end() ? std::string() : it->second;
}

std::vector<std::string> Form::All(std::string_view name) const {
    std::vector<std::string> out;
    const auto [first, last] = values_.equal_range(name);
    for (auto it = first; it != last; ++it) {
        out.push_back(it->second);
    }
    return out;
}

bool Form::Has(std::string_view name) const {
    return values_.find(name) != values_.end();
}

bool IsFormContentType(std::string_view content_type) {
    constexpr std::string_view kForm = "application/x-www-form-urlencoded";
    if (content_type.size() < kForm.size()) {
        return false;
    }
    const bool same_prefix =
        std::equal(kForm.begin(), kForm.end(), content_type.begin(),
                   [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
    return same_prefix && (content_type.size() == kForm.size() ||
                           content_type[kForm.size()] == ';' || content_type[kForm.size()] == ' ');
}

bool IsSafeNext(std::string_view next) {
    if (next.empty() || next.front() != '/') {
        return false;
    }
    if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) {
        return false;
    }
    if (next.size() > 2048) {
        return false;
    }
    for (const char c : next) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7f || c == '\\') {
            return false;
        }
    }
    return text::IsValidUtf8(next);
}

std::string SafeNextOrHome(std::optional<std::string_view> next) {
    if (next && IsSafeNext(*next)) {
        return std::string(*next);
    }
    return "/";
}

std::string UrlEncode(std::string_view text) {
    constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xf];
        }
    }
    return out;
}

void FormErrors::Add(std::string field, std::string message) {
    if (!field.empty() && !For(field).empty()) {
        return;
    }
    entries_.push_back({std::move(field), std::move(message)});
}

std::string FormErrors::For(std::string_view field) const {
    for (const Entry& e : entries_) {
        if (e.field == field) {
            return e.message;
        }
    }
    return {};
}

}  // namespace motcua::web
