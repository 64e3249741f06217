#include "app/dossiers.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <mutex>

#include "app/authz.hpp"
#include "app/catalogue.hpp"
#include "app/crypto.hpp"
#include "app/dossier_access.hpp"
#include "app/indicators.hpp"
#include "app/notify.hpp"
#include "calendar/civil_date.hpp"
#include "domain/unit.hpp"
#include "store/procedures.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::app {

namespace {

using domain::DossierState;
using domain::Role;
using std::chrono::sys_days;

struct InboxInfo {
    Inbox inbox;
    std::string_view name;
    std::string_view label;
};

constexpr std::array<InboxInfo, 9> kInboxes{{
    {Inbox::kToReceive, "to_receive", "Chờ tiếp nhận"},
    {Inbox::kToTransfer, "to_transfer", "Chờ chuyển xử lý"},
    {Inbox::kToProcess, "to_process", "Đang xử lý"},
    {Inbox::kToApprove, "to_approve", "Chờ phê duyệt"},
    {Inbox::kToReturn, "to_return", "Chờ trả kết quả"},
    {Inbox::kSupplement, "supplement", "Chờ bổ sung"},
    {Inbox::kDueSoon, "due_soon", "Sắp đến hạn"},
    {Inbox::kOverdue, "overdue", "Quá hạn"},
    {Inbox::kAll, "all", "Tất cả hồ sơ"},
}};

// The unit a dossier is "local" to: the nearest commune at or above it, else its province.
base::Result<std::int64_t> HomeOf(store::Transaction& tx, std::int64_t unit_id) {
    std::int64_t current = unit_id;
    for (int depth = 0; depth < 16; ++depth) {
        auto unit = store::units::Get(tx, current);
        if (!unit) {
            return std::move(unit).error();
        }
        if (!*unit) {
            return base::NotFound("không có đơn vị " + std::to_string(current));
        }
        if ((*unit)->type == domain::UnitType::kCommune ||
            (*unit)->type == domain::UnitType::kProvince || !(*unit)->parent_id) {
            return (*unit)->id;
        }
        current = *(*unit)->parent_id;
    }
    return current;
}

// Which unit types may settle a procedure of the given levels.
bool CanSettle(const domain::Unit& unit, const domain::Procedure& procedure) {
    if (unit.type == domain::UnitType::kOneStopDesk ||
        unit.type == domain::UnitType::kServiceCentre || unit.valid_to) {
        return false;
    }
    if (procedure.levels.empty()) {
        return true;
    }
    for (const std::string& level : procedure.levels) {
        if (level == "commune" &&
            (unit.type == domain::UnitType::kCommune || unit.type == domain::UnitType::kAgency)) {
            return true;
        }
        if ((level == "province" || level == "ministry") &&
            (unit.type == domain::UnitType::kProvince || unit.type == domain::UnitType::kAgency)) {
            return true;
        }
        if (level == "district" &&
            (unit.type == domain::UnitType::kDistrict || unit.type == domain::UnitType::kAgency)) {
            return true;
        }
    }
    return false;
}

std::vector<domain::Component> RequiredComponents(const domain::Procedure& procedure) {
    std::vector<domain::Component> out;
    for (const domain::RequiredDocument& doc : procedure.documents) {
        out.push_back(domain::Component{doc.name, 1, 0, 0, true, doc.note});
    }
    return out;
}

// The process recorded for new dossiers: the latest stored version, or the default stored as
// version 1 (so every dossier names the process version it follows).
base::Result<domain::Process> EnsureProcess(store::Transaction& tx,
                                            const domain::Procedure& procedure,
                                            std::int64_t settling_unit_id,
                                            std::chrono::sys_seconds now) {
    auto stored = store::dossiers::LatestProcess(tx, procedure.code, settling_unit_id);
    if (!stored) {
        return std::move(stored).error();
    }
    if (*stored) {
        return std::move(**stored);
    }
    domain::Process p = domain::DefaultProcess(procedure);
    p.version = 0;
    return store::dossiers::InsertProcess(tx, std::move(p), std::nullopt, now);
}

bool SameRequest(const domain::Dossier& d, const ReceiveRequest& r) {
    return d.procedure_code == r.procedure_code && d.applicant.name == r.applicant.name &&
           d.applicant.id_number == r.applicant.id_number &&
           d.settling_unit_id == r.settling_unit_id;
}

// Process versions never change once stored, so they are kept in memory by id (every action
// needs its dossier's process; reading and decoding it each time cost a query and a JSON parse).
base::Result<std::shared_ptr<const domain::Process>> ProcessOf(store::Transaction& tx,
                                                               const domain::Dossier& d) {
    if (d.process_id == 0) {
        return std::shared_ptr<const domain::Process>{};
    }
    static std::mutex mutex;
    static std::map<std::int64_t, std::shared_ptr<const domain::Process>> cache;
    {
        const std::lock_guard<std::mutex> lock(mutex);
        if (auto it = cache.find(d.process_id); it != cache.end()) {
            return it->second;
        }
    }
    auto stored = store::dossiers::GetProcess(tx, d.process_id);
    if (!stored) {
        return std::move(stored).error();
    }
    if (!*stored) {
        return base::Internal("quy trình " + std::to_string(d.process_id) + " không còn");
    }
    auto process = std::make_shared<const domain::Process>(std::move(**stored));
    const std::lock_guard<std::mutex> lock(mutex);
    if (cache.size() > 10'000) {
        cache.clear();
    }
    cache.emplace(d.process_id, process);
    return process;
}

// Everything the machine needs to judge an action on `d`.
struct Judged {
    const domain::RuleSet* rules = nullptr;
    std::shared_ptr<const calendar::WorkingCalendar> calendar;
    std::shared_ptr<const domain::Process> process;
};

base::Result<Judged> Prepare(store::Transaction& tx, const domain::Dossier& d) {
    Judged j;
    auto rules = domain::RuleBook::Embedded()->Find(d.rule_set_id);
    if (!rules) {
        return std::move(rules).error();
    }
    j.rules = *rules;
    auto cal = internal::CalendarFor(d.settling_unit_id);
    if (!cal) {
        return std::move(cal).error();
    }
    j.calendar = *cal;
    auto process = ProcessOf(tx, d);
    if (!process) {
        return std::move(process).error();
    }
    j.process = std::move(*process);
    return j;
}

domain::ActionContext ContextOf(store::Transaction& tx, const Judged& j) {
    domain::ActionContext c;
    c.rules = j.rules;
    c.calendar = j.calendar.get();
    c.process = j.process.get();
    c.resolve_unit = [&tx](std::string_view code) -> std::optional<std::int64_t> {
        auto unit = store::units::GetByCode(tx, code);
        if (!unit || !*unit) {
            return std::nullopt;
        }
        return (*unit)->id;
    };
    return c;
}

base::Result<domain::Dossier> Load(store::Transaction& tx, std::int64_t id) {
    auto d = store::dossiers::Get(tx, id);
    if (!d) {
        return std::move(d).error();
    }
    if (!*d) {
        return base::NotFound("không có hồ sơ số " + std::to_string(id));
    }
    return std::move(**d);
}

// The dossier, if the actor may see it: kUnauthenticated, kPermissionDenied otherwise.
base::Result<domain::Dossier> LoadVisible(store::Transaction& tx, const Actor& actor,
                                          std::int64_t id) {
    auto d = Load(tx, id);
    if (!d) {
        return d;
    }
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    auto visible = internal::MayView(tx, actor, *d);
    if (!visible) {
        return std::move(visible).error();
    }
    if (!*visible) {
        return base::Error{base::ErrorCode::kPermissionDenied, "Bạn không có quyền xem hồ sơ này."};
    }
    return d;
}

// The actions worth offering this caller on this dossier (the machine decides at submit time).
base::Result<std::vector<domain::ActionKind>> AllowedActions(store::Transaction& tx,
                                                             const Actor& actor,
                                                             const domain::Dossier& d,
                                                             const Judged& j) {
    std::vector<domain::ActionKind> out;
    if (domain::IsTerminal(d.state)) {
        return out;
    }
    if (internal::IsOwner(actor, d)) {
        // The online applicant: complete a supplement request, or withdraw.
        if (d.state == DossierState::kAwaitingSupplement ||
            d.state == DossierState::kReturnedForSupplement) {
            out.push_back(domain::ActionKind::kSupplement);
        }
        if (d.state == DossierState::kSubmitted || d.state == DossierState::kAwaitingSupplement ||
            d.state == DossierState::kReceived || d.state == DossierState::kReturnedForSupplement) {
            out.push_back(domain::ActionKind::kWithdraw);
        }
        return out;
    }
    const auto ctx = ContextOf(tx, j);
    for (int k = 0; k <= static_cast<int>(domain::ActionKind::kMarkLate); ++k) {
        domain::Action a;
        a.kind = static_cast<domain::ActionKind>(k);
        const Role role = domain::ActionRole(a.kind);
        if (role == Role::kAdmin || role == Role::kCitizen) {
            continue;
        }
        if (a.kind == domain::ActionKind::kAnswer) {
            for (size_t i = 0; i < d.tasks.size(); ++i) {
                if (d.tasks[i].opened_at && !d.tasks[i].answered_at) {
                    a.task_index = static_cast<int>(i);
                    break;
                }
            }
            if (a.task_index < 0) {
                continue;  // nothing to answer
            }
        }
        auto may = internal::HoldsRoleOn(tx, actor, role, internal::ActionUnit(d, a));
        if (!may) {
            return std::move(may).error();
        }
        if (!*may) {
            continue;
        }
        // Probe the state rules with a plausible request; parameter errors still count as
        // "offered" (the form asks for them), illegal transitions do not.
        a.at = std::max(d.updated_at, d.created_at);
        a.reason = "?";
        a.result_summary = "?";
        a.assignee_id = 0;
        a.tasks = {domain::TaskRequest{-1, 1000, "?"}};
        a.new_appointment =
            d.appointment_at ? *d.appointment_at + std::chrono::hours{24 * 30} : a.at;
        auto probe = domain::Apply(d, a, ctx);
        if (probe || probe.error().code != base::ErrorCode::kFailedPrecondition) {
            out.push_back(a.kind);
        }
    }
    return out;
}

}  // namespace

base::Result<std::string> FormatDossierCode(std::string_view agency, sys_days day,
                                            std::int64_t number) {
    if (number < 1 || number > 9999) {
        return base::Error{base::ErrorCode::kResourceExhausted,
                           "đã hết số hồ sơ trong ngày (tối đa 9999) cho " + std::string(agency)};
    }
    const std::chrono::year_month_day ymd{day};
    std::array<char, 16> tail{};
    std::snprintf(tail.data(), tail.size(), "-%02d%02u%02u-%04lld",
                  static_cast<int>(ymd.year()) % 100, static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long long>(number));
    return std::string(agency) + tail.data();
}

base::Result<Inbox> ParseInbox(std::string_view name) {
    for (const InboxInfo& i : kInboxes) {
        if (i.name == name) {
            return i.inbox;
        }
    }
    return base::InvalidArgument("hộp hồ sơ không hợp lệ: \"" + std::string(name) + "\"");
}

std::string_view InboxName(Inbox inbox) {
    for (const InboxInfo& i : kInboxes) {
        if (i.inbox == inbox) {
            return i.name;
        }
    }
    return "all";
}

std::string_view InboxLabel(Inbox inbox) {
    for (const InboxInfo& i : kInboxes) {
        if (i.inbox == inbox) {
            return i.label;
        }
    }
    return "";
}

namespace {

// What a new dossier is made of, whether received at a desk or submitted online.
struct NewDossier {
    std::int64_t desk = 0;
    std::int64_t settling_unit_id = 0;
    std::string procedure_code;
    domain::Channel channel = domain::Channel::kDirect;
    domain::Applicant applicant;
    std::vector<domain::Component> components;
    std::string idempotency_key;
    std::optional<std::int64_t> citizen_user_id;
};

// Numbers, judges (domain::Open) and stores a new dossier with its first event.
base::Result<domain::Dossier> CreateDossier(store::Transaction& tx, AppContext& ctx,
                                            const NewDossier& spec, const domain::Action& action) {
    const auto now = action.at;
    auto desk_unit = store::units::Get(tx, spec.desk);
    if (!desk_unit) {
        return std::move(desk_unit).error();
    }
    auto settling = store::units::Get(tx, spec.settling_unit_id);
    if (!settling) {
        return std::move(settling).error();
    }
    if (!*desk_unit || !*settling) {
        return base::NotFound("không có đơn vị tiếp nhận hoặc đơn vị giải quyết");
    }
    auto procedure =
        store::procedures::GetInForce(tx, spec.procedure_code, TodayInVietnam(*ctx.clock));
    if (!procedure) {
        return std::move(procedure).error();
    }
    if (!*procedure) {
        return base::NotFound("không có thủ tục " + spec.procedure_code + " đang có hiệu lực");
    }
    const domain::Procedure& proc = **procedure;
    if (!CanSettle(**settling, proc)) {
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           (*settling)->name + " không giải quyết thủ tục cấp " +
                               (proc.levels.empty() ? std::string("?") : proc.levels.front())};
    }
    auto rules = domain::RuleBook::Embedded()->InForceAt(now);
    if (!rules) {
        return std::move(rules).error();
    }
    auto process = EnsureProcess(tx, proc, spec.settling_unit_id, now);
    if (!process) {
        return std::move(process).error();
    }
    auto home_desk = HomeOf(tx, spec.desk);
    auto home_settling = HomeOf(tx, spec.settling_unit_id);
    if (!home_desk || !home_settling) {
        return base::Internal("không xác định được địa bàn của đơn vị");
    }
    const sys_days today = TodayInVietnam(*ctx.clock);
    auto number = store::dossiers::NextCodeNumber(tx, (*desk_unit)->code, today);
    if (!number) {
        return std::move(number).error();
    }
    auto code = FormatDossierCode((*desk_unit)->code, today, *number);
    if (!code) {
        return std::move(code).error();
    }

    domain::Dossier draft;
    draft.code = *code;
    draft.rule_set_id = (*rules)->id;
    draft.procedure_code = proc.code;
    draft.procedure_name = proc.name;
    draft.process_id = process->id;
    draft.receiving_unit_id = spec.desk;
    draft.settling_unit_id = spec.settling_unit_id;
    draft.boundary_free = *home_desk != *home_settling;
    draft.channel = spec.channel;
    draft.applicant = spec.applicant;
    draft.components = spec.components.empty() ? RequiredComponents(proc) : spec.components;
    draft.fee_amount = proc.fee_amount;
    draft.processing_milli = proc.processing_milli;
    draft.time_unit = static_cast<int>(proc.time_unit);
    draft.idempotency_key = spec.idempotency_key;
    draft.lookup_secret = RandomCode(8);
    draft.citizen_user_id = spec.citizen_user_id;

    auto cal = internal::CalendarFor(spec.settling_unit_id);
    if (!cal) {
        return std::move(cal).error();
    }
    Judged j{*rules, *cal, std::make_shared<const domain::Process>(std::move(*process))};
    auto transition = domain::Open(std::move(draft), action, ContextOf(tx, j));
    if (!transition) {
        return std::move(transition).error();
    }
    transition->dossier.version = 1;
    auto id = store::dossiers::Insert(tx, transition->dossier);
    if (!id) {
        return std::move(id).error();
    }
    transition->dossier.id = *id;
    transition->event.dossier_id = *id;
    transition->event.seq = 1;
    if (base::Status s = store::dossiers::AppendEvent(tx, transition->event); !s) {
        return s.error();
    }
    if (base::Status s = internal::RefreshIndicators(tx, *id); !s) {
        return s.error();
    }
    if (base::Status s = internal::NotifyApplicant(tx, transition->dossier, transition->event);
        !s) {
        return s.error();
    }
    return std::move(transition->dossier);
}

}  // namespace

base::Result<ReceiveResult> ReceiveDossier(AppContext& ctx, const Actor& actor,
                                           ReceiveRequest request) {
    const auto now = ctx.clock->Now();
    return InWriteTransaction<ReceiveResult>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<ReceiveResult> {
            if (!actor.SignedIn()) {
                return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
            }
            // The receiving desk: the one named, or the caller's only desk.
            std::optional<std::int64_t> desk = request.receiving_unit_id;
            if (!desk) {
                for (const domain::RoleGrant& g : actor.user->roles) {
                    if ((g.role == Role::kDeskOfficer) && g.unit_id) {
                        desk = g.unit_id;
                        break;
                    }
                }
            }
            if (!desk) {
                return base::InvalidArgument("chọn bộ phận một cửa tiếp nhận (receiving_unit_id)");
            }
            auto may = internal::HoldsRoleOn(tx, actor, Role::kDeskOfficer, *desk);
            if (!may) {
                return std::move(may).error();
            }
            if (!*may) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Bạn không phải công chức một cửa của đơn vị tiếp nhận này."};
            }
            if (!request.idempotency_key.empty()) {
                if (request.idempotency_key.size() > 128) {
                    return base::InvalidArgument("khóa chống nộp trùng tối đa 128 ký tự");
                }
                auto earlier = store::dossiers::GetByIdempotencyKey(tx, request.idempotency_key);
                if (!earlier) {
                    return std::move(earlier).error();
                }
                if (*earlier) {
                    if (!SameRequest(**earlier, request)) {
                        return base::Error{base::ErrorCode::kAlreadyExists,
                                           "khóa chống nộp trùng đã dùng cho một hồ sơ khác"};
                    }
                    return ReceiveResult{std::move(**earlier), false};
                }
            }
            NewDossier spec;
            spec.desk = *desk;
            spec.settling_unit_id = request.settling_unit_id;
            spec.procedure_code = request.procedure_code;
            spec.channel = request.channel;
            spec.applicant = request.applicant;
            spec.components = request.components;
            spec.idempotency_key = request.idempotency_key;
            if (spec.channel == domain::Channel::kOnline) {
                return base::InvalidArgument(
                    "hồ sơ trực tuyến do người nộp gửi qua cổng dịch vụ công");
            }
            domain::Action action;
            action.kind = domain::ActionKind::kReceive;
            action.at = now;
            action.actor_id = actor.user->id;
            action.actor_name = actor.user->display_name;
            action.actor_unit_id = *desk;
            action.completeness = request.completeness;
            action.reason = request.reason;
            auto created = CreateDossier(tx, ctx, spec, action);
            if (!created) {
                return std::move(created).error();
            }
            return ReceiveResult{std::move(*created), true};
        });
}

base::Result<std::int64_t> OnlineDeskFor(store::Transaction& tx, std::int64_t settling_unit_id) {
    std::optional<std::int64_t> current = settling_unit_id;
    for (int depth = 0; current && depth < 16; ++depth) {
        auto children = store::units::Children(tx, *current);
        if (!children) {
            return std::move(children).error();
        }
        // A commune's own desk first; a province's service centre before any desk below it.
        for (const auto type : {domain::UnitType::kOneStopDesk, domain::UnitType::kServiceCentre}) {
            for (const domain::Unit& child : *children) {
                if (child.type == type && !child.valid_to) {
                    return child.id;
                }
            }
        }
        auto unit = store::units::Get(tx, *current);
        if (!unit) {
            return std::move(unit).error();
        }
        if (!*unit) {
            break;
        }
        current = (*unit)->parent_id;
    }
    return base::NotFound("không tìm thấy bộ phận một cửa tiếp nhận hồ sơ trực tuyến của đơn vị");
}

base::Result<ReceiveResult> SubmitOnline(AppContext& ctx, const Actor& actor,
                                         OnlineSubmission submission) {
    const auto now = ctx.clock->Now();
    return InWriteTransaction<ReceiveResult>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<ReceiveResult> {
            if (!actor.SignedIn()) {
                return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
            }
            const bool citizen =
                std::any_of(actor.user->roles.begin(), actor.user->roles.end(),
                            [](const domain::RoleGrant& g) { return g.role == Role::kCitizen; });
            if (!citizen) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Chỉ tài khoản công dân, doanh nghiệp nộp hồ sơ trực tuyến."};
            }
            if (submission.idempotency_key.size() > 128) {
                return base::InvalidArgument("khóa chống nộp trùng tối đa 128 ký tự");
            }
            if (!submission.idempotency_key.empty()) {
                // Keys are scoped to the account: another user's key is just another key.
                const std::string key =
                    "u" + std::to_string(actor.user->id) + ":" + submission.idempotency_key;
                auto earlier = store::dossiers::GetByIdempotencyKey(tx, key);
                if (!earlier) {
                    return std::move(earlier).error();
                }
                if (*earlier) {
                    if ((*earlier)->procedure_code != submission.procedure_code ||
                        (*earlier)->settling_unit_id != submission.settling_unit_id) {
                        return base::Error{base::ErrorCode::kAlreadyExists,
                                           "khóa chống nộp trùng đã dùng cho một hồ sơ khác"};
                    }
                    return ReceiveResult{std::move(**earlier), false};
                }
                submission.idempotency_key = key;
            }
            auto desk = OnlineDeskFor(tx, submission.settling_unit_id);
            if (!desk) {
                return std::move(desk).error();
            }
            NewDossier spec;
            spec.desk = *desk;
            spec.settling_unit_id = submission.settling_unit_id;
            spec.procedure_code = submission.procedure_code;
            spec.channel = domain::Channel::kOnline;
            spec.applicant = submission.applicant;
            spec.components = submission.components;
            spec.idempotency_key = submission.idempotency_key;
            spec.citizen_user_id = actor.user->id;
            domain::Action action;
            action.kind = domain::ActionKind::kSubmit;
            action.at = now;
            action.actor_id = actor.user->id;
            action.actor_name = actor.user->display_name;
            action.actor_unit_id = *desk;
            action.by_applicant = true;
            auto created = CreateDossier(tx, ctx, spec, action);
            if (!created) {
                return std::move(created).error();
            }
            // The desk's officers see it in their notifications as well as in the inbox.
            store::dossiers::Notification n;
            n.recipient_unit_id = *desk;
            n.dossier_id = created->id;
            n.kind = "online_submitted";
            n.message = "Hồ sơ trực tuyến mới " + created->code + " (" + created->procedure_name +
                        ") chờ kiểm tra, tiếp nhận";
            n.created_at = now;
            if (base::Status s = store::dossiers::Notify(tx, n); !s) {
                return s.error();
            }
            if (submission.in_transaction) {
                if (base::Status s = submission.in_transaction(tx, *created); !s) {
                    return s.error();
                }
            }
            return ReceiveResult{std::move(*created), true};
        });
}

base::Result<domain::Dossier> ActOnDossier(AppContext& ctx, const Actor& actor, std::int64_t id,
                                           ActionRequest request) {
    // Optimistic: everything is checked and the transition computed in a read transaction (in
    // parallel with other readers); the write transaction only stores the new state if the
    // version is still the one read, and appends the event. A concurrent change to the dossier
    // makes the write fail with kAborted: with an expected version that is the caller's
    // conflict; without one the action is judged again on the fresh state.
    for (int attempt = 0;; ++attempt) {
        const auto now = ctx.clock->Now();
        std::string assignee_name;
        auto judged = InReadTransaction<domain::Transition>(
            *ctx.db, [&](store::Transaction& tx) -> base::Result<domain::Transition> {
                auto d = LoadVisible(tx, actor, id);
                if (!d) {
                    return std::move(d).error();
                }
                if (request.expected_version != 0 && request.expected_version != d->version) {
                    return base::Error{base::ErrorCode::kAborted,
                                       "hồ sơ " + d->code +
                                           " vừa được người khác xử lý (phiên bản " +
                                           std::to_string(d->version) + "); hãy tải lại"};
                }
                domain::Action action = request.action;
                action.at = std::max(now, d->updated_at);
                action.actor_id = actor.user->id;
                action.actor_name = actor.user->display_name;
                if (base::Status s = internal::AuthorizeAction(tx, actor, *d, action); !s) {
                    return s.error();
                }
                if (action.kind == domain::ActionKind::kAssign && action.assignee_id) {
                    // The assignee must be a specialist (or leader) of the unit handling it.
                    auto assignee = store::users::Get(tx, *action.assignee_id);
                    if (!assignee) {
                        return std::move(assignee).error();
                    }
                    if (!*assignee) {
                        return base::NotFound("không có công chức số " +
                                              std::to_string(*action.assignee_id));
                    }
                    Actor as_assignee;
                    as_assignee.user = **assignee;
                    auto fits = internal::HoldsRoleOn(tx, as_assignee, Role::kSpecialist,
                                                      d->current_unit_id);
                    if (!fits) {
                        return std::move(fits).error();
                    }
                    if (!*fits) {
                        return base::InvalidArgument((*assignee)->display_name +
                                                     " không thuộc đơn vị đang xử lý hồ sơ");
                    }
                    assignee_name = (*assignee)->display_name;
                }
                auto j = Prepare(tx, *d);
                if (!j) {
                    return std::move(j).error();
                }
                auto t = domain::Apply(*d, action, ContextOf(tx, *j));
                if (t && !assignee_name.empty()) {
                    t->event.details.emplace_back("assignee_name", assignee_name);
                }
                return t;
            });
        if (!judged) {
            return std::move(judged).error();
        }
        // Encoded here, outside the write transaction: the writer only binds and steps.
        domain::Transition& t = *judged;
        const std::int64_t read_version = t.dossier.version;
        t.dossier.version = read_version + 1;
        t.event.dossier_id = t.dossier.id;
        t.event.seq = t.dossier.version;
        const store::dossiers::PreparedUpdate update =
            store::dossiers::PrepareUpdate(t.dossier, read_version);
        const store::dossiers::PreparedEvent event = store::dossiers::PrepareEvent(t.event);
        auto saved =
            InWriteTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
                if (base::Status s = store::dossiers::Update(tx, update); !s) {
                    return s.error();
                }
                if (base::Status s = store::dossiers::AppendEvent(tx, event); !s) {
                    return s.error();
                }
                if (base::Status s = internal::RefreshIndicators(tx, t.dossier.id); !s) {
                    return s.error();
                }
                if (base::Status s = internal::NotifyApplicant(tx, t.dossier, t.event); !s) {
                    return s.error();
                }
                if (t.event.action == domain::ActionKind::kAssign && t.dossier.assignee_id) {
                    store::dossiers::Notification n;
                    n.recipient_user_id = t.dossier.assignee_id;
                    n.dossier_id = t.dossier.id;
                    n.kind = "assigned";
                    n.message = "Bạn được phân công xử lý hồ sơ " + t.dossier.code;
                    n.created_at = t.event.at;
                    if (base::Status s = store::dossiers::Notify(tx, n); !s) {
                        return s.error();
                    }
                }
                return true;
            });
        if (saved) {
            return std::move(t.dossier);
        }
        if (saved.error().code != base::ErrorCode::kAborted || request.expected_version != 0 ||
            attempt >= 4) {
            return std::move(saved).error();
        }
    }
}

base::Result<DossierView> GetDossier(AppContext& ctx, const Actor& actor, std::int64_t id) {
    return InReadTransaction<DossierView>(*ctx.db,
                                          [&](store::Transaction& tx) -> base::Result<DossierView> {
                                              auto d = LoadVisible(tx, actor, id);
                                              if (!d) {
                                                  return std::move(d).error();
                                              }
                                              DossierView view;
                                              auto events = store::dossiers::Events(tx, id);
                                              if (!events) {
                                                  return std::move(events).error();
                                              }
                                              view.events = std::move(*events);
                                              auto j = Prepare(tx, *d);
                                              if (!j) {
                                                  return std::move(j).error();
                                              }
                                              auto allowed = AllowedActions(tx, actor, *d, *j);
                                              if (!allowed) {
                                                  return std::move(allowed).error();
                                              }
                                              view.allowed = std::move(*allowed);
                                              if (j->process) {
                                                  view.process = *j->process;
                                              }
                                              view.dossier = std::move(*d);
                                              return view;
                                          });
}

base::Result<std::int64_t> DossierIdByCode(AppContext& ctx, std::string_view code) {
    return InReadTransaction<std::int64_t>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
            auto d = store::dossiers::GetByCode(tx, code);
            if (!d) {
                return std::move(d).error();
            }
            if (!*d) {
                return base::NotFound("không có hồ sơ mã " + std::string(code));
            }
            return (*d)->id;
        });
}

base::Result<DossierView> GetDossierByCode(AppContext& ctx, const Actor& actor,
                                           std::string_view code) {
    auto id = DossierIdByCode(ctx, code);
    if (!id) {
        return std::move(id).error();
    }
    return GetDossier(ctx, actor, *id);
}

base::Result<std::vector<store::dossiers::Summary>> ListDossiers(AppContext& ctx,
                                                                 const Actor& actor,
                                                                 const InboxQuery& query) {
    const auto now = ctx.clock->Now();
    return InReadTransaction<std::vector<store::dossiers::Summary>>(
        *ctx.db,
        [&](store::Transaction& tx) -> base::Result<std::vector<store::dossiers::Summary>> {
            if (!actor.SignedIn()) {
                return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
            }
            // The caller's units (and, for supervising roles, their subtrees).
            std::vector<std::int64_t> desks;
            std::vector<std::int64_t> handling;
            std::vector<std::int64_t> leading;
            std::vector<std::int64_t> all;
            auto units = store::units::List(tx);
            if (!units) {
                return std::move(units).error();
            }
            for (const domain::RoleGrant& g : actor.user->roles) {
                if (!g.unit_id || g.role == Role::kCitizen || g.role == Role::kAdmin) {
                    continue;
                }
                for (const domain::Unit& u : *units) {
                    bool covered = u.id == *g.unit_id;
                    if (!covered && domain::RoleCoversSubtree(g.role)) {
                        auto inside = store::units::IsInSubtree(tx, u.id, *g.unit_id);
                        if (!inside) {
                            return std::move(inside).error();
                        }
                        covered = *inside;
                    }
                    if (!covered) {
                        continue;
                    }
                    all.push_back(u.id);
                    if (g.role == Role::kDeskOfficer || g.role == Role::kLeader) {
                        desks.push_back(u.id);
                    }
                    if (g.role == Role::kSpecialist || g.role == Role::kLeader) {
                        handling.push_back(u.id);
                    }
                    if (g.role == Role::kLeader) {
                        leading.push_back(u.id);
                    }
                }
            }
            if (all.empty()) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Bạn không có quyền xem hồ sơ của đơn vị nào."};
            }
            store::dossiers::Filter f;
            f.text = query.text;
            f.before_id = query.before_id;
            f.limit = query.limit;
            f.involved_units = all;
            switch (query.inbox) {
                case Inbox::kToReceive:
                    f.involved_units.clear();
                    f.current_units = desks;
                    f.states = {DossierState::kSubmitted};
                    break;
                case Inbox::kToTransfer:
                    f.involved_units.clear();
                    f.current_units = desks;
                    f.states = {DossierState::kReceived};
                    break;
                case Inbox::kToProcess:
                    f.involved_units.clear();
                    f.current_units = handling;
                    f.states = {DossierState::kProcessing, DossierState::kPaused,
                                DossierState::kApproved};
                    break;
                case Inbox::kToApprove:
                    f.involved_units.clear();
                    f.current_units = leading;
                    f.states = {DossierState::kProcessing};
                    f.step_kind = "approve";
                    break;
                case Inbox::kToReturn:
                    f.involved_units.clear();
                    f.current_units = desks;
                    f.states = {DossierState::kResultReady};
                    break;
                case Inbox::kSupplement:
                    f.states = {DossierState::kAwaitingSupplement,
                                DossierState::kReturnedForSupplement};
                    break;
                case Inbox::kDueSoon: {
                    auto cal = internal::CalendarFor(0);
                    if (!cal) {
                        return std::move(cal).error();
                    }
                    auto horizon = (*cal)->AddWorkingDays(now, 1000);
                    if (!horizon) {
                        return std::move(horizon).error();
                    }
                    f.due_before = *horizon;
                    f.late = false;
                    break;
                }
                case Inbox::kOverdue:
                    f.late = true;
                    break;
                case Inbox::kAll:
                    break;
            }
            if ((f.current_units.empty() && f.involved_units.empty())) {
                return std::vector<store::dossiers::Summary>{};
            }
            return store::dossiers::List(tx, f);
        });
}

}  // namespace motcua::app
