// Decoding a posted action form of the dossier page (dossier_actions.hpp).
#include <algorithm>
#include <array>

#include "calendar/instant.hpp"
#include "text/unicode.hpp"
#include "web/dossier_actions.hpp"
#include "web/dossier_views.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

using domain::ActionKind;

constexpr size_t kMaxReason = 4000;

constexpr std::array<ActionReasonSpec, 13> kReasons{{
    {ActionKind::kReceive, "Lý do (khi yêu cầu bổ sung hoặc từ chối)", false, ""},
    {ActionKind::kSupplement, "Ghi chú", false, ""},
    {ActionKind::kCompleteStep, "Ý kiến, kết quả xử lý", false, ""},
    {ActionKind::kRequestSupplement, "Nội dung cần bổ sung, hoàn thiện", true,
     "Nhập nội dung cần bổ sung, hoàn thiện."},
    {ActionKind::kRefuse, "Lý do từ chối", true, "Nhập lý do từ chối."},
    {ActionKind::kAnswer, "Nội dung trả lời", true, "Nhập nội dung trả lời."},
    {ActionKind::kPause, "Lý do tạm dừng", true, "Nhập lý do tạm dừng."},
    {ActionKind::kApologize, "Lý do chậm trả kết quả", true, "Nhập lý do chậm trả kết quả."},
    {ActionKind::kStop, "Đề nghị dừng giải quyết của người nộp", true,
     "Nhập đề nghị dừng giải quyết của người nộp."},
    {ActionKind::kApprove, "Ý kiến phê duyệt", false, ""},
    {ActionKind::kWithdraw, "Lý do rút hồ sơ", false, ""},
    {ActionKind::kConsult, "Ghi chú", false, ""},
    {ActionKind::kInterAgency, "Ghi chú", false, ""},
}};

std::string Trimmed(const Form& form, std::string_view name) {
    return text::TrimAndCollapseSpaces(form.Get(name));
}

}  // namespace

const ActionReasonSpec* ActionReason(ActionKind kind) {
    for (const ActionReasonSpec& spec : kReasons) {
        if (spec.kind == kind) {
            return &spec;
        }
    }
    return nullptr;
}

std::optional<app::ActionRequest> ParseActionForm(const Form& form, const app::DossierView& view,
                                                  const std::vector<domain::Unit>& units,
                                                  FormErrors& errors) {
    const domain::Dossier& d = view.dossier;
    auto kind = domain::ParseActionKind(form.Get("action"));
    if (!kind) {
        errors.Add("", "Thao tác không hợp lệ. Hãy tải lại trang.");
        return std::nullopt;
    }
    const std::string name(domain::ActionKindName(*kind));
    const auto id = [&](std::string_view field) { return name + "-" + std::string(field); };
    app::ActionRequest request;
    domain::Action& a = request.action;
    a.kind = *kind;
    if (const auto version = ParsePositive(form.Get("version"))) {
        request.expected_version = *version;
    } else {
        errors.Add("", "Biểu mẫu thiếu phiên bản của hồ sơ. Hãy tải lại trang.");
    }
    if (const ActionReasonSpec* spec = ActionReason(*kind)) {
        a.reason = Trimmed(form, "reason");
        if (spec->required && a.reason.empty()) {
            errors.Add(id("reason"), std::string(spec->missing));
        } else if (text::CodePointCount(a.reason) > kMaxReason) {
            errors.Add(id("reason"), "Nội dung tối đa 4.000 ký tự.");
        }
    }
    const std::vector<std::string> ticked = form.All("component");
    const auto is_ticked = [&](size_t i) {
        return std::find(ticked.begin(), ticked.end(), std::to_string(i + 1)) != ticked.end();
    };
    switch (*kind) {
        case ActionKind::kReceive: {
            const std::string completeness = form.Get("completeness");
            a.completeness = completeness == "incomplete" ? domain::Completeness::kIncomplete
                             : completeness == "refuse"   ? domain::Completeness::kRefuse
                                                          : domain::Completeness::kComplete;
            a.components = d.components;
            for (size_t i = 0; i < a.components.size(); ++i) {
                a.components[i].provided = is_ticked(i);
            }
            if (a.completeness == domain::Completeness::kRefuse && a.reason.empty()) {
                errors.Add(id("reason"), "Nhập lý do từ chối tiếp nhận.");
            }
            break;
        }
        case ActionKind::kSupplement:
            for (size_t i = 0; i < d.components.size(); ++i) {
                if (!d.components[i].provided && is_ticked(i)) {
                    domain::Component c = d.components[i];
                    c.provided = true;
                    a.components.push_back(std::move(c));
                }
            }
            break;
        case ActionKind::kRequestSupplement:
            for (size_t i = 0; i < d.components.size(); ++i) {
                if (is_ticked(i)) {
                    a.components.push_back(d.components[i]);
                }
            }
            break;
        case ActionKind::kTransfer:
        case ActionKind::kCompleteStep:
        case ActionKind::kApprove:
            a.next_step = form.Get("next_step");
            break;
        case ActionKind::kAssign:
            if (const auto assignee = ParsePositive(form.Get("assignee"))) {
                a.assignee_id = *assignee;
            } else {
                errors.Add("assignee", "Chọn công chức được phân công.");
            }
            break;
        case ActionKind::kConsult:
        case ActionKind::kInterAgency: {
            const std::vector<std::string> codes = form.All("task_unit");
            const std::vector<std::string> days = form.All("task_days");
            const std::vector<std::string> requests = form.All("task_request");
            for (size_t i = 0; i < codes.size(); ++i) {
                if (codes[i].empty()) {
                    continue;
                }
                const std::string row = std::to_string(i + 1);
                const domain::Unit* unit = FindUnitByCode(units, codes[i]);
                const auto milli = i < days.size()
                                       ? ParseMilli(text::TrimAndCollapseSpaces(days[i]))
                                       : std::nullopt;
                if (unit == nullptr) {
                    errors.Add(id("unit-" + row), "Cơ quan dòng " + row + " không tồn tại.");
                } else if (!milli || *milli <= 0 || *milli > 365000) {
                    errors.Add(id("days-" + row), "Nhập số ngày làm việc của cơ quan dòng " + row +
                                                      " (lớn hơn 0, ví dụ 2 hoặc 1,5).");
                } else {
                    a.tasks.push_back(domain::TaskRequest{
                        unit->id, *milli,
                        i < requests.size() ? text::TrimAndCollapseSpaces(requests[i])
                                            : std::string()});
                }
            }
            if (a.tasks.empty() && errors.Empty()) {
                errors.Add(id("unit-1"), "Chọn ít nhất một cơ quan và số ngày làm việc.");
            }
            a.parallel = form.Has("parallel");
            break;
        }
        case ActionKind::kAnswer: {
            if (const auto index = ParseIndex(form.Get("task"))) {
                a.task_index = *index;
            } else {
                errors.Add(id("task"), "Chọn phần việc cần trả lời.");
            }
            break;
        }
        case ActionKind::kApologize: {
            const std::string value = form.Get("new_appointment");
            auto at = calendar::ParseInstant(value);
            if (value.empty() || !at) {
                errors.Add(id("new_appointment"), "Nhập ngày, giờ hẹn trả mới.");
            } else {
                a.new_appointment = *at;
            }
            break;
        }
        case ActionKind::kRecordResult:
            a.result_summary = Trimmed(form, "result_summary");
            if (a.result_summary.empty()) {
                errors.Add(id("result_summary"), "Nhập số, ngày và trích yếu kết quả.");
            } else if (text::CodePointCount(a.result_summary) > 2000) {
                errors.Add(id("result_summary"), "Nội dung tối đa 2.000 ký tự.");
            }
            break;
        case ActionKind::kReturnResult: {
            a.return_method = form.Get("return_method");
            if (a.return_method != "direct" && a.return_method != "postal" &&
                a.return_method != "online") {
                errors.Add(id("direct"), "Chọn hình thức trả kết quả.");
            }
            break;
        }
        default:
            break;
    }
    if (!errors.Empty()) {
        return std::nullopt;
    }
    return request;
}

}  // namespace motcua::web
