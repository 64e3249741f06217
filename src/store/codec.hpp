#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/result.hpp"
#include "store/database.hpp"

// Internal to the store module: conversions between domain values and column values, and the
// error helpers the repositories share.
namespace motcua::store::internal {

// 'YYYY-MM-DD' (the column form of dates on both backends; docs/storage.md).
[[nodiscard]] std::string FormatDay(std::chrono::sys_days day);
// kInternal if `text` is not a 'YYYY-MM-DD' date (a stored value is corrupt).
[[nodiscard]] base::Result<std::chrono::sys_days> ParseDay(std::string_view text);

[[nodiscard]] inline Value Int(std::int64_t v) {
    return Value{v};
}
[[nodiscard]] inline Value Text(std::string_view v) {
    return Value{std::string(v)};
}
[[nodiscard]] inline Value Bool(bool v) {
    return Value{std::int64_t{v ? 1 : 0}};
}
[[nodiscard]] inline Value Day(std::chrono::sys_days day) {
    return Value{FormatDay(day)};
}
[[nodiscard]] inline Value Seconds(std::chrono::sys_seconds at) {
    return Value{std::int64_t{at.time_since_epoch().count()}};
}
[[nodiscard]] Value OptInt(std::optional<std::int64_t> v);
[[nodiscard]] Value OptDay(std::optional<std::chrono::sys_days> day);
[[nodiscard]] Value OptSeconds(std::optional<std::chrono::sys_seconds> at);

[[nodiscard]] inline std::chrono::sys_seconds ToSeconds(std::int64_t unix_seconds) {
    return std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}};
}
[[nodiscard]] std::optional<std::chrono::sys_seconds> ToOptSeconds(const Row& row, size_t i);
[[nodiscard]] base::Result<std::optional<std::chrono::sys_days>> ToOptDay(const Row& row, size_t i);

// kAborted "… đã bị thay đổi bởi người khác" (optimistic concurrency: a stale version).
[[nodiscard]] base::Error StaleVersion(std::string_view what);
// kInternal for a stored value that does not decode (corrupt data, or a newer binary's value).
[[nodiscard]] base::Error CorruptValue(std::string_view column, std::string_view value);
// `error` with its message replaced when its code is `code` (a friendlier message for a known
// constraint); other errors unchanged.
[[nodiscard]] base::Error Rephrase(base::Error error, base::ErrorCode code, std::string message);

// At most one row of `sql`, decoded by `decode` (a function of the row returning the value).
template <typename Decode>
base::Result<std::optional<std::invoke_result_t<Decode, const Row&>>> OneRow(
    Transaction& tx, std::string_view sql, std::span<const Value> params, Decode decode) {
    using T = std::invoke_result_t<Decode, const Row&>;
    auto row = tx.QueryOne(sql, params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<T>{};
    }
    return std::optional<T>{decode(**row)};
}

// The id an `INSERT … RETURNING id` returned (an Internal error when it returned no row).
[[nodiscard]] base::Result<std::int64_t> InsertReturningId(Transaction& tx, std::string_view sql,
                                                           std::span<const Value> params);
// The same, telling a failure of kind `code` (a constraint: a duplicate, a missing parent) as
// `message` for people (Rephrase); other failures are returned as they are.
[[nodiscard]] base::Result<std::int64_t> InsertReturningId(Transaction& tx, std::string_view sql,
                                                           std::span<const Value> params,
                                                           base::ErrorCode code,
                                                           std::string message);

// "$first, $first+1, …" for `count` placeholders (IN lists).
[[nodiscard]] std::string Placeholders(size_t first, size_t count);
// Binding a parameter where the SQL text is built piece by piece: appends `value` to `params`
// and returns its placeholder "$n" (n = its 1-based position).
[[nodiscard]] std::string Bind(std::vector<Value>& params, Value value);
// An IN list of ids: appends them to `params` and returns their placeholders "$n, $n+1, …"
// (the caller checks the list is not empty: "IN ()" is not SQL).
[[nodiscard]] std::string BindIds(std::vector<Value>& params, const std::vector<std::int64_t>& ids);
// " AND d.settling_unit_id IN (…)" (dossiers aliased d) with the units appended to `params`.
[[nodiscard]] std::string SettlingUnitFilter(const std::vector<std::int64_t>& units,
                                             std::vector<Value>& params);

}  // namespace motcua::store::internal
