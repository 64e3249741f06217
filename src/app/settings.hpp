#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "store/database.hpp"
#include "store/settings.hpp"

// System settings versioned by effective day (session 8; docs/control.md "Settings"; migration
// 0024): the administrator of the province (quantri: an administrator grant on a top-level unit)
// sets a value from a day on; the value in force on any past day never changes, because a change
// takes effect from tomorrow at the earliest. Each change is audited (`setting.change`). Known
// keys only:
//   publication.day_convention — working_days | calendar_days (default working_days): how the
//   publication deadlines of Decree 63/2010 Art. 15 count "ngày" for a decision that does not
//   choose (app/publication_decisions.hpp).
namespace motcua::app {

inline constexpr std::string_view kPublicationDayConvention = "publication.day_convention";

struct SettingView {
    std::string key{};
    std::string label{};                      // Vietnamese
    std::vector<std::string> allowed{};       // the values it may take
    std::string default_value{};              // without any change
    std::string value_today{};                // in force today
    std::optional<std::string> next_value{};  // a change scheduled after today, if any
    std::optional<std::chrono::sys_days> next_from{};
    std::vector<store::settings::Change> history{};
    std::vector<std::string> changed_by_names{};  // parallel to history (username, or "")
    std::int64_t version = 0;                     // the number of changes (for If-Match)
};

// kUnauthenticated, kPermissionDenied (not a province administrator), kNotFound (unknown key).
[[nodiscard]] base::Result<SettingView> GetSetting(AppContext& ctx, const Actor& actor,
                                                   std::string_view key);
// {"value", "valid_from" (YYYY-MM-DD, after today), "version"} (or `if_match`): appends a change.
// kInvalidArgument (bad value or day, in Vietnamese), kAborted (stale version), as above.
[[nodiscard]] base::Result<SettingView> ChangeSetting(AppContext& ctx, const Actor& actor,
                                                      std::string_view key, std::string_view json,
                                                      std::optional<std::int64_t> if_match);

namespace internal {

// The value of a known key in force on `day` (its default when no change applies). kNotFound
// for an unknown key. No access check (the caller's use case has done it).
[[nodiscard]] base::Result<std::string> SettingOn(store::Transaction& tx, std::string_view key,
                                                  std::chrono::sys_days day);

}  // namespace internal

}  // namespace motcua::app
