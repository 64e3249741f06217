#include "api/json_codec.hpp"

#include <algorithm>
#include <cmath>

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>

#include "calendar/civil_date.hpp"
#include "demo/exchange.hpp"
#include "text/unicode.hpp"

namespace motcua::api {

namespace json = boost::json;

namespace {

json::array StringArray(const std::vector<std::string>& items) {
    json::array out;
    for (const auto& s : items) {
        out.emplace_back(s);
    }
    return out;
}

base::Error FieldError(std::string_view field, std::string_view what) {
    return base::InvalidArgument("Trường '" + std::string(field) + "' " + std::string(what));
}

}  // namespace

json::object ProcedureToJson(const domain::Procedure& p, bool full) {
    json::object o;
    o["code"] = p.code;
    o["name"] = p.name;
    o["field"] = p.field;
    o["levels"] = StringArray(p.levels);
    // Whole amounts as integers ("3", not "3E0"); fractions as decimals.
    const json::value amount = p.processing_milli % 1000 == 0
                                   ? json::value(p.processing_milli / 1000)
                                   : json::value(static_cast<double>(p.processing_milli) / 1000.0);
    o["processing_time"] =
        json::object{{"amount", amount}, {"unit", domain::TimeUnitName(p.time_unit)}};
    o["online_level"] = domain::OnlineLevelName(p.online_level);
    o["fee_amount"] = p.fee_amount;
    o["effective_from"] = calendar::FormatIsoDate(p.effective_from);
    o["effective_to"] = p.effective_to ? json::value(calendar::FormatIsoDate(*p.effective_to))
                                       : json::value(nullptr);
    o["version"] = p.version;
    if (full) {
        demo::PutProcedureText(o, p);
    }
    return o;
}

json::object UnitToJson(const domain::Unit& u) {
    json::object o;
    o["id"] = u.id;
    o["code"] = u.code;
    o["type"] = domain::UnitTypeName(u.type);
    o["name"] = u.name;
    o["parent_id"] = u.parent_id ? json::value(*u.parent_id) : json::value(nullptr);
    o["valid_from"] = calendar::FormatIsoDate(u.valid_from);
    o["valid_to"] =
        u.valid_to ? json::value(calendar::FormatIsoDate(*u.valid_to)) : json::value(nullptr);
    o["merged_into"] = u.merged_into ? json::value(*u.merged_into) : json::value(nullptr);
    o["version"] = u.version;
    return o;
}

json::object UserToJson(const domain::User& u) {
    json::object o;
    o["id"] = u.id;
    o["username"] = u.username;
    o["display_name"] = u.display_name;
    o["email"] = u.email;
    o["phone"] = u.phone;
    json::array roles;
    for (const auto& r : u.roles) {
        roles.emplace_back(
            json::object{{"role", domain::RoleName(r.role)},
                         {"unit_id", r.unit_id ? json::value(*r.unit_id) : json::value(nullptr)}});
    }
    o["roles"] = std::move(roles);
    o["active"] = u.active;
    o["version"] = u.version;
    return o;
}

json::object AuditToJson(const domain::AuditRecord& r) {
    json::object o;
    o["id"] = r.id;
    o["at"] = r.at.time_since_epoch().count();
    o["actor_user_id"] = r.actor_user_id ? json::value(*r.actor_user_id) : json::value(nullptr);
    o["actor_name"] = r.actor_name;
    o["action"] = r.action;
    o["entity"] = r.entity;
    o["entity_id"] = r.entity_id;
    std::error_code ec;
    json::value detail = json::parse(r.detail_json, ec);
    o["detail"] = ec ? json::value(r.detail_json) : std::move(detail);
    o["ip"] = r.ip;
    return o;
}

base::Result<json::object> ParseObject(std::string_view body) {
    if (!text::IsValidUtf8(body)) {
        return base::InvalidArgument("Nội dung yêu cầu không phải UTF-8 hợp lệ.");
    }
    json::parse_options options;
    options.max_depth = 32;
    std::error_code ec;
    json::value value = json::parse(body, ec, {}, options);
    if (ec) {
        return base::InvalidArgument("Nội dung yêu cầu không phải JSON hợp lệ: " + ec.message());
    }
    if (!value.is_object()) {
        return base::InvalidArgument("Nội dung yêu cầu phải là một đối tượng JSON.");
    }
    return std::move(value.as_object());
}

base::Result<std::string> ObjectReader::String(std::string_view name, bool required,
                                               size_t max_length) {
    known_.emplace_back(name);
    const auto it = object_.find(name);
    if (it == object_.end() || it->value().is_null()) {
        if (required) {
            return FieldError(name, "là bắt buộc.");
        }
        return std::string();
    }
    if (!it->value().is_string()) {
        return FieldError(name, "phải là chuỗi ký tự.");
    }
    const json::string& s = it->value().as_string();
    if (s.size() > max_length) {
        return FieldError(name, "quá dài.");
    }
    auto nfc = text::Nfc(std::string_view(s.data(), s.size()));
    if (!nfc) {
        return FieldError(name, "không phải UTF-8 hợp lệ.");
    }
    return std::move(*nfc);
}

base::Result<std::optional<std::int64_t>> ObjectReader::Integer(std::string_view name,
                                                                bool required) {
    known_.emplace_back(name);
    const auto it = object_.find(name);
    if (it == object_.end() || it->value().is_null()) {
        if (required) {
            return FieldError(name, "là bắt buộc.");
        }
        return std::optional<std::int64_t>{};
    }
    if (it->value().is_int64()) {
        return std::optional<std::int64_t>(it->value().as_int64());
    }
    if (it->value().is_uint64() && it->value().as_uint64() <= 9'007'199'254'740'991ULL) {
        return std::optional<std::int64_t>(static_cast<std::int64_t>(it->value().as_uint64()));
    }
    return FieldError(name, "phải là số nguyên.");
}

base::Result<std::optional<bool>> ObjectReader::Boolean(std::string_view name, bool required) {
    known_.emplace_back(name);
    const auto it = object_.find(name);
    if (it == object_.end() || it->value().is_null()) {
        if (required) {
            return FieldError(name, "là bắt buộc.");
        }
        return std::optional<bool>{};
    }
    if (!it->value().is_bool()) {
        return FieldError(name, "phải là true hoặc false.");
    }
    return std::optional<bool>(it->value().as_bool());
}

const json::value* ObjectReader::Raw(std::string_view name) {
    known_.emplace_back(name);
    const auto it = object_.find(name);
    return it == object_.end() ? nullptr : &it->value();
}

base::Status ObjectReader::CheckNoUnknownFields() const {
    for (const auto& kv : object_) {
        const std::string_view key(kv.key().data(), kv.key().size());
        if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
            return base::InvalidArgument("Trường không được hỗ trợ: '" + std::string(key) + "'.");
        }
    }
    return {};
}

base::Result<std::vector<std::string>> ParseStringFields(
    std::string_view body, std::initializer_list<StringField> fields) {
    auto object = ParseObject(body);
    if (!object) {
        return std::move(object).error();
    }
    ObjectReader reader(*object);
    std::vector<std::string> values;
    for (const StringField& field : fields) {
        auto value = reader.String(field.name, true, field.max_length);
        if (!value) {
            return std::move(value).error();
        }
        values.push_back(std::move(*value));
    }
    if (const base::Status s = reader.CheckNoUnknownFields(); !s) {
        return s.error();
    }
    return values;
}

base::Result<std::chrono::sys_days> ParseDate(std::string_view text, std::string_view field) {
    const auto ymd = calendar::ParseIsoDate(text);
    if (!ymd || !calendar::InRange(std::chrono::sys_days{*ymd})) {
        return FieldError(field, "phải là ngày hợp lệ dạng YYYY-MM-DD.");
    }
    return std::chrono::sys_days{*ymd};
}

base::Result<domain::Procedure> ProcedureFromJson(const json::object& object) {
    ObjectReader r(object);
    domain::Procedure p;
    auto take = [&](std::string_view name, std::string& into, bool required) -> base::Status {
        auto v = r.String(name, required);
        if (!v) {
            return v.error();
        }
        into = std::move(*v);
        return {};
    };
    for (const auto& [name, into, required] :
         std::initializer_list<std::tuple<std::string_view, std::string*, bool>>{
             {"code", &p.code, true},
             {"name", &p.name, true},
             {"field", &p.field, true},
             {"implementing_units", &p.implementing_units, false},
             {"fees", &p.fees, false},
             {"legal_basis", &p.legal_basis, false},
             {"publication_decision", &p.publication_decision, false},
             {"steps", &p.steps, false},
             {"conditions", &p.conditions, false},
             {"result", &p.result, false},
             {"source_url", &p.source_url, false}}) {
        if (const base::Status s = take(name, *into, required); !s) {
            return s.error();
        }
    }
    if (const json::value* levels = r.Raw("levels"); levels != nullptr && !levels->is_null()) {
        if (!levels->is_array()) {
            return FieldError("levels", "phải là mảng.");
        }
        for (const json::value& l : levels->as_array()) {
            if (!l.is_string()) {
                return FieldError("levels", "chỉ gồm chuỗi ký tự.");
            }
            p.levels.emplace_back(l.as_string().c_str());
        }
    }
    if (const json::value* time = r.Raw("processing_time"); time != nullptr && !time->is_null()) {
        if (!time->is_object()) {
            return FieldError("processing_time", "phải là đối tượng {amount, unit}.");
        }
        ObjectReader t(time->as_object());
        const json::value* amount = t.Raw("amount");
        auto unit = t.String("unit", true, 32);
        if (!unit) {
            return std::move(unit).error();
        }
        if (amount == nullptr || !(amount->is_number())) {
            return FieldError("processing_time.amount", "phải là số.");
        }
        const double value = amount->to_number<double>();
        if (value < 0 || value > 10'000) {
            return FieldError("processing_time.amount", "ngoài khoảng cho phép.");
        }
        p.processing_milli = std::llround(value * 1000.0);
        auto parsed = domain::ParseTimeUnit(*unit);
        if (!parsed) {
            return FieldError("processing_time.unit", "không hợp lệ.");
        }
        p.time_unit = *parsed;
        if (const base::Status s = t.CheckNoUnknownFields(); !s) {
            return s.error();
        }
    }
    auto online = r.String("online_level", false, 16);
    if (!online) {
        return std::move(online).error();
    }
    if (!online->empty()) {
        auto level = domain::ParseOnlineLevel(*online);
        if (!level) {
            return FieldError("online_level", "phải là none, partial hoặc full.");
        }
        p.online_level = *level;
    }
    auto fee = r.Integer("fee_amount", false);
    if (!fee) {
        return std::move(fee).error();
    }
    p.fee_amount = fee->value_or(0);
    if (const json::value* docs = r.Raw("documents"); docs != nullptr && !docs->is_null()) {
        if (!docs->is_array()) {
            return FieldError("documents", "phải là mảng.");
        }
        for (const json::value& d : docs->as_array()) {
            if (!d.is_object()) {
                return FieldError("documents", "chỉ gồm đối tượng {name, note}.");
            }
            ObjectReader dr(d.as_object());
            auto name = dr.String("name", true, 2000);
            auto note = dr.String("note", false, 2000);
            if (!name) {
                return std::move(name).error();
            }
            if (!note) {
                return std::move(note).error();
            }
            if (const base::Status s = dr.CheckNoUnknownFields(); !s) {
                return s.error();
            }
            p.documents.push_back({std::move(*name), std::move(*note)});
        }
    }
    auto from = r.String("effective_from", true, 10);
    if (!from) {
        return std::move(from).error();
    }
    auto from_day = ParseDate(*from, "effective_from");
    if (!from_day) {
        return std::move(from_day).error();
    }
    p.effective_from = *from_day;
    auto to = r.String("effective_to", false, 10);
    if (!to) {
        return std::move(to).error();
    }
    if (!to->empty()) {
        auto to_day = ParseDate(*to, "effective_to");
        if (!to_day) {
            return std::move(to_day).error();
        }
        p.effective_to = *to_day;
    }
    auto version = r.Integer("version", false);
    if (!version) {
        return std::move(version).error();
    }
    p.version = version->value_or(0);
    if (const base::Status s = r.CheckNoUnknownFields(); !s) {
        return s.error();
    }
    return p;
}

base::Result<domain::Unit> UnitFromJson(const json::object& object) {
    ObjectReader r(object);
    domain::Unit u;
    auto code = r.String("code", true, 32);
    auto name = r.String("name", true, 1000);
    auto type = r.String("type", true, 32);
    auto parent = r.Integer("parent_id", false);
    auto from = r.String("valid_from", true, 10);
    auto to = r.String("valid_to", false, 10);
    auto version = r.Integer("version", false);
    if (!code) {
        return std::move(code).error();
    }
    if (!name) {
        return std::move(name).error();
    }
    if (!type) {
        return std::move(type).error();
    }
    if (!parent) {
        return std::move(parent).error();
    }
    if (!from) {
        return std::move(from).error();
    }
    if (!to) {
        return std::move(to).error();
    }
    if (!version) {
        return std::move(version).error();
    }
    if (const base::Status s = r.CheckNoUnknownFields(); !s) {
        return s.error();
    }
    auto parsed_type = domain::ParseUnitType(*type);
    if (!parsed_type) {
        return FieldError("type", "không hợp lệ.");
    }
    auto from_day = ParseDate(*from, "valid_from");
    if (!from_day) {
        return std::move(from_day).error();
    }
    u.code = std::move(*code);
    u.name = std::move(*name);
    u.type = *parsed_type;
    u.parent_id = *parent;
    u.valid_from = *from_day;
    if (!to->empty()) {
        auto to_day = ParseDate(*to, "valid_to");
        if (!to_day) {
            return std::move(to_day).error();
        }
        u.valid_to = *to_day;
    }
    u.version = version->value_or(0);
    return u;
}

}  // namespace motcua::api
