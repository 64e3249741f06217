#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "base/result.hpp"
#include "domain/audit.hpp"
#include "domain/procedure.hpp"
#include "domain/unit.hpp"
#include "domain/user.hpp"

namespace motcua::api {

// JSON ↔ domain for the /api/v1 resources. Decoding is strict: unknown fields, wrong types,
// invalid UTF-8 and malformed JSON are kInvalidArgument errors naming the field in Vietnamese,
// so a bad request never reaches the use case.

[[nodiscard]] boost::json::object ProcedureToJson(const domain::Procedure& p, bool full);
[[nodiscard]] boost::json::object UnitToJson(const domain::Unit& u);
// Never includes the password hash or lock-out counters.
[[nodiscard]] boost::json::object UserToJson(const domain::User& u);
[[nodiscard]] boost::json::object AuditToJson(const domain::AuditRecord& r);

// Parses a request body into a JSON object (≤ max_depth 32); errors for anything else.
[[nodiscard]] base::Result<boost::json::object> ParseObject(std::string_view body);

// Field readers over a decoded object. Each records the field as known; CheckNoUnknownFields
// then rejects any field that was never read.
class ObjectReader final {
public:
    explicit ObjectReader(const boost::json::object& object) : object_(object) {}
    [[nodiscard]] base::Result<std::string> String(std::string_view name, bool required,
                                                   size_t max_length = 100'000);
    [[nodiscard]] base::Result<std::optional<std::int64_t>> Integer(std::string_view name,
                                                                    bool required);
    [[nodiscard]] base::Result<std::optional<bool>> Boolean(std::string_view name, bool required);
    // The raw value (for arrays/objects), nullptr if absent.
    [[nodiscard]] const boost::json::value* Raw(std::string_view name);
    [[nodiscard]] base::Status CheckNoUnknownFields() const;

private:
    const boost::json::object& object_;
    std::vector<std::string> known_;
};

[[nodiscard]] base::Result<domain::Procedure> ProcedureFromJson(const boost::json::object& object);
[[nodiscard]] base::Result<domain::Unit> UnitFromJson(const boost::json::object& object);

// Parses a body that must be an object of exactly these required string fields (name, maximum
// length), NFC-normalised, in the order given; unknown fields and wrong types are errors.
struct StringField {
    std::string_view name;
    size_t max_length;
};
[[nodiscard]] base::Result<std::vector<std::string>> ParseStringFields(
    std::string_view body, std::initializer_list<StringField> fields);

// Dates 'YYYY-MM-DD'.
[[nodiscard]] base::Result<std::chrono::sys_days> ParseDate(std::string_view text,
                                                            std::string_view field);

}  // namespace motcua::api
