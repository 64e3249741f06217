#include "app/transfer.hpp"

#include <algorithm>
#include <map>

#include "app/audit_util.hpp"
#include "app/authz.hpp"
#include "app/catalogue.hpp"
#include "demo/demo_data.hpp"
#include "demo/exchange.hpp"
#include "store/procedures.hpp"
#include "store/units.hpp"

namespace motcua::app {

namespace {

base::Error ImportFailed(const ImportReport& report) {
    std::string message = "Không nhập được dữ liệu (" + std::to_string(report.problems.size()) +
                          " lỗi, chưa ghi gì):";
    for (const auto& p : report.problems) {
        message += "\n- " + p;
    }
    return base::InvalidArgument(std::move(message));
}

bool SameProcedure(const domain::Procedure& a, const domain::Procedure& b) {
    return a.code == b.code && a.name == b.name && a.field == b.field && a.levels == b.levels &&
           a.implementing_units == b.implementing_units &&
           a.processing_milli == b.processing_milli && a.time_unit == b.time_unit &&
           a.fees == b.fees && a.fee_amount == b.fee_amount && a.online_level == b.online_level &&
           a.documents == b.documents && a.legal_basis == b.legal_basis &&
           a.publication_decision == b.publication_decision && a.steps == b.steps &&
           a.conditions == b.conditions && a.result == b.result &&
           a.effective_from == b.effective_from && a.effective_to == b.effective_to;
}

}  // namespace

base::Result<std::string> ExportUnitsCsv(AppContext& ctx) {
    return InReadTransaction<std::string>(
        *ctx.db, [](store::Transaction& tx) -> base::Result<std::string> {
            auto units = store::units::List(tx);
            if (!units) {
                return std::move(units).error();
            }
            std::map<std::int64_t, const domain::Unit*> by_id;
            for (const auto& u : *units) {
                by_id[u.id] = &u;
            }
            // Parents before children: emit in depth order.
            std::map<std::int64_t, int> depth;
            auto depth_of = [&](const domain::Unit& u) {
                int d = 0;
                const domain::Unit* cur = &u;
                while (cur->parent_id && by_id.count(*cur->parent_id) != 0 && d < 64) {
                    cur = by_id[*cur->parent_id];
                    ++d;
                }
                return d;
            };
            std::vector<const domain::Unit*> ordered;
            for (const auto& u : *units) {
                ordered.push_back(&u);
                depth[u.id] = depth_of(u);
            }
            std::stable_sort(ordered.begin(), ordered.end(),
                             [&](const domain::Unit* a, const domain::Unit* b) {
                                 return depth[a->id] < depth[b->id];
                             });
            std::string out(demo::kUnitCsvHeader);
            out += "\n";
            for (const domain::Unit* u : ordered) {
                const std::string parent = u->parent_id && by_id.count(*u->parent_id) != 0
                                               ? by_id[*u->parent_id]->code
                                               : "";
                out += demo::UnitToCsvRow(*u, parent) + "\n";
            }
            return out;
        });
}

base::Result<ImportReport> ImportUnitsCsv(AppContext& ctx, const Actor& actor, std::string_view csv,
                                          bool dry_run) {
    auto rows = demo::ParseUnitRows(csv, "CSV", false);
    if (!rows) {
        return std::move(rows).error();
    }
    return ImportUnitRows(ctx, actor, *rows, dry_run);
}

base::Result<ImportReport> ImportUnitRows(AppContext& ctx, const Actor& actor,
                                          const std::vector<demo::DemoUnit>& rows, bool dry_run) {
    auto run = [&](store::Transaction& tx) -> base::Result<ImportReport> {
        ImportReport report;
        report.dry_run = dry_run;
        std::map<std::string, std::int64_t> ids;  // code → id, including rows created here
        auto resolve = [&](const std::string& code) -> base::Result<std::optional<std::int64_t>> {
            if (const auto it = ids.find(code); it != ids.end()) {
                return std::optional<std::int64_t>(it->second);
            }
            auto found = store::units::GetByCode(tx, code);
            if (!found) {
                return std::move(found).error();
            }
            if (!*found) {
                return std::optional<std::int64_t>{};
            }
            ids[code] = (*found)->id;
            return std::optional<std::int64_t>((*found)->id);
        };
        int line = 1;
        for (const demo::DemoUnit& row : rows) {
            ++line;
            const std::string where = "dòng " + std::to_string(line) + " (" + row.unit.code + "): ";
            std::optional<std::int64_t> parent;
            if (!row.parent_code.empty()) {
                auto p = resolve(row.parent_code);
                if (!p) {
                    return std::move(p).error();
                }
                if (!*p) {
                    report.problems.push_back(where + "đơn vị cha '" + row.parent_code +
                                              "' không tồn tại");
                    continue;
                }
                // 0 stands for "created earlier in this dry run, under no parent".
                parent = **p > 0 ? *p : std::nullopt;
            }
            auto existing = store::units::GetByCode(tx, row.unit.code);
            if (!existing) {
                return std::move(existing).error();
            }
            domain::Unit unit = row.unit;
            unit.parent_id = parent;
            if (*existing) {
                const domain::Unit& old = **existing;
                if (old.parent_id != parent) {
                    report.problems.push_back(
                        where + "đơn vị cha khác với hiện tại; hãy dùng chức năng chuyển đơn vị");
                    continue;
                }
                if (const base::Status s = Authorize(tx, actor, Permission::kManageUnits, old.id);
                    !s) {
                    return s.error();
                }
                if (old.name == unit.name && old.type == unit.type &&
                    old.valid_from == unit.valid_from && old.valid_to == unit.valid_to) {
                    ++report.unchanged;
                    continue;
                }
                unit.id = old.id;
                unit.version = old.version;
                if (!dry_run) {
                    auto updated = store::units::Update(tx, unit);
                    if (!updated) {
                        return std::move(updated).error();
                    }
                }
                ++report.updated;
                continue;
            }
            if (const base::Status s = Authorize(tx, actor, Permission::kManageUnits, parent); !s) {
                return s.error();
            }
            if (!dry_run) {
                auto inserted = store::units::Insert(tx, unit);
                if (!inserted) {
                    report.problems.push_back(where + inserted.error().message);
                    continue;
                }
                ids[inserted->code] = inserted->id;
            } else {
                // Nothing is written in a dry run: children of this row are authorised against
                // its (existing) parent, which covers the new unit's scope.
                ids[unit.code] = parent.value_or(0);
            }
            ++report.created;
        }
        if (!report.problems.empty()) {
            return ImportFailed(report);
        }
        if (!dry_run) {
            if (const base::Status a =
                    Audit(tx, actor, ctx.clock->Now(), "unit.import", "unit", "",
                          "{\"created\":" + std::to_string(report.created) +
                              ",\"updated\":" + std::to_string(report.updated) + "}");
                !a) {
                return a.error();
            }
        }
        return report;
    };
    if (dry_run) {
        return InReadTransaction<ImportReport>(*ctx.db, run);
    }
    return InWriteTransaction<ImportReport>(*ctx.db, run);
}

base::Result<std::string> ExportProceduresJsonl(AppContext& ctx) {
    return InReadTransaction<std::string>(*ctx.db,
                                          [](store::Transaction& tx) -> base::Result<std::string> {
                                              auto all = store::procedures::ListAll(tx);
                                              if (!all) {
                                                  return std::move(all).error();
                                              }
                                              std::string out;
                                              for (const domain::Procedure& p : *all) {
                                                  out += demo::ProcedureToExchangeLine(p);
                                                  out += '\n';
                                              }
                                              return out;
                                          });
}

base::Result<std::string> ExportProceduresCsv(AppContext& ctx) {
    return InReadTransaction<std::string>(*ctx.db,
                                          [](store::Transaction& tx) -> base::Result<std::string> {
                                              auto all = store::procedures::ListAll(tx);
                                              if (!all) {
                                                  return std::move(all).error();
                                              }
                                              std::string out(demo::kProcedureCsvHeader);
                                              out += '\n';
                                              for (const domain::Procedure& p : *all) {
                                                  out += demo::ProcedureToCsvRow(p);
                                                  out += '\n';
                                              }
                                              return out;
                                          });
}

base::Result<ImportReport> ImportProceduresJsonl(AppContext& ctx, const Actor& actor,
                                                 std::string_view jsonl, bool dry_run) {
    auto parsed = demo::ParseDemoProcedures(jsonl);
    if (!parsed) {
        return std::move(parsed).error();
    }
    return ImportProcedures(ctx, actor, *parsed, dry_run);
}

base::Result<ImportReport> ImportProcedures(AppContext& ctx, const Actor& actor,
                                            const std::vector<domain::Procedure>& rows,
                                            bool dry_run) {
    const std::vector<domain::Procedure>* parsed = &rows;
    auto run = [&](store::Transaction& tx) -> base::Result<ImportReport> {
        if (const base::Status s = Authorize(tx, actor, Permission::kManageProcedures); !s) {
            return s.error();
        }
        ImportReport report;
        report.dry_run = dry_run;
        int line = 0;
        for (const domain::Procedure& p : *parsed) {
            ++line;
            const std::string where = "dòng " + std::to_string(line) + " (" + p.code + "): ";
            if (const base::Status v = domain::ValidateProcedure(p); !v) {
                report.problems.push_back(where + v.error().message);
                continue;
            }
            auto history = store::procedures::History(tx, p.code);
            if (!history) {
                return std::move(history).error();
            }
            const auto same_day = std::find_if(
                history->begin(), history->end(),
                [&](const domain::Procedure& h) { return h.effective_from == p.effective_from; });
            if (same_day != history->end()) {
                if (SameProcedure(*same_day, p)) {
                    ++report.unchanged;
                } else {
                    report.problems.push_back(
                        where +
                        "đã có phiên bản cùng ngày hiệu lực với nội dung khác; hãy sửa "
                        "phiên bản đó");
                }
                continue;
            }
            if (!dry_run) {
                auto inserted = store::procedures::Insert(tx, p, ProcedureSearchKey(p));
                if (!inserted) {
                    report.problems.push_back(where + inserted.error().message);
                    continue;
                }
            }
            ++report.created;
        }
        if (!report.problems.empty()) {
            return ImportFailed(report);
        }
        if (!dry_run && report.created > 0) {
            if (const base::Status a =
                    Audit(tx, actor, ctx.clock->Now(), "procedure.import", "procedure", "",
                          "{\"created\":" + std::to_string(report.created) + "}");
                !a) {
                return a.error();
            }
        }
        return report;
    };
    if (dry_run) {
        return InReadTransaction<ImportReport>(*ctx.db, run);
    }
    return InWriteTransaction<ImportReport>(*ctx.db, run);
}

}  // namespace motcua::app
