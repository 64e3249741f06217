#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/report06.hpp"
#include "domain/unit.hpp"

// Periodic reports of Circular 01/2020/TT-VPCP (issue #6; docs/reports.md). The first one: form
// 06 / II.06a "Tình hình, kết quả giải quyết TTHC" for a unit and its subtree.
namespace motcua::app {

struct SettlementReportQuery {
    std::string unit_code;
    std::string period;  // 2026-Q3, 2026-H1, 2026-9M, 2026, 2026-07
    domain::report06::WindowRule window = domain::report06::WindowRule::kReporting;
};

struct SettlementReport {
    domain::Unit unit;
    domain::report06::Report report;
};

// Most dossiers one report reads.
inline constexpr int kMaxReportDossiers = 200000;

// The report over the dossiers whose settling unit is `unit_code` or lies in its subtree, in one
// read transaction (one query for the dossiers and their procedures' fields, one per unit of the
// subtree for the tree). For leaders, TTHC-control officers and administrators whose scope covers
// the unit. Errors: kInvalidArgument (period; too many dossiers), kNotFound (unit),
// kUnauthenticated, kPermissionDenied (Vietnamese), kInternal (a row breaks col 3 = col 7 + 11).
[[nodiscard]] base::Result<SettlementReport> TthcSettlementReport(
    AppContext& ctx, const Actor& actor, const SettlementReportQuery& query);

// The same, run by the system (the `motcua report` command): no actor, no scope check.
// Both read the incremental aggregates (store/aggregates.hpp).
[[nodiscard]] base::Result<SettlementReport> TthcSettlementReportAsSystem(
    AppContext& ctx, const SettlementReportQuery& query);

namespace internal {
// The window of `query` (kInvalidArgument for a bad period or a missing unit code).
[[nodiscard]] base::Result<domain::report06::Window> ReportWindow(
    const SettlementReportQuery& query);
// The same computed from the dossiers one by one (report06::Build over store::dossiers::
// ReportFacts, at most kMaxReportDossiers): the independent path the tests compare the
// aggregates with.
[[nodiscard]] base::Result<SettlementReport> SettlementReportFromDossiers(
    AppContext& ctx, const SettlementReportQuery& query);
}  // namespace internal

}  // namespace motcua::app
