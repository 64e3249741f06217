#include "domain/rule_set.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

#include <boost/json.hpp>

#include "calendar/civil_date.hpp"

namespace motcua::domain {

namespace json = boost::json;

namespace {

constexpr std::array<std::pair<FormKind, std::string_view>, 7> kFormKinds{{
    {FormKind::kReceipt, "receipt"},
    {FormKind::kSupplementRequest, "supplement_request"},
    {FormKind::kRefusal, "refusal"},
    {FormKind::kApology, "apology"},
    {FormKind::kStopNotice, "stop_notice"},
    {FormKind::kProcessControl, "process_control"},
    {FormKind::kRegister, "register"},
}};

base::Error Bad(std::string_view set, std::string_view what) {
    return base::InvalidArgument("bộ quy tắc " + std::string(set) + ": " + std::string(what));
}

base::Result<std::string> StringField(const json::object& object, std::string_view key,
                                      std::string_view set) {
    const json::value* v = object.if_contains(key);
    if (v == nullptr || !v->is_string() || v->as_string().empty()) {
        return Bad(set, "thiếu trường " + std::string(key));
    }
    return std::string(v->as_string());
}

// A parameter object {"value": ..., "source": "..."}; records the source.
base::Result<const json::value*> Param(const json::object& params, std::string_view key,
                                       std::string_view set, RuleSet& out) {
    const json::value* p = params.if_contains(key);
    if (p == nullptr || !p->is_object()) {
        return Bad(set, "thiếu tham số " + std::string(key));
    }
    const json::value* value = p->as_object().if_contains("value");
    const json::value* source = p->as_object().if_contains("source");
    if (value == nullptr || source == nullptr || !source->is_string() ||
        source->as_string().empty()) {
        return Bad(set, "tham số " + std::string(key) + " cần value và source");
    }
    out.sources[std::string(key)] = std::string(source->as_string());
    return value;
}

base::Result<std::int64_t> IntParam(const json::object& params, std::string_view key,
                                    std::string_view set, RuleSet& out, std::int64_t min,
                                    std::int64_t max) {
    auto value = Param(params, key, set, out);
    if (!value) {
        return std::move(value).error();
    }
    if (!(*value)->is_int64() || (*value)->as_int64() < min || (*value)->as_int64() > max) {
        return Bad(set, "tham số " + std::string(key) + " phải là số nguyên từ " +
                            std::to_string(min) + " đến " + std::to_string(max));
    }
    return (*value)->as_int64();
}

base::Result<std::string> TextParam(const json::object& params, std::string_view key,
                                    std::string_view set, RuleSet& out) {
    auto value = Param(params, key, set, out);
    if (!value) {
        return std::move(value).error();
    }
    if (!(*value)->is_string()) {
        return Bad(set, "tham số " + std::string(key) + " phải là chuỗi");
    }
    return std::string((*value)->as_string());
}

base::Result<Paper> ParsePaper(std::string_view text, std::string_view set) {
    if (text == "A4") {
        return Paper::kA4;
    }
    if (text == "A5") {
        return Paper::kA5;
    }
    if (text == "A4-landscape") {
        return Paper::kA4Landscape;
    }
    return Bad(set, "khổ giấy không hợp lệ: " + std::string(text));
}

base::Result<RuleSet> ParseOne(const json::value& entry) {
    if (!entry.is_object()) {
        return base::InvalidArgument("bộ quy tắc phải là đối tượng JSON");
    }
    const json::object& o = entry.as_object();
    RuleSet set;
    auto id = StringField(o, "id", "?");
    if (!id) {
        return std::move(id).error();
    }
    set.id = *id;
    for (auto [key, target] :
         {std::pair{"title", &set.title}, std::pair{"decree", &set.decree},
          std::pair{"circular", &set.circular}, std::pair{"code_scheme", &set.code_scheme}}) {
        auto text = StringField(o, key, set.id);
        if (!text) {
            return std::move(text).error();
        }
        *target = std::move(*text);
    }
    if (set.code_scheme != "agency-yymmdd-nnnn") {
        return Bad(set.id, "không biết cách đánh mã hồ sơ " + set.code_scheme);
    }
    auto from = StringField(o, "effective_from", set.id);
    if (!from) {
        return std::move(from).error();
    }
    const auto date = calendar::ParseIsoDate(*from);
    if (!date) {
        return Bad(set.id, "ngày hiệu lực không hợp lệ: " + *from);
    }
    set.effective_from = std::chrono::sys_days{*date};

    const json::value* params_value = o.if_contains("params");
    if (params_value == nullptr || !params_value->is_object()) {
        return Bad(set.id, "thiếu params");
    }
    const json::object& params = params_value->as_object();
    auto cutoff = TextParam(params, "transfer_cutoff", set.id, set);
    if (!cutoff) {
        return std::move(cutoff).error();
    }
    const auto digit = [&](size_t i) { return (*cutoff)[i] >= '0' && (*cutoff)[i] <= '9'; };
    if (cutoff->size() != 5 || (*cutoff)[2] != ':' || !digit(0) || !digit(1) || !digit(3) ||
        !digit(4)) {
        return Bad(set.id, "transfer_cutoff phải có dạng HH:MM");
    }
    const int hh = std::stoi(cutoff->substr(0, 2));
    const int mm = std::stoi(cutoff->substr(3, 2));
    if (hh > 23 || mm > 59) {
        return Bad(set.id, "transfer_cutoff phải có dạng HH:MM");
    }
    set.transfer_cutoff_minutes = hh * 60 + mm;

    struct IntSpec {
        const char* key;
        std::int64_t min;
        std::int64_t max;
        std::int64_t scale;
        std::int64_t* out;
    };
    std::int64_t grace_hours = 0;
    std::int64_t appraisal_days = 0;
    std::int64_t supplements = 0;
    std::int64_t returns = 0;
    std::int64_t lead_days = 0;
    std::int64_t appointments = 0;
    std::int64_t late_after = 0;
    for (const IntSpec& spec : {IntSpec{"transfer_grace_hours", 0, 8, 1, &grace_hours},
                                IntSpec{"appraisal_return_days", 0, 60, 1, &appraisal_days},
                                IntSpec{"max_supplements_at_receipt", 0, 9, 1, &supplements},
                                IntSpec{"max_returns_after_appraisal", 0, 9, 1, &returns},
                                IntSpec{"apology_lead_days", 0, 30, 1, &lead_days},
                                IntSpec{"max_new_appointments", 0, 9, 1, &appointments},
                                IntSpec{"late_after_supplements", 1, 9, 1, &late_after}}) {
        auto v = IntParam(params, spec.key, set.id, set, spec.min, spec.max);
        if (!v) {
            return std::move(v).error();
        }
        *spec.out = *v * spec.scale;
    }
    set.transfer_grace_milli_days = grace_hours * 1000 / 8;  // of an 8-hour standard day
    set.appraisal_return_milli_days = appraisal_days * 1000;
    set.max_supplements_at_receipt = static_cast<int>(supplements);
    set.max_returns_after_appraisal = static_cast<int>(returns);
    set.apology_lead_milli_days = lead_days * 1000;
    set.max_new_appointments = static_cast<int>(appointments);
    set.late_after_supplements = static_cast<int>(late_after);

    auto clock = TextParam(params, "clock_start", set.id, set);
    if (!clock) {
        return std::move(clock).error();
    }
    if (*clock == "receipt") {
        set.clock_start = ClockStart::kReceipt;
    } else if (*clock == "competent_agency") {
        set.clock_start = ClockStart::kCompetentAgency;
    } else {
        return Bad(set.id, "clock_start phải là receipt hoặc competent_agency");
    }
    // Documented for the record; the postal hand-over is the receive action's instant.
    if (auto postal = TextParam(params, "postal_clock_start", set.id, set); !postal) {
        return std::move(postal).error();
    }

    const json::value* forms = o.if_contains("forms");
    if (forms == nullptr || !forms->is_array()) {
        return Bad(set.id, "thiếu danh sách mẫu (forms)");
    }
    for (const json::value& f : forms->as_array()) {
        if (!f.is_object()) {
            return Bad(set.id, "mẫu phải là đối tượng JSON");
        }
        FormSpec spec;
        auto kind_name = StringField(f.as_object(), "kind", set.id);
        auto number = StringField(f.as_object(), "number", set.id);
        auto title = StringField(f.as_object(), "title", set.id);
        auto paper_name = StringField(f.as_object(), "paper", set.id);
        if (!kind_name || !number || !title || !paper_name) {
            return Bad(set.id, "mẫu cần kind, number, title, paper");
        }
        auto kind = ParseFormKind(*kind_name);
        if (!kind) {
            return Bad(set.id, "loại mẫu không hợp lệ: " + *kind_name);
        }
        auto paper = ParsePaper(*paper_name, set.id);
        if (!paper) {
            return std::move(paper).error();
        }
        if (set.Form(*kind) != nullptr) {
            return Bad(set.id, "mẫu " + *kind_name + " khai báo hai lần");
        }
        spec.kind = *kind;
        spec.number = std::move(*number);
        spec.title = std::move(*title);
        spec.paper = *paper;
        set.forms.push_back(std::move(spec));
    }
    if (set.Form(FormKind::kReceipt) == nullptr) {
        return Bad(set.id, "thiếu mẫu giấy tiếp nhận (receipt)");
    }
    return set;
}

}  // namespace

std::string_view FormKindName(FormKind kind) {
    for (const auto& [k, name] : kFormKinds) {
        if (k == kind) {
            return name;
        }
    }
    return "receipt";
}

base::Result<FormKind> ParseFormKind(std::string_view name) {
    for (const auto& [k, n] : kFormKinds) {
        if (n == name) {
            return k;
        }
    }
    return base::InvalidArgument("loại mẫu không hợp lệ: " + std::string(name));
}

const FormSpec* RuleSet::Form(FormKind kind) const {
    for (const FormSpec& f : forms) {
        if (f.kind == kind) {
            return &f;
        }
    }
    return nullptr;
}

base::Result<std::shared_ptr<const RuleBook>> RuleBook::Parse(std::string_view text) {
    boost::system::error_code ec;
    const json::value root = json::parse(text, ec);
    if (ec || !root.is_object() || root.as_object().if_contains("rule_sets") == nullptr ||
        !root.as_object().at("rule_sets").is_array()) {
        return base::InvalidArgument("tệp bộ quy tắc phải là JSON có mảng rule_sets");
    }
    auto book = std::make_shared<RuleBook>();
    for (const json::value& entry : root.as_object().at("rule_sets").as_array()) {
        auto set = ParseOne(entry);
        if (!set) {
            return std::move(set).error();
        }
        for (const RuleSet& other : book->sets_) {
            if (other.id == set->id || other.effective_from == set->effective_from) {
                return Bad(set->id, "trùng mã hoặc ngày hiệu lực với " + other.id);
            }
        }
        book->sets_.push_back(std::move(*set));
    }
    if (book->sets_.empty()) {
        return base::InvalidArgument("tệp bộ quy tắc không có bộ quy tắc nào");
    }
    std::sort(book->sets_.begin(), book->sets_.end(), [](const RuleSet& a, const RuleSet& b) {
        return a.effective_from < b.effective_from;
    });
    return std::shared_ptr<const RuleBook>(std::move(book));
}

std::shared_ptr<const RuleBook> RuleBook::Embedded() {
    static const std::shared_ptr<const RuleBook> book = [] {
        auto parsed = Parse(EmbeddedRuleSetData());
        // The embedded file is tested (rule_set_test); failing here is a build defect.
        if (!parsed) {
            std::abort();
        }
        return *parsed;
    }();
    return book;
}

base::Result<const RuleSet*> RuleBook::InForce(std::chrono::sys_days day) const {
    const RuleSet* found = nullptr;
    for (const RuleSet& set : sets_) {
        if (set.effective_from <= day) {
            found = &set;
        }
    }
    if (found == nullptr) {
        return base::NotFound("không có bộ quy tắc nào có hiệu lực vào ngày " +
                              calendar::FormatIsoDate(day));
    }
    return found;
}

base::Result<const RuleSet*> RuleBook::InForceAt(std::chrono::sys_seconds instant) const {
    return InForce(std::chrono::floor<std::chrono::days>(instant + calendar::kVietnamOffset));
}

base::Result<const RuleSet*> RuleBook::Find(std::string_view id) const {
    for (const RuleSet& set : sets_) {
        if (set.id == id) {
            return &set;
        }
    }
    return base::NotFound("không có bộ quy tắc " + std::string(id));
}

}  // namespace motcua::domain
