#include "http/message.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace motcua::http {
namespace {

constexpr std::array<std::pair<Method, std::string_view>, 7> kMethodNames = {{
    {Method::kGet, "GET"},
    {Method::kHead, "HEAD"},
    {Method::kPost, "POST"},
    {Method::kPut, "PUT"},
    {Method::kPatch, "PATCH"},
    {Method::kDelete, "DELETE"},
    {Method::kOptions, "OPTIONS"},
}};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view Trim(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

}  // namespace

std::string_view MethodName(Method method) noexcept {
    for (const auto& [m, name] : kMethodNames) {
        if (m == method) {
            return name;
        }
    }
    return "OTHER";
}

Method ParseMethod(std::string_view name) noexcept {
    for (const auto& [m, method_name] : kMethodNames) {
        if (method_name == name) {
            return m;
        }
    }
    return Method::kOther;
}

std::optional<std::string_view> Request::Header(std::string_view lower_name) const {
    auto it = headers.find(std::string(lower_name));
    if (it == headers.end()) {
        return std::nullopt;
    }
    return std::string_view(it->second);
}

std::string Request::PublicOrigin(std::string_view configured) const {
    while (!configured.empty() && configured.back() == '/') {
        configured.remove_suffix(1);
    }
    if (!configured.empty()) {
        return std::string(configured);
    }
    const std::string_view host = Header("host").value_or("");
    if (host.empty() || host.size() > 255 ||
        host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789.-:[]") != std::string_view::npos) {
        return {};
    }
    return std::string(tls ? "https://" : "http://") + std::string(host);
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
    auto it = query.find(std::string(name));
    if (it == query.end()) {
        return std::nullopt;
    }
    return std::string_view(it->second);
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
    auto [first, last] = headers.equal_range("cookie");
    for (auto it = first; it != last; ++it) {
        std::string_view rest = it->second;
        while (!rest.empty()) {
            size_t semicolon = rest.find(';');
            std::string_view pair = Trim(rest.substr(0, semicolon));
            rest = semicolon == std::string_view::npos ? std::string_view()
                                                       : rest.substr(semicolon + 1);
            size_t equals = pair.find('=');
            if (equals == std::string_view::npos || Trim(pair.substr(0, equals)) != name) {
                continue;
            }
            std::string_view value = Trim(pair.substr(equals + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                value = value.substr(1, value.size() - 2);
            }
            return std::string(value);
        }
    }
    return std::nullopt;
}

std::optional<std::string_view> Response::Header(std::string_view name) const {
    for (const auto& [header_name, value] : headers) {
        if (EqualsIgnoreCase(header_name, name)) {
            return std::string_view(value);
        }
    }
    return std::nullopt;
}

}  // namespace motcua::http
