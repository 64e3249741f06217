#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "domain/user.hpp"

namespace motcua::domain {

// What a step of an internal process does (quy trình nội bộ, quy trình điện tử).
enum class StepKind {
    kReceive,      // tiếp nhận at the one-stop desk and transfer to the competent agency
    kAppraise,     // thẩm định by a specialist of the settling unit
    kInterAgency,  // liên thông: handed to another unit (`unit_code`) for its part
    kApprove,      // phê duyệt by the leader of the settling unit
    kResult,       // ban hành, recording the result
    kReturn,       // trả kết quả at the desk
};
[[nodiscard]] std::string_view StepKindName(StepKind kind);  // receive, appraise, inter_agency, ...
[[nodiscard]] base::Result<StepKind> ParseStepKind(std::string_view name);
[[nodiscard]] std::string_view StepKindLabel(StepKind kind);  // Vietnamese

// Which unit performs a step.
enum class StepUnit {
    kReceiving,  // the desk that received the dossier
    kSettling,   // the competent (settling) unit
    kNamed,      // the unit whose code is `unit_code` (inter-agency steps)
};

struct ProcessStep {
    std::string key;   // unique in the process: [a-z0-9_-]{1,32}
    std::string name;  // Vietnamese, shown on the dossier page
    StepKind kind = StepKind::kAppraise;
    StepUnit unit = StepUnit::kSettling;
    std::string unit_code;  // for kNamed
    Role role = Role::kSpecialist;
    // Share of the legal processing time, in thousandths of the procedure's time unit.
    std::int64_t share_milli = 0;
    // Keys of the steps that may follow; empty = the next step in order (the last step ends).
    // More than one makes a branch: the officer completing the step picks one.
    std::vector<std::string> next;
    friend bool operator==(const ProcessStep&, const ProcessStep&) = default;
};

// One version of a procedure's internal process, for one settling unit or (unit_id empty) for
// every unit that settles the procedure. The dossier keeps the version it was received under.
struct Process {
    std::int64_t id = 0;
    std::string procedure_code;
    std::optional<std::int64_t> unit_id;
    std::int64_t version = 0;  // 1, 2, ... per (procedure, unit); optimistic concurrency too
    std::string note;          // why this version (e.g. "Quyết định 123/QĐ-UBND")
    std::vector<ProcessStep> steps;

    // Index of the step with `key`, or nullopt.
    [[nodiscard]] std::optional<size_t> Find(std::string_view key) const;
    // The steps that may follow step `index` (its `next`, or the next one in order).
    [[nodiscard]] std::vector<size_t> Successors(size_t index) const;
};

// The default process derived from a procedure's processing time T (in its own unit):
// receive and transfer 1/10 of T (at most half a day), appraisal the rest, approval 1/5 of T (at
// least 1/10), result and return 1/10 (at most half a day). The shares always sum to T; T = 0
// (immediate result) gives zero shares.
[[nodiscard]] Process DefaultProcess(const Procedure& procedure);

// Checks a process against its procedure: at least one step; unique well-formed keys; the first
// step receives and the last returns; exactly one approve step before a result step; `next`
// names existing later steps (no cycles: processes only go forward); kNamed steps have a code;
// shares are ≥ 0 and sum to the procedure's processing time. kInvalidArgument in Vietnamese
// naming the step.
[[nodiscard]] base::Status ValidateProcess(const Process& process, const Procedure& procedure);

}  // namespace motcua::domain
