// Internal processes and the deadline sweep (app/dossiers.hpp).
#include "app/audit_util.hpp"
#include "app/authz.hpp"
#include "app/catalogue.hpp"
#include "app/dossier_access.hpp"
#include "app/dossiers.hpp"
#include "app/indicators.hpp"
#include "store/procedures.hpp"
#include "store/units.hpp"

namespace motcua::app {

namespace {

base::Result<domain::Procedure> ProcedureInForce(store::Transaction& tx, const base::Clock& clock,
                                                 std::string_view code) {
    auto p = store::procedures::GetInForce(tx, code, TodayInVietnam(clock));
    if (!p) {
        return std::move(p).error();
    }
    if (!*p) {
        return base::NotFound("không có thủ tục " + std::string(code) + " đang có hiệu lực");
    }
    return std::move(**p);
}

}  // namespace

base::Result<domain::Process> ProcessFor(AppContext& ctx, std::string_view procedure_code,
                                         std::optional<std::int64_t> unit_id) {
    return InReadTransaction<domain::Process>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<domain::Process> {
            auto proc = ProcedureInForce(tx, *ctx.clock, procedure_code);
            if (!proc) {
                return std::move(proc).error();
            }
            auto stored = store::dossiers::LatestProcess(tx, procedure_code, unit_id);
            if (!stored) {
                return std::move(stored).error();
            }
            if (*stored && (*stored)->unit_id == unit_id) {
                return std::move(**stored);
            }
            // Nothing stored for this scope yet: what applies now (the all-units version, or the
            // default derived from the procedure), offered as version 0 of this scope.
            domain::Process p = *stored ? std::move(**stored) : domain::DefaultProcess(*proc);
            p.id = 0;
            p.version = 0;
            p.unit_id = unit_id;
            return p;
        });
}

base::Result<std::vector<domain::Process>> ProcessHistory(AppContext& ctx,
                                                          std::string_view procedure_code) {
    return InReadTransaction<std::vector<domain::Process>>(*ctx.db, [&](store::Transaction& tx) {
        return store::dossiers::ProcessHistory(tx, procedure_code);
    });
}

base::Result<domain::Process> SaveProcess(AppContext& ctx, const Actor& actor,
                                          domain::Process process) {
    const auto now = ctx.clock->Now();
    return InWriteTransaction<domain::Process>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<domain::Process> {
            // A process for every unit is a provincial decision; one for a unit, that unit's.
            std::optional<std::int64_t> scope = process.unit_id;
            if (!scope) {
                auto units = store::units::List(tx);
                if (!units) {
                    return std::move(units).error();
                }
                for (const domain::Unit& u : *units) {
                    if (u.type == domain::UnitType::kProvince && !u.valid_to) {
                        scope = u.id;
                        break;
                    }
                }
            }
            if (base::Status s =
                    Authorize(tx, actor, Permission::kManageProcesses, scope.value_or(0));
                !s) {
                return s.error();
            }
            auto proc = ProcedureInForce(tx, *ctx.clock, process.procedure_code);
            if (!proc) {
                return std::move(proc).error();
            }
            if (base::Status s = domain::ValidateProcess(process, *proc); !s) {
                return s.error();
            }
            auto saved =
                store::dossiers::InsertProcess(tx, std::move(process), actor.user->id, now);
            if (!saved) {
                return saved;
            }
            const base::Status audited =
                Audit(tx, actor, now, "process.save", "process", saved->procedure_code,
                      "{\"version\":" + std::to_string(saved->version) +
                          ",\"unit_id\":" + std::to_string(saved->unit_id.value_or(0)) + "}");
            if (!audited) {
                return audited.error();
            }
            return saved;
        });
}

base::Result<int> SweepDeadlines(AppContext& ctx, std::chrono::seconds window) {
    const auto now = ctx.clock->Now();
    auto cal = internal::CalendarFor(0);
    if (!cal) {
        return std::move(cal).error();
    }
    auto horizon = (*cal)->AddWorkingTime(now, window);
    if (!horizon) {
        return std::move(horizon).error();
    }
    int changed = 0;
    // One transaction per dossier: a failure on one does not hold back the others.
    const auto sweep = [&](bool warn) -> base::Status {
        auto ids =
            InReadTransaction<std::vector<std::int64_t>>(*ctx.db, [&](store::Transaction& tx) {
                return warn ? store::dossiers::DueForWarning(tx, *horizon, 500)
                            : store::dossiers::PastDue(tx, now, 500);
            });
        if (!ids) {
            return ids.error();
        }
        for (std::int64_t id : *ids) {
            auto done = InWriteTransaction<bool>(
                *ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
                    auto d = store::dossiers::Get(tx, id);
                    if (!d) {
                        return std::move(d).error();
                    }
                    if (!*d) {
                        return false;
                    }
                    auto rules = domain::RuleBook::Embedded()->Find((*d)->rule_set_id);
                    if (!rules) {
                        return std::move(rules).error();
                    }
                    domain::ActionContext c;
                    c.rules = *rules;
                    c.calendar = cal->get();
                    domain::Action a;
                    a.kind = warn ? domain::ActionKind::kWarn : domain::ActionKind::kMarkLate;
                    a.at = std::max(now, (*d)->updated_at);
                    a.actor_name = "Hệ thống";
                    auto t = domain::Apply(**d, a, c);
                    if (!t) {
                        return false;  // no longer due (acted on meanwhile)
                    }
                    const std::int64_t expected = (*d)->version;
                    t->dossier.version = expected + 1;
                    if (base::Status s = store::dossiers::Update(tx, t->dossier, expected); !s) {
                        return s.error();
                    }
                    t->event.dossier_id = id;
                    t->event.seq = t->dossier.version;
                    if (base::Status s = store::dossiers::AppendEvent(tx, t->event); !s) {
                        return s.error();
                    }
                    if (base::Status s = internal::RefreshIndicators(tx, id); !s) {
                        return s.error();
                    }
                    store::dossiers::Notification n;
                    n.dossier_id = id;
                    n.created_at = a.at;
                    if (t->dossier.assignee_id) {
                        n.recipient_user_id = t->dossier.assignee_id;
                    } else {
                        n.recipient_unit_id = t->dossier.current_unit_id;
                    }
                    n.kind = warn ? "due_soon" : "overdue";
                    n.message = (warn ? "Hồ sơ " + t->dossier.code + " sắp đến hạn giải quyết"
                                      : "Hồ sơ " + t->dossier.code + " đã quá hạn giải quyết");
                    if (base::Status s = store::dossiers::Notify(tx, n); !s) {
                        return s.error();
                    }
                    return true;
                });
            if (done && *done) {
                ++changed;
            }
        }
        return {};
    };
    if (base::Status s = sweep(false); !s) {
        return s.error();
    }
    if (base::Status s = sweep(true); !s) {
        return s.error();
    }
    return changed;
}

}  // namespace motcua::app
