#include "app/settings.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <boost/json.hpp>

#include "app/audit_util.hpp"
#include "app/control_util.hpp"
#include "calendar/civil_date.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::app {

namespace {

namespace json = boost::json;
using std::chrono::days;
using std::chrono::sys_days;

struct KnownSetting {
    std::string_view key;
    std::string_view label;
    std::array<std::string_view, 2> allowed;
    std::string_view default_value;
};

constexpr std::array kKnown{KnownSetting{
    kPublicationDayConvention,
    "Cách tính thời hạn công bố TTHC (Điều 15 Nghị định 63/2010/NĐ-CP) khi quyết định không chọn",
    {"working_days", "calendar_days"},
    "working_days"}};

const KnownSetting* Find(std::string_view key) {
    for (const KnownSetting& k : kKnown) {
        if (k.key == key) {
            return &k;
        }
    }
    return nullptr;
}

base::Error UnknownKey(std::string_view key) {
    return base::NotFound("Không có thiết lập '" + std::string(key) + "'.");
}

sys_days Today(const AppContext& ctx) {
    return std::chrono::floor<days>(ctx.clock->Now() + calendar::kVietnamOffset);
}

// A province administrator: an administrator grant on a top-level unit.
base::Status RequireAdmin(store::Transaction& tx, const Actor& actor) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    for (const domain::RoleGrant& g : actor.user->roles) {
        if (g.role != domain::Role::kAdmin || !g.unit_id) {
            continue;
        }
        auto unit = store::units::Get(tx, *g.unit_id);
        if (!unit) {
            return unit.error();
        }
        if (*unit && !(*unit)->parent_id) {
            return {};
        }
    }
    return base::Error{base::ErrorCode::kPermissionDenied,
                       "Chỉ quản trị hệ thống cấp tỉnh được xem và sửa thiết lập hệ thống."};
}

base::Result<SettingView> ViewOf(store::Transaction& tx, const KnownSetting& k, sys_days today) {
    SettingView v;
    v.key = std::string(k.key);
    v.label = std::string(k.label);
    for (const std::string_view a : k.allowed) {
        v.allowed.emplace_back(a);
    }
    v.default_value = std::string(k.default_value);
    auto history = store::settings::History(tx, k.key);
    if (!history) {
        return std::move(history).error();
    }
    v.history = std::move(*history);
    v.version = static_cast<std::int64_t>(v.history.size());
    for (const store::settings::Change& c : v.history) {
        std::string name;
        if (c.changed_by) {
            auto user = store::users::Get(tx, *c.changed_by);
            if (!user) {
                return std::move(user).error();
            }
            if (*user) {
                name = (*user)->username;
            }
        }
        v.changed_by_names.push_back(std::move(name));
    }
    auto today_value = internal::SettingOn(tx, k.key, today);
    if (!today_value) {
        return std::move(today_value).error();
    }
    v.value_today = std::move(*today_value);
    // The last change after today that would alter the value (the history is ordered by day).
    for (const store::settings::Change& c : v.history) {
        if (c.valid_from > today) {
            v.next_from = c.valid_from;
            v.next_value = c.value;
        }
    }
    return v;
}

}  // namespace

namespace internal {

base::Result<std::string> SettingOn(store::Transaction& tx, std::string_view key, sys_days day) {
    const KnownSetting* k = Find(key);
    if (k == nullptr) {
        return UnknownKey(key);
    }
    auto value = store::settings::ValueOn(tx, key, day);
    if (!value) {
        return std::move(value).error();
    }
    return value->value_or(std::string(k->default_value));
}

}  // namespace internal

base::Result<SettingView> GetSetting(AppContext& ctx, const Actor& actor, std::string_view key) {
    const sys_days today = Today(ctx);
    return InReadTransaction<SettingView>(*ctx.db,
                                          [&](store::Transaction& tx) -> base::Result<SettingView> {
                                              if (base::Status s = RequireAdmin(tx, actor); !s) {
                                                  return s.error();
                                              }
                                              const KnownSetting* k = Find(key);
                                              if (k == nullptr) {
                                                  return UnknownKey(key);
                                              }
                                              return ViewOf(tx, *k, today);
                                          });
}

base::Result<SettingView> ChangeSetting(AppContext& ctx, const Actor& actor, std::string_view key,
                                        std::string_view body,
                                        std::optional<std::int64_t> if_match) {
    const sys_days today = Today(ctx);
    return InWriteTransaction<SettingView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<SettingView> {
            // Access first: a refused caller learns nothing about the body or the key.
            if (base::Status s = RequireAdmin(tx, actor); !s) {
                return s.error();
            }
            const KnownSetting* k = Find(key);
            if (k == nullptr) {
                return UnknownKey(key);
            }
            auto o = control::ParseBody(body, std::size_t{16} * 1024);
            if (!o) {
                return std::move(o).error();
            }
            auto value = control::OptString(*o, "value", 100);
            auto from = control::OptDay(*o, "valid_from");
            if (!value || !from) {
                return !value ? value.error() : from.error();
            }
            auto version = control::VersionOf(*o, if_match);
            if (!version) {
                return std::move(version).error();
            }
            if (!*value || (*value)->empty()) {
                return base::InvalidArgument("Thiếu giá trị ('value').");
            }
            if (std::find(k->allowed.begin(), k->allowed.end(), **value) == k->allowed.end()) {
                std::string allowed;
                for (const std::string_view a : k->allowed) {
                    allowed += (allowed.empty() ? "" : ", ") + std::string(a);
                }
                return base::InvalidArgument("Giá trị '" + **value +
                                             "' không hợp lệ; chọn một "
                                             "trong: " +
                                             allowed + ".");
            }
            if (!*from) {
                return base::InvalidArgument("Thiếu ngày áp dụng ('valid_from', dạng YYYY-MM-DD).");
            }
            if (**from <= today) {
                return base::InvalidArgument(
                    "Ngày áp dụng phải sau hôm nay (" + calendar::FormatVietnameseDate(today) +
                    "): thay đổi không áp dụng ngược cho các quyết định đã ký.");
            }
            auto history = store::settings::History(tx, k->key);
            if (!history) {
                return std::move(history).error();
            }
            if (*version != static_cast<std::int64_t>(history->size())) {
                return base::Error{base::ErrorCode::kAborted,
                                   "Thiết lập đã bị thay đổi bởi người khác; hãy tải lại."};
            }
            store::settings::Change change{.key = std::string(k->key),
                                           .value = **value,
                                           .valid_from = **from,
                                           .changed_by = actor.user->id,
                                           .changed_at = ctx.clock->Now()};
            auto id = store::settings::Append(tx, change);
            if (!id) {
                return std::move(id).error();
            }
            const json::object detail{{"key", change.key},
                                      {"value", change.value},
                                      {"valid_from", calendar::FormatIsoDate(change.valid_from)},
                                      {"version", *version + 1}};
            if (base::Status a = Audit(tx, actor, ctx.clock->Now(), "setting.change", "setting",
                                       change.key, json::serialize(detail));
                !a) {
                return a.error();
            }
            return ViewOf(tx, *k, today);
        });
}

}  // namespace motcua::app
