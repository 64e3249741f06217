#include "store/settings.hpp"

#include <array>

#include "store/codec.hpp"

namespace motcua::store::settings {

namespace {

using internal::Day;
using internal::Int;
using internal::OptInt;
using internal::Seconds;
using internal::Text;

}  // namespace

base::Result<std::int64_t> Append(Transaction& tx, const Change& c) {
    const std::array params{Text(c.key), Text(c.value), Day(c.valid_from), OptInt(c.changed_by),
                            Seconds(c.changed_at)};
    return internal::InsertReturningId(
        tx,
        "INSERT INTO settings (key, value, valid_from, changed_by, changed_at) "
        "VALUES ($1, $2, $3, $4, $5) RETURNING id",
        params);
}

base::Result<std::vector<Change>> History(Transaction& tx, std::string_view key) {
    const std::array params{Text(key)};
    auto rows = tx.Query(
        "SELECT id, key, value, valid_from, changed_by, changed_at FROM settings WHERE key = $1 "
        "ORDER BY valid_from, id",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Change> out;
    for (const Row& row : *rows) {
        auto day = internal::ParseDay(row.Text(3));
        if (!day) {
            return std::move(day).error();
        }
        Change c;
        c.id = row.Int(0);
        c.key = row.Text(1);
        c.value = row.Text(2);
        c.valid_from = *day;
        if (!row.IsNull(4)) {
            c.changed_by = row.Int(4);
        }
        c.changed_at = internal::ToSeconds(row.Int(5));
        out.push_back(std::move(c));
    }
    return out;
}

base::Result<std::optional<std::string>> ValueOn(Transaction& tx, std::string_view key,
                                                 std::chrono::sys_days day) {
    const std::array params{Text(key), Day(day)};
    return internal::OneRow(tx,
                            "SELECT value FROM settings WHERE key = $1 AND valid_from <= $2 "
                            "ORDER BY valid_from DESC, id DESC LIMIT 1",
                            params, [](const Row& row) { return row.Text(0); });
}

}  // namespace motcua::store::settings
