#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "app/report_exports.hpp"
#include "app/reports.hpp"
#include "base/result.hpp"
#include "domain/report06.hpp"
#include "domain/unit.hpp"
#include "render/letters.hpp"

// The quarterly correction letter (văn bản đôn đốc, chấn chỉnh) of the TTHC-control plans (S0
// Appendix §II.3, §III.2.2; issue #6; docs/reports.md "Correction letter"): for a unit and its
// subtree over a reporting period, the dossiers overdue at the period's end, results not
// digitised, the online-service share and the online-payment gap.
namespace motcua::app {

struct LetterDossier {
    std::string code;
    std::string procedure_name;
    std::string settling_unit;  // its name
    std::optional<std::chrono::sys_seconds> received_at;
    std::optional<std::chrono::sys_seconds> due_at;
};

// Most dossiers listed by name in a section (the counts cover them all).
inline constexpr std::size_t kLetterListLimit = 100;

struct CorrectionLetterData {
    domain::Unit unit;
    domain::report06::Window window;
    domain::report06::Cells total;  // form 06's total row over the subtree
    // Col 13: not finished by the window's end and overdue then (newest deadline last).
    std::vector<LetterDossier> overdue;
    std::int64_t overdue_count = 0;
    // Settled in the window with a timing (not withdrawn/stopped), and of them those without a
    // digitised result document.
    std::int64_t settled_with_result = 0;
    std::vector<LetterDossier> undigitised;
    std::int64_t undigitised_count = 0;
    // Received in the window: online (col 4) and in total (col 4 + 5) are in `total`; with a fee,
    // and of them paid online.
    std::int64_t fee_dossiers = 0;
    std::int64_t paid_online = 0;
};

// For leaders, TTHC-control officers and administrators whose scope covers the unit (as the
// report), in one read transaction. Errors as TthcSettlementReport.
[[nodiscard]] base::Result<CorrectionLetterData> CorrectionLetter(
    AppContext& ctx, const Actor& actor, const SettlementReportQuery& query);
// The same, run by the system (`motcua letter`).
[[nodiscard]] base::Result<CorrectionLetterData> CorrectionLetterAsSystem(
    AppContext& ctx, const SettlementReportQuery& query);

// The letter's text: from the unit's parent (its office signs) to the unit; `today` dates it.
[[nodiscard]] render::Letter LetterOf(const CorrectionLetterData& data,
                                      std::chrono::sys_days today);

enum class LetterFormat { kDocx, kPdf };
// "docx", "pdf"; kInvalidArgument (Vietnamese) otherwise.
[[nodiscard]] base::Result<LetterFormat> ParseLetterFormat(std::string_view name);

// The letter as DOCX or PDF: van-ban-don-doc-<unit>-<period>.docx|pdf.
[[nodiscard]] base::Result<ReportFile> ExportCorrectionLetter(const CorrectionLetterData& data,
                                                              LetterFormat format,
                                                              std::chrono::sys_days today);

}  // namespace motcua::app
