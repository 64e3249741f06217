#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/context.hpp"
#include "base/clock.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace motcua::testing {

// A signed-in browser: the session cookie and the CSRF token the page would carry.
struct Browser {
    std::string cookie;  // "motcua_session=..."
    std::string csrf;
    std::int64_t user_id = 0;
};

// The whole /api/v1 over a fresh SQLite database with the demo data, a fake clock, and the
// router dispatched in-process (the same handlers the server runs). One per test.
class ApiFixture {
public:
    ApiFixture();
    ~ApiFixture();
    ApiFixture(const ApiFixture&) = delete;
    ApiFixture& operator=(const ApiFixture&) = delete;

    http::Response Call(http::Method method, std::string_view target, std::string_view body = {},
                        const Browser* browser = nullptr, bool send_csrf = true,
                        std::string_view content_type = "application/json",
                        std::string_view remote_ip = "192.0.2.10");
    http::Response CallWithToken(http::Method method, std::string_view target,
                                 std::string_view token, std::string_view body = {});
    // Signs in with the demo password; fails the test if it does not work.
    Browser SignIn(std::string_view username, std::string_view password = "MotCua@2026");
    // Adds a user directly in the store (demo password) with one role on the unit `unit_code`.
    std::int64_t AddUser(std::string_view username, std::string_view role,
                         std::string_view unit_code);
    std::int64_t UnitId(std::string_view code);
    std::int64_t Count(std::string_view table);

    // Headers sent with every later Call (e.g. Idempotency-Key, If-Match); lower-case names.
    void SetHeader(std::string name, std::string value) {
        extra_headers_[std::move(name)] = std::move(value);
    }
    void ClearHeaders() { extra_headers_.clear(); }

    base::FakeClock& clock() { return clock_; }
    app::AppContext& context() { return ctx_; }
    store::Database& db() { return *db_; }
    http::Router& router() { return router_; }

private:
    std::filesystem::path dir_;
    base::FakeClock clock_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<app::LoginThrottle> throttle_;
    app::AppContext ctx_;
    http::Router router_;
    std::map<std::string, std::string> extra_headers_;
};

// The first Set-Cookie value's "name=value" part, or "".
std::string SessionCookieOf(const http::Response& response);

}  // namespace motcua::testing
