#include "http/router.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <optional>
#include <set>
#include <utility>

#include <spdlog/spdlog.h>

#include "http/problem.hpp"
#include "http/uri.hpp"

namespace motcua::http {
namespace {

// More segments than this is a wiring error (and keeps the specificity mask in 64 bits).
constexpr size_t kMaxSegments = 32;
// Longest path echoed back in a 404/405 detail.
constexpr size_t kMaxEchoedPath = 256;

// "/a/b" → {"a", "b"}; "/" → {""}; "/a/" → {"a", ""}. The caller checked the leading "/".
std::vector<std::string_view> SplitPath(std::string_view path) {
    std::vector<std::string_view> segments;
    path.remove_prefix(1);
    while (true) {
        size_t slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) {
            break;
        }
        path.remove_prefix(slash + 1);
    }
    return segments;
}

bool IsParamName(std::string_view name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())) != 0) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
    });
}

RouteMatch Unmatched(MatchKind kind, std::string allow = {}) {
    RouteMatch match;
    match.kind = kind;
    match.allow = std::move(allow);
    return match;
}

std::string AllowList(const std::set<Method>& methods) {
    std::string allow;
    for (Method method : methods) {
        if (!allow.empty()) {
            allow += ", ";
        }
        allow += MethodName(method);
    }
    return allow;
}

}  // namespace

void Router::SetBodyLimit(Method method, std::string_view pattern, std::size_t bytes) {
    for (Route& route : routes_) {
        if (route.entry.method == method && route.entry.pattern == pattern && bytes > 0) {
            route.entry.body_limit = bytes;
            return;
        }
    }
    if (first_error_.empty()) {
        first_error_ = std::string("body limit for ") + std::string(MethodName(method)) + " " +
                       std::string(pattern) + ": no such route, or 0 bytes";
    }
}

std::size_t Router::BodyLimit(Method method, std::string_view encoded_path,
                              std::size_t default_limit) const {
    const RouteMatch match = Match(method, encoded_path);
    if (match.kind == MatchKind::kFound && match.body_limit > 0) {
        return match.body_limit;
    }
    return default_limit;
}

std::size_t Router::MaxBodyLimit(std::size_t default_limit) const {
    std::size_t limit = default_limit;
    for (const Route& route : routes_) {
        limit = std::max(limit, route.entry.body_limit);
    }
    return limit;
}

void Router::Add(Method method, std::string_view pattern, Handler handler, RouteInfo info,
                 Execution execution, FastPath fast_path) {
    auto fail = [&](std::string_view why) {
        if (first_error_.empty()) {
            first_error_ = std::string("route ") + std::string(MethodName(method)) + " " +
                           std::string(pattern) + ": " + std::string(why);
        }
    };
    if (method == Method::kOther) {
        return fail("method must be a known one");
    }
    if (!handler) {
        return fail("empty handler");
    }
    if (pattern.empty() || pattern.front() != '/') {
        return fail("pattern must start with '/'");
    }
    Route route;
    std::set<std::string_view> names;
    for (std::string_view text : SplitPath(pattern)) {
        Segment segment;
        if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
            std::string_view name = text.substr(1, text.size() - 2);
            if (!IsParamName(name)) {
                return fail("parameter names are [A-Za-z_][A-Za-z0-9_]*");
            }
            if (!names.insert(name).second) {
                return fail("repeated parameter name");
            }
            segment.text = std::string(name);
            segment.is_param = true;
        } else {
            if (text.find_first_of("{}%?#") != std::string_view::npos) {
                return fail("a literal segment may not contain { } % ? #");
            }
            segment.text = std::string(text);
        }
        route.segments.push_back(std::move(segment));
    }
    if (route.segments.size() > kMaxSegments) {
        return fail("too many segments");
    }
    for (size_t i = 0; i < route.segments.size(); ++i) {
        if (route.segments[i].is_param) {
            route.param_mask |= std::uint64_t{1} << (kMaxSegments - 1 - i);
        }
    }
    for (const Route& existing : routes_) {
        bool same_shape = existing.entry.method == method &&
                          existing.segments.size() == route.segments.size() &&
                          existing.param_mask == route.param_mask;
        for (size_t i = 0; same_shape && i < route.segments.size(); ++i) {
            same_shape =
                route.segments[i].is_param || existing.segments[i].text == route.segments[i].text;
        }
        if (same_shape) {
            return fail("duplicates route " + existing.entry.pattern);
        }
    }
    route.entry = RouteEntry{method, std::string(pattern), std::move(info), execution};
    route.handler = std::move(handler);
    route.fast_path = std::move(fast_path);
    routes_.push_back(std::move(route));
}

base::Status Router::Validate() const {
    if (first_error_.empty()) {
        return {};
    }
    return base::InvalidArgument(first_error_);
}

std::vector<RouteEntry> Router::Routes() const {
    std::vector<RouteEntry> entries;
    entries.reserve(routes_.size());
    for (const Route& route : routes_) {
        entries.push_back(route.entry);
    }
    return entries;
}

RouteMatch Router::Match(Method method, std::string_view encoded_path) const {
    if (encoded_path.empty() || encoded_path.front() != '/') {
        return Unmatched(MatchKind::kBadPath);
    }
    std::vector<std::string> segments;
    for (std::string_view text : SplitPath(encoded_path)) {
        std::optional<std::string> decoded = PercentDecode(text);
        if (!decoded || !IsValidPathText(*decoded)) {
            return Unmatched(MatchKind::kBadPath);
        }
        segments.push_back(std::move(*decoded));
    }
    return MatchSegments(method, segments);
}

RouteMatch Router::MatchSegments(Method method, const std::vector<std::string>& segments) const {
    auto path_matches = [&segments](const Route& route) {
        if (route.segments.size() != segments.size()) {
            return false;
        }
        for (size_t i = 0; i < segments.size(); ++i) {
            const Segment& segment = route.segments[i];
            if (segment.is_param ? segments[i].empty() : segment.text != segments[i]) {
                return false;
            }
        }
        return true;
    };
    // The most specific route for `wanted`: the smallest parameter mask.
    auto best_for = [&](Method wanted) -> const Route* {
        const Route* best = nullptr;
        for (const Route& route : routes_) {
            if (route.entry.method == wanted && path_matches(route) &&
                (best == nullptr || route.param_mask < best->param_mask)) {
                best = &route;
            }
        }
        return best;
    };

    const Route* found = method == Method::kOther ? nullptr : best_for(method);
    if (found == nullptr && method == Method::kHead) {
        found = best_for(Method::kGet);
    }
    if (found != nullptr) {
        RouteMatch match;
        match.kind = MatchKind::kFound;
        match.handler = &found->handler;
        match.pattern = found->entry.pattern;
        match.execution = found->entry.execution;
        match.fast_path = found->fast_path ? &found->fast_path : nullptr;
        match.body_limit = found->entry.body_limit;
        for (size_t i = 0; i < segments.size(); ++i) {
            if (found->segments[i].is_param) {
                match.params.emplace(found->segments[i].text, segments[i]);
            }
        }
        return match;
    }

    std::set<Method> allowed;
    for (const Route& route : routes_) {
        if (path_matches(route)) {
            allowed.insert(route.entry.method);
        }
    }
    if (allowed.empty()) {
        return Unmatched(MatchKind::kNotFound);
    }
    if (allowed.contains(Method::kGet)) {
        allowed.insert(Method::kHead);
    }
    return Unmatched(MatchKind::kMethodNotAllowed, AllowList(allowed));
}

Response Router::Dispatch(Request request) const {
    RouteMatch match;
    if (!request.target.empty()) {
        std::string_view target = request.target;
        match = Match(request.method, target.substr(0, target.find('?')));
    } else if (request.path.empty() || request.path.front() != '/') {
        match = Unmatched(MatchKind::kBadPath);
    } else {
        std::vector<std::string> segments;
        for (std::string_view segment : SplitPath(request.path)) {
            segments.emplace_back(segment);
        }
        match = MatchSegments(request.method, segments);
    }
    if (match.kind != MatchKind::kFound) {
        return UnmatchedResponse(match, request.path);
    }
    request.path_params = std::move(match.params);
    if (match.fast_path != nullptr) {
        if (auto fast = (*match.fast_path)(request)) {
            if (request.method == Method::kHead) {
                fast->body.clear();
            }
            return std::move(*fast);
        }
    }
    HandlerOutcome outcome = InvokeHandler(*match.handler, request);
    if (request.method == Method::kHead) {
        outcome.response.body.clear();
    }
    return std::move(outcome.response);
}

HandlerOutcome InvokeHandler(const Handler& handler, const Request& request) {
    try {
        return HandlerOutcome{handler(request), false};
    } catch (const std::exception& e) {
        spdlog::error("handler for {} {} threw: {}", MethodName(request.method), request.path,
                      e.what());
    } catch (...) {
        spdlog::error("handler for {} {} threw a non-std exception", MethodName(request.method),
                      request.path);
    }
    return HandlerOutcome{ProblemResponse(HttpProblem::kInternal, ""), true};
}

Response UnmatchedResponse(const RouteMatch& match, std::string_view decoded_path) {
    bool echo = !decoded_path.empty() && decoded_path.size() <= kMaxEchoedPath &&
                IsValidPathText(decoded_path);
    switch (match.kind) {
        case MatchKind::kMethodNotAllowed: {
            Response response =
                ProblemResponse(HttpProblem::kMethodNotAllowed,
                                echo ? "Địa chỉ " + std::string(decoded_path) +
                                           " chỉ hỗ trợ các phương thức: " + match.allow
                                     : "Địa chỉ này chỉ hỗ trợ các phương thức: " + match.allow);
            response.AddHeader("Allow", match.allow);
            return response;
        }
        case MatchKind::kBadPath:
            return ProblemResponse(HttpProblem::kBadRequest,
                                   "Đường dẫn không hợp lệ (mã hoá %XX hoặc UTF-8 sai).");
        case MatchKind::kNotFound:
        case MatchKind::kFound:
            break;
    }
    return ProblemResponse(HttpProblem::kNotFound,
                           echo ? "Không có địa chỉ " + std::string(decoded_path) + "."
                                : std::string("Không có địa chỉ này."));
}

}  // namespace motcua::http
