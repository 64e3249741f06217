#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/rule_set.hpp"

// Printing the one-stop forms of a dossier in the version of its rule set (issue #4): the
// receipt slip with a QR code for tracking, supplement request, refusal, apology, stop notice,
// process-control slip, and the tracking register of a desk (also as XLSX).
namespace motcua::app {

enum class PrintFormat { kPdf, kHtml, kXlsx };
[[nodiscard]] base::Result<PrintFormat> ParsePrintFormat(
    std::string_view suffix);  // pdf, html, xlsx

struct Printed {
    std::string content_type;
    std::string filename;  // ASCII, for Content-Disposition
    std::string body;
};

// Form `kind` of dossier `code` (anyone who may see the dossier). kNotFound if the dossier's
// rule set has no such form (no stop notice before 1/7/2025) or the dossier has not reached the
// point the form records (no refusal without a refusal event); kInvalidArgument for XLSX.
// `tracking_base` is the public address the QR code points to ("https://host").
[[nodiscard]] base::Result<Printed> PrintDossierForm(AppContext& ctx, const Actor& actor,
                                                     std::string_view code, domain::FormKind kind,
                                                     PrintFormat format,
                                                     std::string_view tracking_base);

// The tracking register of a receiving desk for dossiers received in [from, to] (Vietnam civil
// dates), for its desk officers and the leaders covering it; the form of the rule set in force
// on `to`. At most 5000 rows.
[[nodiscard]] base::Result<Printed> PrintRegister(AppContext& ctx, const Actor& actor,
                                                  std::int64_t unit_id, std::chrono::sys_days from,
                                                  std::chrono::sys_days to, PrintFormat format);

// "08 giờ 30 phút, ngày 12/3/2026" (Vietnam local time), as the forms print instants.
[[nodiscard]] std::string FormInstant(std::chrono::sys_seconds t);

}  // namespace motcua::app
