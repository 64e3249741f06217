#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "store/procedures.hpp"

namespace motcua::app {

// Public catalogue search (issue #3): `text` is folded (NFC, diacritics and đ removed, lower
// case) so "dang ky khai sinh", "khai sinh" and decomposed input all find "Đăng ký khai sinh".
// Versions in force today (Asia/Ho_Chi_Minh). `limit` is clamped to 1..100.
struct CatalogueQuery {
    std::string text;
    std::optional<std::string> field;
    std::optional<std::string> level;
    std::optional<std::string> cursor;
    int limit = 20;
};
[[nodiscard]] base::Result<store::procedures::SearchPage> SearchProcedures(
    AppContext& ctx, const CatalogueQuery& query);

// The version in force today; kNotFound (Vietnamese) for an unknown or malformed code.
[[nodiscard]] base::Result<domain::Procedure> GetProcedure(AppContext& ctx, std::string_view code);

[[nodiscard]] base::Result<std::vector<domain::Procedure>> ProcedureHistory(AppContext& ctx,
                                                                            std::string_view code);

[[nodiscard]] base::Result<std::vector<std::pair<std::string, std::int64_t>>> ProcedureFields(
    AppContext& ctx);

// TTHC-control officers (of a province) add a procedure or a new version of one; validated;
// audited. kAlreadyExists if that code already has a version from the same effective date.
[[nodiscard]] base::Result<domain::Procedure> CreateProcedure(AppContext& ctx, const Actor& actor,
                                                              domain::Procedure procedure);
// Replaces the version (code, effective_from) if `procedure.version` matches (kAborted).
[[nodiscard]] base::Result<domain::Procedure> UpdateProcedure(AppContext& ctx, const Actor& actor,
                                                              domain::Procedure procedure);

// The folded search key stored with a procedure: code, name and field.
[[nodiscard]] std::string ProcedureSearchKey(const domain::Procedure& procedure);

// Today's civil date in Vietnam.
[[nodiscard]] std::chrono::sys_days TodayInVietnam(const base::Clock& clock);

}  // namespace motcua::app
