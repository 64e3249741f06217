#include "dossier_commands.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "base/error_code.hpp"
#include "calendar/instant.hpp"

namespace motcua::scenario {

namespace {

using domain::ActionKind;

constexpr std::array<std::pair<std::string_view, ActionKind>, 21> kActions{{
    {"submit", ActionKind::kSubmit},
    {"receive", ActionKind::kReceive},
    {"supplement", ActionKind::kSupplement},
    {"transfer", ActionKind::kTransfer},
    {"assign", ActionKind::kAssign},
    {"complete-step", ActionKind::kCompleteStep},
    {"request-supplement", ActionKind::kRequestSupplement},
    {"refuse", ActionKind::kRefuse},
    {"consult", ActionKind::kConsult},
    {"inter-agency", ActionKind::kInterAgency},
    {"answer", ActionKind::kAnswer},
    {"pause", ActionKind::kPause},
    {"resume", ActionKind::kResume},
    {"apologize", ActionKind::kApologize},
    {"stop", ActionKind::kStop},
    {"approve", ActionKind::kApprove},
    {"record-result", ActionKind::kRecordResult},
    {"return", ActionKind::kReturnResult},
    {"withdraw", ActionKind::kWithdraw},
    {"warn", ActionKind::kWarn},
    {"mark-late", ActionKind::kMarkLate},
}};

// The words after `=> error` name the error code.
constexpr std::array<std::pair<std::string_view, base::ErrorCode>, 5> kErrorWords{{
    {"illegal", base::ErrorCode::kFailedPrecondition},
    {"invalid", base::ErrorCode::kInvalidArgument},
    {"denied", base::ErrorCode::kPermissionDenied},
    {"not-found", base::ErrorCode::kNotFound},
    {"internal", base::ErrorCode::kInternal},
}};

std::string ErrorWord(base::ErrorCode code) {
    for (const auto& [word, c] : kErrorWords) {
        if (c == code) {
            return std::string(word);
        }
    }
    return std::string(base::ErrorCodeName(code));
}

std::string Join(const std::vector<std::string>& words, size_t from) {
    std::string out;
    for (size_t i = from; i < words.size(); ++i) {
        out += (out.empty() ? "" : " ") + words[i];
    }
    return out;
}

// An expected instant in the form the runner shows actual ones; other text unchanged.
std::string Normalised(const std::string& text) {
    const auto t = calendar::ParseInstant(text);
    return t ? calendar::FormatInstant(*t) : text;
}

std::optional<domain::Role> StepRole(const std::string& word) {
    if (word == "desk") {
        return domain::Role::kDeskOfficer;
    }
    if (word == "controller") {
        return domain::Role::kControlOfficer;
    }
    auto role = domain::ParseRole(Underscored(word));
    return role ? std::optional<domain::Role>(*role) : std::nullopt;
}

std::string_view PaperName(domain::Paper paper) {
    switch (paper) {
        case domain::Paper::kA4:
            return "A4";
        case domain::Paper::kA5:
            return "A5";
        case domain::Paper::kA4Landscape:
            return "A4-landscape";
    }
    return "?";
}

}  // namespace

DossierScenario::DossierScenario(Report& report, CalendarSource calendar)
    : report_(report), calendar_(std::move(calendar)) {}

bool DossierScenario::Execute(const Line& line) {
    if (line.command == "procedure") {
        Procedure(line);
    } else if (line.command == "process") {
        ProcessLine(line);
    } else if (line.command == "step") {
        Step(line);
    } else if (line.command == "dossier") {
        StartDossier(line);
    } else if (line.command == "expect") {
        Expect(line);
    } else {
        for (const auto& [name, kind] : kActions) {
            if (line.command == name) {
                Act(line, kind);
                return true;
            }
        }
        return false;
    }
    return true;
}

void DossierScenario::Procedure(const Line& line) {
    if (line.positional.size() != 1 || !domain::IsProcedureCode(line.positional[0])) {
        report_.Fail("usage: procedure <code> days=N|hours=N|calendar-days=N|months=N");
        return;
    }
    domain::Procedure p;
    p.code = line.positional[0];
    p.name = line.Get("name").value_or("Thủ tục " + p.code);
    int units = 0;
    for (const auto& [key, unit] : {std::pair{"days", domain::TimeUnit::kWorkingDays},
                                    std::pair{"hours", domain::TimeUnit::kHours},
                                    std::pair{"calendar-days", domain::TimeUnit::kDays},
                                    std::pair{"months", domain::TimeUnit::kMonths}}) {
        if (auto text = line.Get(key)) {
            const auto milli = ParseMilli(*text);
            if (!milli) {
                report_.Fail("procedure: '" + *text + "' is not a number with ≤ 3 decimals");
                return;
            }
            p.processing_milli = *milli;
            p.time_unit = unit;
            ++units;
        }
    }
    if (units != 1) {
        report_.Fail("procedure: give exactly one of days=, hours=, calendar-days=, months=");
        return;
    }
    procedure_ = std::move(p);
}

void DossierScenario::ProcessLine(const Line& line) {
    if (line.positional.empty()) {
        mode_ = ProcessMode::kDeclared;
        declared_.clear();
    } else if (line.positional.size() == 1 && line.positional[0] == "default") {
        mode_ = ProcessMode::kDefault;
    } else if (line.positional.size() == 1 && line.positional[0] == "none") {
        mode_ = ProcessMode::kNone;
    } else {
        report_.Fail("usage: process default|none, or `process` followed by `step` lines");
    }
}

void DossierScenario::Step(const Line& line) {
    if (mode_ != ProcessMode::kDeclared || line.positional.size() != 5) {
        report_.Fail("usage: after `process`: step <key> <kind> <unit> <role> <share> [next=a,b]");
        return;
    }
    domain::ProcessStep step;
    step.key = line.positional[0];
    step.name = line.Get("name").value_or("Bước " + step.key);
    auto kind = domain::ParseStepKind(Underscored(line.positional[1]));
    auto role = StepRole(line.positional[3]);
    auto share = ParseMilli(line.positional[4]);
    if (!kind || !role || !share) {
        report_.Fail("step: unknown kind, role or share");
        return;
    }
    step.kind = *kind;
    step.role = *role;
    step.share_milli = *share;
    const std::string& unit = line.positional[2];
    if (unit == "receiving") {
        step.unit = domain::StepUnit::kReceiving;
    } else if (unit == "settling") {
        step.unit = domain::StepUnit::kSettling;
    } else {
        step.unit = domain::StepUnit::kNamed;
        step.unit_code = unit;
        Unit(unit);
    }
    if (auto next = line.Get("next")) {
        step.next = SplitList(*next, ',');
    }
    declared_.push_back(std::move(step));
}

void DossierScenario::StartDossier(const Line& line) {
    dossier_.reset();
    draft_.reset();
    process_.reset();
    last_event_.reset();
    if (!procedure_) {
        report_.Fail("dossier: declare the `procedure` first");
        return;
    }
    domain::Dossier d;
    auto channel = domain::ParseChannel(line.Get("channel").value_or("direct"));
    if (!channel) {
        report_.Fail(channel.error().message);
        return;
    }
    d.channel = *channel;
    d.receiving_unit_id = Unit(line.Get("received-by").value_or("desk"));
    d.settling_unit_id = Unit(line.Get("settled-by").value_or("agency"));
    d.current_unit_id = d.receiving_unit_id;
    d.boundary_free = line.Has("boundary-free");
    d.procedure_code = procedure_->code;
    d.procedure_name = procedure_->name;
    d.processing_milli = procedure_->processing_milli;
    d.time_unit = static_cast<int>(procedure_->time_unit);
    d.applicant.name = line.Get("applicant").value_or("Nguyễn Văn An");
    d.applicant.id_number = "001090001234";
    d.applicant.phone = "0912345678";
    for (const std::string& name : SplitList(line.Get("components").value_or("Tờ khai theo mẫu"))) {
        domain::Component c;
        c.name = name;
        c.originals = 1;
        d.components.push_back(std::move(c));
    }
    if (mode_ != ProcessMode::kNone) {
        domain::Process p;
        if (mode_ == ProcessMode::kDefault) {
            p = domain::DefaultProcess(*procedure_);
        } else {
            p.procedure_code = procedure_->code;
            p.version = 1;
            p.steps = declared_;
        }
        p.id = 1;
        if (base::Status s = domain::ValidateProcess(p, *procedure_); !s) {
            report_.Fail("process: " + s.error().message);
            return;
        }
        d.process_id = p.id;
        process_ = std::move(p);
    }
    draft_ = std::move(d);
}

std::optional<std::chrono::sys_seconds> DossierScenario::Instant(const std::string& text) {
    const auto t = calendar::ParseInstant(text);
    if (!t) {
        report_.Fail(t.error().message);
        return std::nullopt;
    }
    return *t;
}

std::int64_t DossierScenario::Unit(const std::string& name) {
    auto [it, inserted] = units_.emplace(name, static_cast<std::int64_t>(units_.size()) + 1);
    return it->second;
}

std::string DossierScenario::UnitName(std::int64_t id) const {
    for (const auto& [name, unit] : units_) {
        if (unit == id) {
            return name;
        }
    }
    return std::to_string(id);
}

std::optional<std::vector<domain::TaskRequest>> DossierScenario::Tasks(const Line& line,
                                                                       size_t first) {
    std::vector<domain::TaskRequest> tasks;
    for (size_t i = first; i < line.positional.size(); ++i) {
        const std::string& word = line.positional[i];
        const size_t colon = word.find(':');
        const auto milli = colon == std::string::npos
                               ? std::nullopt
                               : ParseMilli(std::string_view(word).substr(colon + 1));
        if (!milli) {
            report_.Fail("write each agency as <unit>:<working days>, e.g. thue:2");
            return std::nullopt;
        }
        domain::TaskRequest t;
        t.unit_id = Unit(word.substr(0, colon));
        t.milli_days = *milli;
        t.request = line.Get("request").value_or("");
        tasks.push_back(std::move(t));
    }
    return tasks;
}

std::optional<domain::Action> DossierScenario::BuildAction(const Line& line,
                                                           domain::ActionKind kind) {
    if (line.positional.empty()) {
        report_.Fail("usage: " + line.command + " <instant> ...");
        return std::nullopt;
    }
    const auto at = Instant(line.positional[0]);
    if (!at) {
        return std::nullopt;
    }
    domain::Action a;
    a.kind = kind;
    a.at = *at;
    a.actor_name = "Cán bộ thử nghiệm";
    a.reason = line.Get("reason").value_or("");
    a.next_step = line.Get("next").value_or("");
    const domain::Dossier& d = dossier_ ? *dossier_ : *draft_;
    const auto missing = SplitList(line.Get("missing").value_or(""));
    const auto is_missing = [&](const std::string& name) {
        return std::find(missing.begin(), missing.end(), name) != missing.end();
    };
    switch (kind) {
        case ActionKind::kReceive: {
            const std::string how = line.positional.size() > 1 ? line.positional[1] : "complete";
            if (how == "incomplete") {
                a.completeness = domain::Completeness::kIncomplete;
                a.components = d.components;
                for (domain::Component& c : a.components) {
                    c.provided = !is_missing(c.name) && c.provided;
                }
                for (const std::string& name : missing) {
                    if (std::none_of(a.components.begin(), a.components.end(),
                                     [&](const domain::Component& c) { return c.name == name; })) {
                        domain::Component c;
                        c.name = name;
                        c.provided = false;
                        a.components.push_back(std::move(c));
                    }
                }
            } else if (how == "refuse") {
                a.completeness = domain::Completeness::kRefuse;
            } else if (how != "complete") {
                report_.Fail("usage: receive <instant> complete|incomplete|refuse");
                return std::nullopt;
            }
            break;
        }
        case ActionKind::kSupplement:
            // The applicant brings every missing component except those still `missing=`.
            for (const domain::Component& c : d.components) {
                if (!c.provided) {
                    domain::Component given = c;
                    given.provided = !is_missing(c.name);
                    a.components.push_back(std::move(given));
                }
            }
            break;
        case ActionKind::kRequestSupplement:
            for (const std::string& name : missing) {
                domain::Component c;
                c.name = name;
                a.components.push_back(std::move(c));
            }
            break;
        case ActionKind::kAssign:
            if (auto to = line.Get("to"); to && ParseMilli(*to)) {
                a.assignee_id = *ParseMilli(*to) / 1000;
            }
            break;
        case ActionKind::kConsult:
        case ActionKind::kInterAgency: {
            size_t first = 1;
            if (kind == ActionKind::kInterAgency) {
                const std::string mode = line.positional.size() > 1 ? line.positional[1] : "";
                if (mode != "sequential" && mode != "parallel") {
                    report_.Fail(
                        "usage: inter-agency <instant> sequential|parallel <unit>:<days>...");
                    return std::nullopt;
                }
                a.parallel = mode == "parallel";
                first = 2;
            }
            auto tasks = Tasks(line, first);
            if (!tasks) {
                return std::nullopt;
            }
            a.tasks = std::move(*tasks);
            break;
        }
        case ActionKind::kAnswer: {
            const auto n =
                line.positional.size() > 1 ? ParseMilli(line.positional[1]) : std::nullopt;
            if (!n || *n % 1000 != 0 || *n == 0) {
                report_.Fail("usage: answer <instant> <task number, from 1> [by=<unit>]");
                return std::nullopt;
            }
            a.task_index = static_cast<int>(*n / 1000) - 1;
            if (auto by = line.Get("by")) {
                a.actor_unit_id = Unit(*by);
            }
            a.reason = line.Get("answer").value_or("Đã có ý kiến");
            break;
        }
        case ActionKind::kApologize:
            if (auto when = line.Get("new")) {
                a.new_appointment = Instant(*when);
                if (!a.new_appointment) {
                    return std::nullopt;
                }
            }
            break;
        case ActionKind::kRecordResult:
            a.result_summary = Join(line.positional, 1);
            break;
        case ActionKind::kReturnResult:
            a.return_method = line.Get("by").value_or("");
            break;
        default:
            break;
    }
    return a;
}

void DossierScenario::Act(const Line& line, domain::ActionKind kind) {
    if (!draft_) {
        report_.Fail(line.command + ": no dossier (write a `dossier` line first)");
        return;
    }
    auto action = BuildAction(line, kind);
    const calendar::WorkingCalendar* calendar = calendar_();
    if (!action || calendar == nullptr) {
        return;
    }
    domain::Dossier input = dossier_ ? *dossier_ : *draft_;
    // The dossier keeps the rule set in force on the day it is received (REGULATIONS.md §0).
    // (The app does this; no rule set in force is an error of the action, e.g. before 2018.)
    auto rules =
        input.rule_set_id.empty() ? book_->InForceAt(action->at) : book_->Find(input.rule_set_id);
    if (!rules) {
        Judge(line, std::move(rules).error());
        return;
    }
    if (input.rule_set_id.empty() && kind == ActionKind::kReceive) {
        input.rule_set_id = (*rules)->id;
    }
    domain::ActionContext context;
    context.rules = *rules;
    context.calendar = calendar;
    context.process = process_ ? &*process_ : nullptr;
    context.resolve_unit = [this](std::string_view code) -> std::optional<std::int64_t> {
        auto it = units_.find(std::string(code));
        return it == units_.end() ? std::nullopt : std::optional<std::int64_t>(it->second);
    };
    Judge(line, dossier_ ? domain::Apply(input, *action, context)
                         : domain::Open(std::move(input), *action, context));
}

void DossierScenario::Judge(const Line& line, base::Result<domain::Transition> result) {
    if (!line.has_expectation) {
        if (!result) {
            report_.Fail(line.command + " failed: " + ErrorWord(result.error().code) + ": " +
                         result.error().message);
            return;
        }
        dossier_ = std::move(result->dossier);
        last_event_ = std::move(result->event);
        return;
    }
    // `=> error [code] [fragment]`: the action must fail, and the dossier stays as it was.
    const auto& want = line.expected;
    if (want.empty() || want[0] != "error") {
        report_.Fail("after => write: error [illegal|invalid|denied|not-found] [\"fragment\"]");
        return;
    }
    std::optional<base::ErrorCode> code;
    size_t fragment_from = 1;
    if (want.size() > 1) {
        for (const auto& [word, c] : kErrorWords) {
            if (want[1] == word) {
                code = c;
                fragment_from = 2;
            }
        }
    }
    const std::string fragment = Join(want, fragment_from);
    const std::string expected = "error" + (code ? " " + ErrorWord(*code) : std::string()) +
                                 (fragment.empty() ? "" : " \"" + fragment + "\"");
    if (result) {
        report_.Fail("expected " + expected + ", got success (state " +
                     std::string(domain::DossierStateName(result->dossier.state)) + ")");
        return;
    }
    const base::Error& error = result.error();
    if ((code && error.code != *code) || error.message.find(fragment) == std::string::npos) {
        report_.Fail("expected " + expected + ", got error " + ErrorWord(error.code) + " \"" +
                     error.message + "\"");
        return;
    }
    report_.Pass();
}

void DossierScenario::CheckValue(const std::string& subject, const std::string& expected,
                                 const std::string& actual) {
    report_.Check(subject + " " + Normalised(expected), subject + " " + actual);
}

void DossierScenario::Expect(const Line& line) {
    if (line.positional.empty()) {
        report_.Fail("usage: expect <what> <value>");
        return;
    }
    const std::string& what = line.positional[0];
    const std::string value = Join(line.positional, 1);
    if (what == "form") {
        ExpectForm(line);
        return;
    }
    if (what == "process") {
        if (!procedure_ || mode_ != ProcessMode::kDeclared) {
            report_.Fail("expect process: declare a procedure and a process first");
            return;
        }
        domain::Process p;
        p.procedure_code = procedure_->code;
        p.steps = declared_;
        const base::Status s = domain::ValidateProcess(p, *procedure_);
        const std::string want = line.positional.size() > 1 ? line.positional[1] : "";
        const std::string fragment = Join(line.positional, 2);
        if (want == "ok") {
            report_.Check("process ok", s ? "process ok" : "process invalid: " + s.error().message);
        } else if (want == "invalid" && !s &&
                   s.error().message.find(fragment) != std::string::npos) {
            report_.Pass();
        } else {
            report_.Fail("expected process " + value + ", got " +
                         (s ? std::string("ok") : "invalid \"" + s.error().message + "\""));
        }
        return;
    }
    if (!dossier_) {
        report_.Fail("expect " + what + ": no dossier has been opened");
        return;
    }
    const domain::Dossier& d = *dossier_;
    if (what == "state") {
        CheckValue(what, Underscored(value), std::string(domain::DossierStateName(d.state)));
    } else if (what == "rule-set") {
        CheckValue(what, value, d.rule_set_id.empty() ? "none" : d.rule_set_id);
    } else if (what == "received") {
        CheckValue(what, value, Show(d.received_at));
    } else if (what == "clock-start") {
        CheckValue(what, value, Show(d.clock_start));
    } else if (what == "due") {
        CheckValue(what, value, Show(d.due_at));
    } else if (what == "appointment") {
        CheckValue(what, value, Show(d.appointment_at));
    } else if (what == "transfer-due") {
        CheckValue(what, value, Show(d.transfer_due_at));
    } else if (what == "finished") {
        CheckValue(what, value, Show(d.finished_at));
    } else if (what == "timing") {
        CheckValue(what, Underscored(value), std::string(domain::TimingName(d.timing)));
    } else if (what == "late") {
        CheckValue(what, value, d.late ? "yes" : "no");
    } else if (what == "unit") {
        CheckValue(what, value, UnitName(d.current_unit_id));
    } else if (what == "new-appointments") {
        CheckValue(what, value, std::to_string(d.new_appointments));
    } else if (what == "return-method") {
        CheckValue(what, value, d.return_method.empty() ? "none" : d.return_method);
    } else if (what == "step") {
        CheckValue(what, line.positional.size() > 1 ? line.positional[1] : "",
                   d.step_key.empty() ? "none" : d.step_key);
        if (auto due = line.Get("due")) {
            CheckValue("step due", *due, Show(d.step_due_at));
        }
    } else if (what == "supplements") {
        if (auto n = line.Get("at-receipt")) {
            CheckValue("supplements at receipt", *n, std::to_string(d.supplements_at_receipt));
        }
        if (auto n = line.Get("after-appraisal")) {
            CheckValue("supplements after appraisal", *n,
                       std::to_string(d.returns_after_appraisal));
        }
    } else if (what == "result") {
        CheckValue(what, line.positional.size() > 1 ? line.positional[1] : "",
                   d.result_kind.empty() ? "none" : d.result_kind);
        if (line.positional.size() > 2) {
            CheckValue("result summary", Join(line.positional, 2), d.result_summary);
        }
    } else if (what == "task") {
        ExpectTask(line);
    } else if (what == "event") {
        if (!last_event_ || line.positional.size() < 2) {
            report_.Fail("usage: expect event <detail> <value>, after a successful action");
            return;
        }
        const std::string& name = line.positional[1];
        std::string actual = last_event_->Detail(name);
        if (actual.empty()) {
            actual = "none";
        } else if (name.size() > 5 && name.ends_with("_unit")) {
            actual = UnitName(std::stoll(actual));
        }
        CheckValue("event " + name, Join(line.positional, 2), actual);
    } else {
        report_.Fail("unknown expectation '" + what + "'");
    }
}

void DossierScenario::ExpectTask(const Line& line) {
    const auto n = line.positional.size() > 2 ? ParseMilli(line.positional[1]) : std::nullopt;
    if (!n || *n % 1000 != 0 || *n == 0) {
        report_.Fail("usage: expect task <number> open|waiting|answered [due=<instant>]");
        return;
    }
    const auto index = static_cast<size_t>(*n / 1000 - 1);
    const std::string subject = "task " + std::to_string(index + 1);
    if (index >= dossier_->tasks.size()) {
        report_.Check(subject + " " + line.positional[2], subject + " none");
        return;
    }
    const domain::Task& t = dossier_->tasks[index];
    const std::string status = t.answered_at ? "answered" : t.opened_at ? "open" : "waiting";
    CheckValue(subject, line.positional[2], status);
    if (auto due = line.Get("due")) {
        CheckValue(subject + " due", *due, Show(t.due_at));
    }
    if (auto unit = line.Get("unit")) {
        CheckValue(subject + " unit", *unit, UnitName(t.unit_id));
    }
}

void DossierScenario::ExpectForm(const Line& line) {
    const std::string id = dossier_ && !dossier_->rule_set_id.empty() ? dossier_->rule_set_id
                           : draft_                                   ? draft_->rule_set_id
                                                                      : "";
    auto rules = book_->Find(id);
    auto kind = line.positional.size() > 1
                    ? domain::ParseFormKind(Underscored(line.positional[1]))
                    : base::Result<domain::FormKind>(base::InvalidArgument("no form kind"));
    if (!rules || !kind) {
        report_.Fail(
            "usage: expect form <kind> none|number=NN [title=\"...\"] [paper=A4], for a "
            "received dossier");
        return;
    }
    const std::string subject = "form " + line.positional[1];
    const domain::FormSpec* form = (*rules)->Form(*kind);
    if (line.Has("none")) {
        report_.Check(subject + " none",
                      form == nullptr ? subject + " none" : subject + " number=" + form->number);
        return;
    }
    if (form == nullptr) {
        report_.Fail("expected " + subject + " to exist under " + id + ", got none");
        return;
    }
    if (auto number = line.Get("number")) {
        CheckValue(subject + " number", *number, form->number);
    }
    if (auto title = line.Get("title")) {
        CheckValue(subject + " title", *title, form->title);
    }
    if (auto paper = line.Get("paper")) {
        CheckValue(subject + " paper", *paper, std::string(PaperName(form->paper)));
    }
}

}  // namespace motcua::scenario
