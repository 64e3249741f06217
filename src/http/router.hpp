#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "http/message.hpp"

namespace motcua::http {

// Where the server runs a handler.
enum class Execution {
    // On the worker pool (the default): for handlers that may block — database, files,
    // password hashing. The connection waits without holding a network thread.
    kWorkerPool,
    // On the network thread, skipping the two thread hand-offs: only for handlers that never
    // block and finish in microseconds (metrics, in-memory lookups). A slow inline handler
    // stalls every connection served by that io thread; handler_timeout does not apply.
    kInline,
};

// An optional non-blocking first try for a worker-pool route, run on the network thread: a
// response (e.g. from an in-memory cache) skips the worker pool's two thread hand-offs; nullopt
// sends the request on to the handler. Must never block and must finish in microseconds.
using FastPath = std::function<std::optional<Response>(const Request&)>;

// One route of the table as registered (for the OpenAPI document and route-coverage tests).
struct RouteEntry {
    Method method = Method::kGet;
    std::string pattern;  // "/api/v1/procedures/{code}"
    RouteInfo info;
    Execution execution = Execution::kWorkerPool;
    // Largest request body this route accepts; 0: the server's default (ServerOptions).
    std::size_t body_limit = 0;
};

enum class MatchKind {
    kFound,             // a route for this method and path
    kNotFound,          // no route has this path → 404
    kMethodNotAllowed,  // routes have this path, none for this method → 405 + Allow
    kBadPath,           // not an origin-form path, bad %-escape or bad UTF-8 in a segment → 400
};

// Result of Router::Match.
struct RouteMatch {
    MatchKind kind = MatchKind::kNotFound;
    // kFound: the handler and the pattern, both owned by the Router (valid while it lives and
    // is not modified).
    const Handler* handler = nullptr;
    std::string_view pattern;
    Execution execution = Execution::kWorkerPool;
    const FastPath* fast_path = nullptr;  // kFound: the route's fast path, if it has one
    std::size_t body_limit = 0;           // kFound: the route's body limit (0: the default)
    // kFound: {param} values, percent-decoded, valid UTF-8.
    std::map<std::string, std::string> params;
    // kMethodNotAllowed: value for the Allow header, e.g. "GET, HEAD, POST".
    std::string allow;
};

// What a handler produced: its response, or a 500 problem when it threw (threw = true; the
// exception was logged with spdlog).
struct HandlerOutcome {
    Response response;
    bool threw = false;
};

// The one explicit route table. Patterns are "/"-separated segments, each either a literal or
// a `{name}` parameter that matches one non-empty segment (percent-decoded, so "%2F" stays
// inside a parameter). Literal segments win over parameters, position by position from the
// left ("/procedures/search" beats "/procedures/{code}"). A trailing "/" is significant. HEAD
// is served by the GET route unless a HEAD route exists.
//
// Thread safety: Add() is for start-up wiring only; once the server runs the Router is
// read-only and Match()/Dispatch()/Routes() may be called from any thread.
class Router final {
public:
    // Registers a route. A malformed pattern (not starting with "/", a "{" or "}" inside a
    // literal, an invalid or repeated parameter name), Method::kOther, an empty handler or a
    // route equal to an existing one up to parameter names is a wiring error: it is recorded,
    // the route is not added, and Validate() (which Server::Start() calls) reports it.
    void Add(Method method, std::string_view pattern, Handler handler, RouteInfo info = {},
             Execution execution = Execution::kWorkerPool, FastPath fast_path = {});

    // Lets the route (method, pattern) — registered before — accept bodies up to `bytes`
    // instead of the server's default (e.g. file uploads). An unknown route or 0 bytes is a
    // wiring error reported by Validate(). Start-up wiring only, like Add().
    void SetBodyLimit(Method method, std::string_view pattern, std::size_t bytes);

    // The body limit for a request (method, still-encoded path): the matched route's own, else
    // `default_limit` (also when nothing matches). Thread-safe once wiring is done.
    [[nodiscard]] std::size_t BodyLimit(Method method, std::string_view encoded_path,
                                        std::size_t default_limit) const;
    // The largest limit any route or `default_limit` allows: what the server may let a request
    // announce before its route is known.
    [[nodiscard]] std::size_t MaxBodyLimit(std::size_t default_limit) const;

    // OK, or kInvalidArgument naming the first bad Add() call.
    [[nodiscard]] base::Status Validate() const;

    // Every registered route, in registration order.
    [[nodiscard]] std::vector<RouteEntry> Routes() const;

    // Finds the route for `method` and `encoded_path` (the path of the request target, still
    // percent-encoded, without the query).
    [[nodiscard]] RouteMatch Match(Method method, std::string_view encoded_path) const;

    // In-process dispatch (tests, internal callers): matches request.target's path (or
    // request.path, taken as already decoded, when target is empty), fills path_params, runs
    // the handler and returns its response; 400/404/405 problems when nothing matches, a 500
    // problem when the handler throws. For HEAD the body is dropped. Never throws.
    [[nodiscard]] Response Dispatch(Request request) const;

private:
    struct Segment {
        std::string text;  // literal text, or the parameter name
        bool is_param = false;
    };
    struct Route {
        RouteEntry entry;
        Handler handler;
        FastPath fast_path;
        std::vector<Segment> segments;
        std::uint64_t param_mask = 0;  // bit per segment from the left, set for parameters
    };

    [[nodiscard]] RouteMatch MatchSegments(Method method,
                                           const std::vector<std::string>& segments) const;

    std::vector<Route> routes_;
    std::string first_error_;
};

// Runs `handler` and catches everything it throws (→ threw, a 500 problem, an error log line).
[[nodiscard]] HandlerOutcome InvokeHandler(const Handler& handler, const Request& request);

// The problem response for a match that is not kFound: 400, 404 or 405 (with Allow).
// `decoded_path` goes into the Vietnamese detail of 404/405 (pass "" to omit it).
[[nodiscard]] Response UnmatchedResponse(const RouteMatch& match, std::string_view decoded_path);

}  // namespace motcua::http
