// The only Beast/Asio file of the project: keep it that way (compile time, docs/http.md).
#include "http/server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <charconv>
#include <csignal>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/clock.hpp"
#include "http/problem.hpp"
#include "http/uri.hpp"
#include "http/worker_pool.hpp"

namespace motcua::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using Tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
// First read of a request: how much to ask the socket for.
constexpr size_t kFirstReadBytes = 4096;
// Lingering close after an error response: drain what the client still sends, bounded.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr size_t kLingerMaxBytes = size_t{16} << 20;
constexpr size_t kMaxRequestIdLength = 128;
constexpr std::string_view kRouteNone = "none";
constexpr std::string_view kInFlight = "motcua_http_requests_in_flight";

Method ToMethod(bhttp::verb verb) {
    switch (verb) {
        case bhttp::verb::get:
            return Method::kGet;
        case bhttp::verb::head:
            return Method::kHead;
        case bhttp::verb::post:
            return Method::kPost;
        case bhttp::verb::put:
            return Method::kPut;
        case bhttp::verb::patch:
            return Method::kPatch;
        case bhttp::verb::delete_:
            return Method::kDelete;
        case bhttp::verb::options:
            return Method::kOptions;
        default:
            return Method::kOther;
    }
}

bool IsRequestIdChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' ||
           c == ':';
}

// A client-supplied X-Request-Id is echoed only when short and made of safe characters (it
// goes into logs); otherwise a random 128-bit hex id is generated.
std::string RequestId(std::string_view supplied) {
    if (!supplied.empty() && supplied.size() <= kMaxRequestIdLength &&
        std::all_of(supplied.begin(), supplied.end(), IsRequestIdChar)) {
        return std::string(supplied);
    }
    thread_local std::mt19937_64 random(std::random_device{}());
    return fmt::format("{:016x}{:016x}", random(), random());
}

bool IsTokenChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsSafeHeader(std::string_view name, std::string_view value) {
    return !name.empty() && std::all_of(name.begin(), name.end(), IsTokenChar) &&
           value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// HTTP-date (RFC 9110 §5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT", cached per thread and
// second.
const std::string& HttpDate(const base::Clock& clock) {
    static constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                              "Thu", "Fri", "Sat"};
    static constexpr std::array<std::string_view, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    thread_local std::chrono::sys_seconds cached_at{};
    thread_local std::string cached;
    std::chrono::sys_seconds now = clock.Now();
    if (now != cached_at || cached.empty()) {
        auto days = std::chrono::floor<std::chrono::days>(now);
        std::chrono::year_month_day date(days);
        std::chrono::hh_mm_ss time(now - days);
        std::chrono::weekday weekday(days);
        cached = fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} GMT", kDays[weekday.c_encoding()],
                             static_cast<unsigned>(date.day()),
                             kMonths[static_cast<unsigned>(date.month()) - 1],
                             static_cast<int>(date.year()), time.hours().count(),
                             time.minutes().count(), time.seconds().count());
        cached_at = now;
    }
    return cached;
}

// Keeps motcua_http_requests_in_flight up to date for one request.
class InFlight final {
public:
    explicit InFlight(Metrics& metrics) : metrics_(metrics) { metrics_.AddGauge(kInFlight, {}, 1); }
    ~InFlight() { metrics_.AddGauge(kInFlight, {}, -1); }
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;

private:
    Metrics& metrics_;
};

struct Connection {
    Connection(Tcp::socket socket, std::string ip)
        : stream(std::move(socket)), remote_ip(std::move(ip)) {}
    beast::tcp_stream stream;
    std::string remote_ip;
    // Waiting for the next request on a keep-alive connection (a graceful stop closes it).
    // Touched only on the connection's strand.
    bool idle = false;
};

// A handler call on the worker pool; the connection waits on `timer`, which the pool's
// completion cancels (or which expires at the handler timeout).
struct PendingCall {
    explicit PendingCall(const asio::any_io_executor& executor) : timer(executor) {}
    asio::steady_timer timer;
    std::optional<HandlerOutcome> outcome;
};

// What one request/response exchange produced, for the access log and metrics.
struct Exchange {
    std::string_view method = "-";
    std::string path = "-";
    std::string_view route = kRouteNone;
    int status = 0;
    size_t bytes = 0;
    std::string request_id;
};

}  // namespace

struct Server::Impl {
    Impl(ServerOptions server_options, const Router& server_router, Metrics& server_metrics)
        : options(std::move(server_options)),
          router(server_router),
          metrics(server_metrics),
          io(std::max(1, options.io_threads)),
          control(asio::make_strand(io)),
          acceptor(control),
          signals(control),
          shutdown_timer(control) {}

    ~Impl() {
        if (pool) {
            pool->Shutdown();
        }
    }

    base::Result<int> Start();
    base::Status Run();
    void BeginShutdown();
    void ForceStop();
    void CheckDrained();
    void WaitForSignal();
    void Unregister(std::uint64_t id);

    asio::awaitable<void> AcceptLoop();
    asio::awaitable<void> Session(std::shared_ptr<Connection> connection, std::uint64_t id);
    asio::awaitable<bool> ServeOne(Connection& connection, beast::flat_buffer& buffer);
    asio::awaitable<std::optional<HandlerOutcome>> RunHandler(const Handler& handler,
                                                              Request request);
    asio::awaitable<size_t> Write(Connection& connection, Response response, unsigned version,
                                  bool head, bool keep_alive, const std::string& request_id);
    asio::awaitable<void> RejectAndClose(Connection& connection, HttpProblem problem,
                                         std::string_view detail, Exchange& exchange);
    void Finish(const Exchange& exchange, const Connection& connection,
                SteadyClock::time_point start);

    ServerOptions options;
    const Router& router;
    Metrics& metrics;
    base::SystemClock clock;

    // Declaration order matters: the pool's pending completions refer to io, so the pool is
    // stopped and joined (in ~Impl) before io is destroyed.
    asio::io_context io;
    asio::strand<asio::io_context::executor_type> control;  // acceptor, signals, shutdown
    Tcp::acceptor acceptor;
    asio::signal_set signals;
    asio::steady_timer shutdown_timer;
    std::optional<WorkerPool> pool;

    bool started = false;        // Start() succeeded
    bool ran = false;            // Run() was called
    bool shutting_down = false;  // on the control strand
    std::atomic<bool> stopping{false};
    std::atomic<bool> stop_requested{false};

    std::mutex connections_mutex;
    std::map<std::uint64_t, std::weak_ptr<Connection>> connections;
    std::uint64_t next_connection_id = 0;
};

base::Result<int> Server::Impl::Start() {
    if (started) {
        return base::Error{base::ErrorCode::kFailedPrecondition, "server already started"};
    }
    if (base::Status routes = router.Validate(); !routes.ok()) {
        return routes.error();
    }
    if (options.io_threads < 1 || options.worker_threads < 1 || options.max_body_bytes == 0 ||
        options.max_header_bytes == 0 || options.max_connections == 0 ||
        options.read_timeout.count() <= 0 || options.idle_timeout.count() <= 0 ||
        options.write_timeout.count() <= 0 || options.handler_timeout.count() < 0 ||
        options.shutdown_timeout.count() < 0) {
        return base::InvalidArgument(
            "server options: threads, limits and timeouts must be positive");
    }
    std::string_view listen = options.listen;
    size_t colon = listen.rfind(':');
    if (colon == std::string_view::npos) {
        return base::InvalidArgument("listen address must be host:port, got " + options.listen);
    }
    std::string_view host = listen.substr(0, colon);
    std::string_view port_text = listen.substr(colon + 1);
    unsigned port = 0;
    auto [end, parse_error] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (parse_error != std::errc() || end != port_text.data() + port_text.size() || port > 65535 ||
        port_text.empty()) {
        return base::InvalidArgument("bad port in listen address " + options.listen);
    }
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    if (host == "localhost") {
        host = "127.0.0.1";
    }
    beast::error_code ec;
    asio::ip::address address = asio::ip::make_address(host, ec);
    if (ec) {
        return base::InvalidArgument("bad host in listen address " + options.listen +
                                     " (a numeric address or localhost)");
    }
    Tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
    auto fail = [&](std::string_view step) {
        return base::Internal(
            fmt::format("cannot listen on {} ({}): {}", options.listen, step, ec.message()));
    };
    if (acceptor.open(endpoint.protocol(), ec); ec) {
        return fail("open");
    }
    if (acceptor.set_option(asio::socket_base::reuse_address(true), ec); ec) {
        return fail("reuse_address");
    }
    if (acceptor.bind(endpoint, ec); ec) {
        return fail("bind");
    }
    if (acceptor.listen(asio::socket_base::max_listen_connections, ec); ec) {
        return fail("listen");
    }
    int bound_port = acceptor.local_endpoint(ec).port();
    if (ec) {
        return fail("local_endpoint");
    }
    pool.emplace(static_cast<size_t>(options.worker_threads));
    started = true;
    return bound_port;
}

base::Status Server::Impl::Run() {
    if (!started || ran) {
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "Server::Run needs a successful Start() and runs once"};
    }
    ran = true;
    if (options.handle_signals) {
        signals.add(SIGINT);
        signals.add(SIGTERM);
        WaitForSignal();
    }
    asio::co_spawn(control, AcceptLoop(), [](const std::exception_ptr& error) {
        if (error) {
            try {
                std::rethrow_exception(error);
            } catch (const std::exception& e) {
                spdlog::critical("http accept loop failed: {}", e.what());
            }
        }
    });
    std::vector<std::thread> threads;
    for (int i = 1; i < options.io_threads; ++i) {
        threads.emplace_back([this] { io.run(); });
    }
    io.run();
    for (std::thread& thread : threads) {
        thread.join();
    }
    return {};
}

void Server::Impl::WaitForSignal() {
    signals.async_wait([this](const beast::error_code& ec, int signal) {
        if (ec) {
            return;  // cancelled at the end of the shutdown
        }
        if (!shutting_down) {
            spdlog::info("signal {}: graceful shutdown", signal);
            // Re-arm first: BeginShutdown() cancels the wait when nothing is left to drain.
            WaitForSignal();
            BeginShutdown();
        } else {
            spdlog::warn("signal {} during shutdown: stopping now", signal);
            ForceStop();
        }
    });
}

void Server::Impl::BeginShutdown() {
    if (shutting_down) {
        return;
    }
    shutting_down = true;
    stopping.store(true);
    beast::error_code ignored;
    acceptor.close(ignored);
    std::vector<std::shared_ptr<Connection>> live;
    {
        std::lock_guard lock(connections_mutex);
        for (const auto& [id, weak] : connections) {
            if (auto connection = weak.lock()) {
                live.push_back(std::move(connection));
            }
        }
    }
    spdlog::info("http: shutting down, {} open connection(s)", live.size());
    for (std::shared_ptr<Connection>& connection : live) {
        asio::dispatch(connection->stream.get_executor(), [connection] {
            if (connection->idle) {
                connection->stream.cancel();
            }
        });
    }
    shutdown_timer.expires_after(options.shutdown_timeout);
    shutdown_timer.async_wait([this](const beast::error_code& ec) {
        if (!ec) {
            spdlog::warn("http: shutdown timeout reached, closing remaining connections");
            ForceStop();
        }
    });
    CheckDrained();
}

void Server::Impl::ForceStop() {
    io.stop();
}

// On the control strand: once stopping and no connection is left, release the remaining
// work (timer, signals) so that io.run() returns.
void Server::Impl::CheckDrained() {
    if (!shutting_down) {
        return;
    }
    std::lock_guard lock(connections_mutex);
    if (connections.empty()) {
        shutdown_timer.cancel();
        beast::error_code ignored;
        signals.cancel(ignored);
    }
}

void Server::Impl::Unregister(std::uint64_t id) {
    {
        std::lock_guard lock(connections_mutex);
        connections.erase(id);
    }
    if (stopping.load()) {
        asio::post(control, [this] { CheckDrained(); });
    }
}

asio::awaitable<void> Server::Impl::AcceptLoop() {
    while (true) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(io), kNoThrow);
        if (stopping.load() || !acceptor.is_open()) {
            break;
        }
        if (ec) {
            // Out of descriptors and similar: do not spin.
            spdlog::warn("http: accept failed: {}", ec.message());
            metrics.CountError("io");
            asio::steady_timer pause(control, std::chrono::milliseconds(50));
            co_await pause.async_wait(kNoThrow);
            continue;
        }
        beast::error_code endpoint_error;
        Tcp::endpoint remote = socket.remote_endpoint(endpoint_error);
        std::string ip = endpoint_error ? std::string("-") : remote.address().to_string();
        std::uint64_t id = 0;
        std::shared_ptr<Connection> connection;
        {
            std::lock_guard lock(connections_mutex);
            if (connections.size() >= options.max_connections) {
                metrics.CountError("connection_limit");
                socket.close(endpoint_error);
                continue;
            }
            id = next_connection_id++;
            connection = std::make_shared<Connection>(std::move(socket), std::move(ip));
            connections.emplace(id, connection);
        }
        auto executor = connection->stream.get_executor();
        asio::co_spawn(executor, Session(std::move(connection), id),
                       [this, id](const std::exception_ptr& error) {
                           if (error) {
                               try {
                                   std::rethrow_exception(error);
                               } catch (const std::exception& e) {
                                   spdlog::error("http: connection failed: {}", e.what());
                               }
                               metrics.CountError("io");
                               Unregister(id);
                           }
                       });
    }
}

asio::awaitable<void> Server::Impl::Session(std::shared_ptr<Connection> connection,
                                            std::uint64_t id) {
    beast::flat_buffer buffer;
    bool first = true;
    while (true) {
        if (buffer.size() == 0) {
            // Wait for the first byte of the next request (idle unless it is the first).
            if (stopping.load()) {
                break;
            }
            connection->idle = !first;
            connection->stream.expires_after(first ? options.read_timeout : options.idle_timeout);
            auto [ec, n] = co_await connection->stream.async_read_some(
                buffer.prepare(kFirstReadBytes), kNoThrow);
            connection->idle = false;
            if (ec) {
                break;  // closed by the client, idle timeout, or shutdown
            }
            buffer.commit(n);
        }
        first = false;
        if (!co_await ServeOne(*connection, buffer)) {
            break;
        }
    }
    beast::error_code ignored;
    connection->stream.socket().shutdown(Tcp::socket::shutdown_both, ignored);
    connection->stream.close();
    Unregister(id);
}

// Reads one request, runs it, writes the response. Returns whether to keep the connection.
asio::awaitable<bool> Server::Impl::ServeOne(Connection& connection, beast::flat_buffer& buffer) {
    SteadyClock::time_point start = SteadyClock::now();
    InFlight in_flight(metrics);
    Exchange exchange;

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(
        std::min<size_t>(options.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    // A route may accept larger bodies than the default (uploads): the header is read with the
    // largest limit of any route, then the body with the limit of the request's route.
    parser.body_limit(router.MaxBodyLimit(options.max_body_bytes));
    std::size_t body_limit = options.max_body_bytes;
    auto route_body_limit = [&]() {
        const auto& header = parser.get();
        auto target = boost::urls::parse_origin_form(header.target());
        return target ? router.BodyLimit(ToMethod(header.method()), target->encoded_path(),
                                         options.max_body_bytes)
                      : options.max_body_bytes;
    };
    connection.stream.expires_after(options.read_timeout);
    auto [ec, header_bytes] =
        co_await bhttp::async_read_header(connection.stream, buffer, parser, kNoThrow);
    if (ec == bhttp::error::body_limit) {
        body_limit = route_body_limit();
    }
    if (!ec && !parser.is_done()) {
        body_limit = route_body_limit();
        const auto announced = parser.content_length();
        if (announced && *announced > body_limit) {
            ec = bhttp::error::body_limit;  // answered 413 before the body is read
        } else {
            parser.body_limit(body_limit);
        }
    }
    if (!ec && !parser.is_done()) {
        const auto& header = parser.get();
        if (beast::iequals(header[bhttp::field::expect], "100-continue")) {
            bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, header.version()};
            auto [write_error, written] =
                co_await bhttp::async_write(connection.stream, proceed, kNoThrow);
            ec = write_error;
        }
        if (!ec) {
            auto [body_error, body_bytes] =
                co_await bhttp::async_read(connection.stream, buffer, parser, kNoThrow);
            ec = body_error;
        }
    }
    if (ec) {
        if (parser.is_header_done()) {
            exchange.method = MethodName(ToMethod(parser.get().method()));
        }
        if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
            metrics.CountError("header_too_large");
            co_await RejectAndClose(
                connection, HttpProblem::kHeaderFieldsTooLarge,
                fmt::format("Dòng yêu cầu và phần đầu vượt quá {} byte.", options.max_header_bytes),
                exchange);
        } else if (ec == bhttp::error::body_limit) {
            metrics.CountError("body_too_large");
            co_await RejectAndClose(connection, HttpProblem::kPayloadTooLarge,
                                    fmt::format("Nội dung yêu cầu vượt quá {} byte.", body_limit),
                                    exchange);
        } else if (ec == beast::error::timeout) {
            metrics.CountError("timeout");  // the stream is already closed
            exchange.status = 408;
        } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
                   ec != bhttp::error::partial_message && ec != bhttp::error::end_of_stream) {
            metrics.CountError("bad_request");
            co_await RejectAndClose(connection, HttpProblem::kBadRequest,
                                    "Yêu cầu HTTP không đúng cú pháp.", exchange);
        } else {
            co_return false;  // the client went away mid-request: nobody to answer
        }
        Finish(exchange, connection, start);
        co_return false;
    }

    bhttp::request<bhttp::string_body> message = parser.release();
    Request request;
    request.method = ToMethod(message.method());
    request.target = std::string(message.target());
    request.remote_ip = connection.remote_ip;
    exchange.method = MethodName(request.method);
    exchange.request_id = RequestId(message["X-Request-Id"]);
    request.request_id = exchange.request_id;
    bool keep_alive = message.keep_alive();
    bool head = request.method == Method::kHead;

    std::optional<Response> response;
    auto target = boost::urls::parse_origin_form(message.target());
    if (!target) {
        response = ProblemResponse(HttpProblem::kBadRequest,
                                   "Địa chỉ yêu cầu không hợp lệ (mã hoá %XX sai hoặc ký tự lạ).");
    } else {
        exchange.path = std::string(target->encoded_path());
        request.path = target->path();
        bool clean = IsValidPathText(request.path);
        for (const auto& param : target->params()) {
            if (!clean) {
                break;
            }
            clean = IsValidUtf8Text(param.key) && IsValidUtf8Text(param.value);
            request.query.emplace(param.key, param.value);
        }
        if (!clean) {
            response = ProblemResponse(HttpProblem::kBadRequest,
                                       "Đường dẫn hoặc tham số truy vấn không phải UTF-8 hợp lệ.");
        }
    }
    if (response) {
        metrics.CountError("bad_request");
    } else {
        for (const auto& field : message) {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(), [](char c) {
                return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            });
            request.headers.emplace(std::move(name), std::string(field.value()));
        }
        request.body = std::move(message.body());
        RouteMatch match = router.Match(request.method, target->encoded_path());
        if (match.kind != MatchKind::kFound) {
            response = UnmatchedResponse(match, request.path);
            if (match.kind == MatchKind::kBadPath) {
                metrics.CountError("bad_request");
            }
        } else {
            exchange.route = match.pattern;
            request.path_params = std::move(match.params);
            std::optional<HandlerOutcome> outcome;
            if (match.fast_path != nullptr) {
                try {
                    if (auto fast = (*match.fast_path)(request)) {
                        outcome = HandlerOutcome{std::move(*fast), false};
                    }
                } catch (const std::exception& e) {
                    spdlog::error("http: fast path for {} threw: {}", exchange.route, e.what());
                }
            }
            if (!outcome) {  // not served by the fast path on this network thread
                if (match.execution == Execution::kInline) {
                    outcome = InvokeHandler(*match.handler, request);
                } else {
                    outcome = co_await RunHandler(*match.handler, std::move(request));
                }
            }
            if (!outcome) {
                metrics.CountError("handler_timeout");
                spdlog::error("http: handler for {} {} exceeded {} ms (request id {})",
                              exchange.method, exchange.route, options.handler_timeout.count(),
                              exchange.request_id);
                response = ProblemResponse(HttpProblem::kServiceUnavailable,
                                           "Máy chủ xử lý yêu cầu quá lâu. Vui lòng thử lại sau.");
            } else {
                if (outcome->threw) {
                    metrics.CountError("handler_exception");
                }
                response = std::move(outcome->response);
            }
        }
    }
    exchange.status = response->status;
    if (exchange.status >= 500) {
        metrics.CountError("server_error");
    }
    keep_alive = keep_alive && !stopping.load();
    exchange.bytes = co_await Write(connection, std::move(*response), message.version(), head,
                                    keep_alive, exchange.request_id);
    Finish(exchange, connection, start);
    co_return keep_alive&& exchange.bytes > 0;
}

asio::awaitable<std::optional<HandlerOutcome>> Server::Impl::RunHandler(const Handler& handler,
                                                                        Request request) {
    asio::any_io_executor executor = co_await asio::this_coro::executor;
    auto call = std::make_shared<PendingCall>(executor);
    if (options.handler_timeout.count() > 0) {
        call->timer.expires_after(options.handler_timeout);
    } else {
        call->timer.expires_at(SteadyClock::time_point::max());
    }
    pool->Post([call, executor, &handler, request = std::move(request)]() mutable {
        HandlerOutcome outcome = InvokeHandler(handler, request);
        // `call` moves into the completion so that the timer is only ever touched
        // (and destroyed) on the connection's strand.
        asio::post(executor, [call = std::move(call), outcome = std::move(outcome)]() mutable {
            call->outcome = std::move(outcome);
            call->timer.cancel();
        });
    });
    co_await call->timer.async_wait(kNoThrow);
    co_return std::move(call->outcome);
}

// Serializes and writes `response`; returns the bytes written (0 on a write failure).
asio::awaitable<size_t> Server::Impl::Write(Connection& connection, Response response,
                                            unsigned version, bool head, bool keep_alive,
                                            const std::string& request_id) {
    if (response.status < 100 || response.status > 999) {
        spdlog::error("http: handler returned status {}; answering 500", response.status);
        response = ProblemResponse(HttpProblem::kInternal, "");
    }
    bhttp::response<bhttp::string_body> out;
    out.version(version);
    out.result(static_cast<unsigned>(response.status));
    bool no_body = response.status < 200 || response.status == 204 || response.status == 304;
    bool html = response.content_type.starts_with("text/html");
    if (!no_body && !response.content_type.empty()) {
        out.set(bhttp::field::content_type, response.content_type);
    }
    for (const auto& [name, value] : response.headers) {
        if (!IsSafeHeader(name, value)) {
            spdlog::error("http: dropped unsafe response header {:?}", name);
            continue;
        }
        out.insert(name, value);
    }
    auto set_default = [&](std::string_view name, std::string_view value) {
        if (out.find(name) == out.end()) {
            out.set(name, value);
        }
    };
    set_default("Cache-Control", "no-store");
    set_default("Content-Security-Policy",
                html ? "default-src 'self'" : "default-src 'none'; frame-ancestors 'none'");
    set_default("X-Frame-Options", "DENY");
    set_default("Referrer-Policy", "same-origin");
    out.set("X-Content-Type-Options", "nosniff");
    out.set("X-Request-Id", request_id);
    out.set(bhttp::field::date, HttpDate(clock));
    out.keep_alive(keep_alive);
    // 1xx/204/304 carry neither a body nor a Content-Length; HEAD gets the GET length only.
    if (!no_body && head) {
        out.content_length(response.body.size());
    } else if (!no_body) {
        out.body() = std::move(response.body);
        out.prepare_payload();
    }
    connection.stream.expires_after(options.write_timeout);
    auto [ec, written] = co_await bhttp::async_write(connection.stream, out, kNoThrow);
    if (ec) {
        metrics.CountError(ec == beast::error::timeout ? "timeout" : "io");
        co_return 0;
    }
    co_return written;
}

// Answers a request that could not be read (malformed, over a limit) and closes the
// connection, first draining for a moment what the client still sends so that the answer is
// not lost to a TCP reset.
asio::awaitable<void> Server::Impl::RejectAndClose(Connection& connection, HttpProblem problem,
                                                   std::string_view detail, Exchange& exchange) {
    exchange.request_id = RequestId("");
    Response response = ProblemResponse(problem, detail);
    exchange.status = response.status;
    exchange.bytes =
        co_await Write(connection, std::move(response), 11, false, false, exchange.request_id);
    beast::error_code ignored;
    connection.stream.socket().shutdown(Tcp::socket::shutdown_send, ignored);
    connection.stream.expires_after(kLingerTime);
    std::array<char, 4096> sink{};
    size_t drained = 0;
    while (drained < kLingerMaxBytes) {
        auto [ec, n] = co_await connection.stream.async_read_some(asio::buffer(sink), kNoThrow);
        if (ec) {
            break;
        }
        drained += n;
    }
}

void Server::Impl::Finish(const Exchange& exchange, const Connection& connection,
                          SteadyClock::time_point start) {
    double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    metrics.ObserveRequest(exchange.method, exchange.route, exchange.status, seconds);
    if (options.access_log) {
        spdlog::info("access method={} path={} route={} status={} bytes={} ms={:.3f} ip={} rid={}",
                     exchange.method, exchange.path, exchange.route, exchange.status,
                     exchange.bytes, seconds * 1000, connection.remote_ip,
                     exchange.request_id.empty() ? "-" : exchange.request_id);
    }
}

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() = default;

base::Result<int> Server::Start() {
    return impl_->Start();
}

base::Status Server::Run() {
    return impl_->Run();
}

void Server::Stop() {
    if (impl_->stop_requested.exchange(true)) {
        return;
    }
    asio::post(impl_->control, [impl = impl_.get()] { impl->BeginShutdown(); });
}

}  // namespace motcua::http
