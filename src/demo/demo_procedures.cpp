// ParseDemoProcedures (demo/demo_data.hpp): the JSONL procedure catalogue.
#include <chrono>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>

#include <boost/json.hpp>

#include "calendar/civil_date.hpp"
#include "demo/demo_data.hpp"

namespace motcua::demo {

namespace {

namespace json = boost::json;

constexpr std::string_view kOrigin = "procedures.jsonl";

std::string_view View(json::string_view s) {
    return {s.data(), s.size()};
}

// Reads the JSON objects of one line into a Procedure; error messages carry the line number and
// name the key.
class ProcedureReader final {
public:
    explicit ProcedureReader(int line) : line_(line) {}

    [[nodiscard]] base::Result<domain::Procedure> Read(const json::object& object) const {
        for (const std::string_view required :
             {"code", "name", "field", "levels", "effective_from"}) {
            if (!object.contains(json::string_view(required.data(), required.size()))) {
                return Fail("missing key \"" + std::string(required) + "\"");
            }
        }
        domain::Procedure p;
        for (const json::key_value_pair& kv : object) {
            const std::string_view key = View(kv.key());
            const json::value& v = kv.value();
            if (key == "levels") {
                auto levels = Levels(v);
                if (!levels.ok()) {
                    return levels.error();
                }
                p.levels = std::move(levels).value();
            } else if (key == "documents") {
                auto documents = Documents(v);
                if (!documents.ok()) {
                    return documents.error();
                }
                p.documents = std::move(documents).value();
            } else if (key == "processing_milli" || key == "fee_amount") {
                const auto number = Integer(key, v);
                if (!number.ok()) {
                    return number.error();
                }
                (key == "fee_amount" ? p.fee_amount : p.processing_milli) = *number;
            } else if (key == "time_unit") {
                const auto unit = Enum(key, v, domain::ParseTimeUnit);
                if (!unit.ok()) {
                    return unit.error();
                }
                p.time_unit = *unit;
            } else if (key == "online_level") {
                const auto level = Enum(key, v, domain::ParseOnlineLevel);
                if (!level.ok()) {
                    return level.error();
                }
                p.online_level = *level;
            } else if (key == "effective_from" || key == "effective_to") {
                const bool is_to = key == "effective_to";
                const auto day = Date(key, v, is_to);
                if (!day.ok()) {
                    return day.error();
                }
                if (is_to) {
                    p.effective_to = *day;
                } else {
                    p.effective_from = day->value();
                }
            } else if (std::string* member = StringMember(p, key); member != nullptr) {
                auto text = String(key, v);
                if (!text.ok()) {
                    return text.error();
                }
                *member = std::move(text).value();
            } else {
                return Fail("unknown key \"" + std::string(key) + "\"");
            }
        }
        return p;
    }

    [[nodiscard]] base::Error Fail(std::string_view what) const {
        std::string message(kOrigin);
        message += ':';
        message += std::to_string(line_);
        message += ": ";
        message += what;
        return base::InvalidArgument(std::move(message));
    }

private:
    // The string-valued member of `p` that `key` names, or nullptr.
    static std::string* StringMember(domain::Procedure& p, std::string_view key) {
        if (key == "code") return &p.code;
        if (key == "name") return &p.name;
        if (key == "field") return &p.field;
        if (key == "implementing_units") return &p.implementing_units;
        if (key == "fees") return &p.fees;
        if (key == "legal_basis") return &p.legal_basis;
        if (key == "publication_decision") return &p.publication_decision;
        if (key == "steps") return &p.steps;
        if (key == "conditions") return &p.conditions;
        if (key == "result") return &p.result;
        if (key == "source_url") return &p.source_url;
        return nullptr;
    }

    [[nodiscard]] base::Result<std::string> String(std::string_view key,
                                                   const json::value& v) const {
        const json::string* s = v.if_string();
        if (s == nullptr) {
            return Fail("\"" + std::string(key) + "\" must be a string");
        }
        return std::string(s->data(), s->size());
    }

    [[nodiscard]] base::Result<std::int64_t> Integer(std::string_view key,
                                                     const json::value& v) const {
        if (const std::int64_t* i = v.if_int64()) {
            return *i;
        }
        return Fail("\"" + std::string(key) + "\" must be an integer");
    }

    template <typename E>
    [[nodiscard]] base::Result<E> Enum(std::string_view key, const json::value& v,
                                       base::Result<E> (*parse)(std::string_view)) const {
        const auto name = String(key, v);
        if (!name.ok()) {
            return name.error();
        }
        base::Result<E> parsed = parse(*name);
        if (!parsed.ok()) {
            return Fail(parsed.error().message);
        }
        return parsed;
    }

    // A date, or nullopt for JSON null when `nullable`.
    [[nodiscard]] base::Result<std::optional<std::chrono::sys_days>> Date(std::string_view key,
                                                                          const json::value& v,
                                                                          bool nullable) const {
        if (nullable && v.is_null()) {
            return std::optional<std::chrono::sys_days>();
        }
        const auto text = String(key, v);
        if (!text.ok()) {
            return text.error();
        }
        const auto ymd = calendar::ParseIsoDate(*text);
        if (!ymd) {
            return Fail("\"" + std::string(key) + "\" is not a date YYYY-MM-DD: \"" + *text + "\"");
        }
        return std::optional<std::chrono::sys_days>(std::chrono::sys_days{*ymd});
    }

    [[nodiscard]] base::Result<std::vector<std::string>> Levels(const json::value& v) const {
        const json::array* array = v.if_array();
        if (array == nullptr) {
            return Fail("\"levels\" must be an array of strings");
        }
        std::vector<std::string> levels;
        for (const json::value& item : *array) {
            const json::string* s = item.if_string();
            if (s == nullptr) {
                return Fail("\"levels\" must be an array of strings");
            }
            levels.emplace_back(s->data(), s->size());
        }
        return levels;
    }

    [[nodiscard]] base::Result<std::vector<domain::RequiredDocument>> Documents(
        const json::value& v) const {
        const json::array* array = v.if_array();
        if (array == nullptr) {
            return Fail("\"documents\" must be an array of objects");
        }
        std::vector<domain::RequiredDocument> documents;
        for (const json::value& item : *array) {
            const json::object* object = item.if_object();
            if (object == nullptr) {
                return Fail("\"documents\" must be an array of objects");
            }
            domain::RequiredDocument document;
            bool has_name = false;
            for (const json::key_value_pair& kv : *object) {
                const std::string_view key = View(kv.key());
                if (key != "name" && key != "note") {
                    return Fail("unknown key \"" + std::string(key) + R"(" in "documents")");
                }
                auto text =
                    String(key == "name" ? "documents[].name" : "documents[].note", kv.value());
                if (!text.ok()) {
                    return text.error();
                }
                if (key == "name") {
                    document.name = std::move(text).value();
                    has_name = true;
                } else {
                    document.note = std::move(text).value();
                }
            }
            if (!has_name) {
                return Fail(R"(missing key "name" in "documents")");
            }
            documents.push_back(std::move(document));
        }
        return documents;
    }

    int line_;
};

bool IsBlank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

base::Result<std::vector<domain::Procedure>> ParseDemoProcedures(std::string_view jsonl) {
    std::vector<domain::Procedure> procedures;
    std::unordered_set<std::string> codes;
    int line_number = 0;
    std::size_t pos = 0;
    while (pos < jsonl.size()) {
        const std::size_t end = std::min(jsonl.find('\n', pos), jsonl.size());
        std::string_view line = jsonl.substr(pos, end - pos);
        pos = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (IsBlank(line)) {
            continue;
        }
        const ProcedureReader reader(line_number);
        boost::system::error_code ec;
        const json::value value = json::parse(json::string_view(line.data(), line.size()), ec);
        if (ec) {
            return reader.Fail("invalid JSON: " + ec.message());
        }
        const json::object* object = value.if_object();
        if (object == nullptr) {
            return reader.Fail("each line must be a JSON object");
        }
        auto procedure = reader.Read(*object);
        if (!procedure.ok()) {
            return procedure.error();
        }
        const base::Status valid = domain::ValidateProcedure(*procedure);
        if (!valid.ok()) {
            return reader.Fail(valid.error().message);
        }
        if (!codes.insert(procedure->code).second) {
            return reader.Fail("duplicate code \"" + procedure->code + "\"");
        }
        procedures.push_back(std::move(procedure).value());
    }
    return procedures;
}

}  // namespace motcua::demo
