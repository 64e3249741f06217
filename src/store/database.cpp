#include "store/database.hpp"

#include <cassert>
#include <utility>

#include "store/group_commit.hpp"
#include "store/postgres_database.hpp"
#include "store/sqlite_database.hpp"

namespace motcua::store {

namespace {

const std::string& EmptyText() {
    static const std::string empty;
    return empty;
}

// The Transaction the work of the default Database::Write sees: everything but Commit, which is
// Write's job, is forwarded.
class WorkTransaction final : public Transaction {
public:
    explicit WorkTransaction(Transaction& inner) : inner_(inner) {}

    base::Result<std::vector<Row>> Query(std::string_view sql,
                                         std::span<const Value> params) override {
        return inner_.Query(sql, params);
    }
    base::Status ForEach(std::string_view sql, std::span<const Value> params,
                         const RowCallback& each) override {
        return inner_.ForEach(sql, params, each);
    }
    base::Result<std::int64_t> Execute(std::string_view sql,
                                       std::span<const Value> params) override {
        return inner_.Execute(sql, params);
    }
    base::Status ExecuteScript(std::string_view sql) override { return inner_.ExecuteScript(sql); }
    base::Status Commit() override { return internal::CommitInsideWrite(); }
    Dialect dialect() const override { return inner_.dialect(); }  // NOLINT

private:
    Transaction& inner_;
};

// `group_commit=on|off` (default on), `&`-separated, after the `?` of a `sqlite:` URL.
base::Result<internal::SqliteOptions> ParseSqliteParameters(std::string_view query) {
    internal::SqliteOptions options;
    while (!query.empty()) {
        const size_t end = query.find('&');
        const std::string_view parameter = query.substr(0, end);
        query = end == std::string_view::npos ? std::string_view() : query.substr(end + 1);
        if (parameter == "group_commit=on") {
            options.group_commit = true;
        } else if (parameter == "group_commit=off") {
            options.group_commit = false;
        } else {
            return base::InvalidArgument("Tham số không hợp lệ trong địa chỉ sqlite: \"" +
                                         std::string(parameter) +
                                         "\" (chỉ hỗ trợ group_commit=on hoặc group_commit=off)");
        }
    }
    return options;
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

namespace {

// A Row seen through RowView (the default ForEach).
class StoredRowView final : public RowView {
public:
    explicit StoredRowView(const Row& row) : row_(row) {}
    [[nodiscard]] bool IsNull(size_t i) const override { return row_.IsNull(i); }
    [[nodiscard]] std::int64_t Int(size_t i) const override {
        const Value& v = row_.values.at(i);
        if (const auto* integer = std::get_if<std::int64_t>(&v)) {
            return *integer;
        }
        if (const auto* real = std::get_if<double>(&v)) {
            return static_cast<std::int64_t>(*real);
        }
        return 0;
    }
    [[nodiscard]] std::string_view Text(size_t i) const override {
        const Value& v = row_.values.at(i);
        const auto* text = std::get_if<std::string>(&v);
        return text != nullptr ? std::string_view(*text) : std::string_view();
    }

private:
    const Row& row_;
};

}  // namespace

base::Status Transaction::ForEach(std::string_view sql, std::span<const Value> params,
                                  const RowCallback& each) {
    auto rows = Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    for (const Row& row : *rows) {
        if (base::Status s = each(StoredRowView(row)); !s) {
            return s;
        }
    }
    return {};
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

base::Status Database::Write(const std::function<base::Status(Transaction&)>& work) {
    auto tx = Begin(TxMode::kWrite);
    if (!tx) {
        return std::move(tx).error();
    }
    WorkTransaction guarded(**tx);
    if (base::Status done = work(guarded); !done) {
        return done;  // `tx` rolls back when destroyed
    }
    // After a failed statement that `work` ignored, Commit returns that statement's error.
    if (base::Status committed = (*tx)->Commit(); !committed) {
        return committed;
    }
    writes_.fetch_add(1, std::memory_order_relaxed);
    return {};
}

WriteStats Database::GetWriteStats() const {
    const std::uint64_t writes = writes_.load(std::memory_order_relaxed);
    return WriteStats{writes, writes, 0};
}

base::Result<std::unique_ptr<Database>> Open(std::string_view url) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (url.starts_with(kSqlite)) {
        std::string_view path = url.substr(kSqlite.size());
        if (path.starts_with("//")) {  // sqlite:///abs/path and sqlite://rel/path
            path.remove_prefix(2);
        }
        internal::SqliteOptions options;
        if (const size_t query = path.find('?'); query != std::string_view::npos) {
            auto parsed = ParseSqliteParameters(path.substr(query + 1));
            if (!parsed) {
                return std::move(parsed).error();
            }
            options = *parsed;
            path = path.substr(0, query);
        }
        return internal::OpenSqlite(path, options);
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        return internal::OpenPostgres(url);
    }
    return base::InvalidArgument(
        "Địa chỉ cơ sở dữ liệu phải bắt đầu bằng sqlite: hoặc postgresql://");
}

}  // namespace motcua::store
