#include "domain/inspection.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <set>
#include <utility>

#include <boost/json.hpp>

#include "calendar/civil_date.hpp"

namespace motcua::domain::inspection {

namespace {

namespace json = boost::json;
using std::chrono::sys_days;

template <typename E, std::size_t N>
std::optional<E> ParseIn(const std::array<std::string_view, N>& names, std::string_view name) {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == name) {
            return static_cast<E>(i);
        }
    }
    return std::nullopt;
}

constexpr std::array<std::string_view, 4> kKindNames{"scheduled", "sudden", "information_system",
                                                     "self_inspection"};
constexpr std::array<std::string_view, 4> kKindLabels{"Kiểm tra theo kế hoạch", "Kiểm tra đột xuất",
                                                      "Kiểm tra qua hệ thống thông tin",
                                                      "Tự kiểm tra"};

constexpr std::array<std::string_view, 9> kStateNames{"planned",
                                                      "notified",
                                                      "inspected",
                                                      "draft_conclusion",
                                                      "comments_received",
                                                      "concluded",
                                                      "remediation_due",
                                                      "remediation_reported",
                                                      "closed"};
constexpr std::array<std::string_view, 9> kStateLabels{"Đã lên kế hoạch",
                                                       "Đã thông báo",
                                                       "Đã kiểm tra (có biên bản)",
                                                       "Đã có dự thảo kết luận",
                                                       "Đã nhận ý kiến giải trình",
                                                       "Đã ban hành kết luận",
                                                       "Đang chờ báo cáo khắc phục",
                                                       "Đã báo cáo khắc phục",
                                                       "Đã kết thúc"};

constexpr std::array<std::string_view, 9> kActionNames{
    "notify",  "submit_report", "record_minutes",     "draft_conclusion",
    "comment", "conclude",      "deliver_conclusion", "report_remediation",
    "close"};
constexpr std::array<std::string_view, 9> kActionLabels{"Gửi thông báo kiểm tra",
                                                        "Nộp báo cáo của đơn vị được kiểm tra",
                                                        "Ghi biên bản kiểm tra",
                                                        "Gửi dự thảo kết luận",
                                                        "Gửi ý kiến tiếp thu, giải trình",
                                                        "Ban hành kết luận kiểm tra",
                                                        "Xác nhận đơn vị đã nhận kết luận",
                                                        "Nộp báo cáo khắc phục",
                                                        "Kết thúc cuộc kiểm tra"};

constexpr std::array<std::string_view, 10> kFigureNames{"",
                                                        "overdue",
                                                        "backlog",
                                                        "digitisation",
                                                        "online_services",
                                                        "online_payments",
                                                        "publication",
                                                        "feedback",
                                                        "settlement",
                                                        "inspections"};

std::string Dmy(sys_days day) {
    const std::chrono::year_month_day ymd{day};
    return std::to_string(static_cast<unsigned>(ymd.day())) + "/" +
           std::to_string(static_cast<unsigned>(ymd.month())) + "/" +
           std::to_string(static_cast<int>(ymd.year()));
}

bool InYear(sys_days day, int year) {
    return static_cast<int>(std::chrono::year_month_day{day}.year()) == year;
}

int QuarterOf(sys_days day) {
    return static_cast<int>((static_cast<unsigned>(std::chrono::year_month_day{day}.month()) - 1) /
                            3) +
           1;
}

base::Error Illegal(std::string message) {
    return base::Error{base::ErrorCode::kFailedPrecondition, std::move(message)};
}

bool IsLevel(const Inspection& i, std::string_view type) {
    return i.inspected_unit_type == type;
}

}  // namespace

std::string_view KindName(Kind kind) {
    return kKindNames.at(static_cast<std::size_t>(kind));
}
std::string_view KindLabel(Kind kind) {
    return kKindLabels.at(static_cast<std::size_t>(kind));
}
std::optional<Kind> ParseKind(std::string_view name) {
    return ParseIn<Kind>(kKindNames, name);
}
std::string_view StateName(State state) {
    return kStateNames.at(static_cast<std::size_t>(state));
}
std::string_view StateLabel(State state) {
    return kStateLabels.at(static_cast<std::size_t>(state));
}
std::optional<State> ParseState(std::string_view name) {
    return ParseIn<State>(kStateNames, name);
}
std::string_view ActionName(Action action) {
    return kActionNames.at(static_cast<std::size_t>(action));
}
std::string_view ActionLabel(Action action) {
    return kActionLabels.at(static_cast<std::size_t>(action));
}
std::optional<Action> ParseAction(std::string_view name) {
    return ParseIn<Action>(kActionNames, name);
}
const std::vector<Action>& AllActions() {
    static const std::vector<Action> all = [] {
        std::vector<Action> out;
        for (std::size_t i = 0; i < kActionNames.size(); ++i) {
            out.push_back(static_cast<Action>(i));
        }
        return out;
    }();
    return all;
}

Party ActionParty(Action action) {
    switch (action) {
        case Action::kSubmitReport:
        case Action::kComment:
        case Action::kReportRemediation:
            return Party::kInspected;
        case Action::kConclude:
            return Party::kLeader;
        default:
            return Party::kInspector;
    }
}

std::string_view FigureName(Figure figure) {
    return kFigureNames.at(static_cast<std::size_t>(figure));
}
std::optional<Figure> ParseFigure(std::string_view name) {
    return ParseIn<Figure>(kFigureNames, name);
}

// ---- Validation --------------------------------------------------------------------------------

base::Status ValidatePlan(const Plan& plan) {
    if (plan.year < 2000 || plan.year > 2100) {
        return base::InvalidArgument("Năm kế hoạch (year) phải từ 2000 đến 2100.");
    }
    if (plan.title.empty() || plan.title.size() > 2000) {
        return base::InvalidArgument("Tên kế hoạch (title) không được trống, tối đa 500 ký tự.");
    }
    if (plan.decision_number.size() > 200) {
        return base::InvalidArgument("Số quyết định (decision_number) quá dài.");
    }
    if (plan.decision_date &&
        static_cast<int>(std::chrono::year_month_day{*plan.decision_date}.year()) > plan.year) {
        return base::InvalidArgument("Ngày ban hành (decision_date) sau năm kế hoạch.");
    }
    if (!FindTemplate(plan.checklist) || plan.checklist == kReportOutline) {
        return base::InvalidArgument("Không có mẫu nội dung kiểm tra (checklist) '" +
                                     plan.checklist + "'; dùng s3, s0 hoặc s4.");
    }
    return {};
}

base::Status ValidateInspection(const Plan& plan, const Inspection& i) {
    if (i.quarter < 0 || i.quarter > 4) {
        return base::InvalidArgument("Quý (quarter) phải từ 1 đến 4.");
    }
    if (!i.start && i.quarter == 0) {
        return base::InvalidArgument("Cần ngày kiểm tra (start) hoặc quý (quarter).");
    }
    if (i.end && !i.start) {
        return base::InvalidArgument("Có ngày kết thúc (end) mà không có ngày bắt đầu (start).");
    }
    if (i.start && i.end && *i.end < *i.start) {
        return base::InvalidArgument("Ngày kết thúc (end) trước ngày bắt đầu (start).");
    }
    for (const auto& day : {i.start, i.end}) {
        if (day && !InYear(*day, plan.year)) {
            return base::InvalidArgument("Ngày kiểm tra " + Dmy(*day) + " nằm ngoài năm kế hoạch " +
                                         std::to_string(plan.year) + ".");
        }
        if (day && i.quarter != 0 && QuarterOf(*day) != i.quarter) {
            return base::InvalidArgument("Ngày kiểm tra " + Dmy(*day) + " không thuộc Quý " +
                                         std::to_string(i.quarter) + ".");
        }
    }
    if (i.team.size() > 50) {
        return base::InvalidArgument("Đoàn kiểm tra tối đa 50 thành viên.");
    }
    int leaders = 0;
    for (const TeamMember& m : i.team) {
        if (m.name.empty() || m.name.size() > 300 || m.position.size() > 300) {
            return base::InvalidArgument(
                "Thành viên đoàn kiểm tra cần họ tên (name), tối đa 100 ký tự.");
        }
        leaders += m.leader ? 1 : 0;
    }
    if (leaders > 1) {
        return base::InvalidArgument("Đoàn kiểm tra chỉ có một trưởng đoàn.");
    }
    return {};
}

base::Status ValidateFollowUp(const Inspection& follow_up, const Inspection& previous) {
    if (previous.inspected_unit_id != follow_up.inspected_unit_id) {
        return Illegal("Phúc tra phải cùng đơn vị được kiểm tra với lần kiểm tra trước.");
    }
    if (previous.state < State::kConcluded) {
        return Illegal(
            "Chỉ phúc tra được cuộc kiểm tra đã có kết luận (S3 §I.2.c, §II.1.l); cuộc kiểm tra "
            "trước đang ở trạng thái: " +
            std::string(StateLabel(previous.state)) + ".");
    }
    return {};
}

// ---- Working days ------------------------------------------------------------------------------

base::Result<sys_days> WorkingDaysAfter(const calendar::WorkingCalendar& cal, sys_days day, int n) {
    sys_days d = day;
    for (int counted = 0; counted < n;) {
        d += std::chrono::days{1};
        if (!calendar::InRange(d)) {
            return base::InvalidArgument("Ngày nằm ngoài lịch làm việc.");
        }
        counted += cal.IsOpen(d) ? 1 : 0;
    }
    return d;
}

base::Result<sys_days> WorkingDaysBefore(const calendar::WorkingCalendar& cal, sys_days day,
                                         int n) {
    sys_days d = day;
    for (int counted = 0; counted < n;) {
        d -= std::chrono::days{1};
        if (!calendar::InRange(d)) {
            return base::InvalidArgument("Ngày nằm ngoài lịch làm việc.");
        }
        counted += cal.IsOpen(d) ? 1 : 0;
    }
    return d;
}

int WorkingDaysIn(const calendar::WorkingCalendar& cal, sys_days from, sys_days to) {
    int n = 0;
    for (sys_days d = from; d <= to; d += std::chrono::days{1}) {
        n += calendar::InRange(d) && cal.IsOpen(d) ? 1 : 0;
    }
    return n;
}

std::optional<sys_days> NoticeDeadline(const calendar::WorkingCalendar& cal, const Inspection& i) {
    if (!i.start) {
        return std::nullopt;
    }
    int days = 0;
    if (i.kind == Kind::kScheduled) {
        days = kScheduledNoticeWorkingDays;
    } else if (i.kind == Kind::kSudden) {
        days = kSuddenNoticeWorkingDays;
    } else {
        return std::nullopt;
    }
    auto d = WorkingDaysBefore(cal, *i.start, days);
    return d ? std::optional<sys_days>(*d) : std::nullopt;
}

std::optional<sys_days> ReportDeadline(const calendar::WorkingCalendar& cal, const Inspection& i) {
    if (!i.start || i.kind == Kind::kInformationSystem || i.kind == Kind::kSelfInspection) {
        return std::nullopt;
    }
    auto d = WorkingDaysBefore(cal, *i.start, kReportBeforeVisitWorkingDays);
    return d ? std::optional<sys_days>(*d) : std::nullopt;
}

// ---- Warnings ----------------------------------------------------------------------------------

std::vector<Warning> Warnings(const calendar::WorkingCalendar& cal, const Plan& /*plan*/,
                              const std::vector<Inspection>& inspections,
                              const PlanContext& context, sys_days today) {
    std::vector<Warning> out;
    // S0 appendix §II.1.1: at least 5 agencies and 10 communes inspected by the team each year.
    std::set<std::int64_t> agencies;
    std::set<std::int64_t> communes;
    for (const Inspection& i : inspections) {
        if (i.kind != Kind::kScheduled && i.kind != Kind::kSudden) {
            continue;
        }
        if (IsLevel(i, "agency")) {
            agencies.insert(i.inspected_unit_id);
        } else if (IsLevel(i, "commune")) {
            communes.insert(i.inspected_unit_id);
        }
    }
    if (std::ssize(agencies) < kMinAgencies) {
        out.push_back({"min_agencies", "S0 Phụ lục §II.1.1",
                       "Kế hoạch mới kiểm tra " + std::to_string(agencies.size()) +
                           " cơ quan, phòng, ban; tối thiểu 05 phòng, ban, đơn vị mỗi năm.",
                       std::nullopt});
    }
    if (std::ssize(communes) < kMinCommunes) {
        out.push_back({"min_communes", "S0 Phụ lục §II.1.1",
                       "Kế hoạch mới kiểm tra " + std::to_string(communes.size()) +
                           " xã, phường, thị trấn; tối thiểu 10 xã, thị trấn mỗi năm.",
                       std::nullopt});
    }
    // S3 §VII.4.a: self-inspection of more than 50% of the sub-units.
    std::set<std::int64_t> self;
    for (const Inspection& i : inspections) {
        if (i.kind == Kind::kSelfInspection) {
            self.insert(i.inspected_unit_id);
        }
    }
    if (!self.empty() && !context.sub_units.empty()) {
        std::int64_t covered = 0;
        for (std::int64_t u : context.sub_units) {
            covered += self.contains(u) ? 1 : 0;
        }
        if (covered * 2 <= std::ssize(context.sub_units)) {
            out.push_back({"self_inspection_coverage", "S3 §VII.4.a",
                           "Tự kiểm tra mới bao gồm " + std::to_string(covered) + "/" +
                               std::to_string(context.sub_units.size()) +
                               " đơn vị trực thuộc; phải trên 50% phòng, ban chuyên môn, đơn vị "
                               "trực thuộc.",
                           std::nullopt});
        }
    }
    for (const Inspection& i : inspections) {
        if (i.start && i.end && (i.kind == Kind::kScheduled || i.kind == Kind::kSudden)) {
            const int days = WorkingDaysIn(cal, *i.start, *i.end);
            if (days > kDaysPerUnit) {
                out.push_back({"days_per_unit", "S0 Phụ lục §II.1.2",
                               "Kiểm tra tại đơn vị kéo dài " + std::to_string(days) +
                                   " ngày làm việc; mỗi đơn vị kiểm tra trong 02 ngày.",
                               i.id});
            }
        }
        if (auto by = NoticeDeadline(cal, i)) {
            const bool scheduled = i.kind == Kind::kScheduled;
            const std::string rule = scheduled ? "notice_scheduled" : "notice_sudden";
            const std::string days = scheduled ? "10" : "03";
            if (i.notified_on && *i.notified_on > *by) {
                out.push_back({rule, "S3 §II.2",
                               "Thông báo gửi ngày " + Dmy(*i.notified_on) + ", muộn hơn hạn " +
                                   Dmy(*by) + " (chậm nhất " + days +
                                   " ngày làm việc trước ngày kiểm tra " + Dmy(*i.start) + ").",
                               i.id});
            } else if (!i.notified_on && i.state == State::kPlanned && today > *by) {
                out.push_back({rule, "S3 §II.2",
                               "Chưa gửi thông báo mà đã quá hạn " + Dmy(*by) + " (chậm nhất " +
                                   days + " ngày làm việc trước ngày kiểm tra " + Dmy(*i.start) +
                                   ").",
                               i.id});
            }
        }
        if (auto by = ReportDeadline(cal, i)) {
            if (i.report_submitted_on && *i.report_submitted_on > *by) {
                out.push_back({"report_before_visit", "S3 §VII.3",
                               "Báo cáo của đơn vị được kiểm tra nộp ngày " +
                                   Dmy(*i.report_submitted_on) + ", muộn hơn hạn " + Dmy(*by) +
                                   " (chậm nhất 05 ngày làm việc trước ngày kiểm tra).",
                               i.id});
            } else if (!i.report_submitted_on && i.state <= State::kNotified && today > *by) {
                out.push_back({"report_before_visit", "S3 §VII.3",
                               "Đơn vị được kiểm tra chưa nộp báo cáo, hạn " + Dmy(*by) +
                                   " (chậm nhất 05 ngày làm việc trước ngày kiểm tra).",
                               i.id});
            }
        }
        if (i.state == State::kRemediationDue && i.remediation_due && today > *i.remediation_due) {
            out.push_back({"remediation_overdue", "S3 §II.2",
                           "Quá hạn báo cáo khắc phục (" + Dmy(*i.remediation_due) +
                               ", 30 ngày làm việc kể từ ngày nhận kết luận).",
                           i.id});
        }
    }
    return out;
}

// ---- Transitions -------------------------------------------------------------------------------

std::vector<Action> Allowed(const Inspection& i) {
    std::vector<Action> out;
    const bool no_notice = i.kind == Kind::kInformationSystem || i.kind == Kind::kSelfInspection;
    switch (i.state) {
        case State::kPlanned:
            if (!no_notice) {
                out = {Action::kNotify, Action::kSubmitReport};
            } else {
                out = {Action::kRecordMinutes};
            }
            break;
        case State::kNotified:
            out = {Action::kSubmitReport, Action::kRecordMinutes};
            break;
        case State::kInspected:
            out = {Action::kDraftConclusion};
            break;
        case State::kDraftConclusion:
            out = {Action::kComment, Action::kConclude};
            break;
        case State::kCommentsReceived:
            out = {Action::kConclude};
            break;
        case State::kConcluded:
            out = {Action::kDeliverConclusion};
            break;
        case State::kRemediationDue:
            out = {Action::kReportRemediation};
            break;
        case State::kRemediationReported:
            out = {Action::kClose};
            break;
        case State::kClosed:
            break;
    }
    return out;
}

base::Result<Inspection> Apply(const calendar::WorkingCalendar& cal, const Inspection& current,
                               const Step& step) {
    const std::vector<Action> allowed = Allowed(current);
    if (std::find(allowed.begin(), allowed.end(), step.action) == allowed.end()) {
        std::string message = "Không thể '" + std::string(ActionLabel(step.action)) +
                              "' khi cuộc kiểm tra đang ở trạng thái '" +
                              std::string(StateLabel(current.state)) + "'";
        if (step.action == Action::kRecordMinutes && current.state == State::kPlanned) {
            message += " (phải gửi thông báo trước khi kiểm tra, S3 §II.2)";
        } else if (step.action == Action::kReportRemediation) {
            message +=
                " (báo cáo khắc phục chỉ sau khi đơn vị đã nhận kết luận kiểm tra, S3 "
                "§II.2)";
        } else if (step.action == Action::kConclude) {
            message += " (kết luận chỉ sau khi có dự thảo kết luận, S3 §II.2)";
        }
        return Illegal(message + ".");
    }
    if (!calendar::InRange(step.on)) {
        return base::InvalidArgument("Ngày thực hiện nằm ngoài lịch.");
    }
    Inspection next = current;
    // A day must not precede the previous step's day.
    std::optional<sys_days> last;
    for (const auto& d : {current.notified_on, current.minutes_on, current.concluded_on,
                          current.conclusion_received_on}) {
        if (d && (!last || *d > *last)) {
            last = d;
        }
    }
    if (last && step.on < *last && step.action != Action::kSubmitReport) {
        return Illegal("Ngày " + Dmy(step.on) + " trước bước trước đó (" + Dmy(*last) + ").");
    }
    switch (step.action) {
        case Action::kNotify:
            if (current.start && step.on > *current.start) {
                return Illegal("Thông báo phải gửi trước ngày kiểm tra " + Dmy(*current.start) +
                               " (S3 §II.2).");
            }
            next.notified_on = step.on;
            next.state = State::kNotified;
            break;
        case Action::kSubmitReport:
            next.report_submitted_on = step.on;
            break;
        case Action::kRecordMinutes:
            if (current.start && step.on < *current.start) {
                return Illegal("Biên bản kiểm tra không thể trước ngày kiểm tra " +
                               Dmy(*current.start) + ".");
            }
            next.minutes_on = step.on;
            next.state = State::kInspected;
            break;
        case Action::kDraftConclusion:
            next.state = State::kDraftConclusion;
            break;
        case Action::kComment:
            next.state = State::kCommentsReceived;
            break;
        case Action::kConclude:
            next.concluded_on = step.on;
            next.state = State::kConcluded;
            break;
        case Action::kDeliverConclusion: {
            auto due = WorkingDaysAfter(cal, step.on, kRemediationWorkingDays);
            if (!due) {
                return std::move(due).error();
            }
            next.conclusion_received_on = step.on;
            next.remediation_due = *due;
            next.state = State::kRemediationDue;
            break;
        }
        case Action::kReportRemediation:
            next.remediation_reported_on = step.on;
            next.state = State::kRemediationReported;
            break;
        case Action::kClose:
            next.state = State::kClosed;
            break;
    }
    return next;
}

// ---- Checklists --------------------------------------------------------------------------------

base::Result<std::vector<Template>> ParseTemplates(std::string_view text) {
    std::error_code ec;
    const json::value root = json::parse(text, ec);
    if (ec || !root.is_object() || !root.as_object().contains("templates") ||
        !root.at("templates").is_array()) {
        return base::InvalidArgument("checklists.json: thiếu mảng 'templates'.");
    }
    auto str = [](const json::object& o, std::string_view key) -> std::optional<std::string> {
        const json::value* v = o.if_contains(key);
        if (!v || !v->is_string()) {
            return std::nullopt;
        }
        return std::string(v->as_string());
    };
    std::vector<Template> out;
    std::set<std::string> keys;
    for (const json::value& tv : root.at("templates").as_array()) {
        if (!tv.is_object()) {
            return base::InvalidArgument("checklists.json: mẫu không phải đối tượng.");
        }
        const json::object& to = tv.as_object();
        Template t;
        auto key = str(to, "key");
        auto title = str(to, "title");
        auto source = str(to, "source");
        const json::value* items = to.if_contains("items");
        if (!key || !title || !source || !items || !items->is_array()) {
            return base::InvalidArgument("checklists.json: mẫu thiếu key, title, source, items.");
        }
        t.key = *key;
        t.title = *title;
        t.source = *source;
        for (const json::value& iv : items->as_array()) {
            if (!iv.is_object()) {
                return base::InvalidArgument("checklists.json: mục không phải đối tượng.");
            }
            const json::object& io = iv.as_object();
            TemplateItem item;
            auto ik = str(io, "key");
            auto number = str(io, "number");
            auto it = str(io, "title");
            auto figure = str(io, "figure");
            if (!ik || !number || !it || !figure || !ParseFigure(*figure) ||
                !keys.insert(*ik).second) {
                return base::InvalidArgument("checklists.json: mục " + ik.value_or("?") +
                                             " thiếu trường, hình thức số liệu sai hoặc trùng.");
            }
            item.key = *ik;
            item.number = *number;
            item.title = *it;
            item.figure = *ParseFigure(*figure);
            if (const json::value* points = io.if_contains("points");
                points && points->is_array()) {
                for (const json::value& p : points->as_array()) {
                    if (p.is_string()) {
                        item.points.emplace_back(p.as_string());
                    }
                }
            }
            t.items.push_back(std::move(item));
        }
        out.push_back(std::move(t));
    }
    return out;
}

const std::vector<Template>& Templates() {
    static const std::vector<Template> templates = [] {
        auto parsed = ParseTemplates(EmbeddedChecklistData());
        if (!parsed) {
            std::abort();
        }
        return std::move(parsed).value();
    }();
    return templates;
}

const Template* FindTemplate(std::string_view key) {
    for (const Template& t : Templates()) {
        if (t.key == key) {
            return &t;
        }
    }
    return nullptr;
}

}  // namespace motcua::domain::inspection
