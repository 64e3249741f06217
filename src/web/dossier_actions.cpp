#include "web/dossier_actions.hpp"

#include <algorithm>
#include <array>

#include "calendar/instant.hpp"
#include "text/unicode.hpp"
#include "web/dossier_views.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

using domain::ActionKind;

constexpr int kTaskRows = 3;

bool Uses(ActionKind kind, std::initializer_list<ActionKind> kinds) {
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

// Steps that may follow the dossier's current step, when the officer must choose.
std::vector<const domain::ProcessStep*> Branches(const app::DossierView& view) {
    std::vector<const domain::ProcessStep*> out;
    if (!view.process) {
        return out;
    }
    const auto index = view.process->Find(view.dossier.step_key);
    if (!index) {
        return out;
    }
    const std::vector<size_t> next = view.process->Successors(*index);
    if (next.size() > 1) {
        for (const size_t i : next) {
            out.push_back(&view.process->steps[i]);
        }
    }
    return out;
}

// A field's Data for part_field / part_textarea (id, name, label, value, hint, error, …).
Data Field(const std::string& id, const std::string& name, const std::string& label,
           const std::string& value, bool required, const std::string& hint,
           const FormErrors& errors) {
    Data data;
    data.set("id", id);
    data.set("name", name);
    data.set("label", label);
    data.set("value", value);
    data.set("required", required);
    data.set("type", "text");
    data.set("autocomplete", false);
    const std::string error = errors.For(id);
    data.set("error", OptionalText(error));
    std::string described = hint.empty() ? std::string() : id + "-hint";
    if (!error.empty()) {
        described += (described.empty() ? "" : " ") + id + "-error";
    }
    data.set("hint", OptionalText(hint));
    data.set("describedby", OptionalText(described));
    return data;
}

std::vector<Option> TaskUnitOptions(const std::vector<domain::Unit>& units,
                                    std::int64_t settling_unit_id) {
    std::vector<Option> options = {{"", "— Chọn cơ quan —"}};
    for (const domain::Unit* unit : UnitsInTreeOrder(units)) {
        const bool eligible = unit->type == domain::UnitType::kAgency ||
                              unit->type == domain::UnitType::kCommune ||
                              unit->type == domain::UnitType::kDistrict;
        if (eligible && !unit->valid_to && unit->id != settling_unit_id) {
            options.push_back({unit->code, unit->name});
        }
    }
    return options;
}

Data ActionData(ActionKind kind, const ActionFormInput& input, const FormErrors& errors,
                bool open) {
    const app::DossierView& view = *input.view;
    const domain::Dossier& d = view.dossier;
    const std::string name(domain::ActionKindName(kind));
    const bool kept = input.posted != nullptr && input.posted_action == name;
    const auto posted = [&](std::string_view field, std::string fallback) {
        return kept ? input.posted->Get(field) : std::move(fallback);
    };
    const auto id = [&](std::string_view field) { return name + "-" + std::string(field); };

    Data a;
    a.set("name", name);
    a.set("label", std::string(domain::ActionKindLabel(kind)));
    a.set("open", open || kept);
    a.set("danger", Uses(kind, {ActionKind::kRefuse, ActionKind::kStop, ActionKind::kWithdraw}));

    std::string intro;
    switch (kind) {
        case ActionKind::kTransfer:
            intro = "Chuyển hồ sơ giấy và điện tử đến " +
                    UnitName(*input.units, d.settling_unit_id) +
                    (d.transfer_due_at ? " (hạn chuyển " + FormatDateTime(*d.transfer_due_at) + ")"
                                       : std::string()) +
                    ".";
            break;
        case ActionKind::kSupplement:
            intro = d.state == domain::DossierState::kReturnedForSupplement
                        ? "Người nộp đã bổ sung đủ: hồ sơ trở lại cơ quan giải quyết và thời hạn "
                          "giải quyết được tính lại từ đầu."
                        : "Người nộp đã bổ sung đủ: hồ sơ được tiếp nhận, lập giấy tiếp nhận và "
                          "hẹn trả kết quả.";
            break;
        case ActionKind::kRequestSupplement:
            intro =
                "Trả hồ sơ qua bộ phận một cửa để người nộp bổ sung, hoàn thiện; thời hạn "
                "giải quyết được tính lại từ đầu khi nhận đủ hồ sơ.";
            break;
        case ActionKind::kResume:
            intro = "Tiếp tục giải quyết; thời gian tạm dừng không tính vào thời hạn.";
            break;
        case ActionKind::kApprove:
            intro = "Phê duyệt kết quả giải quyết do công chức chuyên môn đề xuất.";
            break;
        default:
            break;
    }
    a.set("intro", OptionalText(intro));

    const ActionReasonSpec* reason = ActionReason(kind);
    a.set("reason", reason != nullptr ? Field(id("reason"), "reason", std::string(reason->label),
                                              posted("reason", ""), reason->required, "", errors)
                                      : Data(false));
    a.set("result_summary",
          kind == ActionKind::kRecordResult
              ? Field(id("result_summary"), "result_summary", "Số, ngày và trích yếu kết quả",
                      posted("result_summary", ""), true,
                      "Ví dụ: Giấy đăng ký hoạt động số 12/TP-ĐKHĐ ngày 27/11/2026.", errors)
              : Data(false));
    if (kind == ActionKind::kApologize) {
        Data field = Field(id("new_appointment"), "new_appointment", "Ngày, giờ hẹn trả mới",
                           posted("new_appointment", ""), true,
                           d.appointment_at
                               ? "Sau ngày hẹn hiện tại: " + FormatDateTime(*d.appointment_at) + "."
                               : std::string(),
                           errors);
        field.set("type", "datetime-local");
        a.set("appointment", field);
    } else {
        a.set("appointment", false);
    }

    Data next_steps(false);
    if (Uses(kind, {ActionKind::kTransfer, ActionKind::kCompleteStep, ActionKind::kApprove})) {
        const auto branches = Branches(view);
        if (!branches.empty()) {
            DataList list;
            const std::string chosen = posted("next_step", branches.front()->key);
            for (const domain::ProcessStep* step : branches) {
                list.push_back(
                    Choice(id("next-" + step->key), step->key, step->name, step->key == chosen));
            }
            next_steps = Data();
            next_steps.set("items", list);
        }
    }
    a.set("next_steps", next_steps);

    if (kind == ActionKind::kAssign) {
        std::vector<Option> options = {{"", "— Chọn công chức —"}};
        options.insert(options.end(), input.assignees.begin(), input.assignees.end());
        a.set("assignees", SelectData({.name = "assignee",
                                       .label = "Công chức được phân công",
                                       .value = posted("assignee", ""),
                                       .required = true},
                                      options, errors));
        a.set("no_assignees", input.assignees.empty());
    } else {
        a.set("assignees", false);
        a.set("no_assignees", false);
    }

    if (Uses(kind, {ActionKind::kConsult, ActionKind::kInterAgency})) {
        const std::vector<Option> options = TaskUnitOptions(*input.units, d.settling_unit_id);
        const std::vector<std::string> units =
            kept ? input.posted->All("task_unit") : std::vector<std::string>();
        const std::vector<std::string> days =
            kept ? input.posted->All("task_days") : std::vector<std::string>();
        const std::vector<std::string> requests =
            kept ? input.posted->All("task_request") : std::vector<std::string>();
        DataList rows;
        for (size_t i = 0; i < static_cast<size_t>(kTaskRows); ++i) {
            const std::string n = std::to_string(i + 1);
            Data row;
            row.set("n", n);
            row.set("id", id("unit-" + n));
            row.set("days_id", id("days-" + n));
            row.set("request_id", id("request-" + n));
            row.set("days", i < days.size() ? days[i] : std::string());
            row.set("request", i < requests.size() ? requests[i] : std::string());
            std::string row_error = errors.For(id("unit-" + n));
            if (row_error.empty()) {
                row_error = errors.For(id("days-" + n));
            }
            row.set("error", OptionalText(row_error));
            DataList list;
            for (const Option& option : options) {
                Data item;
                item.set("value", option.value);
                item.set("label", option.label);
                item.set("selected", i < units.size() && units[i] == option.value);
                list.push_back(item);
            }
            row.set("options", list);
            rows.push_back(row);
        }
        Data tasks;
        tasks.set("rows", rows);
        tasks.set("parallel", kind == ActionKind::kInterAgency);
        tasks.set("parallel_id", id("parallel"));
        tasks.set("parallel_checked", kept && input.posted->Has("parallel"));
        a.set("tasks", tasks);
    } else {
        a.set("tasks", false);
    }

    if (kind == ActionKind::kAnswer) {
        DataList list;
        const std::string chosen = posted("task", "");
        bool first = true;
        for (size_t i = 0; i < d.tasks.size(); ++i) {
            const domain::Task& t = d.tasks[i];
            if (!t.opened_at || t.answered_at) {
                continue;
            }
            const std::string value = std::to_string(i);
            std::string label =
                "Số " + std::to_string(i + 1) + ": " + UnitName(*input.units, t.unit_id);
            if (t.due_at) {
                label += " (hạn " + FormatDateTime(*t.due_at) + ")";
            }
            list.push_back(Choice(id("task-" + value), value, label,
                                  chosen.empty() ? first : chosen == value));
            first = false;
        }
        Data open_tasks;
        open_tasks.set("items", list);
        open_tasks.set("none", list.empty());
        a.set("open_tasks", open_tasks);
    } else {
        a.set("open_tasks", false);
    }

    if (kind == ActionKind::kReturnResult) {
        DataList list;
        const std::string chosen = posted("return_method", "direct");
        for (const char* method : {"direct", "postal", "online"}) {
            list.push_back(Choice(id(method), method, ReturnMethodLabel(method), chosen == method));
        }
        Data methods;
        methods.set("items", list);
        a.set("return_methods", methods);
    } else {
        a.set("return_methods", false);
    }

    if (kind == ActionKind::kReceive) {
        DataList list;
        const std::string chosen = posted("completeness", "complete");
        list.push_back(Choice(id("complete"), "complete", "Đủ: tiếp nhận, hẹn trả kết quả",
                              chosen == "complete"));
        list.push_back(Choice(id("incomplete"), "incomplete",
                              "Thiếu: lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
                              chosen == "incomplete"));
        list.push_back(Choice(id("refuse"), "refuse", "Không đủ điều kiện: từ chối tiếp nhận",
                              chosen == "refuse"));
        Data completeness;
        completeness.set("items", list);
        a.set("completeness", completeness);
    } else {
        a.set("completeness", false);
    }

    // Components to tick: provided ones (receive), missing ones (supplement), or those to
    // report missing (request after appraisal).
    Data components(false);
    if (Uses(kind,
             {ActionKind::kReceive, ActionKind::kSupplement, ActionKind::kRequestSupplement})) {
        const std::vector<std::string> ticked =
            kept ? input.posted->All("component") : std::vector<std::string>();
        DataList items;
        for (size_t i = 0; i < d.components.size(); ++i) {
            const domain::Component& c = d.components[i];
            if (kind == ActionKind::kSupplement && c.provided) {
                continue;
            }
            const std::string value = std::to_string(i + 1);
            const bool by_default = kind == ActionKind::kReceive      ? c.provided
                                    : kind == ActionKind::kSupplement ? true
                                                                      : false;
            const bool checked =
                kept ? std::find(ticked.begin(), ticked.end(), value) != ticked.end() : by_default;
            items.push_back(Choice(id("component-" + value), value, c.name, checked));
        }
        if (!items.empty()) {
            components = Data();
            components.set("legend", kind == ActionKind::kReceive ? "Thành phần đã nộp"
                                     : kind == ActionKind::kSupplement
                                         ? "Thành phần đã bổ sung"
                                         : "Thành phần còn thiếu hoặc cần hoàn thiện");
            components.set("items", items);
        }
    }
    a.set("components", components);
    return a;
}

}  // namespace

std::optional<ActionKind> PrimaryAction(const app::DossierView& view,
                                        const std::vector<ActionKind>& allowed) {
    using S = domain::DossierState;
    std::vector<ActionKind> wanted;
    switch (view.dossier.state) {
        case S::kSubmitted:
            wanted = {ActionKind::kReceive};
            break;
        case S::kAwaitingSupplement:
        case S::kReturnedForSupplement:
            wanted = {ActionKind::kSupplement};
            break;
        case S::kReceived:
            wanted = {ActionKind::kTransfer};
            break;
        case S::kProcessing:
            wanted = {ActionKind::kApprove, ActionKind::kCompleteStep};
            break;
        case S::kPaused:
            wanted = {ActionKind::kResume};
            break;
        case S::kApproved:
            wanted = {ActionKind::kRecordResult};
            break;
        case S::kResultReady:
            wanted = {ActionKind::kReturnResult};
            break;
        default:
            break;
    }
    // At an approval step the leader approves; elsewhere the step is completed.
    if (view.dossier.state == S::kProcessing && view.process) {
        const auto index = view.process->Find(view.dossier.step_key);
        const bool approval =
            index && view.process->steps[*index].kind == domain::StepKind::kApprove;
        wanted = {approval ? ActionKind::kApprove : ActionKind::kCompleteStep};
    }
    for (const ActionKind kind : wanted) {
        if (std::find(allowed.begin(), allowed.end(), kind) != allowed.end()) {
            return kind;
        }
    }
    return std::nullopt;
}

Data ActionFormsData(const std::vector<ActionKind>& allowed, const ActionFormInput& input,
                     const FormErrors& errors) {
    const auto primary = PrimaryAction(*input.view, allowed);
    DataList list;
    // The primary action first, then the others in the machine's order.
    if (primary) {
        list.push_back(ActionData(*primary, input, errors, true));
    }
    const std::vector<domain::Task>& tasks = input.view->dossier.tasks;
    const bool open_task = std::any_of(tasks.begin(), tasks.end(), [](const domain::Task& t) {
        return t.opened_at.has_value() && !t.answered_at;
    });
    for (const ActionKind kind : allowed) {
        // The use case offers an answer whenever the caller's unit might answer; without an open
        // task there is nothing to answer.
        if (kind == ActionKind::kAnswer && !open_task) {
            continue;
        }
        if (kind != primary) {
            list.push_back(ActionData(kind, input, errors, false));
        }
    }
    return {list};
}

}  // namespace motcua::web
