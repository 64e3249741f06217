#pragma once

#include "app/context.hpp"
#include "base/result.hpp"

namespace motcua::app {

struct SeedReport {
    int units_added = 0;
    int procedures_added = 0;
    int users_added = 0;
};

// The demo users and their password (documented in README.md; demo only).
inline constexpr std::string_view kDemoPassword = "MotCua@2026";

// Loads the deterministic demo (data/demo, compiled in): Thành phố Huế under the 2025 two-level
// model with its real communes and wards, provincial agencies, the public-administration service
// centre and one-stop desks, several hundred real procedures, and one user per role.
// Idempotent: what already exists (by code / username) is left as it is.
[[nodiscard]] base::Result<SeedReport> SeedDemo(AppContext& ctx);

// Demo dossiers in the states officers meet (received, at appraisal, at approval, returned,
// waiting for a supplement; two received by a commune desk for the province), made through the
// dossier use cases, dated now. Only into an empty dossier table; returns how many were made.
// Run by `motcua seed-demo`, not by test fixtures (which count their own dossiers).
[[nodiscard]] base::Result<int> SeedDemoDossiers(AppContext& ctx);

// Issue #9: service groups A "Hộ tịch, chứng thực", B "Đất đai, xây dựng", C "Kinh doanh, đầu tư",
// D "Lĩnh vực khác" and counters "Quầy 1", "Quầy 2" (serving all four) at every one-stop desk and
// service centre that has no groups yet (app::queue::SaveSetup as the demo administrator); run by
// SeedDemoDossiers. Returns how many desks were set up.
[[nodiscard]] base::Result<int> SeedDemoQueues(AppContext& ctx);

}  // namespace motcua::app
