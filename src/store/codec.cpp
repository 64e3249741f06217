#include "store/codec.hpp"

#include <charconv>
#include <utility>

namespace motcua::store::internal {

std::string FormatDay(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd{day};
    const int y = static_cast<int>(ymd.year());
    const unsigned m = static_cast<unsigned>(ymd.month());
    const unsigned d = static_cast<unsigned>(ymd.day());
    std::string out(10, '0');
    // Years 0000–9999 (dates are checked by the domain; the columns hold 4-digit years).
    const int year = y < 0 ? 0 : (y > 9999 ? 9999 : y);
    out[0] = static_cast<char>('0' + year / 1000);
    out[1] = static_cast<char>('0' + year / 100 % 10);
    out[2] = static_cast<char>('0' + year / 10 % 10);
    out[3] = static_cast<char>('0' + year % 10);
    out[4] = '-';
    out[5] = static_cast<char>('0' + m / 10);
    out[6] = static_cast<char>('0' + m % 10);
    out[7] = '-';
    out[8] = static_cast<char>('0' + d / 10);
    out[9] = static_cast<char>('0' + d % 10);
    return out;
}

base::Result<std::chrono::sys_days> ParseDay(std::string_view text) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    const bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-';
    const char* begin = text.data();
    if (shape && std::from_chars(begin, begin + 4, y).ptr == begin + 4 &&
        std::from_chars(begin + 5, begin + 7, m).ptr == begin + 7 &&
        std::from_chars(begin + 8, begin + 10, d).ptr == begin + 10) {
        const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                              std::chrono::day{d}};
        if (ymd.ok()) {
            return std::chrono::sys_days{ymd};
        }
    }
    return CorruptValue("date", text);
}

Value OptInt(std::optional<std::int64_t> v) {
    return v ? Value{*v} : Value{};
}

Value OptDay(std::optional<std::chrono::sys_days> day) {
    return day ? Day(*day) : Value{};
}

Value OptSeconds(std::optional<std::chrono::sys_seconds> at) {
    return at ? Seconds(*at) : Value{};
}

std::optional<std::chrono::sys_seconds> ToOptSeconds(const Row& row, size_t i) {
    const auto v = row.OptInt(i);
    if (!v) {
        return std::nullopt;
    }
    return ToSeconds(*v);
}

base::Result<std::optional<std::chrono::sys_days>> ToOptDay(const Row& row, size_t i) {
    const auto text = row.OptText(i);
    if (!text) {
        return std::optional<std::chrono::sys_days>{};
    }
    auto day = ParseDay(*text);
    if (!day) {
        return std::move(day).error();
    }
    return std::optional<std::chrono::sys_days>{*day};
}

base::Error StaleVersion(std::string_view what) {
    std::string message(what);
    message += " đã bị thay đổi bởi người khác; vui lòng tải lại và thử lại.";
    return base::Error{base::ErrorCode::kAborted, std::move(message)};
}

base::Error CorruptValue(std::string_view column, std::string_view value) {
    std::string message = "stored value of ";
    message += column;
    message += " does not decode: '";
    message += value.substr(0, 64);
    message += "'";
    return base::Internal(std::move(message));
}

base::Error Rephrase(base::Error error, base::ErrorCode code, std::string message) {
    if (error.code == code) {
        error.message = std::move(message);
    }
    return error;
}

base::Result<std::int64_t> InsertReturningId(Transaction& tx, std::string_view sql,
                                             std::span<const Value> params) {
    auto row = tx.QueryOne(sql, params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return base::Internal("INSERT … RETURNING returned no row");
    }
    return (*row)->Int(0);
}

base::Result<std::int64_t> InsertReturningId(Transaction& tx, std::string_view sql,
                                             std::span<const Value> params, base::ErrorCode code,
                                             std::string message) {
    auto id = InsertReturningId(tx, sql, params);
    if (!id) {
        return Rephrase(std::move(id).error(), code, std::move(message));
    }
    return id;
}

std::string Placeholders(size_t first, size_t count) {
    std::string out;
    for (size_t i = 0; i < count; ++i) {
        if (i > 0) {
            out += ", ";
        }
        out += '$';
        out += std::to_string(first + i);
    }
    return out;
}

std::string Bind(std::vector<Value>& params, Value value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
}

std::string BindIds(std::vector<Value>& params, const std::vector<std::int64_t>& ids) {
    std::string sql = Placeholders(params.size() + 1, ids.size());
    params.reserve(params.size() + ids.size());
    for (const std::int64_t id : ids) {
        params.push_back(Int(id));
    }
    return sql;
}

std::string SettlingUnitFilter(const std::vector<std::int64_t>& units, std::vector<Value>& params) {
    return " AND d.settling_unit_id IN (" + BindIds(params, units) + ")";
}

}  // namespace motcua::store::internal
