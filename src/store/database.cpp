#include "store/database.hpp"

#include <cassert>

#include "store/postgres_database.hpp"
#include "store/sqlite_database.hpp"

namespace motcua::store {

namespace {

const std::string& EmptyText() {
    static const std::string empty;
    return empty;
}

}  // namespace

std::int64_t Row::Int(size_t i) const {
    const Value& v = values.at(i);
    if (const auto* p = std::get_if<std::int64_t>(&v)) {
        return *p;
    }
    assert(v.index() == 0 && "Row::Int on a non-integer column");
    return 0;
}

double Row::Real(size_t i) const {
    const Value& v = values.at(i);
    if (const auto* p = std::get_if<double>(&v)) {
        return *p;
    }
    if (const auto* p = std::get_if<std::int64_t>(&v)) {
        return static_cast<double>(*p);  // SQLite stores integral REAL values as integers
    }
    assert(v.index() == 0 && "Row::Real on a non-numeric column");
    return 0;
}

const std::string& Row::Text(size_t i) const {
    const Value& v = values.at(i);
    if (const auto* p = std::get_if<std::string>(&v)) {
        return *p;
    }
    assert(v.index() == 0 && "Row::Text on a non-text column");
    return EmptyText();
}

std::optional<std::int64_t> Row::OptInt(size_t i) const {
    if (IsNull(i)) {
        return std::nullopt;
    }
    return Int(i);
}

std::optional<std::string> Row::OptText(size_t i) const {
    if (IsNull(i)) {
        return std::nullopt;
    }
    return Text(i);
}

base::Result<std::optional<Row>> Transaction::QueryOne(std::string_view sql,
                                                       std::span<const Value> params) {
    auto rows = Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    if (rows->empty()) {
        return std::optional<Row>{};
    }
    return std::optional<Row>{std::move(rows->front())};
}

base::Result<std::unique_ptr<Database>> Open(std::string_view url) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (url.starts_with(kSqlite)) {
        std::string_view path = url.substr(kSqlite.size());
        if (path.starts_with("//")) {  // sqlite:///abs/path and sqlite://rel/path
            path.remove_prefix(2);
        }
        return internal::OpenSqlite(path);
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        return internal::OpenPostgres(url);
    }
    return base::InvalidArgument(
        "Địa chỉ cơ sở dữ liệu phải bắt đầu bằng sqlite: hoặc postgresql://");
}

}  // namespace motcua::store
