#include "store/units.hpp"

#include <array>
#include <string>

#include "store/codec.hpp"

namespace motcua::store::units {

namespace {

using internal::Day;
using internal::Int;
using internal::OptDay;
using internal::OptInt;
using internal::Text;

constexpr std::string_view kSelectUnit =
    "SELECT id, code, type, name, parent_id, valid_from, valid_to, merged_into, version "
    "FROM units";

// The parent of the latest period (the one later moves close).
constexpr std::string_view kLatestPeriod =
    "SELECT valid_from, valid_to FROM unit_parents WHERE unit_id = $1 "
    "ORDER BY valid_from DESC LIMIT 1";

// Walks up from $1 along units.parent_id (the current tree); the depth bound guards against a
// cycle written by hand.
constexpr std::string_view kIsInSubtree =
    "WITH RECURSIVE chain (id, parent_id, depth) AS ("
    " SELECT id, parent_id, 0 FROM units WHERE id = $1"
    " UNION ALL"
    " SELECT u.id, u.parent_id, chain.depth + 1 FROM units u JOIN chain ON u.id = chain.parent_id"
    " WHERE chain.depth < 64)"
    " SELECT 1 FROM chain WHERE id = $2 LIMIT 1";

base::Error UnknownUnit() {
    return base::NotFound("Không tìm thấy đơn vị.");
}

base::Error UnknownParent() {
    return base::Error{base::ErrorCode::kFailedPrecondition, "Đơn vị cấp trên không tồn tại."};
}

base::Error DuplicateCode(std::string_view code) {
    return base::Error{base::ErrorCode::kAlreadyExists,
                       "Mã đơn vị đã tồn tại: " + std::string(code)};
}

base::Result<domain::Unit> FromRow(const Row& row) {
    domain::Unit unit;
    unit.id = row.Int(0);
    unit.code = row.Text(1);
    auto type = domain::ParseUnitType(row.Text(2));
    if (!type) {
        return internal::CorruptValue("units.type", row.Text(2));
    }
    unit.type = *type;
    unit.name = row.Text(3);
    unit.parent_id = row.OptInt(4);
    auto valid_from = internal::ParseDay(row.Text(5));
    if (!valid_from) {
        return std::move(valid_from).error();
    }
    unit.valid_from = *valid_from;
    auto valid_to = internal::ToOptDay(row, 6);
    if (!valid_to) {
        return std::move(valid_to).error();
    }
    unit.valid_to = *valid_to;
    unit.merged_into = row.OptInt(7);
    unit.version = row.Int(8);
    return unit;
}

base::Result<std::optional<domain::Unit>> GetWhere(Transaction& tx, std::string_view where,
                                                   const Value& key) {
    auto row =
        tx.QueryOne(std::string(kSelectUnit) + std::string(where), std::span<const Value>(&key, 1));
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<domain::Unit>{};
    }
    auto unit = FromRow(**row);
    if (!unit) {
        return std::move(unit).error();
    }
    return std::optional<domain::Unit>{std::move(*unit)};
}

// The unit `id` with version `expected_version`: kNotFound, or kAborted when stale.
base::Result<domain::Unit> GetCurrent(Transaction& tx, std::int64_t id,
                                      std::int64_t expected_version) {
    auto unit = Get(tx, id);
    if (!unit) {
        return std::move(unit).error();
    }
    if (!*unit) {
        return UnknownUnit();
    }
    if ((*unit)->version != expected_version) {
        return internal::StaleVersion("Đơn vị");
    }
    return std::move(**unit);
}

base::Result<bool> Exists(Transaction& tx, std::int64_t id) {
    const Value key = Int(id);
    auto row = tx.QueryOne("SELECT 1 FROM units WHERE id = $1", std::span<const Value>(&key, 1));
    if (!row) {
        return std::move(row).error();
    }
    return row->has_value();
}

// Bumps the version of `id` if it is still `expected_version` (the row lock that serialises
// concurrent moves on PostgreSQL); kAborted otherwise.
base::Status Claim(Transaction& tx, std::string_view set_clause, std::vector<Value> params,
                   std::int64_t id, std::int64_t expected_version) {
    const std::string where_id = internal::Bind(params, Int(id));
    const std::string where_version = internal::Bind(params, Int(expected_version));
    auto changed = tx.Execute("UPDATE units SET " + std::string(set_clause) +
                                  ", version = version + 1 WHERE id = " + where_id +
                                  " AND version = " + where_version,
                              params);
    if (!changed) {
        return std::move(changed).error();
    }
    if (*changed == 0) {
        return internal::StaleVersion("Đơn vị");
    }
    return {};
}

// Records that `unit_id` belongs to `parent` from `effective` on: the latest period ends the day
// before (or is replaced when it starts that same day).
base::Status MovePeriod(Transaction& tx, std::int64_t unit_id, std::optional<std::int64_t> parent,
                        std::chrono::sys_days effective) {
    const Value unit_key = Int(unit_id);
    auto latest = tx.QueryOne(kLatestPeriod, std::span<const Value>(&unit_key, 1));
    if (!latest) {
        return std::move(latest).error();
    }
    if (*latest) {
        auto from = internal::ParseDay((*latest)->Text(0));
        if (!from) {
            return from.error();
        }
        auto to = internal::ToOptDay(**latest, 1);
        if (!to) {
            return to.error();
        }
        if (*from > effective) {
            return base::Error{base::ErrorCode::kFailedPrecondition,
                               "Ngày hiệu lực phải từ ngày " + internal::FormatDay(*from) +
                                   " (ngày bắt đầu của thời kỳ trực thuộc hiện tại) trở đi."};
        }
        if (*from == effective) {
            const std::array params = {OptInt(parent), unit_key, Day(effective)};
            auto changed = tx.Execute(
                "UPDATE unit_parents SET parent_id = $1 WHERE unit_id = $2 AND valid_from = $3",
                params);
            return changed ? base::Status{} : base::Status{std::move(changed).error()};
        }
        if (!*to || **to >= effective) {
            const std::array params = {Day(effective - std::chrono::days{1}), unit_key, Day(*from)};
            auto closed = tx.Execute(
                "UPDATE unit_parents SET valid_to = $1 WHERE unit_id = $2 AND valid_from = $3",
                params);
            if (!closed) {
                return std::move(closed).error();
            }
        }
    }
    const std::array params = {unit_key, OptInt(parent), Day(effective)};
    auto inserted = tx.Execute(
        "INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) "
        "VALUES ($1, $2, $3, NULL)",
        params);
    return inserted ? base::Status{} : base::Status{std::move(inserted).error()};
}

}  // namespace

base::Result<domain::Unit> Insert(Transaction& tx, const domain::Unit& unit) {
    for (const auto& reference : {unit.parent_id, unit.merged_into}) {
        if (reference) {
            auto exists = Exists(tx, *reference);
            if (!exists) {
                return std::move(exists).error();
            }
            if (!*exists) {
                return UnknownParent();
            }
        }
    }
    const std::array params = {Text(unit.code),         Text(domain::UnitTypeName(unit.type)),
                               Text(unit.name),         OptInt(unit.parent_id),
                               Day(unit.valid_from),    OptDay(unit.valid_to),
                               OptInt(unit.merged_into)};
    auto inserted = internal::InsertReturningId(
        tx,
        "INSERT INTO units (code, type, name, parent_id, valid_from, valid_to, merged_into, "
        "version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1) RETURNING id",
        params, base::ErrorCode::kAlreadyExists, DuplicateCode(unit.code).message);
    if (!inserted) {
        return std::move(inserted).error();
    }
    domain::Unit stored = unit;
    stored.id = *inserted;
    stored.version = 1;
    const std::array period = {Int(stored.id), OptInt(unit.parent_id), Day(unit.valid_from),
                               OptDay(unit.valid_to)};
    auto recorded = tx.Execute(
        "INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) "
        "VALUES ($1, $2, $3, $4)",
        period);
    if (!recorded) {
        return std::move(recorded).error();
    }
    return stored;
}

base::Result<domain::Unit> Update(Transaction& tx, const domain::Unit& unit) {
    auto current = GetCurrent(tx, unit.id, unit.version);
    if (!current) {
        return std::move(current).error();
    }
    const std::array params = {Text(unit.code), Text(domain::UnitTypeName(unit.type)),
                               Text(unit.name), Day(unit.valid_from), OptDay(unit.valid_to)};
    if (const base::Status s =
            Claim(tx, "code = $1, type = $2, name = $3, valid_from = $4, valid_to = $5",
                  {std::begin(params), std::end(params)}, unit.id, unit.version);
        !s) {
        return internal::Rephrase(s.error(), base::ErrorCode::kAlreadyExists,
                                  DuplicateCode(unit.code).message);
    }
    // The first parent period starts with the unit: keep it so when valid_from moves.
    if (current->valid_from != unit.valid_from) {
        const Value key = Int(unit.id);
        auto first = tx.QueryOne(
            "SELECT valid_from, valid_to FROM unit_parents WHERE unit_id = $1 "
            "ORDER BY valid_from LIMIT 1",
            std::span<const Value>(&key, 1));
        if (!first) {
            return std::move(first).error();
        }
        if (*first && (*first)->Text(0) == internal::FormatDay(current->valid_from)) {
            auto to = internal::ToOptDay(**first, 1);
            if (!to) {
                return std::move(to).error();
            }
            if (*to && **to < unit.valid_from) {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Ngày bắt đầu hiệu lực mới sau lần chuyển đơn vị cấp trên "
                                   "đầu tiên."};
            }
            const std::array moved = {Day(unit.valid_from), key, Day(current->valid_from)};
            auto changed = tx.Execute(
                "UPDATE unit_parents SET valid_from = $1 WHERE unit_id = $2 AND valid_from = $3",
                moved);
            if (!changed) {
                return std::move(changed).error();
            }
        }
    }
    auto updated = Get(tx, unit.id);
    if (!updated) {
        return std::move(updated).error();
    }
    if (!*updated) {
        return UnknownUnit();
    }
    return std::move(**updated);
}

base::Result<domain::Unit> Reparent(Transaction& tx, std::int64_t unit_id,
                                    std::optional<std::int64_t> new_parent,
                                    std::chrono::sys_days effective,
                                    std::int64_t expected_version) {
    auto current = GetCurrent(tx, unit_id, expected_version);
    if (!current) {
        return std::move(current).error();
    }
    if (new_parent) {
        auto exists = Exists(tx, *new_parent);
        if (!exists) {
            return std::move(exists).error();
        }
        if (!*exists) {
            return UnknownParent();
        }
        auto below = IsInSubtree(tx, *new_parent, unit_id);
        if (!below) {
            return std::move(below).error();
        }
        if (*below) {
            return base::Error{base::ErrorCode::kFailedPrecondition,
                               "Không thể chuyển đơn vị vào chính cây con của nó."};
        }
    }
    if (const base::Status s =
            Claim(tx, "parent_id = $1", {OptInt(new_parent)}, unit_id, expected_version);
        !s) {
        return s.error();
    }
    if (const base::Status s = MovePeriod(tx, unit_id, new_parent, effective); !s) {
        return s.error();
    }
    auto moved = Get(tx, unit_id);
    if (!moved) {
        return std::move(moved).error();
    }
    if (!*moved) {
        return UnknownUnit();
    }
    return std::move(**moved);
}

base::Result<domain::Unit> Merge(Transaction& tx, std::int64_t unit_id, std::int64_t into,
                                 std::chrono::sys_days effective, std::int64_t expected_version) {
    if (unit_id == into) {
        return base::InvalidArgument("Không thể sáp nhập một đơn vị vào chính nó.");
    }
    auto current = GetCurrent(tx, unit_id, expected_version);
    if (!current) {
        return std::move(current).error();
    }
    if (current->merged_into) {
        return base::Error{base::ErrorCode::kFailedPrecondition, "Đơn vị đã được sáp nhập."};
    }
    auto target = Get(tx, into);
    if (!target) {
        return std::move(target).error();
    }
    if (!*target) {
        return base::NotFound("Không tìm thấy đơn vị nhận sáp nhập.");
    }
    if ((*target)->merged_into) {
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "Đơn vị nhận sáp nhập đã được sáp nhập vào đơn vị khác."};
    }
    auto below = IsInSubtree(tx, into, unit_id);
    if (!below) {
        return std::move(below).error();
    }
    if (*below) {
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "Không thể sáp nhập đơn vị vào đơn vị cấp dưới của nó."};
    }
    const std::chrono::sys_days last_day = effective - std::chrono::days{1};
    if (last_day < current->valid_from) {
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "Ngày sáp nhập phải sau ngày bắt đầu hiệu lực của đơn vị."};
    }
    if (const base::Status s = Claim(tx, "valid_to = $1, merged_into = $2",
                                     {Day(last_day), Int(into)}, unit_id, expected_version);
        !s) {
        return s.error();
    }
    // The unit's own parent history ends with it; periods planned after that never begin.
    {
        const std::array params = {Int(unit_id), Day(last_day)};
        auto dropped =
            tx.Execute("DELETE FROM unit_parents WHERE unit_id = $1 AND valid_from > $2", params);
        if (!dropped) {
            return std::move(dropped).error();
        }
        auto closed = tx.Execute(
            "UPDATE unit_parents SET valid_to = $2 WHERE unit_id = $1 "
            "AND (valid_to IS NULL OR valid_to > $2)",
            params);
        if (!closed) {
            return std::move(closed).error();
        }
    }
    // Its children still in existence on `effective` move under `into` from that day.
    const std::array child_params = {Int(unit_id), Day(effective)};
    auto children = tx.Query(
        "SELECT id FROM units WHERE parent_id = $1 AND (valid_to IS NULL OR valid_to >= $2) "
        "ORDER BY id",
        child_params);
    if (!children) {
        return std::move(children).error();
    }
    for (const Row& child : *children) {
        const std::array params = {Int(into), Int(child.Int(0))};
        auto moved = tx.Execute(
            "UPDATE units SET parent_id = $1, version = version + 1 WHERE id = $2", params);
        if (!moved) {
            return std::move(moved).error();
        }
        if (const base::Status s = MovePeriod(tx, child.Int(0), into, effective); !s) {
            return s.error();
        }
    }
    auto merged = Get(tx, unit_id);
    if (!merged) {
        return std::move(merged).error();
    }
    if (!*merged) {
        return UnknownUnit();
    }
    return std::move(**merged);
}

base::Result<std::optional<domain::Unit>> Get(Transaction& tx, std::int64_t id) {
    return GetWhere(tx, " WHERE id = $1", Int(id));
}

base::Result<std::optional<domain::Unit>> GetByCode(Transaction& tx, std::string_view code) {
    return GetWhere(tx, " WHERE code = $1", Text(code));
}

base::Result<std::vector<domain::Unit>> Children(Transaction& tx, std::int64_t parent_id) {
    const std::array params{Int(parent_id)};
    auto rows = tx.Query(std::string(kSelectUnit) + " WHERE parent_id = $1 ORDER BY code", params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<domain::Unit> units;
    units.reserve(rows->size());
    for (const Row& row : *rows) {
        auto unit = FromRow(row);
        if (!unit) {
            return std::move(unit).error();
        }
        units.push_back(std::move(*unit));
    }
    return units;
}

base::Result<std::vector<domain::Unit>> List(Transaction& tx) {
    auto rows = tx.Query(std::string(kSelectUnit) + " ORDER BY code", {});
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<domain::Unit> units;
    units.reserve(rows->size());
    for (const Row& row : *rows) {
        auto unit = FromRow(row);
        if (!unit) {
            return std::move(unit).error();
        }
        units.push_back(std::move(*unit));
    }
    return units;
}

base::Result<std::optional<std::int64_t>> ParentOn(Transaction& tx, std::int64_t unit_id,
                                                   std::chrono::sys_days day) {
    const std::array params = {Int(unit_id), Day(day)};
    auto row = tx.QueryOne(
        "SELECT parent_id FROM unit_parents WHERE unit_id = $1 AND valid_from <= $2 "
        "AND (valid_to IS NULL OR valid_to >= $2)",
        params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<std::int64_t>{};
    }
    return (*row)->OptInt(0);
}

base::Result<bool> IsInSubtree(Transaction& tx, std::int64_t unit_id, std::int64_t ancestor_id) {
    const std::array params = {Int(unit_id), Int(ancestor_id)};
    auto row = tx.QueryOne(kIsInSubtree, params);
    if (!row) {
        return std::move(row).error();
    }
    return row->has_value();
}

}  // namespace motcua::store::units
