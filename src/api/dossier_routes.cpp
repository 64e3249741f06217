// /api/v1/dossiers and /api/v1/processes (issue #4): thin handlers over app/dossiers.hpp.
#include <cmath>

#include <boost/json.hpp>

#include "api/json_codec.hpp"
#include "api/route_util.hpp"
#include "app/dossier_facts.hpp"
#include "app/dossier_forms.hpp"
#include "app/dossiers.hpp"
#include "app/organisation.hpp"
#include "app/tracking.hpp"
#include "calendar/instant.hpp"
#include "store/dossiers.hpp"
#include "text/unicode.hpp"

namespace motcua::api {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

json::value Time(const std::optional<std::chrono::sys_seconds>& t) {
    if (!t) {
        return nullptr;
    }
    return json::string(calendar::FormatInstant(*t));
}

json::object ApplicantJson(const domain::Applicant& a) {
    return json::object{
        {"kind", a.kind == domain::ApplicantKind::kPerson ? "person" : "organisation"},
        {"name", a.name},
        {"id_number", a.id_number},
        {"address", a.address},
        {"phone", a.phone},
        {"email", a.email},
        {"owner_name", a.owner_name}};
}

json::array ComponentsJson(const std::vector<domain::Component>& list) {
    json::array out;
    for (const domain::Component& c : list) {
        out.push_back(json::object{{"name", c.name},
                                   {"originals", c.originals},
                                   {"certified_copies", c.certified_copies},
                                   {"copies", c.copies},
                                   {"provided", c.provided},
                                   {"note", c.note}});
    }
    return out;
}

json::object DossierJson(const domain::Dossier& d) {
    json::array tasks;
    for (const domain::Task& t : d.tasks) {
        tasks.push_back(json::object{
            {"kind", t.kind == domain::Task::Kind::kConsultation ? "consultation" : "inter_agency"},
            {"unit_id", t.unit_id},
            {"order", t.order},
            {"request", t.request},
            {"days", static_cast<double>(t.milli_days) / 1000.0},
            {"opened_at", Time(t.opened_at)},
            {"due_at", Time(t.due_at)},
            {"answered_at", Time(t.answered_at)},
            {"answer", t.answer}});
    }
    json::array pauses;
    for (const calendar::TimeInterval& p : d.pauses) {
        pauses.push_back(json::object{{"from", calendar::FormatInstant(p.begin)},
                                      {"to", calendar::FormatInstant(p.end)}});
    }
    return json::object{
        {"id", d.id},
        {"code", d.code},
        {"state", domain::DossierStateName(d.state)},
        {"state_label", domain::DossierStateLabel(d.state)},
        {"rule_set", d.rule_set_id},
        {"procedure_code", d.procedure_code},
        {"procedure_name", d.procedure_name},
        {"process_id", d.process_id},
        {"receiving_unit_id", d.receiving_unit_id},
        {"settling_unit_id", d.settling_unit_id},
        {"current_unit_id", d.current_unit_id},
        {"boundary_free", d.boundary_free},
        {"channel", domain::ChannelName(d.channel)},
        {"applicant", ApplicantJson(d.applicant)},
        {"components", ComponentsJson(d.components)},
        {"fee_amount", d.fee_amount},
        {"submitted_at", Time(d.submitted_at)},
        {"received_at", Time(d.received_at)},
        {"transfer_due_at", Time(d.transfer_due_at)},
        {"competent_received_at", Time(d.competent_received_at)},
        {"clock_start", Time(d.clock_start)},
        {"due_at", Time(d.due_at)},
        {"appointment_at", Time(d.appointment_at)},
        {"new_appointments", d.new_appointments},
        {"pauses", std::move(pauses)},
        {"paused_at", Time(d.paused_at)},
        {"supplement_requests", d.supplements_at_receipt + d.returns_after_appraisal},
        {"supplement_requested_at", Time(d.supplement_requested_at)},
        {"finished_at", Time(d.finished_at)},
        {"returned_at", Time(d.returned_at)},
        {"late", d.late},
        {"timing", domain::TimingName(d.timing)},
        {"step", d.step_key},
        {"step_due_at", Time(d.step_due_at)},
        {"assignee_id", d.assignee_id ? json::value(*d.assignee_id) : nullptr},
        {"result_kind", d.result_kind},
        {"result_summary", d.result_summary},
        {"return_method", d.return_method},
        {"tasks", std::move(tasks)},
        {"lookup_code", d.lookup_secret},
        {"version", d.version}};
}

json::object EventJson(const domain::DossierEvent& e) {
    json::object details;
    for (const auto& [k, v] : e.details) {
        details[k] = v;
    }
    json::array attachments;
    for (const std::string& a : e.attachments) {
        attachments.emplace_back(a);
    }
    return json::object{{"seq", e.seq},
                        {"at", calendar::FormatInstant(e.at)},
                        {"actor_id", e.actor_id ? json::value(*e.actor_id) : nullptr},
                        {"actor_name", e.actor_name},
                        {"action", domain::ActionKindName(e.action)},
                        {"action_label", domain::ActionKindLabel(e.action)},
                        {"from", domain::DossierStateName(e.from)},
                        {"to", domain::DossierStateName(e.to)},
                        {"reason", e.reason},
                        {"unit_id", e.unit_id},
                        {"step", e.step_key},
                        {"details", std::move(details)},
                        {"attachments", std::move(attachments)}};
}

json::object SummaryJson(const store::dossiers::Summary& s) {
    return json::object{{"id", s.id},
                        {"code", s.code},
                        {"state", domain::DossierStateName(s.state)},
                        {"state_label", domain::DossierStateLabel(s.state)},
                        {"procedure_code", s.procedure_code},
                        {"procedure_name", s.procedure_name},
                        {"applicant_name", s.applicant_name},
                        {"receiving_unit_id", s.receiving_unit_id},
                        {"settling_unit_id", s.settling_unit_id},
                        {"current_unit_id", s.current_unit_id},
                        {"channel", domain::ChannelName(s.channel)},
                        {"received_at", Time(s.received_at)},
                        {"due_at", Time(s.due_at)},
                        {"appointment_at", Time(s.appointment_at)},
                        {"finished_at", Time(s.finished_at)},
                        {"late", s.late},
                        {"timing", domain::TimingName(s.timing)},
                        {"version", s.version}};
}

Response WithETag(Response r, std::int64_t version) {
    r.AddHeader("ETag", "\"v" + std::to_string(version) + "\"");
    return r;
}

// A unit given by its code (what people type and print) → its id.
base::Result<std::int64_t> UnitId(app::AppContext& ctx, std::string_view code,
                                  std::string_view field) {
    if (code.empty()) {
        return base::InvalidArgument("thiếu mã đơn vị '" + std::string(field) + "'");
    }
    auto unit = app::GetUnitByCode(ctx, code);
    if (!unit) {
        return base::InvalidArgument("'" + std::string(field) + "': không có đơn vị mã " +
                                     std::string(code));
    }
    return unit->id;
}

// ObjectReader::String already checks UTF-8 and normalises to NFC; this marks the fields
// where that matters (names, reasons) for the reader.
base::Result<std::string> Nfc(base::Result<std::string> text) {
    return text;
}

base::Result<domain::Applicant> ApplicantFromJson(const json::value* value) {
    if (value == nullptr || !value->is_object()) {
        return base::InvalidArgument("'applicant' phải là đối tượng (name, id_number, ...)");
    }
    ObjectReader r(value->as_object());
    domain::Applicant a;
    auto kind = r.String("kind", false, 16);
    auto name = Nfc(r.String("name", true, 1000));
    auto id_number = r.String("id_number", false, 32);
    auto address = Nfc(r.String("address", false, 2000));
    auto phone = r.String("phone", false, 32);
    auto email = r.String("email", false, 254);
    auto owner = Nfc(r.String("owner_name", false, 1000));
    for (const auto* field : {&kind, &name, &id_number, &address, &phone, &email, &owner}) {
        if (!*field) {
            return field->error();
        }
    }
    if (*kind == "organisation") {
        a.kind = domain::ApplicantKind::kOrganisation;
    } else if (!kind->empty() && *kind != "person") {
        return base::InvalidArgument("'applicant.kind' phải là person hoặc organisation");
    }
    a.name = *name;
    a.id_number = *id_number;
    a.address = *address;
    a.phone = *phone;
    a.email = *email;
    a.owner_name = *owner;
    if (base::Status s = r.CheckNoUnknownFields(); !s) {
        return s.error();
    }
    if (base::Status s = domain::ValidateApplicant(a); !s) {
        return s.error();
    }
    return a;
}

base::Result<std::vector<domain::Component>> ComponentsFromJson(const json::value* value) {
    std::vector<domain::Component> out;
    if (value == nullptr) {
        return out;
    }
    if (!value->is_array() || value->as_array().size() > 100) {
        return base::InvalidArgument("'components' phải là mảng (tối đa 100 thành phần)");
    }
    for (const json::value& v : value->as_array()) {
        if (!v.is_object()) {
            return base::InvalidArgument("mỗi thành phần hồ sơ phải là một đối tượng");
        }
        ObjectReader r(v.as_object());
        domain::Component c;
        auto name = Nfc(r.String("name", true, 1000));
        auto note = Nfc(r.String("note", false, 1000));
        if (!name || !note) {
            return !name ? name.error() : note.error();
        }
        c.name = *name;
        c.note = *note;
        for (auto [key, target] :
             {std::pair{"originals", &c.originals},
              std::pair{"certified_copies", &c.certified_copies}, std::pair{"copies", &c.copies}}) {
            auto n = r.Integer(key, false);
            if (!n) {
                return n.error();
            }
            if (*n && (**n < 0 || **n > 100)) {
                return base::InvalidArgument("'" + std::string(key) + "' phải từ 0 đến 100");
            }
            *target = static_cast<int>(n->value_or(0));
        }
        auto provided = r.Boolean("provided", false);
        if (!provided) {
            return provided.error();
        }
        c.provided = provided->value_or(true);
        if (base::Status s = r.CheckNoUnknownFields(); !s) {
            return s.error();
        }
        out.push_back(std::move(c));
    }
    return out;
}

base::Result<domain::Completeness> CompletenessFrom(std::string_view text) {
    if (text.empty() || text == "complete") {
        return domain::Completeness::kComplete;
    }
    if (text == "incomplete") {
        return domain::Completeness::kIncomplete;
    }
    if (text == "refuse") {
        return domain::Completeness::kRefuse;
    }
    return base::InvalidArgument("'completeness' phải là complete, incomplete hoặc refuse");
}

base::Result<std::int64_t> MilliDays(const json::value* v, std::string_view field) {
    if (v == nullptr || !(v->is_number())) {
        return base::InvalidArgument("'" + std::string(field) + "' phải là số ngày làm việc");
    }
    const double days = v->to_number<double>();
    if (!(days > 0) || days > 365) {
        return base::InvalidArgument("'" + std::string(field) + "' phải lớn hơn 0 và tối đa 365");
    }
    return static_cast<std::int64_t>(std::llround(days * 1000));
}

// The action body of POST /api/v1/dossiers/{code}/actions.
base::Result<app::ActionRequest> ActionFromJson(app::AppContext& ctx, const Request& req) {
    auto object = ParseObject(req.body);
    if (!object) {
        return std::move(object).error();
    }
    ObjectReader r(*object);
    app::ActionRequest out;
    domain::Action& a = out.action;
    auto kind_name = r.String("action", true, 32);
    if (!kind_name) {
        return std::move(kind_name).error();
    }
    auto kind = domain::ParseActionKind(*kind_name);
    if (!kind) {
        return std::move(kind).error();
    }
    a.kind = *kind;
    auto version = r.Integer("version", false);
    if (!version) {
        return std::move(version).error();
    }
    out.expected_version = version->value_or(0);
    auto if_match = IfMatchVersion(req, "hồ sơ");
    if (!if_match) {
        return std::move(if_match).error();
    }
    if (*if_match) {
        out.expected_version = **if_match;
    }
    auto reason = Nfc(r.String("reason", false, 4000));
    auto completeness = r.String("completeness", false, 16);
    auto next_step = r.String("next_step", false, 32);
    auto result_summary = Nfc(r.String("result_summary", false, 2000));
    auto return_method = r.String("return_method", false, 16);
    auto new_appointment = r.String("new_appointment", false, 40);
    auto assignee = r.Integer("assignee_id", false);
    auto task_index = r.Integer("task_index", false);
    auto parallel = r.Boolean("parallel", false);
    for (const auto* s :
         {&reason, &completeness, &next_step, &result_summary, &return_method, &new_appointment}) {
        if (!*s) {
            return s->error();
        }
    }
    if (!assignee || !task_index || !parallel) {
        return !assignee ? assignee.error() : !task_index ? task_index.error() : parallel.error();
    }
    a.reason = *reason;
    auto c = CompletenessFrom(*completeness);
    if (!c) {
        return std::move(c).error();
    }
    a.completeness = *c;
    a.next_step = *next_step;
    a.result_summary = *result_summary;
    a.return_method = *return_method;
    a.assignee_id = *assignee;
    a.task_index = static_cast<int>(task_index->value_or(-1));
    a.parallel = parallel->value_or(false);
    if (!new_appointment->empty()) {
        auto t = calendar::ParseInstant(*new_appointment);
        if (!t) {
            return base::InvalidArgument("'new_appointment': " + t.error().message);
        }
        a.new_appointment = *t;
    }
    auto components = ComponentsFromJson(r.Raw("components"));
    if (!components) {
        return std::move(components).error();
    }
    a.components = std::move(*components);
    if (const json::value* tasks = r.Raw("tasks")) {
        if (!tasks->is_array() || tasks->as_array().size() > 20) {
            return base::InvalidArgument("'tasks' phải là mảng (tối đa 20 cơ quan)");
        }
        for (const json::value& t : tasks->as_array()) {
            if (!t.is_object()) {
                return base::InvalidArgument("mỗi phần việc phải là đối tượng {unit, days}");
            }
            ObjectReader tr(t.as_object());
            auto unit = tr.String("unit", true, 32);
            auto request = Nfc(tr.String("request", false, 2000));
            if (!unit || !request) {
                return !unit ? unit.error() : request.error();
            }
            auto id = UnitId(ctx, *unit, "tasks.unit");
            if (!id) {
                return std::move(id).error();
            }
            auto milli = MilliDays(tr.Raw("days"), "tasks.days");
            if (!milli) {
                return std::move(milli).error();
            }
            if (base::Status s = tr.CheckNoUnknownFields(); !s) {
                return s.error();
            }
            a.tasks.push_back(domain::TaskRequest{*id, *milli, *request});
        }
    }
    if (const json::value* attachments = r.Raw("attachments")) {
        if (!attachments->is_array() || attachments->as_array().size() > 20) {
            return base::InvalidArgument("'attachments' phải là mảng tối đa 20 tham chiếu");
        }
        for (const json::value& v : attachments->as_array()) {
            if (!v.is_string() || v.as_string().size() > 200) {
                return base::InvalidArgument(
                    "mỗi tệp đính kèm là một chuỗi tham chiếu ≤ 200 ký tự");
            }
            a.attachments.emplace_back(v.as_string());
        }
    }
    if (base::Status s = r.CheckNoUnknownFields(); !s) {
        return s.error();
    }
    return out;
}

base::Result<app::ReceiveRequest> ReceiveFromJson(app::AppContext& ctx, const Request& req) {
    auto object = ParseObject(req.body);
    if (!object) {
        return std::move(object).error();
    }
    ObjectReader r(*object);
    app::ReceiveRequest out;
    auto procedure = r.String("procedure_code", true, 32);
    auto settling = r.String("settling_unit", true, 32);
    auto receiving = r.String("receiving_unit", false, 32);
    auto channel = r.String("channel", false, 16);
    auto completeness = r.String("completeness", false, 16);
    auto reason = Nfc(r.String("reason", false, 4000));
    for (const auto* s : {&procedure, &settling, &receiving, &channel, &completeness, &reason}) {
        if (!*s) {
            return s->error();
        }
    }
    out.procedure_code = *procedure;
    auto settling_id = UnitId(ctx, *settling, "settling_unit");
    if (!settling_id) {
        return std::move(settling_id).error();
    }
    out.settling_unit_id = *settling_id;
    if (!receiving->empty()) {
        auto id = UnitId(ctx, *receiving, "receiving_unit");
        if (!id) {
            return std::move(id).error();
        }
        out.receiving_unit_id = *id;
    }
    if (!channel->empty()) {
        auto ch = domain::ParseChannel(*channel);
        if (!ch) {
            return std::move(ch).error();
        }
        out.channel = *ch;
    }
    auto c = CompletenessFrom(*completeness);
    if (!c) {
        return std::move(c).error();
    }
    out.completeness = *c;
    out.reason = *reason;
    auto applicant = ApplicantFromJson(r.Raw("applicant"));
    if (!applicant) {
        return std::move(applicant).error();
    }
    out.applicant = std::move(*applicant);
    auto components = ComponentsFromJson(r.Raw("components"));
    if (!components) {
        return std::move(components).error();
    }
    out.components = std::move(*components);
    if (base::Status s = r.CheckNoUnknownFields(); !s) {
        return s.error();
    }
    out.idempotency_key = std::string(req.Header("idempotency-key").value_or(""));
    return out;
}

json::object ProcessJson(const domain::Process& p) {
    json::array steps;
    for (const domain::ProcessStep& s : p.steps) {
        json::array next;
        for (const std::string& n : s.next) {
            next.emplace_back(n);
        }
        steps.push_back(json::object{{"key", s.key},
                                     {"name", s.name},
                                     {"kind", domain::StepKindName(s.kind)},
                                     {"unit", s.unit == domain::StepUnit::kReceiving  ? "receiving"
                                              : s.unit == domain::StepUnit::kSettling ? "settling"
                                                                                      : "named"},
                                     {"unit_code", s.unit_code},
                                     {"role", domain::RoleName(s.role)},
                                     {"days", static_cast<double>(s.share_milli) / 1000.0},
                                     {"share_milli", s.share_milli},
                                     {"next", std::move(next)}});
    }
    return json::object{{"id", p.id},
                        {"procedure_code", p.procedure_code},
                        {"unit_id", p.unit_id ? json::value(*p.unit_id) : nullptr},
                        {"version", p.version},
                        {"note", p.note},
                        {"steps", std::move(steps)}};
}

Response PrintedResponse(const app::Printed& printed) {
    Response r;
    r.status = 200;
    r.content_type = printed.content_type;
    r.body = printed.body;
    r.AddHeader("Content-Disposition", "inline; filename=\"" + printed.filename + "\"");
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

}  // namespace

boost::json::object DossierToJson(const domain::Dossier& d) {
    return DossierJson(d);
}

boost::json::object DossierSummaryToJson(const store::dossiers::Summary& s) {
    return SummaryJson(s);
}

void RegisterDossierRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    router.Add(
        Method::kPost, "/api/v1/dossiers",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto request = ReceiveFromJson(ctx, req);
                      if (!request) {
                          return Problem(request.error());
                      }
                      auto received = app::ReceiveDossier(ctx, actor, std::move(*request));
                      if (!received) {
                          return Problem(received.error());
                      }
                      return WithETag(
                          Json(received->created ? 201 : 200, DossierJson(received->dossier)),
                          received->dossier.version);
                  }),
        {"Tiếp nhận hồ sơ tại bộ phận một cửa (trực tiếp, bưu chính); header Idempotency-Key",
         "session+csrf", R"({"$ref":"#/components/schemas/DossierIntake"})",
         R"({"$ref":"#/components/schemas/Dossier"})"});

    router.Add(Method::kGet, "/api/v1/dossiers",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             app::InboxQuery q;
                             if (auto inbox = req.Query("inbox")) {
                                 auto parsed = app::ParseInbox(*inbox);
                                 if (!parsed) {
                                     return Problem(parsed.error());
                                 }
                                 q.inbox = *parsed;
                             }
                             q.text = std::string(req.Query("q").value_or(""));
                             auto limit = ParseLimit(req);
                             if (!limit) {
                                 return Problem(limit.error());
                             }
                             q.limit = *limit;
                             if (auto before = req.Query("before")) {
                                 auto id = ParseId(*before);
                                 if (!id) {
                                     return Problem(base::InvalidArgument(
                                         "Tham số 'before' phải là mã số hồ sơ dương."));
                                 }
                                 q.before_id = *id;
                             }
                             auto rows = app::ListDossiers(ctx, actor, q);
                             if (!rows) {
                                 return Problem(rows.error());
                             }
                             json::array items;
                             for (const auto& s : *rows) {
                                 items.push_back(SummaryJson(s));
                             }
                             json::object body{{"items", std::move(items)}};
                             if (static_cast<int>(rows->size()) == q.limit && !rows->empty()) {
                                 body["next_before"] = rows->back().id;
                             }
                             return Json(200, body);
                         }),
               {"Danh sách hồ sơ theo hộp (inbox=to_receive|to_transfer|to_process|to_approve|"
                "to_return|supplement|due_soon|overdue|all), q, limit, before",
                "session", "", ""});

    router.Add(Method::kGet, "/api/v1/dossiers/{code}",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto view =
                                 app::GetDossierByCode(ctx, actor, req.path_params.at("code"));
                             if (!view) {
                                 return Problem(view.error());
                             }
                             json::object body = DossierJson(view->dossier);
                             json::array events;
                             for (const auto& e : view->events) {
                                 events.push_back(EventJson(e));
                             }
                             body["events"] = std::move(events);
                             json::array allowed;
                             for (auto k : view->allowed) {
                                 allowed.emplace_back(domain::ActionKindName(k));
                             }
                             body["allowed_actions"] = std::move(allowed);
                             if (view->process) {
                                 body["process"] = ProcessJson(*view->process);
                             }
                             return WithETag(Json(200, body), view->dossier.version);
                         }),
               {"Hồ sơ và dòng thời gian (cán bộ của đơn vị liên quan, người nộp)", "session", "",
                R"({"$ref":"#/components/schemas/Dossier"})"});

    router.Add(Method::kPost, "/api/v1/dossiers/{code}/actions",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             // Only the id: ActOnDossier checks access (the full view with
                             // its timeline and allowed actions would be wasted work here).
                             auto id = app::DossierIdByCode(ctx, req.path_params.at("code"));
                             if (!id) {
                                 return Problem(id.error());
                             }
                             auto request = ActionFromJson(ctx, req);
                             if (!request) {
                                 return Problem(request.error());
                             }
                             auto done = app::ActOnDossier(ctx, actor, *id, std::move(*request));
                             if (!done) {
                                 return Problem(done.error());
                             }
                             return WithETag(Json(200, DossierJson(*done)), done->version);
                         }),
               {"Thao tác trên hồ sơ (action=receive|supplement|transfer|assign|complete_step|"
                "request_supplement|refuse|consult|inter_agency|answer|pause|resume|apologize|stop|"
                "approve|record_result|return_result|withdraw); version hoặc If-Match",
                "session+csrf", R"({"$ref":"#/components/schemas/DossierAction"})",
                R"({"$ref":"#/components/schemas/Dossier"})"});

    router.Add(
        Method::kGet, "/api/v1/dossiers/{code}/forms/{form}",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      const std::string& form = req.path_params.at("form");
                      const auto dot = form.rfind('.');
                      if (dot == std::string::npos) {
                          return Problem(base::NotFound(
                              "Mẫu in có dạng <loại>.pdf hoặc <loại>.html, ví dụ receipt.pdf"));
                      }
                      auto kind = domain::ParseFormKind(form.substr(0, dot));
                      auto format = app::ParsePrintFormat(form.substr(dot + 1));
                      if (!kind || !format) {
                          return Problem(base::NotFound(
                              "Không có mẫu in \"" + form +
                              "\" (receipt, supplement_request, refusal, apology, stop_notice, "
                              "process_control; .pdf hoặc .html)"));
                      }
                      auto printed =
                          app::PrintDossierForm(ctx, actor, req.path_params.at("code"), *kind,
                                                *format, req.PublicOrigin(ctx.public_base_url));
                      if (!printed) {
                          return Problem(printed.error());
                      }
                      return PrintedResponse(*printed);
                  }),
        {"In mẫu phiếu của hồ sơ theo bộ quy tắc của hồ sơ (PDF hoặc HTML)", "session", "", ""});

    router.Add(
        Method::kGet, "/api/v1/registers/{unit}",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto unit = UnitId(ctx, req.path_params.at("unit"), "unit");
                      if (!unit) {
                          return Problem(
                              base::NotFound("Không có đơn vị " + req.path_params.at("unit")));
                      }
                      auto from = ParseDate(req.Query("from").value_or(""), "from");
                      auto to = ParseDate(req.Query("to").value_or(""), "to");
                      auto format = app::ParsePrintFormat(req.Query("format").value_or("xlsx"));
                      if (!from || !to || !format) {
                          return Problem(!from ? from.error() : !to ? to.error() : format.error());
                      }
                      auto printed = app::PrintRegister(ctx, actor, *unit, *from, *to, *format);
                      if (!printed) {
                          return Problem(printed.error());
                      }
                      return PrintedResponse(*printed);
                  }),
        {"Sổ theo dõi hồ sơ của bộ phận một cửa (from, to: YYYY-MM-DD; format=xlsx|pdf|html)",
         "session", "", ""});

    router.Add(
        Method::kGet, "/api/v1/processes/{procedure}",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      if (!actor.SignedIn()) {
                          return Problem(
                              base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."});
                      }
                      std::optional<std::int64_t> unit;
                      if (auto code = req.Query("unit")) {
                          auto id = UnitId(ctx, *code, "unit");
                          if (!id) {
                              return Problem(id.error());
                          }
                          unit = *id;
                      }
                      auto p = app::ProcessFor(ctx, req.path_params.at("procedure"), unit);
                      if (!p) {
                          return Problem(p.error());
                      }
                      return Json(200, ProcessJson(*p));
                  }),
        {"Quy trình nội bộ đang áp dụng cho thủ tục (mặc định nếu chưa có)", "session", "", ""});

    router.Add(Method::kPut, "/api/v1/processes/{procedure}",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto object = ParseObject(req.body);
                             if (!object) {
                                 return Problem(object.error());
                             }
                             ObjectReader r(*object);
                             domain::Process p;
                             p.procedure_code = req.path_params.at("procedure");
                             auto unit = r.String("unit", false, 32);
                             auto note = Nfc(r.String("note", false, 1000));
                             auto version = r.Integer("version", true);
                             if (!unit || !note || !version) {
                                 return Problem(!unit   ? unit.error()
                                                : !note ? note.error()
                                                        : version.error());
                             }
                             if (!unit->empty()) {
                                 auto id = UnitId(ctx, *unit, "unit");
                                 if (!id) {
                                     return Problem(id.error());
                                 }
                                 p.unit_id = *id;
                             }
                             p.note = *note;
                             p.version = version->value_or(0);
                             const json::value* steps = r.Raw("steps");
                             if (steps == nullptr) {
                                 return Problem(base::InvalidArgument("thiếu 'steps'"));
                             }
                             auto decoded = store::dossiers::DecodeSteps(json::serialize(*steps));
                             if (!decoded) {
                                 return Problem(decoded.error());
                             }
                             for (domain::ProcessStep& s : *decoded) {
                                 auto name = text::Nfc(s.name);
                                 if (!name) {
                                     return Problem(name.error());
                                 }
                                 s.name = std::move(*name);
                             }
                             p.steps = std::move(*decoded);
                             if (base::Status s = r.CheckNoUnknownFields(); !s) {
                                 return Problem(s.error());
                             }
                             auto saved = app::SaveProcess(ctx, actor, std::move(p));
                             if (!saved) {
                                 return Problem(saved.error());
                             }
                             return Json(200, ProcessJson(*saved));
                         }),
               {"Lưu phiên bản mới của quy trình nội bộ (kiểm soát TTHC; 'version' hiện tại)",
                "session+csrf", R"({"$ref":"#/components/schemas/Process"})", ""});

    router.Add(
        Method::kGet, "/api/v1/tracking",
        [&ctx](const Request& req) -> Response {
            auto view = app::TrackDossier(ctx, req.Query("code").value_or(""),
                                          req.Query("key").value_or(""), req.remote_ip);
            if (!view) {
                return Problem(view.error());
            }
            json::array steps;
            for (const app::TrackingStep& s : view->steps) {
                steps.push_back(json::object{{"at", calendar::FormatInstant(s.at)},
                                             {"action", s.action},
                                             {"state", s.state},
                                             {"unit", s.unit}});
            }
            Response r = Json(200, json::object{{"code", view->code},
                                                {"procedure_name", view->procedure_name},
                                                {"state", view->state},
                                                {"receiving_unit", view->receiving_unit},
                                                {"settling_unit", view->settling_unit},
                                                {"received_at", Time(view->received_at)},
                                                {"appointment_at", Time(view->appointment_at)},
                                                {"returned_at", Time(view->returned_at)},
                                                {"timing", view->timing},
                                                {"steps", std::move(steps)}});
            r.AddHeader("Cache-Control", "no-store");
            return r;
        },
        {"Tra cứu công khai tình trạng hồ sơ bằng mã hồ sơ (code) và mã tra cứu in trên giấy "
         "tiếp nhận (key); không có thông tin cá nhân; giới hạn số lần sai",
         "public", "", ""});

    // Facts from outside systems (issue #6, docs/indicators.md).
    auto facts_json = [](const store::dossier_facts::Facts& f) {
        return json::object{
            {"synced_at", Time(f.synced_at)},
            {"population_data_at", Time(f.population_data_at)},
            {"pushed_to_store_at", Time(f.pushed_to_store_at)},
            {"updated_at", f.updated_at.time_since_epoch().count() == 0
                               ? json::value(nullptr)
                               : json::value(calendar::FormatInstant(f.updated_at))}};
    };
    router.Add(
        Method::kGet, "/api/v1/dossiers/{code}/facts",
        WithActor(ctx, cache,
                  [&ctx, facts_json](const Request& req, const app::Actor& actor) -> Response {
                      auto id = app::DossierIdByCode(ctx, req.path_params.at("code"));
                      if (!id) {
                          return Problem(id.error());
                      }
                      auto f = app::GetDossierFacts(ctx, actor, *id);
                      if (!f) {
                          return Problem(f.error());
                      }
                      return Json(200, facts_json(*f));
                  }),
        {"Thông tin từ hệ thống ngoài của hồ sơ (đồng bộ Cổng DVC quốc gia, dữ liệu dân cư, "
         "kết quả đẩy vào kho dữ liệu công dân); null = chưa ghi nhận",
         "session", "", ""});
    router.Add(
        Method::kPut, "/api/v1/dossiers/{code}/facts",
        WithActor(
            ctx, cache,
            [&ctx, facts_json](const Request& req, const app::Actor& actor) -> Response {
                auto object = ParseObject(req.body);
                if (!object) {
                    return Problem(object.error());
                }
                ObjectReader r(*object);
                auto synced = r.Boolean("synced_to_portal", false);
                auto population = r.Boolean("population_data", false);
                auto pushed = r.Boolean("result_pushed_to_store", false);
                for (const auto* b : {&synced, &population, &pushed}) {
                    if (!*b) {
                        return Problem(b->error());
                    }
                }
                if (base::Status s = r.CheckNoUnknownFields(); !s) {
                    return Problem(s.error());
                }
                auto id = app::DossierIdByCode(ctx, req.path_params.at("code"));
                if (!id) {
                    return Problem(id.error());
                }
                auto f = app::RecordDossierFacts(ctx, actor, *id, {*synced, *population, *pushed});
                if (!f) {
                    return Problem(f.error());
                }
                return Json(200, facts_json(*f));
            }),
        {"Ghi nhận thông tin từ hệ thống ngoài (tích hợp hoặc cán bộ): true = ghi nhận, false = "
         "bỏ, không gửi = giữ nguyên",
         "session+csrf",
         R"({"type":"object","properties":{"synced_to_portal":{"type":"boolean"},"population_data":{"type":"boolean"},"result_pushed_to_store":{"type":"boolean"}},"additionalProperties":false})",
         ""});
}

}  // namespace motcua::api
