#include "api/request_auth.hpp"

namespace motcua::api {

app::ClientInfo ClientOf(const http::Request& req) {
    return app::ClientInfo{req.remote_ip, std::string(req.Header("user-agent").value_or(""))};
}

base::Result<app::Actor> ResolveActor(app::AppContext& ctx, const http::Request& req) {
    if (const auto auth = req.Header("authorization")) {
        constexpr std::string_view kBearer = "Bearer ";
        if (auth->substr(0, kBearer.size()) != kBearer) {
            return base::Error{base::ErrorCode::kUnauthenticated,
                               "Tiêu đề Authorization phải có dạng 'Bearer <mã>'."};
        }
        return app::ActorFromApiToken(ctx, auth->substr(kBearer.size()), ClientOf(req));
    }
    const auto cookie = req.Cookie(kSessionCookie);
    return app::ActorFromSession(ctx, cookie.value_or(""), ClientOf(req));
}

std::string SessionCookie(const http::Request& req, std::string_view token, std::int64_t max_age) {
    std::string cookie = std::string(kSessionCookie) + "=" + std::string(token) +
                         "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
    if (req.tls) {
        cookie += "; Secure";
    }
    return cookie;
}

base::Status CheckSameOrigin(const http::Request& req) {
    const auto origin = req.Header("origin");
    if (!origin) {
        return {};
    }
    const auto host = req.Header("host").value_or("");
    const std::string http_origin = "http://" + std::string(host);
    const std::string https_origin = "https://" + std::string(host);
    if (*origin != http_origin && *origin != https_origin) {
        return base::Error{base::ErrorCode::kPermissionDenied,
                           "Yêu cầu đăng nhập từ trang web khác bị từ chối."};
    }
    return {};
}

}  // namespace motcua::api
