#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "app/actor.hpp"
#include "base/result.hpp"
#include "domain/unit.hpp"
#include "domain/user.hpp"
#include "store/database.hpp"

// Internal to app/: request reading and access helpers shared by the control side's use cases
// (impact assessments, review plans, inspections, publication decisions).
namespace motcua::app::control {

// A JSON object of at most `max_bytes` (kResourceExhausted beyond); kInvalidArgument (Vietnamese)
// when not an object.
[[nodiscard]] base::Result<boost::json::object> ParseBody(std::string_view text,
                                                          std::size_t max_bytes = std::size_t{256} *
                                                                                  1024);
// A string member (absent or null: empty), NFC-normalised; kInvalidArgument when not a string or
// over `max` bytes. Messages start with `where` (e.g. "Mục 2 (1.001193): ") when given.
[[nodiscard]] base::Result<std::optional<std::string>> OptString(const boost::json::object& o,
                                                                 std::string_view key,
                                                                 std::size_t max = 2000,
                                                                 std::string_view where = {});
// An integer member; kInvalidArgument when not an integer.
[[nodiscard]] base::Result<std::optional<std::int64_t>> OptInt(const boost::json::object& o,
                                                               std::string_view key);
// A 'YYYY-MM-DD' member (absent, null or empty: none); messages start with `where`.
[[nodiscard]] base::Result<std::optional<std::chrono::sys_days>> OptDay(
    const boost::json::object& o, std::string_view key, std::string_view where = {});
// The version being edited: `if_match` when given, else the body's "version" (required).
[[nodiscard]] base::Result<std::int64_t> VersionOf(const boost::json::object& o,
                                                   std::optional<std::int64_t> if_match);
// kUnauthenticated when anonymous; kPermissionDenied unless the actor holds one of `roles`
// somewhere.
[[nodiscard]] base::Status RequireStaff(const Actor& actor,
                                        std::initializer_list<domain::Role> roles);
// Whether the actor holds one of `roles` on `unit` (or a unit above it).
[[nodiscard]] base::Result<bool> HoldsAny(store::Transaction& tx, const Actor& actor,
                                          std::initializer_list<domain::Role> roles,
                                          std::int64_t unit);
// kInvalidArgument naming `field` for an unknown code.
[[nodiscard]] base::Result<domain::Unit> UnitByCode(store::Transaction& tx, const std::string& code,
                                                    std::string_view field);

}  // namespace motcua::app::control
