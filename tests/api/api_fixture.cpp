#include "api_fixture.hpp"

#include <random>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "api/routes.hpp"
#include "app/crypto.hpp"
#include "app/seed.hpp"
#include "calendar/instant.hpp"
#include "http/uri.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::testing {

namespace {

std::filesystem::path TempDir() {
    std::random_device random;
    auto dir = std::filesystem::temp_directory_path() /
               ("motcua-api-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace

ApiFixture::ApiFixture()
    : dir_(TempDir()), clock_(*calendar::ParseInstant("2026-11-27T10:00:00+07:00")) {
    EXPECT_TRUE(app::InitCrypto());
    auto db = store::Open("sqlite:" + (dir_ / "api.db").string());
    EXPECT_TRUE(db) << (db ? "" : db.error().message);
    db_ = std::move(*db);
    EXPECT_TRUE(store::Migrate(*db_));
    throttle_ = std::make_unique<app::LoginThrottle>(app::SecurityPolicy{}.max_failures_per_ip,
                                                     app::SecurityPolicy{}.ip_window);
    ctx_.db = db_.get();
    ctx_.clock = &clock_;
    ctx_.throttle = throttle_.get();
    auto dummy = app::HashPassword("not a real password");
    EXPECT_TRUE(dummy);
    ctx_.dummy_password_hash = *dummy;
    auto seeded = app::SeedDemo(ctx_);
    EXPECT_TRUE(seeded) << (seeded ? "" : seeded.error().message);
    api::RegisterApiRoutes(router_, ctx_);
    EXPECT_TRUE(router_.Validate());
}

ApiFixture::~ApiFixture() {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

http::Response ApiFixture::Call(http::Method method, std::string_view target, std::string_view body,
                                const Browser* browser, bool send_csrf,
                                std::string_view content_type, std::string_view remote_ip) {
    http::Request request;
    request.method = method;
    request.target = std::string(target);
    const size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) {
        std::string_view query = target.substr(question + 1);
        while (!query.empty()) {
            const size_t amp = query.find('&');
            const std::string_view pair = query.substr(0, amp);
            const size_t eq = pair.find('=');
            std::string key(pair.substr(0, eq));
            std::string value(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
            for (auto& c : value) {
                if (c == '+') {
                    c = ' ';
                }
            }
            // Decoded as the server decodes them (Boost.URL params()).
            if (auto decoded = http::PercentDecode(value)) {
                value = std::move(*decoded);
            }
            request.query.emplace(std::move(key), std::move(value));
            if (amp == std::string_view::npos) {
                break;
            }
            query.remove_prefix(amp + 1);
        }
    }
    request.body = std::string(body);
    request.remote_ip = std::string(remote_ip);
    request.headers.emplace("host", "127.0.0.1:8080");
    request.headers.emplace("user-agent", "api-test");
    for (const auto& [name, value] : extra_headers_) {
        request.headers.emplace(name, value);
    }
    if (!body.empty()) {
        request.headers.emplace("content-type", std::string(content_type));
    }
    if (browser != nullptr) {
        request.headers.emplace("cookie", browser->cookie);
        if (send_csrf) {
            request.headers.emplace("x-csrf-token", browser->csrf);
        }
    }
    return router_.Dispatch(std::move(request));
}

http::Response ApiFixture::CallWithToken(http::Method method, std::string_view target,
                                         std::string_view token, std::string_view body) {
    http::Request request;
    request.method = method;
    request.target = std::string(target);
    request.path = std::string(target);
    request.body = std::string(body);
    request.remote_ip = "192.0.2.20";
    request.headers.emplace("authorization", "Bearer " + std::string(token));
    if (!body.empty()) {
        request.headers.emplace("content-type", "application/json");
    }
    return router_.Dispatch(std::move(request));
}

std::string SessionCookieOf(const http::Response& response) {
    for (const auto& [name, value] : response.headers) {
        if (name == "Set-Cookie") {
            return value.substr(0, value.find(';'));
        }
    }
    return {};
}

Browser ApiFixture::SignIn(std::string_view username, std::string_view password) {
    const std::string body = "{\"username\":\"" + std::string(username) + "\",\"password\":\"" +
                             std::string(password) + "\"}";
    const http::Response r = Call(http::Method::kPost, "/api/v1/session", body);
    EXPECT_EQ(r.status, 201) << username << ": " << r.body;
    Browser browser;
    browser.cookie = SessionCookieOf(r);
    std::error_code ec;
    const auto json = boost::json::parse(r.body, ec);
    if (!ec && json.is_object()) {
        browser.csrf = json.at("csrf_token").as_string().c_str();
        browser.user_id = json.at("user").at("id").as_int64();
    }
    return browser;
}

std::int64_t ApiFixture::UnitId(std::string_view code) {
    auto tx = db_->Begin(store::TxMode::kRead);
    EXPECT_TRUE(tx);
    auto unit = store::units::GetByCode(**tx, code);
    EXPECT_TRUE(unit && *unit) << code;
    return unit && *unit ? (*unit)->id : 0;
}

std::int64_t ApiFixture::AddUser(std::string_view username, std::string_view role,
                                 std::string_view unit_code) {
    auto tx = db_->Begin(store::TxMode::kWrite);
    EXPECT_TRUE(tx);
    auto admin = store::users::GetByUsername(**tx, "quantri");
    EXPECT_TRUE(admin && *admin);
    domain::User user;
    user.username = std::string(username);
    user.display_name = "Người thử " + std::string(username);
    user.password_hash = (*admin)->password_hash;  // the demo password
    user.created_at = clock_.Now();
    domain::RoleGrant grant{*domain::ParseRole(role), std::nullopt};
    if (!unit_code.empty()) {
        auto unit = store::units::GetByCode(**tx, unit_code);
        EXPECT_TRUE(unit && *unit) << unit_code;
        grant.unit_id = (*unit)->id;
    }
    user.roles.push_back(grant);
    auto inserted = store::users::Insert(**tx, user);
    EXPECT_TRUE(inserted) << (inserted ? "" : inserted.error().message);
    EXPECT_TRUE((*tx)->Commit());
    return inserted ? inserted->id : 0;
}

std::int64_t ApiFixture::Count(std::string_view table) {
    auto tx = db_->Begin(store::TxMode::kRead);
    EXPECT_TRUE(tx);
    auto rows = (*tx)->Query("SELECT COUNT(*) FROM " + std::string(table), {});
    EXPECT_TRUE(rows && !rows->empty());
    return rows && !rows->empty() ? rows->front().Int(0) : -1;
}

}  // namespace motcua::testing
