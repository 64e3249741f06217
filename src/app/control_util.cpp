#include "app/control_util.hpp"

#include <boost/json.hpp>

#include "app/dossier_access.hpp"
#include "calendar/civil_date.hpp"
#include "store/units.hpp"
#include "text/unicode.hpp"

namespace motcua::app::control {

namespace json = boost::json;

base::Result<json::object> ParseBody(std::string_view text, std::size_t max_bytes) {
    if (text.size() > max_bytes) {
        return base::Error{base::ErrorCode::kResourceExhausted, "Nội dung gửi lên quá lớn."};
    }
    std::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_object()) {
        return base::InvalidArgument("Nội dung không phải JSON hợp lệ (cần một đối tượng).");
    }
    return std::move(v.as_object());
}

base::Result<std::optional<std::string>> OptString(const json::object& o, std::string_view key,
                                                   std::size_t max, std::string_view where) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) {
        return std::optional<std::string>{};
    }
    const std::string field = std::string(where) + "Trường '" + std::string(key) + "'";
    if (!v->is_string()) {
        return base::InvalidArgument(field + " phải là chuỗi.");
    }
    const std::string s(v->as_string());
    if (!text::IsValidUtf8(s)) {
        return base::InvalidArgument(field + " không phải UTF-8 hợp lệ.");
    }
    if (s.size() > max) {
        return base::InvalidArgument(field + " quá dài.");
    }
    auto nfc = text::Nfc(s);
    if (!nfc) {
        return std::move(nfc).error();
    }
    return std::optional<std::string>{std::move(*nfc)};
}

base::Result<std::optional<std::int64_t>> OptInt(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) {
        return std::optional<std::int64_t>{};
    }
    if (v->is_int64()) {
        return std::optional<std::int64_t>{v->as_int64()};
    }
    if (v->is_uint64() && v->as_uint64() < (1ULL << 62)) {
        return std::optional<std::int64_t>{static_cast<std::int64_t>(v->as_uint64())};
    }
    return base::InvalidArgument("Trường '" + std::string(key) + "' phải là số nguyên.");
}

base::Result<std::optional<std::chrono::sys_days>> OptDay(const json::object& o,
                                                          std::string_view key,
                                                          std::string_view where) {
    auto s = OptString(o, key, 20, where);
    if (!s) {
        return std::move(s).error();
    }
    if (!*s || (*s)->empty()) {
        return std::optional<std::chrono::sys_days>{};
    }
    auto ymd = calendar::ParseIsoDate(**s);
    if (!ymd || !calendar::InRange(std::chrono::sys_days{*ymd})) {
        return base::InvalidArgument(std::string(where) + "Trường '" + std::string(key) +
                                     "' phải là ngày dạng YYYY-MM-DD.");
    }
    return std::optional<std::chrono::sys_days>{std::chrono::sys_days{*ymd}};
}

base::Result<std::int64_t> VersionOf(const json::object& o, std::optional<std::int64_t> if_match) {
    if (if_match) {
        return *if_match;
    }
    auto v = OptInt(o, "version");
    if (!v) {
        return std::move(v).error();
    }
    if (!*v) {
        return base::InvalidArgument(
            "Thiếu phiên bản đang sửa (trường 'version' hoặc tiêu đề If-Match).");
    }
    return **v;
}

base::Status RequireStaff(const Actor& actor, std::initializer_list<domain::Role> roles) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    if (actor.user->active) {
        for (const domain::RoleGrant& g : actor.user->roles) {
            for (domain::Role r : roles) {
                if (g.role == r) {
                    return {};
                }
            }
        }
    }
    return base::Error{base::ErrorCode::kPermissionDenied,
                       "Chức năng dành cho công chức kiểm soát TTHC và lãnh đạo đơn vị."};
}

base::Result<bool> HoldsAny(store::Transaction& tx, const Actor& actor,
                            std::initializer_list<domain::Role> roles, std::int64_t unit) {
    for (domain::Role r : roles) {
        auto h = internal::HoldsRoleOn(tx, actor, r, unit);
        if (!h) {
            return h;
        }
        if (*h) {
            return true;
        }
    }
    return false;
}

base::Result<domain::Unit> UnitByCode(store::Transaction& tx, const std::string& code,
                                      std::string_view field) {
    auto u = store::units::GetByCode(tx, code);
    if (!u) {
        return std::move(u).error();
    }
    if (!*u) {
        return base::InvalidArgument("Không có đơn vị mã '" + code + "' (" + std::string(field) +
                                     ").");
    }
    return std::move(**u);
}

}  // namespace motcua::app::control
