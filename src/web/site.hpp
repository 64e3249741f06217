#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/actor.hpp"
#include "app/authz.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "http/router.hpp"
#include "web/forms.hpp"
#include "web/render.hpp"
#include "web/views.hpp"

// The plumbing every page module shares (docs/web.md): rendering pages inside the layout,
// Vietnamese error pages, actor resolution, form decoding and CSRF, Post/Redirect/Get.
namespace motcua::web {

inline constexpr std::string_view kHtmlType = "text/html; charset=utf-8";

// A 303 to `location` (a local path; bytes outside ASCII percent-encoded).
[[nodiscard]] http::Response Redirect(std::string_view location);

// True when htmx asks for a fragment (HX-Request), but not for a history restore.
[[nodiscard]] bool WantsFragment(const http::Request& req);

// A positive decimal integer, or nullopt.
[[nodiscard]] std::optional<std::int64_t> ParsePositive(std::optional<std::string_view> text);

// 1234567 → "1.234.567" (Vietnamese digit grouping).
[[nodiscard]] std::string GroupDigits(std::int64_t value);
// 812 → "812 byte", 12 345 → "13 KB", 2 621 440 → "2,5 MB" (Vietnamese grouping and decimal
// comma).
[[nodiscard]] std::string FileSizeText(std::int64_t bytes);

// A form page redirects after a successful save to the page with this query (POST → redirect →
// GET), which then shows "Đã lưu." (FlashIfSaved).
inline constexpr const char* kSavedQuery = "?da-luu=1";
void FlashIfSaved(const http::Request& req, Chrome& chrome);

// Renders pages and error pages; one per router, shared by every page handler.
class Site final {
public:
    Site(app::AppContext& ctx, const std::string& template_dir);

    [[nodiscard]] app::AppContext& Context() const { return ctx_; }

    [[nodiscard]] Chrome MakeChrome(const http::Request& req, const app::Actor& actor,
                                    std::string title, Section section) const;

    // `page` rendered in the layout; the plain 500 page when rendering fails.
    [[nodiscard]] http::Response Page(int status, std::string_view page, const Chrome& chrome,
                                      const Data& data) const;
    // A template alone (htmx fragments).
    [[nodiscard]] http::Response Fragment(std::string_view name, const Data& data) const;

    [[nodiscard]] http::Response ErrorPage(int status, const http::Request& req,
                                           const app::Actor& actor, const std::string& heading,
                                           const std::string& message) const;
    // 303 to /dang-nhap?next=<this page>.
    [[nodiscard]] http::Response SignInRedirect(const http::Request& req) const;
    // The page for a failed use case: sign-in for anonymous visitors, 403/404/500 pages, or the
    // status http/problem.hpp gives the code.
    [[nodiscard]] http::Response ForError(const base::Error& error, const http::Request& req,
                                          const app::Actor& actor) const;
    [[nodiscard]] http::Response InternalErrorPage(const http::Request& req,
                                                   const app::Actor& actor) const;
    [[nodiscard]] static http::Response PlainInternalError();

    [[nodiscard]] const Renderer& Templates() const { return renderer_; }

private:
    app::AppContext& ctx_;
    Renderer renderer_;
};

using SitePtr = std::shared_ptr<const Site>;
using PageFn = http::Response (*)(const Site&, const http::Request&, const app::Actor&);
using FormFn = http::Response (*)(const Site&, const http::Request&, const app::Actor&,
                                  const Form&);

enum class Audience { kSignedIn, kAnyone };

// Registers a GET page: the actor resolved (an invalid session is anonymous), exceptions → the
// 500 page. `auth` documents who may call it ("public", "session").
void AddPage(http::Router& router, const SitePtr& site, std::string_view pattern, PageFn handler,
             std::string summary, std::string auth);

// Registers a form post: urlencoded body decoded (415 otherwise), anonymous visitors sent to
// sign in unless `audience` is kAnyone, the CSRF token checked (app::CheckCsrf) before the
// handler runs.
void AddForm(http::Router& router, const SitePtr& site, std::string_view pattern, FormFn handler,
             Audience audience, std::string summary);

// Asks the application layer whether the actor holds `permission` somewhere (on `unit_id` when
// given). Roles are never checked in handlers: kUnauthenticated for anonymous visitors,
// kPermissionDenied otherwise.
[[nodiscard]] base::Status Require(app::AppContext& ctx, const app::Actor& actor,
                                   app::Permission permission,
                                   std::optional<std::int64_t> unit_id = std::nullopt);

// The status of a form shown again with a use case's refusal of its input: 422 for invalid input
// (and for an unknown code typed into the form when `unknown_is_input`), 413 for too large, 409
// for a conflict (illegal step, stale version, duplicate); 0 when the refusal is not about the
// input (403, the page's own 404, 500) and deserves its own page.
[[nodiscard]] int InputStatus(const base::Error& error, bool unknown_is_input = false);

// Adds a use case's refusal of the input to the form's messages; false when the error is not
// about the input (403, 500, …) and deserves its own page.
bool AddInputError(const base::Error& error, FormErrors& errors, std::string duplicate_field);

// `text` with its first letter in upper case (use-case messages start in lower case so they can
// be embedded; shown alone they start a sentence).
[[nodiscard]] std::string Sentence(std::string_view text);

[[nodiscard]] Data WithErrors(Data data, const FormErrors& errors);

}  // namespace motcua::web
