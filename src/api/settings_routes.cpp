// /api/v1/settings/{key} (session 8; docs/control.md "Settings"): system settings versioned by
// effective day, read and changed by the province administrator. Thin handlers over
// app/settings.hpp.
#include <boost/json.hpp>

#include "api/route_util.hpp"
#include "app/settings.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"

namespace motcua::api {

void RegisterSettingsRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);

namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

json::object SettingJson(const app::SettingView& v) {
    json::array allowed;
    for (const std::string& a : v.allowed) {
        allowed.emplace_back(a);
    }
    json::array history;
    for (std::size_t k = 0; k < v.history.size(); ++k) {
        const store::settings::Change& c = v.history[k];
        history.push_back(json::object{{"value", c.value},
                                       {"valid_from", calendar::FormatIsoDate(c.valid_from)},
                                       {"changed_by", v.changed_by_names.at(k)},
                                       {"changed_at", calendar::FormatInstant(c.changed_at)}});
    }
    json::value next = nullptr;
    if (v.next_value && v.next_from) {
        next = json::object{{"value", *v.next_value},
                            {"valid_from", calendar::FormatIsoDate(*v.next_from)}};
    }
    return json::object{{"key", v.key},
                        {"label", v.label},
                        {"allowed", std::move(allowed)},
                        {"default", v.default_value},
                        {"value_today", v.value_today},
                        {"next", std::move(next)},
                        {"history", std::move(history)},
                        {"version", v.version}};
}

Response SettingReply(const base::Result<app::SettingView>& r) {
    if (!r) {
        return Problem(r.error());
    }
    Response out = NoStore(Json(200, SettingJson(*r)));
    out.AddHeader("ETag", "\"v" + std::to_string(r->version) + "\"");
    return out;
}

}  // namespace

void RegisterSettingsRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    const std::string schema = R"({"type":"object"})";
    router.Add(
        Method::kGet, "/api/v1/settings/{key}",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      return SettingReply(app::GetSetting(ctx, actor, req.path_params.at("key")));
                  }),
        {"Thiết lập hệ thống theo ngày áp dụng (publication.day_convention: cách tính "
         "thời hạn công bố TTHC khi quyết định không chọn): giá trị hôm nay, thay đổi đã "
         "hẹn, lịch sử, version; chỉ quản trị hệ thống cấp tỉnh",
         "session", "", schema});
    router.Add(Method::kPut, "/api/v1/settings/{key}",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto if_match = IfMatchVersion(req, "thiết lập");
                             if (!if_match) {
                                 return Problem(if_match.error());
                             }
                             return SettingReply(app::ChangeSetting(
                                 ctx, actor, req.path_params.at("key"), req.body, *if_match));
                         }),
               {"Đổi thiết lập từ một ngày sau hôm nay (value, valid_from, version hoặc "
                "If-Match); các ngày trước giữ giá trị cũ; 400 nếu giá trị hoặc ngày không hợp "
                "lệ, 409 nếu đã bị thay đổi; chỉ quản trị hệ thống cấp tỉnh",
                "session+csrf", schema, schema});
}

}  // namespace motcua::api
