#pragma once
// The router fixture of the web unit tests (web_test.cpp, dossier_web_test.cpp): a fresh SQLite
// database with the demo data, a fake clock (Friday 27/11/2026 10:00 in Vietnam), and the pages
// dispatched in-process.

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "app/context.hpp"
#include "app/crypto.hpp"
#include "app/seed.hpp"
#include "base/clock.hpp"
#include "calendar/instant.hpp"
#include "http/router.hpp"
#include "store/database.hpp"
#include "web/forms.hpp"
#include "web/routes.hpp"

namespace motcua::web::webtest {

class WebRoutes : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device random;
        dir_ = std::filesystem::temp_directory_path() /
               ("motcua-web-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(dir_);
        ASSERT_TRUE(app::InitCrypto());
        clock_ =
            std::make_unique<base::FakeClock>(*calendar::ParseInstant("2026-11-27T10:00:00+07:00"));
        auto db = store::Open("sqlite:" + (dir_ / "web.db").string());
        ASSERT_TRUE(db);
        db_ = std::move(*db);
        ASSERT_TRUE(store::Migrate(*db_));
        throttle_ = std::make_unique<app::LoginThrottle>(20, std::chrono::seconds{900});
        ctx_.db = db_.get();
        ctx_.clock = clock_.get();
        ctx_.throttle = throttle_.get();
        auto dummy = app::HashPassword("not a real password");
        ASSERT_TRUE(dummy);
        ctx_.dummy_password_hash = *dummy;
        auto seeded = app::SeedDemo(ctx_);
        ASSERT_TRUE(seeded) << seeded.error().message;
        RegisterWebRoutes(router_, ctx_);
        ASSERT_TRUE(router_.Validate());
    }

    void TearDown() override {
        db_.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    http::Response Get(std::string_view target, std::string_view cookie = {}, bool htmx = false) {
        http::Request req;
        req.method = http::Method::kGet;
        req.target = std::string(target);
        req.path = std::string(target.substr(0, target.find('?')));
        if (const size_t q = target.find('?'); q != std::string_view::npos) {
            std::string_view rest = target.substr(q + 1);
            while (!rest.empty()) {
                const size_t amp = rest.find('&');
                const std::string_view pair = rest.substr(0, amp);
                rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
                const size_t eq = pair.find('=');
                auto name = Form::Parse("n=" + std::string(pair.substr(0, eq)));
                auto value = Form::Parse(
                    "v=" + std::string(eq == std::string_view::npos ? "" : pair.substr(eq + 1)));
                EXPECT_TRUE(name && value) << target;
                if (name && value) {
                    req.query.emplace(name->Get("n"), value->Get("v"));
                }
            }
        }
        req.headers.emplace("host", "127.0.0.1:8080");
        if (!cookie.empty()) {
            req.headers.emplace("cookie", std::string(cookie));
        }
        if (htmx) {
            req.headers.emplace("hx-request", "true");
        }
        return router_.Dispatch(std::move(req));
    }

    http::Response Post(std::string_view path, std::string_view body, std::string_view cookie = {},
                        std::string_view content_type = "application/x-www-form-urlencoded") {
        http::Request req;
        req.method = http::Method::kPost;
        req.target = std::string(path);
        req.path = std::string(path);
        req.body = std::string(body);
        req.remote_ip = "192.0.2.10";
        req.headers.emplace("host", "127.0.0.1:8080");
        req.headers.emplace("content-type", std::string(content_type));
        if (!cookie.empty()) {
            req.headers.emplace("cookie", std::string(cookie));
        }
        return router_.Dispatch(std::move(req));
    }

    // Signs in through the form; returns the cookie ("motcua_session=…").
    std::string SignIn(std::string_view username) {
        const http::Response r =
            Post("/dang-nhap", "username=" + std::string(username) + "&password=MotCua%402026");
        EXPECT_EQ(r.status, 303) << r.body;
        const auto cookie = r.Header("Set-Cookie");
        EXPECT_TRUE(cookie);
        const std::string value(cookie.value_or(""));
        EXPECT_NE(value.find("HttpOnly"), std::string::npos);
        EXPECT_NE(value.find("SameSite=Lax"), std::string::npos);
        return value.substr(0, value.find(';'));
    }

    // The `_csrf` hidden field of a page.
    static std::string CsrfOf(const std::string& html) {
        const std::string marker = R"(name="_csrf" value=")";
        const size_t at = html.find(marker);
        if (at == std::string::npos) {
            return {};
        }
        const size_t start = at + marker.size();
        return html.substr(start, html.find('"', start) - start);
    }

    std::filesystem::path dir_;
    std::unique_ptr<base::FakeClock> clock_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<app::LoginThrottle> throttle_;
    app::AppContext ctx_;
    http::Router router_;
};

}  // namespace motcua::web::webtest
