#include "web/dossier_views.hpp"

#include <algorithm>
#include <charconv>
#include <initializer_list>

#include <fmt/core.h>

#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"
#include "web/forms.hpp"
#include "web/views.hpp"

namespace motcua::web {

namespace {

using std::chrono::sys_seconds;

struct LocalTime {
    std::chrono::year_month_day day;
    std::chrono::hh_mm_ss<std::chrono::seconds> time;
};

LocalTime ToLocal(sys_seconds t) {
    const sys_seconds local = t + calendar::kVietnamOffset;
    const auto day = std::chrono::floor<std::chrono::days>(local);
    return {std::chrono::year_month_day(day), std::chrono::hh_mm_ss(local - day)};
}

std::string TimingLabelOf(std::string_view name) {
    for (const domain::Timing t : {domain::Timing::kPending, domain::Timing::kEarly,
                                   domain::Timing::kOnTime, domain::Timing::kLate}) {
        if (domain::TimingName(t) == name) {
            return std::string(domain::TimingLabel(t));
        }
    }
    return std::string(name);
}

std::string InstantText(const std::string& value) {
    auto t = calendar::ParseInstant(value);
    return t ? FormatDateTime(*t) : value;
}

std::string UnitText(const std::vector<domain::Unit>& units, const std::string& value) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), id);
    if (ec != std::errc() || end != value.data() + value.size()) {
        return value;
    }
    return UnitName(units, id);
}

std::string StepName(const std::optional<domain::Process>& process, const std::string& key) {
    if (!process || key.empty()) {
        return key;
    }
    const auto index = process->Find(key);
    return index ? process->steps[*index].name : key;
}

// The count written before `marker` in `note` ("1 bản chính" → 1), or nullopt.
std::optional<int> CountBefore(std::string_view note, std::string_view marker,
                               std::initializer_list<std::string_view> unless_followed_by = {}) {
    size_t from = 0;
    while (true) {
        const size_t at = note.find(marker, from);
        if (at == std::string_view::npos) {
            return std::nullopt;
        }
        from = at + marker.size();
        const std::string_view rest = note.substr(from);
        if (std::any_of(unless_followed_by.begin(), unless_followed_by.end(),
                        [&](std::string_view tail) { return rest.starts_with(tail); })) {
            continue;
        }
        size_t end = at;
        while (end > 0 && note[end - 1] == ' ') {
            --end;
        }
        size_t begin = end;
        while (begin > 0 && note[begin - 1] >= '0' && note[begin - 1] <= '9') {
            --begin;
        }
        if (begin == end || end - begin > 3) {
            continue;
        }
        int value = 0;
        std::from_chars(note.data() + begin, note.data() + end, value);
        return value;
    }
}

}  // namespace

std::optional<int> ParseIndex(std::string_view text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0) {
        return std::nullopt;
    }
    return value;
}

std::string FormatDateTime(sys_seconds t) {
    const LocalTime local = ToLocal(t);
    return fmt::format("{:02d}/{:02d}/{:04d} {:02d}:{:02d}", static_cast<unsigned>(local.day.day()),
                       static_cast<unsigned>(local.day.month()), static_cast<int>(local.day.year()),
                       local.time.hours().count(), local.time.minutes().count());
}

Data OptionalDateTime(const std::optional<sys_seconds>& t) {
    if (!t) {
        return {false};
    }
    return {FormatDateTime(*t)};
}

std::string DateTimeLocalValue(sys_seconds t) {
    const LocalTime local = ToLocal(t);
    return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}", static_cast<int>(local.day.year()),
                       static_cast<unsigned>(local.day.month()),
                       static_cast<unsigned>(local.day.day()), local.time.hours().count(),
                       local.time.minutes().count());
}

std::string MilliText(std::int64_t milli) {
    const bool negative = milli < 0;
    const std::int64_t magnitude = negative ? -milli : milli;
    std::string out = (negative ? "-" : "") + std::to_string(magnitude / 1000);
    if (const std::int64_t fraction = magnitude % 1000; fraction != 0) {
        std::string digits = fmt::format("{:03d}", fraction);
        while (digits.back() == '0') {
            digits.pop_back();
        }
        out += "," + digits;
    }
    return out;
}

std::optional<std::int64_t> ParseMilli(std::string_view text) {
    const size_t separator = text.find_first_of(".,");
    const std::string_view whole = text.substr(0, separator);
    const std::string_view fraction =
        separator == std::string_view::npos ? std::string_view() : text.substr(separator + 1);
    if (whole.empty() || whole.size() > 6 || fraction.size() > 3 ||
        (separator != std::string_view::npos && fraction.empty())) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    for (const char c : whole) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    std::int64_t thousandths = 0;
    int digits = 0;
    for (const char c : fraction) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        thousandths = thousandths * 10 + (c - '0');
        ++digits;
    }
    for (; digits < 3; ++digits) {
        thousandths *= 10;
    }
    return value * 1000 + thousandths;
}

std::string_view StateTone(domain::DossierState state) {
    using S = domain::DossierState;
    switch (state) {
        case S::kSubmitted:
        case S::kReceived:
        case S::kProcessing:
        case S::kApproved:
            return "open";
        case S::kAwaitingSupplement:
        case S::kReturnedForSupplement:
        case S::kPaused:
            return "waiting";
        case S::kResultReady:
            return "ready";
        case S::kReturned:
            return "done";
        case S::kRefused:
        case S::kStopped:
        case S::kWithdrawn:
            return "closed";
    }
    return "open";
}

std::string ReturnMethodLabel(std::string_view method) {
    if (method == "direct") {
        return "Trực tiếp tại bộ phận một cửa";
    }
    if (method == "postal") {
        return "Qua dịch vụ bưu chính công ích";
    }
    if (method == "online") {
        return "Trực tuyến";
    }
    return std::string(method);
}

ComponentCounts CountsFromNote(std::string_view note) {
    const auto originals = CountBefore(note, "bản chính");
    auto certified = CountBefore(note, "bản sao có chứng thực");
    if (!certified) {
        certified = CountBefore(note, "bản sao chứng thực");
    }
    const auto copies = CountBefore(note, "bản sao", {" có chứng thực", " chứng thực"});
    if (!originals && !certified && !copies) {
        return {};
    }
    return {originals.value_or(0), certified.value_or(0), copies.value_or(0)};
}

std::string UnitName(const std::vector<domain::Unit>& units, std::int64_t id) {
    if (const domain::Unit* unit = FindUnit(units, id)) {
        return unit->name;
    }
    return "Đơn vị số " + std::to_string(id);
}

Data DossierRowData(const store::dossiers::Summary& s, const Urgency& urgency) {
    Data row;
    row.set("code", s.code);
    row.set("href", "/ho-so/" + UrlEncode(s.code));
    row.set("procedure_name", s.procedure_name);
    row.set("procedure_code", s.procedure_code);
    row.set("applicant", s.applicant_name);
    row.set("received", OptionalDateTime(s.received_at));
    row.set("appointment", OptionalDateTime(s.appointment_at));
    row.set("state_label", std::string(domain::DossierStateLabel(s.state)));
    row.set("state_tone", std::string(StateTone(s.state)));
    const bool open = !s.finished_at && !domain::IsTerminal(s.state);
    row.set("late", s.late);
    row.set("due_soon", !s.late && open && s.due_at && *s.due_at > urgency.now &&
                            *s.due_at <= urgency.due_soon_before);
    return row;
}

Data DossierHeaderData(const domain::Dossier& d, const std::vector<domain::Unit>& units,
                       const domain::RuleSet* rules, const std::optional<domain::Process>& process,
                       const Urgency& urgency) {
    Data h;
    h.set("code", d.code);
    h.set("procedure_code", d.procedure_code);
    h.set("procedure_name", d.procedure_name);
    h.set("procedure_href", "/thu-tuc/" + UrlEncode(d.procedure_code));
    h.set("applicant_name", d.applicant.name);
    h.set("applicant_kind", d.applicant.kind == domain::ApplicantKind::kPerson
                                ? std::string("Cá nhân")
                                : std::string("Tổ chức, doanh nghiệp"));
    h.set("applicant_id", OptionalText(d.applicant.id_number));
    h.set("applicant_phone", OptionalText(d.applicant.phone));
    h.set("applicant_email", OptionalText(d.applicant.email));
    h.set("applicant_address", OptionalText(d.applicant.address));
    h.set("owner_name", OptionalText(d.applicant.owner_name));
    h.set("channel", std::string(domain::ChannelLabel(d.channel)));
    h.set("receiving_unit", UnitName(units, d.receiving_unit_id));
    h.set("settling_unit", UnitName(units, d.settling_unit_id));
    h.set("current_unit", UnitName(units, d.current_unit_id));
    h.set("boundary_free", d.boundary_free);
    h.set("rule_set", rules != nullptr ? rules->title : d.rule_set_id);
    h.set("state_label", std::string(domain::DossierStateLabel(d.state)));
    h.set("state_tone", std::string(StateTone(d.state)));
    h.set("submitted_at", OptionalDateTime(d.submitted_at));
    h.set("received_at", OptionalDateTime(d.received_at));
    h.set("transfer_due_at", OptionalDateTime(d.transfer_due_at));
    h.set("competent_received_at", OptionalDateTime(d.competent_received_at));
    h.set("clock_start", OptionalDateTime(d.clock_start));
    h.set("due_at", OptionalDateTime(d.due_at));
    h.set("appointment_at", OptionalDateTime(d.appointment_at));
    h.set("new_appointment", d.new_appointments > 0);
    h.set("paused_at", OptionalDateTime(d.paused_at));
    h.set("supplement_requested_at", OptionalDateTime(d.supplement_requested_at));
    h.set("finished_at", OptionalDateTime(d.finished_at));
    h.set("returned_at", OptionalDateTime(d.returned_at));
    const bool open = !d.finished_at && !domain::IsTerminal(d.state);
    h.set("late", d.late);
    h.set("due_soon", !d.late && open && d.due_at && *d.due_at > urgency.now &&
                          *d.due_at <= urgency.due_soon_before);
    h.set("timing", std::string(domain::TimingLabel(d.timing)));
    h.set("step_name", OptionalText(StepName(process, d.step_key)));
    h.set("step_due_at", OptionalDateTime(open ? d.step_due_at : std::nullopt));
    std::string result;
    if (d.result_kind == "issued") {
        result = "Kết quả: " + d.result_summary;
    } else if (d.result_kind == "refusal") {
        result = "Từ chối giải quyết: " + d.result_summary;
    }
    h.set("result", OptionalText(result));
    h.set(
        "return_method",
        OptionalText(d.return_method.empty() ? std::string() : ReturnMethodLabel(d.return_method)));
    const int supplements = d.supplements_at_receipt + d.returns_after_appraisal;
    h.set("supplements",
          OptionalText(supplements > 0 ? std::to_string(supplements) + " lần" : std::string()));
    h.set("fee",
          OptionalText(d.fee_amount > 0 ? fmt::format("{} đồng", d.fee_amount) : std::string()));
    h.set("lookup_code", OptionalText(d.lookup_secret));
    return h;
}

Data ComponentsData(const std::vector<domain::Component>& components) {
    DataList list;
    int index = 0;
    for (const domain::Component& c : components) {
        Data row;
        row.set("index", std::to_string(++index));
        row.set("name", c.name);
        row.set("originals", std::to_string(c.originals));
        row.set("certified_copies", std::to_string(c.certified_copies));
        row.set("copies", std::to_string(c.copies));
        row.set("provided", c.provided);
        row.set("status", c.provided ? std::string("Đã nộp") : std::string("Còn thiếu"));
        row.set("note", OptionalText(c.note));
        list.push_back(row);
    }
    return {list};
}

Data TasksData(const std::vector<domain::Task>& tasks, const std::vector<domain::Unit>& units) {
    DataList list;
    int number = 0;
    for (const domain::Task& t : tasks) {
        Data row;
        row.set("number", std::to_string(++number));
        row.set("kind_label",
                t.kind == domain::Task::Kind::kConsultation
                    ? std::string("Lấy ý kiến")
                    : std::string(t.order > 0 ? "Liên thông tuần tự" : "Liên thông song song"));
        row.set("unit", UnitName(units, t.unit_id));
        row.set("order", OptionalText(t.order > 0 ? std::to_string(t.order) : std::string()));
        row.set("request", OptionalText(t.request));
        row.set("days", MilliText(t.milli_days) + " ngày làm việc");
        row.set("opened", OptionalDateTime(t.opened_at));
        row.set("due", OptionalDateTime(t.due_at));
        row.set("answered", OptionalDateTime(t.answered_at));
        row.set("answer", OptionalText(t.answer));
        const bool late = t.due_at && (t.answered_at ? *t.answered_at > *t.due_at : false);
        row.set("late", late);
        row.set("open", t.opened_at.has_value() && !t.answered_at);
        row.set("waiting", !t.opened_at.has_value());
        list.push_back(row);
    }
    return {list};
}

std::vector<std::pair<std::string, std::string>> EventDetailTexts(
    const domain::DossierEvent& event, const std::vector<domain::Unit>& units) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [name, value] : event.details) {
        if (name == "transfer_due_at") {
            out.emplace_back("Hạn chuyển đến cơ quan giải quyết", InstantText(value));
        } else if (name == "due_at") {
            out.emplace_back("Hạn giải quyết", InstantText(value));
        } else if (name == "appointment_at") {
            out.emplace_back("Hẹn trả kết quả", InstantText(value));
        } else if (name == "clock_starts") {
            out.emplace_back("Thời hạn giải quyết", "tính từ khi cơ quan có thẩm quyền nhận hồ sơ");
        } else if (name == "supplemented_at") {
            out.emplace_back("Nhận hồ sơ bổ sung lúc", InstantText(value));
        } else if (name == "clock_restarted") {
            out.emplace_back("Thời hạn giải quyết tính lại từ đầu, từ", InstantText(value));
        } else if (name == "from_unit") {
            out.emplace_back("Bên giao", UnitText(units, value));
        } else if (name == "to_unit") {
            out.emplace_back("Bên nhận", UnitText(units, value));
        } else if (name == "handover_timing") {
            out.emplace_back("Giao nhận", TimingLabelOf(value));
        } else if (name == "step_timing") {
            out.emplace_back("Bước xử lý hoàn thành", TimingLabelOf(value));
        } else if (name == "timing") {
            out.emplace_back("Đánh giá thời hạn", TimingLabelOf(value));
        } else if (name == "assignee_id") {
            out.emplace_back("Phân công cho công chức", "mã số " + value);
        } else if (name == "mode") {
            out.emplace_back("Hình thức", value == "consultation" ? std::string("Lấy ý kiến")
                                          : value == "parallel"
                                              ? std::string("Liên thông song song")
                                              : std::string("Liên thông tuần tự"));
        } else if (name == "units") {
            out.emplace_back("Số cơ quan", value);
        } else if (name == "task") {
            const auto index = ParseIndex(value);
            out.emplace_back("Phần việc", index ? "số " + std::to_string(*index + 1) : value);
        } else if (name == "paused_from") {
            out.emplace_back("Tạm dừng từ", InstantText(value));
        } else if (name == "old_appointment_at") {
            out.emplace_back("Ngày hẹn cũ", InstantText(value));
        } else if (name == "new_appointment_at") {
            out.emplace_back("Ngày hẹn mới", InstantText(value));
        } else if (name == "return_method") {
            out.emplace_back("Hình thức trả kết quả", ReturnMethodLabel(value));
        } else if (name == "became_late") {
            out.emplace_back("Quá hạn", "hồ sơ bị tính là quá hạn từ thời điểm này");
        } else if (name == "late_reason") {
            out.emplace_back("Quá hạn", "yêu cầu bổ sung hồ sơ từ lần thứ hai");
        }
    }
    return out;
}

Data TimelineData(const std::vector<domain::DossierEvent>& events,
                  const std::vector<domain::Unit>& units,
                  const std::optional<domain::Process>& process) {
    DataList list;
    std::string previous_step;
    for (const domain::DossierEvent& e : events) {
        Data item;
        item.set("seq", std::to_string(e.seq));
        item.set("time", FormatDateTime(e.at));
        item.set("actor", e.actor_name.empty() ? std::string("Hệ thống") : e.actor_name);
        item.set("unit", e.unit_id != 0 ? Data(UnitName(units, e.unit_id)) : Data(false));
        item.set("action_label", std::string(domain::ActionKindLabel(e.action)));
        item.set("from_label", std::string(domain::DossierStateLabel(e.from)));
        item.set("to_label", std::string(domain::DossierStateLabel(e.to)));
        item.set("changed", e.from != e.to);
        // The step the dossier moved to, when the action moved it.
        item.set("step", OptionalText(e.step_key != previous_step ? StepName(process, e.step_key)
                                                                  : std::string()));
        previous_step = e.step_key;
        item.set("reason", OptionalText(e.reason));
        DataList details;
        for (auto& [label, value] : EventDetailTexts(e, units)) {
            Data detail;
            detail.set("label", label);
            detail.set("value", value);
            details.push_back(detail);
        }
        item.set("has_details", !details.empty());
        item.set("details", details);
        list.push_back(item);
    }
    return {list};
}

Data PrintFormsData(const domain::Dossier& dossier, const domain::RuleSet* rules) {
    DataList list;
    if (rules == nullptr) {
        return {list};
    }
    for (const domain::FormSpec& form : rules->forms) {
        std::string label;
        switch (form.kind) {
            case domain::FormKind::kReceipt:
                label = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả";
                break;
            case domain::FormKind::kSupplementRequest:
                label = "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ";
                break;
            case domain::FormKind::kRefusal:
                label = "Phiếu từ chối tiếp nhận giải quyết hồ sơ";
                break;
            case domain::FormKind::kApology:
                label = form.title.find("GIA HẠN") != std::string::npos
                            ? "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
                            : "Phiếu xin lỗi và hẹn lại ngày trả kết quả";
                break;
            case domain::FormKind::kStopNotice:
                label = "Thông báo dừng giải quyết hồ sơ";
                break;
            case domain::FormKind::kProcessControl:
                label = "Phiếu kiểm soát quá trình giải quyết hồ sơ";
                break;
            case domain::FormKind::kRegister:
                continue;  // the register covers many dossiers, not one
        }
        const std::string base = "/api/v1/dossiers/" + UrlEncode(dossier.code) + "/forms/" +
                                 std::string(domain::FormKindName(form.kind));
        Data item;
        item.set("number", form.number);
        item.set("label", label);
        item.set("pdf_href", base + ".pdf");
        item.set("html_href", base + ".html");
        list.push_back(item);
    }
    return {list};
}

}  // namespace motcua::web
