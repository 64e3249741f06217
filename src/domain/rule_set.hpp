#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace motcua::domain {

// The one-stop forms a rule set prints (REGULATIONS.md §2.9). Numbers differ between versions:
// Circular 01/2018 has 6 forms (05 = process-control slip), Circular 03/2025 has 7 (05 = notice
// of stopping settlement, 06 = process-control slip, 07 = register).
enum class FormKind {
    kReceipt,            // giấy tiếp nhận hồ sơ và hẹn trả kết quả
    kSupplementRequest,  // phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
    kRefusal,            // phiếu từ chối tiếp nhận giải quyết hồ sơ
    kApology,  // phiếu xin lỗi và hẹn lại ngày trả kết quả / văn bản xin lỗi và đề nghị gia hạn
    kStopNotice,      // thông báo dừng giải quyết hồ sơ (since Circular 03/2025)
    kProcessControl,  // phiếu kiểm soát quá trình giải quyết hồ sơ
    kRegister,        // sổ theo dõi hồ sơ
};
[[nodiscard]] std::string_view FormKindName(FormKind kind);  // receipt, supplement_request, ...
[[nodiscard]] base::Result<FormKind> ParseFormKind(std::string_view name);

enum class Paper { kA4, kA5, kA4Landscape };

struct FormSpec {
    FormKind kind = FormKind::kReceipt;
    std::string number;  // "01".."07" as printed after "Mẫu số"
    std::string title;   // upper-case Vietnamese title
    Paper paper = Paper::kA4;
};

// Where the settlement clock starts for a dossier received regardless of administrative
// boundaries: at the desk's complete receipt, or when the competent agency receives it
// (ND118 Art. 17.3 as amended by ND309 Art. 8).
enum class ClockStart { kReceipt, kCompetentAgency };

// One version of the one-stop rules, in force from `effective_from` (Vietnam civil date) until
// the next version. Parameters are data (data/rules/rule-sets.json) with their sources, so an
// amendment is a new entry, not a code branch. Durations are in thousandths of a working day.
struct RuleSet {
    std::string id;     // stable, stored on each dossier: "nd61-2018", "nd118-2025", ...
    std::string title;  // Vietnamese
    std::chrono::sys_days effective_from{};
    std::string decree;       // cited on the forms
    std::string circular;     // "Thông tư số 03/2025/TT-VPCP ..." (the forms' legal note)
    std::string code_scheme;  // dossier-code generator version: "agency-yymmdd-nnnn"
    int transfer_cutoff_minutes = 15 * 60;         // local time of day after which a walk-in
                                                   // dossier reaches the agency next morning
    std::int64_t transfer_grace_milli_days = 125;  // "đầu giờ": first hour of the next day
    std::int64_t appraisal_return_milli_days = 3000;
    int max_supplements_at_receipt = 1;
    int max_returns_after_appraisal = 1;
    std::int64_t apology_lead_milli_days = 1000;
    int max_new_appointments = 1;
    ClockStart clock_start = ClockStart::kReceipt;
    int late_after_supplements = 2;  // this many supplement requests make the dossier late
    std::vector<FormSpec> forms;
    // Every parameter's source as written in the data file: name → citation (Vietnamese).
    std::map<std::string, std::string> sources;

    // The form of `kind`, or nullptr if this version has none (no stop notice before 2025).
    [[nodiscard]] const FormSpec* Form(FormKind kind) const;
};

// The rule sets, ordered by effective date. Immutable and thread-safe.
class RuleBook final {
public:
    // Parses data/rules/rule-sets.json. kInvalidArgument naming the rule set and field for any
    // malformed entry, a duplicate id or effective date, or a missing receipt form.
    [[nodiscard]] static base::Result<std::shared_ptr<const RuleBook>> Parse(std::string_view json);
    // The rule sets compiled into the binary (data/rules/rule-sets.json).
    [[nodiscard]] static std::shared_ptr<const RuleBook> Embedded();

    // The version in force on `day` (Vietnam civil date); kNotFound before the first.
    [[nodiscard]] base::Result<const RuleSet*> InForce(std::chrono::sys_days day) const;
    // The version in force at `instant` (its civil day in Vietnam).
    [[nodiscard]] base::Result<const RuleSet*> InForceAt(std::chrono::sys_seconds instant) const;
    [[nodiscard]] base::Result<const RuleSet*> Find(std::string_view id) const;
    [[nodiscard]] const std::vector<RuleSet>& All() const { return sets_; }

private:
    std::vector<RuleSet> sets_;
};

// The embedded JSON text (generated from data/rules/rule-sets.json).
[[nodiscard]] std::string_view EmbeddedRuleSetData();

}  // namespace motcua::domain
