// JSON codec of a dossier's state and of process steps (store/dossiers.hpp).
#include <array>

#include <boost/json.hpp>

#include "store/dossiers.hpp"

namespace motcua::store::dossiers {

namespace json = boost::json;
using std::chrono::sys_seconds;

namespace {

json::value OptTime(const std::optional<sys_seconds>& t) {
    if (!t) {
        return nullptr;
    }
    return t->time_since_epoch().count();
}

std::optional<sys_seconds> GetTime(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || !v->is_int64()) {
        return std::nullopt;
    }
    return sys_seconds{std::chrono::seconds{v->as_int64()}};
}

std::int64_t GetInt(const json::object& o, std::string_view key, std::int64_t fallback = 0) {
    const json::value* v = o.if_contains(key);
    return v != nullptr && v->is_int64() ? v->as_int64() : fallback;
}

std::optional<std::int64_t> GetOptInt(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || !v->is_int64()) {
        return std::nullopt;
    }
    return v->as_int64();
}

std::string GetText(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool GetBool(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v != nullptr && v->is_bool() && v->as_bool();
}

const json::array& GetArray(const json::object& o, std::string_view key) {
    static const json::array empty;
    const json::value* v = o.if_contains(key);
    return v != nullptr && v->is_array() ? v->as_array() : empty;
}

}  // namespace

std::string EncodeDossier(const domain::Dossier& d) {
    // Every allocation of the encoding comes from one stack buffer (a dossier is a few KB).
    std::array<unsigned char, 16384>
        buffer;  // NOLINT(cppcoreguidelines-pro-type-member-init): scratch
    json::monotonic_resource resource(buffer.data(), buffer.size());
    json::object o(&resource);
    o["code"] = d.code;
    o["rule_set_id"] = d.rule_set_id;
    o["procedure_code"] = d.procedure_code;
    o["procedure_name"] = d.procedure_name;
    o["process_id"] = d.process_id;
    o["receiving_unit_id"] = d.receiving_unit_id;
    o["settling_unit_id"] = d.settling_unit_id;
    o["current_unit_id"] = d.current_unit_id;
    o["boundary_free"] = d.boundary_free;
    o["channel"] = static_cast<int>(d.channel);
    json::object a(&resource);
    a["kind"] = d.applicant.kind == domain::ApplicantKind::kPerson ? "person" : "organisation";
    a["name"] = d.applicant.name;
    a["id_number"] = d.applicant.id_number;
    a["address"] = d.applicant.address;
    a["phone"] = d.applicant.phone;
    a["email"] = d.applicant.email;
    a["owner_name"] = d.applicant.owner_name;
    o["applicant"] = std::move(a);
    json::array components(&resource);
    for (const domain::Component& c : d.components) {
        components.push_back(json::object{{"name", c.name},
                                          {"originals", c.originals},
                                          {"certified_copies", c.certified_copies},
                                          {"copies", c.copies},
                                          {"provided", c.provided},
                                          {"note", c.note}});
    }
    o["components"] = std::move(components);
    o["fee_amount"] = d.fee_amount;
    o["citizen_user_id"] = d.citizen_user_id ? json::value(*d.citizen_user_id) : nullptr;
    o["state"] = domain::DossierStateName(d.state);
    o["processing_milli"] = d.processing_milli;
    o["time_unit"] = d.time_unit;
    o["submitted_at"] = OptTime(d.submitted_at);
    o["received_at"] = OptTime(d.received_at);
    o["transfer_due_at"] = OptTime(d.transfer_due_at);
    o["competent_received_at"] = OptTime(d.competent_received_at);
    o["clock_start"] = OptTime(d.clock_start);
    o["due_at"] = OptTime(d.due_at);
    o["appointment_at"] = OptTime(d.appointment_at);
    o["new_appointments"] = d.new_appointments;
    json::array pauses(&resource);
    for (const calendar::TimeInterval& p : d.pauses) {
        pauses.push_back(
            json::array{p.begin.time_since_epoch().count(), p.end.time_since_epoch().count()});
    }
    o["pauses"] = std::move(pauses);
    o["paused_at"] = OptTime(d.paused_at);
    o["paused_from"] = domain::DossierStateName(d.paused_from);
    o["supplements_at_receipt"] = d.supplements_at_receipt;
    o["returns_after_appraisal"] = d.returns_after_appraisal;
    o["supplement_requested_at"] = OptTime(d.supplement_requested_at);
    o["finished_at"] = OptTime(d.finished_at);
    o["returned_at"] = OptTime(d.returned_at);
    o["warned_at"] = OptTime(d.warned_at);
    o["late"] = d.late;
    o["timing"] = domain::TimingName(d.timing);
    o["step_key"] = d.step_key;
    o["step_kind"] = d.step_kind;
    o["step_started_at"] = OptTime(d.step_started_at);
    o["step_due_at"] = OptTime(d.step_due_at);
    o["assignee_id"] = d.assignee_id ? json::value(*d.assignee_id) : nullptr;
    o["result_kind"] = d.result_kind;
    o["result_summary"] = d.result_summary;
    o["return_method"] = d.return_method;
    json::array tasks(&resource);
    for (const domain::Task& t : d.tasks) {
        tasks.push_back(json::object{
            {"kind", t.kind == domain::Task::Kind::kConsultation ? "consultation" : "inter_agency"},
            {"unit_id", t.unit_id},
            {"order", t.order},
            {"request", t.request},
            {"milli_days", t.milli_days},
            {"opened_at", OptTime(t.opened_at)},
            {"due_at", OptTime(t.due_at)},
            {"answered_at", OptTime(t.answered_at)},
            {"answer", t.answer}});
    }
    o["tasks"] = std::move(tasks);
    o["lookup_secret"] = d.lookup_secret;
    return json::serialize(o);
}

base::Result<domain::Dossier> DecodeDossier(std::string_view text) {
    boost::system::error_code ec;
    std::array<unsigned char, 16384>
        buffer;  // NOLINT(cppcoreguidelines-pro-type-member-init): scratch
    json::monotonic_resource resource(buffer.data(), buffer.size());
    const json::value root = json::parse(text, ec, &resource);
    if (ec || !root.is_object()) {
        return base::Internal("hồ sơ lưu trữ không đọc được (body_json)");
    }
    const json::object& o = root.as_object();
    domain::Dossier d;
    d.code = GetText(o, "code");
    d.rule_set_id = GetText(o, "rule_set_id");
    d.procedure_code = GetText(o, "procedure_code");
    d.procedure_name = GetText(o, "procedure_name");
    d.process_id = GetInt(o, "process_id");
    d.receiving_unit_id = GetInt(o, "receiving_unit_id");
    d.settling_unit_id = GetInt(o, "settling_unit_id");
    d.current_unit_id = GetInt(o, "current_unit_id");
    d.boundary_free = GetBool(o, "boundary_free");
    const std::int64_t channel = GetInt(o, "channel", 1);
    if (channel < 1 || channel > 3) {
        return base::Internal("kênh hồ sơ lưu trữ không hợp lệ");
    }
    d.channel = static_cast<domain::Channel>(channel);
    if (const json::value* a = o.if_contains("applicant"); a != nullptr && a->is_object()) {
        const json::object& ao = a->as_object();
        d.applicant.kind = GetText(ao, "kind") == "organisation"
                               ? domain::ApplicantKind::kOrganisation
                               : domain::ApplicantKind::kPerson;
        d.applicant.name = GetText(ao, "name");
        d.applicant.id_number = GetText(ao, "id_number");
        d.applicant.address = GetText(ao, "address");
        d.applicant.phone = GetText(ao, "phone");
        d.applicant.email = GetText(ao, "email");
        d.applicant.owner_name = GetText(ao, "owner_name");
    }
    for (const json::value& c : GetArray(o, "components")) {
        if (!c.is_object()) {
            continue;
        }
        const json::object& co = c.as_object();
        d.components.push_back(domain::Component{
            GetText(co, "name"), static_cast<int>(GetInt(co, "originals")),
            static_cast<int>(GetInt(co, "certified_copies")),
            static_cast<int>(GetInt(co, "copies")), GetBool(co, "provided"), GetText(co, "note")});
    }
    d.fee_amount = GetInt(o, "fee_amount");
    d.citizen_user_id = GetOptInt(o, "citizen_user_id");
    auto state = domain::ParseDossierState(GetText(o, "state"));
    auto paused_from = domain::ParseDossierState(GetText(o, "paused_from"));
    if (!state || !paused_from) {
        return base::Internal("trạng thái hồ sơ lưu trữ không hợp lệ");
    }
    d.state = *state;
    d.paused_from = *paused_from;
    d.processing_milli = GetInt(o, "processing_milli");
    d.time_unit = static_cast<int>(GetInt(o, "time_unit"));
    d.submitted_at = GetTime(o, "submitted_at");
    d.received_at = GetTime(o, "received_at");
    d.transfer_due_at = GetTime(o, "transfer_due_at");
    d.competent_received_at = GetTime(o, "competent_received_at");
    d.clock_start = GetTime(o, "clock_start");
    d.due_at = GetTime(o, "due_at");
    d.appointment_at = GetTime(o, "appointment_at");
    d.new_appointments = static_cast<int>(GetInt(o, "new_appointments"));
    for (const json::value& p : GetArray(o, "pauses")) {
        if (p.is_array() && p.as_array().size() == 2 && p.as_array()[0].is_int64() &&
            p.as_array()[1].is_int64()) {
            d.pauses.push_back(calendar::TimeInterval{
                sys_seconds{std::chrono::seconds{p.as_array()[0].as_int64()}},
                sys_seconds{std::chrono::seconds{p.as_array()[1].as_int64()}}});
        }
    }
    d.paused_at = GetTime(o, "paused_at");
    d.supplements_at_receipt = static_cast<int>(GetInt(o, "supplements_at_receipt"));
    d.returns_after_appraisal = static_cast<int>(GetInt(o, "returns_after_appraisal"));
    d.supplement_requested_at = GetTime(o, "supplement_requested_at");
    d.finished_at = GetTime(o, "finished_at");
    d.returned_at = GetTime(o, "returned_at");
    d.warned_at = GetTime(o, "warned_at");
    d.late = GetBool(o, "late");
    const std::string timing = GetText(o, "timing");
    for (domain::Timing t : {domain::Timing::kPending, domain::Timing::kEarly,
                             domain::Timing::kOnTime, domain::Timing::kLate}) {
        if (domain::TimingName(t) == timing) {
            d.timing = t;
        }
    }
    d.step_key = GetText(o, "step_key");
    d.step_kind = GetText(o, "step_kind");
    d.step_started_at = GetTime(o, "step_started_at");
    d.step_due_at = GetTime(o, "step_due_at");
    d.assignee_id = GetOptInt(o, "assignee_id");
    d.result_kind = GetText(o, "result_kind");
    d.result_summary = GetText(o, "result_summary");
    d.return_method = GetText(o, "return_method");
    for (const json::value& t : GetArray(o, "tasks")) {
        if (!t.is_object()) {
            continue;
        }
        const json::object& to = t.as_object();
        domain::Task task;
        task.kind = GetText(to, "kind") == "consultation" ? domain::Task::Kind::kConsultation
                                                          : domain::Task::Kind::kInterAgency;
        task.unit_id = GetInt(to, "unit_id");
        task.order = static_cast<int>(GetInt(to, "order"));
        task.request = GetText(to, "request");
        task.milli_days = GetInt(to, "milli_days");
        task.opened_at = GetTime(to, "opened_at");
        task.due_at = GetTime(to, "due_at");
        task.answered_at = GetTime(to, "answered_at");
        task.answer = GetText(to, "answer");
        d.tasks.push_back(std::move(task));
    }
    d.lookup_secret = GetText(o, "lookup_secret");
    return d;
}

std::string EncodeSteps(const std::vector<domain::ProcessStep>& steps) {
    json::array out;
    for (const domain::ProcessStep& s : steps) {
        json::array next;
        for (const std::string& n : s.next) {
            next.emplace_back(n);
        }
        out.push_back(json::object{{"key", s.key},
                                   {"name", s.name},
                                   {"kind", domain::StepKindName(s.kind)},
                                   {"unit", s.unit == domain::StepUnit::kReceiving  ? "receiving"
                                            : s.unit == domain::StepUnit::kSettling ? "settling"
                                                                                    : "named"},
                                   {"unit_code", s.unit_code},
                                   {"role", domain::RoleName(s.role)},
                                   {"share_milli", s.share_milli},
                                   {"next", std::move(next)}});
    }
    return json::serialize(out);
}

base::Result<std::vector<domain::ProcessStep>> DecodeSteps(std::string_view text) {
    boost::system::error_code ec;
    const json::value root = json::parse(text, ec);
    if (ec || !root.is_array()) {
        return base::InvalidArgument("các bước của quy trình phải là một mảng JSON");
    }
    std::vector<domain::ProcessStep> steps;
    for (const json::value& v : root.as_array()) {
        if (!v.is_object()) {
            return base::InvalidArgument("mỗi bước phải là một đối tượng JSON");
        }
        const json::object& o = v.as_object();
        domain::ProcessStep s;
        s.key = GetText(o, "key");
        s.name = GetText(o, "name");
        auto kind = domain::ParseStepKind(GetText(o, "kind"));
        if (!kind) {
            return std::move(kind).error();
        }
        s.kind = *kind;
        const std::string unit = GetText(o, "unit");
        if (unit == "receiving") {
            s.unit = domain::StepUnit::kReceiving;
        } else if (unit == "settling" || unit.empty()) {
            s.unit = domain::StepUnit::kSettling;
        } else if (unit == "named") {
            s.unit = domain::StepUnit::kNamed;
        } else {
            return base::InvalidArgument(
                "đơn vị thực hiện bước phải là receiving, settling hoặc "
                "named");
        }
        s.unit_code = GetText(o, "unit_code");
        auto role = domain::ParseRole(GetText(o, "role"));
        if (!role) {
            return std::move(role).error();
        }
        s.role = *role;
        const json::value* share = o.if_contains("share_milli");
        if (share == nullptr || !share->is_int64()) {
            return base::InvalidArgument("bước \"" + s.key + "\": share_milli phải là số nguyên");
        }
        s.share_milli = share->as_int64();
        for (const json::value& n : GetArray(o, "next")) {
            if (!n.is_string()) {
                return base::InvalidArgument("next phải là danh sách mã bước");
            }
            s.next.emplace_back(n.as_string());
        }
        steps.push_back(std::move(s));
    }
    return steps;
}

}  // namespace motcua::store::dossiers
