#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace motcua::domain {

// How a procedure's processing time is counted (the portal's DonViTinh; REGULATIONS.md §2.6).
enum class TimeUnit { kWorkingDays, kDays, kHours, kMonths };
[[nodiscard]] std::string_view TimeUnitName(TimeUnit unit);  // working_days, days, hours, months
[[nodiscard]] base::Result<TimeUnit> ParseTimeUnit(std::string_view name);
// Vietnamese label as the portal prints it: "Ngày làm việc", "Ngày", "Giờ", "Tháng".
[[nodiscard]] std::string_view TimeUnitLabel(TimeUnit unit);
// The unit in running text, lower case: "ngày làm việc", "ngày", "giờ", "tháng".
[[nodiscard]] std::string_view TimeUnitWords(TimeUnit unit);

// Online public service level (REGULATIONS.md §6): full-process, partial, or none.
enum class OnlineLevel { kNone, kPartial, kFull };
[[nodiscard]] std::string_view OnlineLevelName(OnlineLevel level);  // none, partial, full
[[nodiscard]] base::Result<OnlineLevel> ParseOnlineLevel(std::string_view name);
// Vietnamese label: "Không trực tuyến", "Trực tuyến một phần", "Trực tuyến toàn trình".
[[nodiscard]] std::string_view OnlineLevelLabel(OnlineLevel level);

// True for the implementing levels a procedure may list: "province", "commune", "district"
// (before 1/7/2025) and "ministry".
[[nodiscard]] bool IsProcedureLevel(std::string_view level);

struct RequiredDocument {
    std::string name;
    std::string note;  // originals/copies, form number
    friend bool operator==(const RequiredDocument&, const RequiredDocument&) = default;
};

// One version of a procedure of the catalogue, in force from `effective_from`.
struct Procedure {
    std::string code;                   // national code, e.g. "1.001234": digit(s), '.', 6 digits
    std::string name;                   // NFC
    std::string field;                  // lĩnh vực, e.g. "Hộ tịch"
    std::vector<std::string> levels;    // "province", "commune", "district", "ministry"
    std::string implementing_units;     // cơ quan thực hiện, as published
    std::int64_t processing_milli = 0;  // processing time × 1000 (e.g. 3 days = 3000); 0 = unknown
    TimeUnit time_unit = TimeUnit::kWorkingDays;
    std::string fees;             // as published ("Không", "50.000 đồng/bản")
    std::int64_t fee_amount = 0;  // VND, 0 if none or not parsed
    OnlineLevel online_level = OnlineLevel::kNone;
    std::vector<RequiredDocument> documents;
    std::string legal_basis;
    std::string publication_decision;  // số quyết định công bố, e.g. "2628/QĐ-BTC"
    std::string steps;                 // trình tự thực hiện
    std::string conditions;            // yêu cầu, điều kiện
    std::string result;                // kết quả
    std::string source_url;            // the national portal page it came from
    std::chrono::sys_days effective_from{};
    std::optional<std::chrono::sys_days> effective_to;
    std::int64_t version = 0;
};

// Checks fields: code format, non-empty NFC name ≤ 1000 chars, field ≤ 255, levels known,
// processing time ≥ 0, effective_to ≥ effective_from. kInvalidArgument with a Vietnamese message.
// Also: every text field valid UTF-8, no level listed twice, fee_amount ≥ 0, no blank document
// name. The name must already be NFC (the validator does not rewrite); lengths count code points.
[[nodiscard]] base::Status ValidateProcedure(const Procedure& procedure);
// True for a national TTHC code: 1–3 digits, '.', 6 digits (e.g. "1.001193", "2.002196").
[[nodiscard]] bool IsProcedureCode(std::string_view code);

}  // namespace motcua::domain
