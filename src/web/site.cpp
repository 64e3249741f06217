#include "web/site.hpp"

#include <algorithm>
#include <charconv>
#include <exception>

#include <spdlog/spdlog.h>

#include "api/request_auth.hpp"
#include "app/auth.hpp"
#include "http/problem.hpp"
#include "text/unicode.hpp"

namespace motcua::web {

namespace {

using http::Method;
using http::Request;
using http::Response;

// A Location value: bytes outside ASCII percent-encoded (the path itself was checked by
// IsSafeNext or built here).
std::string LocationValue(std::string_view path) {
    constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80) {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xf];
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

Response Redirect(std::string_view location) {
    Response r;
    r.status = 303;
    r.content_type.clear();
    r.AddHeader("Location", LocationValue(location));
    return r;
}

bool WantsFragment(const Request& req) {
    return req.Header("hx-request") == "true" && !req.Header("hx-history-restore-request");
}

int InputStatus(const base::Error& error, bool unknown_is_input) {
    switch (error.code) {
        case base::ErrorCode::kInvalidArgument:
            return 422;
        case base::ErrorCode::kNotFound:
            return unknown_is_input ? 422 : 0;
        case base::ErrorCode::kResourceExhausted:
            return 413;
        case base::ErrorCode::kFailedPrecondition:
        case base::ErrorCode::kAborted:
        case base::ErrorCode::kAlreadyExists:
            return 409;
        default:
            return 0;
    }
}

std::optional<std::int64_t> ParsePositive(std::optional<std::string_view> text) {
    if (!text) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < 1) {
        return std::nullopt;
    }
    return value;
}

void FlashIfSaved(const http::Request& req, Chrome& chrome) {
    if (req.Query("da-luu").value_or("") == "1") {
        chrome.flash = "Đã lưu.";
    }
}

std::string FileSizeText(std::int64_t bytes) {
    constexpr std::int64_t kKiB = 1024;
    constexpr std::int64_t kMiB = kKiB * kKiB;
    if (bytes < kKiB) {
        return GroupDigits(std::max<std::int64_t>(bytes, 0)) + " byte";
    }
    if (bytes < kMiB) {
        return GroupDigits((bytes + kKiB - 1) / kKiB) + " KB";
    }
    const std::int64_t tenths = (bytes * 10 + kMiB / 2) / kMiB;
    std::string text = GroupDigits(tenths / 10);
    if (tenths % 10 != 0) {
        text += ',' + std::to_string(tenths % 10);
    }
    return text + " MB";
}

std::string GroupDigits(std::int64_t value) {
    std::string digits = std::to_string(value);
    std::string out;
    const int count = static_cast<int>(digits.size());
    for (int i = 0; i < count; ++i) {
        if (i > 0 && (count - i) % 3 == 0 && digits[static_cast<size_t>(i - 1)] != '-') {
            out += '.';
        }
        out += digits[static_cast<size_t>(i)];
    }
    return out;
}

// ---- Site -----------------------------------------------------------------------------------

Site::Site(app::AppContext& ctx, const std::string& template_dir)
    : ctx_(ctx), renderer_(template_dir) {}

Chrome Site::MakeChrome(const Request& req, const app::Actor& actor, std::string title,
                        Section section) const {
    Chrome chrome;
    chrome.title = std::move(title);
    chrome.section = section;
    chrome.actor = &actor;
    chrome.current_target = req.method == Method::kGet ? req.target : req.path;
    return chrome;
}

Response Site::Page(int status, std::string_view page, const Chrome& chrome,
                    const Data& data) const {
    auto html = RenderPage(renderer_, page, chrome, data);
    if (!html) {
        spdlog::error("web: rendering {} failed: {}", page, html.error().message);
        return PlainInternalError();
    }
    Response r;
    r.status = status;
    r.content_type = std::string(kHtmlType);
    r.body = std::move(*html);
    return r;
}

Response Site::Fragment(std::string_view name, const Data& data) const {
    auto html = renderer_.Render(name, data);
    if (!html) {
        spdlog::error("web: rendering {} failed: {}", name, html.error().message);
        return PlainInternalError();
    }
    Response r;
    r.content_type = std::string(kHtmlType);
    r.body = std::move(*html);
    return r;
}

Response Site::ErrorPage(int status, const Request& req, const app::Actor& actor,
                         const std::string& heading, const std::string& message) const {
    Chrome chrome = MakeChrome(req, actor, heading, Section::kNone);
    Data data;
    data.set("status", std::to_string(status));
    data.set("heading", heading);
    data.set("message", OptionalText(message));
    data.set("show_sign_in", status == 403 && !actor.SignedIn());
    return Page(status, "page_error", chrome, data);
}

Response Site::SignInRedirect(const Request& req) const {
    const std::string next = req.method == Method::kGet ? req.target : req.path;
    return Redirect("/dang-nhap?next=" + UrlEncode(SafeNextOrHome(next)));
}

Response Site::ForError(const base::Error& error, const Request& req,
                        const app::Actor& actor) const {
    switch (error.code) {
        case base::ErrorCode::kUnauthenticated:
            return SignInRedirect(req);
        case base::ErrorCode::kPermissionDenied:
            return ErrorPage(403, req, actor, "Không có quyền truy cập", Sentence(error.message));
        case base::ErrorCode::kNotFound:
            return ErrorPage(404, req, actor, "Không tìm thấy trang", Sentence(error.message));
        case base::ErrorCode::kInternal:
            spdlog::error("web: {} {}: {}", http::MethodName(req.method), req.path, error.message);
            return InternalErrorPage(req, actor);
        default:
            return ErrorPage(http::HttpStatus(error.code), req, actor,
                             "Yêu cầu không thực hiện được", Sentence(error.message));
    }
}

Response Site::InternalErrorPage(const Request& req, const app::Actor& actor) const {
    return ErrorPage(500, req, actor, "Hệ thống đang gặp sự cố",
                     "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút; "
                     "nếu lỗi còn lặp lại, hãy liên hệ bộ phận hỗ trợ.");
}

Response Site::PlainInternalError() {
    Response r;
    r.status = 500;
    r.content_type = std::string(kHtmlType);
    r.body =
        "<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Lỗi hệ thống</title>"
        "<h1>Hệ thống đang gặp sự cố</h1><p>Vui lòng thử lại sau.</p></html>";
    return r;
}

// ---- registration ---------------------------------------------------------------------------

void AddPage(http::Router& router, const SitePtr& site, std::string_view pattern, PageFn handler,
             std::string summary, std::string auth) {
    router.Add(Method::kGet, pattern,
               [site, handler](const Request& req) -> Response {
                   app::Actor anonymous;
                   try {
                       auto actor = api::ResolveActor(site->Context(), req);
                       if (!actor) {
                           return site->ForError(actor.error(), req, anonymous);
                       }
                       return handler(*site, req, *actor);
                   } catch (const std::exception& e) {
                       spdlog::error("web: GET {} threw: {}", req.path, e.what());
                       return site->InternalErrorPage(req, anonymous);
                   }
               },
               {std::move(summary), std::move(auth), "", ""});
}

void AddForm(http::Router& router, const SitePtr& site, std::string_view pattern, FormFn handler,
             Audience audience, std::string summary) {
    router.Add(Method::kPost, pattern,
               [site, handler, audience](const Request& req) -> Response {
                   app::Actor anonymous;
                   try {
                       auto actor = api::ResolveActor(site->Context(), req);
                       if (!actor) {
                           return site->ForError(actor.error(), req, anonymous);
                       }
                       if (!IsFormContentType(req.Header("content-type").value_or(""))) {
                           return site->ErrorPage(
                               415, req, *actor, "Biểu mẫu không hợp lệ",
                               "Biểu mẫu phải được gửi dạng application/x-www-form-urlencoded.");
                       }
                       auto form = Form::Parse(req.body);
                       if (!form) {
                           return site->ErrorPage(400, req, *actor, "Biểu mẫu không hợp lệ",
                                                  form.error().message);
                       }
                       if (audience == Audience::kSignedIn && !actor->SignedIn()) {
                           return site->SignInRedirect(req);
                       }
                       if (const base::Status csrf = app::CheckCsrf(*actor, form->Get("_csrf"));
                           !csrf) {
                           return site->ErrorPage(403, req, *actor, "Biểu mẫu đã hết hạn",
                                                  csrf.error().message);
                       }
                       return handler(*site, req, *actor, *form);
                   } catch (const std::exception& e) {
                       spdlog::error("web: POST {} threw: {}", req.path, e.what());
                       return site->InternalErrorPage(req, anonymous);
                   }
               },
               {std::move(summary), "session+csrf", "", ""});
}

base::Status Require(app::AppContext& ctx, const app::Actor& actor, app::Permission permission,
                     std::optional<std::int64_t> unit_id) {
    auto allowed =
        app::InReadTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
            if (const base::Status s = app::Authorize(tx, actor, permission, unit_id); !s) {
                return s.error();
            }
            return true;
        });
    if (!allowed) {
        return allowed.error();
    }
    return {};
}

bool AddInputError(const base::Error& error, FormErrors& errors, std::string duplicate_field) {
    switch (error.code) {
        case base::ErrorCode::kInvalidArgument:
        case base::ErrorCode::kFailedPrecondition:
            errors.Add("", Sentence(error.message));
            return true;
        case base::ErrorCode::kAlreadyExists:
            errors.Add(std::move(duplicate_field), Sentence(error.message));
            return true;
        case base::ErrorCode::kAborted:
            errors.Add("",
                       "Dữ liệu vừa được người khác thay đổi. Hãy tải lại trang để xem bản mới "
                       "nhất rồi sửa lại.");
            return true;
        default:
            return false;
    }
}

std::string Sentence(std::string_view text) {
    if (text.empty()) {
        return {};
    }
    // Length of the first UTF-8 sequence.
    const auto lead = static_cast<unsigned char>(text.front());
    size_t length = 1;
    if (lead >= 0xF0) {
        length = 4;
    } else if (lead >= 0xE0) {
        length = 3;
    } else if (lead >= 0xC0) {
        length = 2;
    }
    length = std::min(length, text.size());
    return text::ToUpperVietnamese(text.substr(0, length)) + std::string(text.substr(length));
}

Data WithErrors(Data data, const FormErrors& errors) {
    data.set("error_summary", ErrorSummaryData(errors));
    return data;
}

}  // namespace motcua::web
