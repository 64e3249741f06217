#include "app/queue.hpp"

#include <algorithm>
#include <map>

#include "app/audit_util.hpp"
#include "app/authz.hpp"
#include "app/catalogue.hpp"
#include "app/rate_limits.hpp"
#include "app/report_scope.hpp"
#include "calendar/civil_date.hpp"
#include "store/dossiers.hpp"
#include "store/units.hpp"
#include "text/unicode.hpp"

namespace motcua::app::queue {

namespace {

namespace q = domain::queue;
namespace sq = store::queue;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

// A kiosk issues at most this many tickets per address and desk per minute: far above a real
// queue (one citizen every few seconds), far below a script.
constexpr int kKioskTicketsPerMinute = 30;
constexpr std::size_t kMaxRecent = 8;
constexpr std::int64_t kMaxFigureDays = 366;

base::Error DeskNotFound(std::string_view code) {
    return base::Error{base::ErrorCode::kNotFound,
                       "Không tìm thấy bộ phận một cửa có mã \"" + std::string(code) + "\"."};
}

base::Result<domain::Unit> LoadDesk(store::Transaction& tx, std::string_view code) {
    if (code.empty() || code.size() > 64) {
        return DeskNotFound(code);
    }
    auto unit = store::units::GetByCode(tx, code);
    if (!unit) {
        return std::move(unit).error();
    }
    if (!*unit || ((*unit)->type != domain::UnitType::kOneStopDesk &&
                   (*unit)->type != domain::UnitType::kServiceCentre)) {
        return DeskNotFound(code);
    }
    return std::move(**unit);
}

// Desk officers of this desk only (not leaders above it): they stand at the counters.
base::Status RequireDeskOfficer(const Actor& actor, const domain::Unit& desk) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    if (actor.user->active) {
        for (const domain::RoleGrant& g : actor.user->roles) {
            if (g.role == domain::Role::kDeskOfficer && g.unit_id == desk.id) {
                return {};
            }
        }
    }
    return base::Error{
        base::ErrorCode::kPermissionDenied,
        "Chỉ công chức Bộ phận Một cửa của " + desk.name + " mới được thao tác tại quầy."};
}

std::optional<std::int64_t> ActorId(const Actor& actor) {
    if (actor.user) {
        return actor.user->id;
    }
    return std::nullopt;
}

sys_days LocalDay(sys_seconds at) {
    return std::chrono::floor<std::chrono::days>(at + calendar::kVietnamOffset);
}

bool IsCode(std::string_view s) {
    return !s.empty() && s.size() <= 16 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
}

base::Result<std::string> CheckLabel(std::string_view label, std::string_view what) {
    auto normalised = text::Nfc(label);
    if (!normalised) {
        return base::InvalidArgument(std::string(what) + " không phải UTF-8 hợp lệ.");
    }
    std::string nfc = std::move(*normalised);
    const auto trimmed = nfc.find_first_not_of(" \t\r\n");
    if (trimmed == std::string::npos || nfc.size() > 300) {
        return base::InvalidArgument(std::string(what) + " phải có từ 1 đến 100 ký tự.");
    }
    return nfc;
}

std::string TicketDetail(const sq::StoredTicket& t) {
    return "{\"number\":" + JsonQuote(t.ticket.number) +
           ",\"group\":" + JsonQuote(t.ticket.service_group) +
           ",\"state\":" + JsonQuote(q::StateName(t.ticket.state)) +
           ",\"counter\":" + JsonQuote(t.ticket.counter) + "}";
}

// The kiosk limiter, shared by the server processes through the database (app/rate_limits.hpp).
constexpr limits::Limit kKioskLimit{"kiosk", kKioskTicketsPerMinute, std::chrono::minutes{1}};

}  // namespace

base::Result<DeskSetup> GetSetup(AppContext& ctx, std::string_view desk_code) {
    return InReadTransaction<DeskSetup>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<DeskSetup> {
            auto desk = LoadDesk(tx, desk_code);
            if (!desk) {
                return std::move(desk).error();
            }
            auto groups = sq::Groups(tx, desk->id);
            if (!groups) {
                return std::move(groups).error();
            }
            auto counters = sq::Counters(tx, desk->id);
            if (!counters) {
                return std::move(counters).error();
            }
            return DeskSetup{std::move(*desk), std::move(*groups), std::move(*counters)};
        });
}

base::Result<DeskSetup> SaveSetup(AppContext& ctx, const Actor& actor, std::string_view desk_code,
                                  std::vector<sq::Group> groups,
                                  std::vector<sq::Counter> counters) {
    if (groups.size() > 26 || counters.size() > 50) {
        return base::InvalidArgument("Tối đa 26 nhóm dịch vụ và 50 quầy.");
    }
    for (std::size_t i = 0; i < groups.size(); ++i) {
        sq::Group& g = groups[i];
        if (!IsCode(g.code)) {
            return base::InvalidArgument("Mã nhóm dịch vụ \"" + g.code +
                                         "\" không hợp lệ (1–16 ký tự A-Z, a-z, 0-9, _ hoặc -).");
        }
        if (!q::TicketNumber(g.prefix, 1)) {
            return base::InvalidArgument("Chữ cái đầu số của nhóm \"" + g.code +
                                         "\" phải là 1 đến 3 chữ in hoa A-Z.");
        }
        auto label = CheckLabel(g.label, "Tên nhóm dịch vụ");
        if (!label) {
            return std::move(label).error();
        }
        g.label = std::move(*label);
        g.position = static_cast<int>(i) + 1;
    }
    for (std::size_t i = 0; i < counters.size(); ++i) {
        sq::Counter& c = counters[i];
        if (!IsCode(c.code)) {
            return base::InvalidArgument("Mã quầy \"" + c.code + "\" không hợp lệ.");
        }
        auto label = CheckLabel(c.label, "Tên quầy");
        if (!label) {
            return std::move(label).error();
        }
        c.label = std::move(*label);
        c.position = static_cast<int>(i) + 1;
        if (c.groups.empty()) {
            return base::InvalidArgument("Quầy \"" + c.code + "\" phải nhận ít nhất một nhóm.");
        }
        for (const std::string& code : c.groups) {
            if (std::none_of(groups.begin(), groups.end(),
                             [&](const sq::Group& g) { return g.code == code; })) {
                return base::Error{base::ErrorCode::kNotFound,
                                   "Quầy \"" + c.code + "\" nhận nhóm không có: \"" + code + "\"."};
            }
        }
    }
    const sys_seconds now = ctx.clock->Now();
    return InWriteTransaction<DeskSetup>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<DeskSetup> {
            auto desk = LoadDesk(tx, desk_code);
            if (!desk) {
                return std::move(desk).error();
            }
            if (base::Status s = Authorize(tx, actor, Permission::kManageUnits, desk->id); !s) {
                return s.error();
            }
            if (base::Status s = sq::ReplaceSetup(tx, desk->id, groups, counters); !s) {
                return s.error();
            }
            std::string detail = "{\"groups\":" + std::to_string(groups.size()) +
                                 ",\"counters\":" + std::to_string(counters.size()) + "}";
            if (base::Status s = Audit(tx, actor, now, "queue.setup", "unit", desk->code, detail);
                !s) {
                return s.error();
            }
            auto g = sq::Groups(tx, desk->id);
            if (!g) {
                return std::move(g).error();
            }
            auto c = sq::Counters(tx, desk->id);
            if (!c) {
                return std::move(c).error();
            }
            return DeskSetup{std::move(*desk), std::move(*g), std::move(*c)};
        });
}

base::Result<IssuedTicket> IssueTicket(AppContext& ctx, const Actor& actor,
                                       std::string_view desk_code, std::string_view group_code) {
    const sys_seconds now = ctx.clock->Now();
    const sys_days today = LocalDay(now);
    auto result = InWriteTransaction<IssuedTicket>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<IssuedTicket> {
            auto desk = LoadDesk(tx, desk_code);
            if (!desk) {
                return std::move(desk).error();
            }
            auto groups = sq::Groups(tx, desk->id);
            if (!groups) {
                return std::move(groups).error();
            }
            const auto group = std::find_if(groups->begin(), groups->end(),
                                            [&](const auto& g) { return g.code == group_code; });
            if (group == groups->end()) {
                return base::Error{
                    base::ErrorCode::kNotFound,
                    "Bộ phận một cửa không có nhóm dịch vụ \"" + std::string(group_code) + "\"."};
            }
            auto hits = limits::Hit(tx, kKioskLimit, desk->code + "|" + actor.ip, now);
            if (!hits) {
                return std::move(hits).error();
            }
            if (*hits > kKioskTicketsPerMinute) {  // the error rolls the hit back
                return base::Error{base::ErrorCode::kResourceExhausted,
                                   "Máy lấy số đã cấp quá nhiều số trong một phút; vui lòng chờ "
                                   "giây lát rồi thử lại."};
            }
            auto seq = sq::NextSequence(tx, desk->id, group->prefix, today);
            if (!seq) {
                return std::move(seq).error();
            }
            auto number = q::TicketNumber(group->prefix, *seq);
            if (!number) {
                return std::move(number).error();
            }
            sq::StoredTicket t;
            t.desk_unit_id = desk->id;
            t.day = today;
            t.prefix = group->prefix;
            t.sequence = *seq;
            t.ticket.number = *number;
            t.ticket.service_group = group->code;
            t.ticket.issued_at = now;
            auto stored = sq::Insert(tx, t, ActorId(actor));
            if (!stored) {
                return std::move(stored).error();
            }
            if (base::Status s = Audit(tx, actor, now, "queue.issue", "queue_ticket",
                                       std::to_string(stored->ticket.id), TicketDetail(*stored));
                !s) {
                return s.error();
            }
            IssuedTicket out;
            auto ahead = sq::WaitingAhead(tx, desk->id, group->code, *stored);
            if (!ahead) {
                return std::move(ahead).error();
            }
            out.ahead = *ahead;
            auto day = sq::ForDays(tx, desk->id, today, today);
            if (!day) {
                return std::move(day).error();
            }
            std::vector<q::Ticket> tickets;
            tickets.reserve(day->size());
            for (const auto& d : *day) {
                tickets.push_back(d.ticket);
            }
            const q::WaitingFigures f = q::Figures(tickets);
            if (f.called > 0) {
                out.estimated_wait_seconds = f.average_seconds;
            }
            out.group_label = group->label;
            out.ticket = std::move(*stored);
            return out;
        });
    return result;
}

base::Result<std::optional<sq::StoredTicket>> CallNext(AppContext& ctx, const Actor& actor,
                                                       std::string_view desk_code,
                                                       std::string_view counter) {
    const sys_seconds now = ctx.clock->Now();
    return InWriteTransaction<std::optional<sq::StoredTicket>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::optional<sq::StoredTicket>> {
            auto desk = LoadDesk(tx, desk_code);
            if (!desk) {
                return std::move(desk).error();
            }
            if (base::Status s = RequireDeskOfficer(actor, *desk); !s) {
                return s.error();
            }
            auto signed_in = sq::SignIn(tx, desk->id, counter, ActorId(actor), now);
            if (!signed_in) {
                return std::move(signed_in).error();
            }
            if (!*signed_in) {
                return base::Error{
                    base::ErrorCode::kNotFound,
                    "Không có quầy \"" + std::string(counter) + "\" tại " + desk->name + "."};
            }
            auto called = sq::CallNext(tx, desk->id, counter, now, ActorId(actor));
            if (!called) {
                return std::move(called).error();
            }
            if (*called) {
                if (base::Status s =
                        Audit(tx, actor, now, "queue.call", "queue_ticket",
                              std::to_string((*called)->ticket.id), TicketDetail(**called));
                    !s) {
                    return s.error();
                }
            }
            return called;
        });
}

base::Result<sq::StoredTicket> Act(AppContext& ctx, const Actor& actor, std::string_view desk_code,
                                   std::int64_t ticket_id, const ActRequest& request) {
    if (request.kind == q::ActionKind::kCall) {
        return base::InvalidArgument("Dùng \"gọi số tiếp theo\" để gọi số.");
    }
    const sys_seconds now = ctx.clock->Now();
    return InWriteTransaction<sq::StoredTicket>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<sq::StoredTicket> {
            auto desk = LoadDesk(tx, desk_code);
            if (!desk) {
                return std::move(desk).error();
            }
            if (base::Status s = RequireDeskOfficer(actor, *desk); !s) {
                return s.error();
            }
            auto counters = sq::Counters(tx, desk->id);
            if (!counters) {
                return std::move(counters).error();
            }
            if (std::none_of(counters->begin(), counters->end(),
                             [&](const auto& c) { return c.code == request.counter; })) {
                return base::Error{
                    base::ErrorCode::kNotFound,
                    "Không có quầy \"" + request.counter + "\" tại " + desk->name + "."};
            }
            auto found = sq::Get(tx, ticket_id);
            if (!found) {
                return std::move(found).error();
            }
            if (!*found || (*found)->desk_unit_id != desk->id) {
                return base::Error{base::ErrorCode::kNotFound, "Không tìm thấy số thứ tự."};
            }
            sq::StoredTicket t = std::move(**found);
            if (request.expected_version && *request.expected_version != t.version) {
                return base::Error{
                    base::ErrorCode::kAborted,
                    "Số " + t.ticket.number + " vừa được thay đổi ở nơi khác; vui lòng tải lại."};
            }
            // Only the counter that called a ticket moves it on (requeue: any counter).
            if (request.kind != q::ActionKind::kRequeue && !t.ticket.counter.empty() &&
                t.ticket.counter != request.counter) {
                return base::Error{
                    base::ErrorCode::kFailedPrecondition,
                    "Số " + t.ticket.number + " đang do quầy " + t.ticket.counter + " phục vụ."};
            }
            q::Action action;
            action.kind = request.kind;
            action.at = now;
            action.counter = request.counter;
            if (request.kind == q::ActionKind::kTransfer) {
                auto groups = sq::Groups(tx, desk->id);
                if (!groups) {
                    return std::move(groups).error();
                }
                if (std::none_of(groups->begin(), groups->end(),
                                 [&](const auto& g) { return g.code == request.service_group; })) {
                    return base::Error{base::ErrorCode::kNotFound,
                                       "Không có nhóm dịch vụ \"" + request.service_group + "\"."};
                }
                action.service_group = request.service_group;
            }
            std::optional<std::int64_t> dossier_id;
            if (request.kind == q::ActionKind::kFinish && !request.dossier_code.empty()) {
                auto dossier = store::dossiers::GetByCode(tx, request.dossier_code);
                if (!dossier) {
                    return std::move(dossier).error();
                }
                if (!*dossier || (*dossier)->receiving_unit_id != desk->id) {
                    return base::Error{base::ErrorCode::kNotFound,
                                       "Không có hồ sơ mã \"" + request.dossier_code +
                                           "\" được tiếp nhận tại " + desk->name + "."};
                }
                dossier_id = (*dossier)->id;
                action.dossier_code = request.dossier_code;
            }
            auto moved = q::Apply(t.ticket, action);
            if (!moved) {
                return std::move(moved).error();
            }
            const std::int64_t version = t.version;
            t.ticket = std::move(*moved);
            if (dossier_id) {
                t.dossier_id = dossier_id;
            }
            std::string detail;
            if (request.kind == q::ActionKind::kTransfer) {
                detail = request.service_group;
            } else if (dossier_id) {
                detail = request.dossier_code;
            }
            auto stored = sq::Update(tx, std::move(t), version, q::ActionName(request.kind),
                                     ActorId(actor), detail);
            if (!stored) {
                return std::move(stored).error();
            }
            if (base::Status s =
                    Audit(tx, actor, now, "queue." + std::string(q::ActionName(request.kind)),
                          "queue_ticket", std::to_string(stored->ticket.id), TicketDetail(*stored));
                !s) {
                return s.error();
            }
            return stored;
        });
}

base::Result<std::vector<sq::StoredTicket>> TodaysTickets(AppContext& ctx, const Actor& actor,
                                                          std::string_view desk_code) {
    const sys_days today = LocalDay(ctx.clock->Now());
    return InReadTransaction<std::vector<sq::StoredTicket>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<sq::StoredTicket>> {
            auto desk = LoadDesk(tx, desk_code);
            if (!desk) {
                return std::move(desk).error();
            }
            if (base::Status s = RequireDeskOfficer(actor, *desk); !s) {
                return s.error();
            }
            return sq::ForDays(tx, desk->id, today, today);
        });
}

base::Result<DisplayState> Display(AppContext& ctx, std::string_view desk_code) {
    const sys_days today = LocalDay(ctx.clock->Now());
    return InReadTransaction<DisplayState>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<DisplayState> {
            auto desk = LoadDesk(tx, desk_code);
            if (!desk) {
                return std::move(desk).error();
            }
            DisplayState out;
            out.desk_code = desk->code;
            out.desk_name = desk->name;
            out.day = today;
            auto version = sq::DeskVersion(tx, desk->id);
            if (!version) {
                return std::move(version).error();
            }
            out.version = *version;
            auto counters = sq::Counters(tx, desk->id);
            if (!counters) {
                return std::move(counters).error();
            }
            auto tickets = sq::ForDays(tx, desk->id, today, today);
            if (!tickets) {
                return std::move(tickets).error();
            }
            std::map<std::string, std::string> labels;
            for (const auto& c : *counters) {
                labels[c.code] = c.label;
            }
            std::vector<CounterCall> calls;
            for (const auto& t : *tickets) {
                if (t.ticket.state == q::State::kWaiting) {
                    ++out.waiting;
                }
                if (!t.ticket.called_at || t.ticket.counter.empty()) {
                    continue;
                }
                calls.push_back(CounterCall{t.ticket.counter, labels[t.ticket.counter],
                                            t.ticket.number, t.ticket.state, t.ticket.called_at,
                                            t.ticket.recalls});
            }
            std::stable_sort(calls.begin(), calls.end(), [](const auto& a, const auto& b) {
                return a.called_at > b.called_at;
            });
            for (const auto& c : *counters) {
                CounterCall latest{c.code, c.label, "", q::State::kCalled, std::nullopt, 0};
                for (const auto& call : calls) {
                    if (call.counter == c.code) {
                        latest = call;
                        break;
                    }
                }
                out.counters.push_back(std::move(latest));
            }
            calls.resize(std::min(calls.size(), kMaxRecent));
            out.recent = std::move(calls);
            return out;
        });
}

base::Result<Figures> DeskFigures(AppContext& ctx, const Actor& actor, std::string_view desk_code,
                                  sys_days from, sys_days to) {
    if (to < from) {
        return base::InvalidArgument("Ngày 'to' phải không trước ngày 'from'.");
    }
    if ((to - from).count() >= kMaxFigureDays) {
        return base::InvalidArgument("Khoảng thời gian tối đa 366 ngày.");
    }
    return InReadTransaction<Figures>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<Figures> {
            auto desk = LoadDesk(tx, desk_code);
            if (!desk) {
                return std::move(desk).error();
            }
            if (base::Status s = Authorize(tx, actor, Permission::kStaff, desk->id); !s) {
                return s.error();
            }
            auto groups = sq::Groups(tx, desk->id);
            if (!groups) {
                return std::move(groups).error();
            }
            auto tickets = sq::ForDays(tx, desk->id, from, to);
            if (!tickets) {
                return std::move(tickets).error();
            }
            Figures out;
            out.desk = std::move(*desk);
            out.from = from;
            out.to = to;
            std::vector<q::Ticket> all;
            std::map<int, std::vector<q::Ticket>> by_hour;
            std::map<std::string, std::vector<q::Ticket>> by_group;
            for (const auto& t : *tickets) {
                all.push_back(t.ticket);
                const auto local = t.ticket.issued_at + calendar::kVietnamOffset;
                const auto hour =
                    static_cast<int>(std::chrono::floor<std::chrono::hours>(
                                         local - std::chrono::floor<std::chrono::days>(local))
                                         .count());
                by_hour[hour].push_back(t.ticket);
                by_group[t.ticket.service_group].push_back(t.ticket);
            }
            out.total = q::Figures(all);
            for (const auto& [hour, list] : by_hour) {
                const std::string h = (hour < 10 ? "0" : "") + std::to_string(hour);
                std::string label = h;
                label += ":00–";
                label += h;
                label += ":59";
                out.by_hour.push_back(FigureRow{h, std::move(label), q::Figures(list)});
            }
            for (const auto& [code, list] : by_group) {
                std::string label = code;
                for (const auto& g : *groups) {
                    if (g.code == code) {
                        label = g.label;
                    }
                }
                out.by_group.push_back(FigureRow{code, label, q::Figures(list)});
            }
            auto productivity = DeskProductivityOver(tx, out.desk.code, {out.desk.id}, from, to);
            if (!productivity) {
                return std::move(productivity).error();
            }
            out.productivity = std::move(*productivity);
            return out;
        });
}

base::Result<std::optional<DeskProductivity>> SubtreeDeskProductivity(AppContext& ctx,
                                                                      const domain::Unit& unit,
                                                                      sys_days from, sys_days to) {
    return InReadTransaction<std::optional<DeskProductivity>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::optional<DeskProductivity>> {
            auto units = internal::Subtree(tx, unit);
            if (!units) {
                return std::move(units).error();
            }
            std::vector<std::int64_t> desks;
            for (const domain::Unit& u : *units) {
                if (u.type == domain::UnitType::kOneStopDesk ||
                    u.type == domain::UnitType::kServiceCentre) {
                    desks.push_back(u.id);
                }
            }
            auto p = DeskProductivityOver(tx, unit.code, desks, from, to);
            if (!p) {
                return std::move(p).error();
            }
            if (p->staff == 0) {
                return std::optional<DeskProductivity>();
            }
            return std::optional<DeskProductivity>(std::move(*p));
        });
}

}  // namespace motcua::app::queue
