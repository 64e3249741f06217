#include "domain/process.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace motcua::domain {

namespace {

struct KindInfo {
    StepKind kind;
    std::string_view name;
    std::string_view label;
};

constexpr std::array<KindInfo, 6> kKinds{{
    {StepKind::kReceive, "receive", "Tiếp nhận hồ sơ"},
    {StepKind::kAppraise, "appraise", "Thẩm định hồ sơ"},
    {StepKind::kInterAgency, "inter_agency", "Liên thông"},
    {StepKind::kApprove, "approve", "Phê duyệt"},
    {StepKind::kResult, "result", "Ban hành kết quả"},
    {StepKind::kReturn, "return", "Trả kết quả"},
}};

bool IsKey(std::string_view key) {
    return !key.empty() && key.size() <= 32 && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

base::Error StepError(const ProcessStep& step, std::string_view what) {
    return base::InvalidArgument("bước \"" + step.key + "\": " + std::string(what));
}

}  // namespace

std::string_view StepKindName(StepKind kind) {
    for (const KindInfo& k : kKinds) {
        if (k.kind == kind) {
            return k.name;
        }
    }
    return "appraise";
}

std::string_view StepKindLabel(StepKind kind) {
    for (const KindInfo& k : kKinds) {
        if (k.kind == kind) {
            return k.label;
        }
    }
    return "";
}

base::Result<StepKind> ParseStepKind(std::string_view name) {
    for (const KindInfo& k : kKinds) {
        if (k.name == name) {
            return k.kind;
        }
    }
    return base::InvalidArgument("loại bước không hợp lệ: " + std::string(name));
}

std::optional<size_t> Process::Find(std::string_view key) const {
    for (size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].key == key) {
            return i;
        }
    }
    return std::nullopt;
}

std::vector<size_t> Process::Successors(size_t index) const {
    std::vector<size_t> out;
    if (index >= steps.size()) {
        return out;
    }
    if (steps[index].next.empty()) {
        if (index + 1 < steps.size()) {
            out.push_back(index + 1);
        }
        return out;
    }
    for (const std::string& key : steps[index].next) {
        if (auto i = Find(key)) {
            out.push_back(*i);
        }
    }
    return out;
}

Process DefaultProcess(const Procedure& procedure) {
    const std::int64_t total = procedure.processing_milli;
    // Half a day in the procedure's unit (hours: 4 of 8; months and calendar days: treat the
    // unit as a day).
    const std::int64_t half_day = procedure.time_unit == TimeUnit::kHours ? 4000 : 500;
    const std::int64_t receive = std::min(total / 10, half_day);
    const std::int64_t ret = std::min(total / 10, half_day);
    const std::int64_t approve = std::max(total / 5, total / 10);
    const std::int64_t appraise = total - receive - ret - approve;
    Process p;
    p.procedure_code = procedure.code;
    p.version = 1;
    p.note = "Quy trình mặc định theo thời hạn giải quyết";
    p.steps = {
        ProcessStep{"tiep-nhan",
                    "Tiếp nhận, kiểm tra và chuyển hồ sơ",
                    StepKind::kReceive,
                    StepUnit::kReceiving,
                    "",
                    Role::kDeskOfficer,
                    receive,
                    {}},
        ProcessStep{"tham-dinh",
                    "Thẩm định hồ sơ, đề xuất kết quả",
                    StepKind::kAppraise,
                    StepUnit::kSettling,
                    "",
                    Role::kSpecialist,
                    appraise,
                    {}},
        ProcessStep{"phe-duyet",
                    "Lãnh đạo xem xét, phê duyệt",
                    StepKind::kApprove,
                    StepUnit::kSettling,
                    "",
                    Role::kLeader,
                    approve,
                    {}},
        ProcessStep{"ban-hanh",
                    "Ban hành, vào sổ kết quả",
                    StepKind::kResult,
                    StepUnit::kSettling,
                    "",
                    Role::kSpecialist,
                    0,
                    {}},
        ProcessStep{"tra-ket-qua",
                    "Trả kết quả cho tổ chức, cá nhân",
                    StepKind::kReturn,
                    StepUnit::kReceiving,
                    "",
                    Role::kDeskOfficer,
                    ret,
                    {}},
    };
    return p;
}

base::Status ValidateProcess(const Process& process, const Procedure& procedure) {
    if (process.steps.empty()) {
        return base::InvalidArgument("quy trình phải có ít nhất một bước");
    }
    if (process.steps.size() > 50) {
        return base::InvalidArgument("quy trình có quá 50 bước");
    }
    std::set<std::string> keys;
    std::int64_t total = 0;
    int approvals = 0;
    bool result_seen = false;
    for (size_t i = 0; i < process.steps.size(); ++i) {
        const ProcessStep& step = process.steps[i];
        if (!IsKey(step.key)) {
            return base::InvalidArgument("mã bước \"" + step.key +
                                         "\" phải gồm 1–32 ký tự a-z, 0-9, _ hoặc -");
        }
        if (!keys.insert(step.key).second) {
            return StepError(step, "mã bước bị trùng");
        }
        if (step.name.empty() || step.name.size() > 500) {
            return StepError(step, "tên bước phải có từ 1 đến 500 ký tự");
        }
        if (step.share_milli < 0) {
            return StepError(step, "thời gian của bước không được âm");
        }
        if (step.unit == StepUnit::kNamed && step.unit_code.empty()) {
            return StepError(step, "bước liên thông phải nêu mã đơn vị thực hiện");
        }
        if (step.role == Role::kCitizen || step.role == Role::kAdmin) {
            return StepError(step,
                             "vai trò thực hiện phải là công chức một cửa, chuyên môn, "
                             "lãnh đạo hoặc kiểm soát TTHC");
        }
        if (i == 0 && step.kind != StepKind::kReceive) {
            return StepError(step, "bước đầu tiên phải là tiếp nhận hồ sơ");
        }
        if (i + 1 == process.steps.size() && step.kind != StepKind::kReturn) {
            return StepError(step, "bước cuối cùng phải là trả kết quả");
        }
        if (i != 0 && step.kind == StepKind::kReceive) {
            return StepError(step, "chỉ bước đầu tiên là tiếp nhận");
        }
        if (step.kind == StepKind::kApprove) {
            ++approvals;
            if (result_seen) {
                return StepError(step, "phê duyệt phải đứng trước ban hành kết quả");
            }
        }
        if (step.kind == StepKind::kResult) {
            result_seen = true;
        }
        total += step.share_milli;
    }
    if (approvals != 1) {
        return base::InvalidArgument("quy trình phải có đúng một bước phê duyệt của lãnh đạo");
    }
    // Forward-only branches.
    for (size_t i = 0; i < process.steps.size(); ++i) {
        for (const std::string& key : process.steps[i].next) {
            const auto target = process.Find(key);
            if (!target) {
                return StepError(process.steps[i], "bước tiếp theo \"" + key + "\" không có");
            }
            if (*target <= i) {
                return StepError(process.steps[i],
                                 "bước tiếp theo \"" + key + "\" phải đứng sau (không quay vòng)");
            }
        }
    }
    if (total != procedure.processing_milli) {
        const auto show = [](std::int64_t milli) {
            std::string s = std::to_string(milli / 1000);
            if (milli % 1000 != 0) {
                std::string frac = std::to_string(1000 + milli % 1000).substr(1);
                while (!frac.empty() && frac.back() == '0') {
                    frac.pop_back();
                }
                s += "," + frac;
            }
            return s;
        };
        return base::InvalidArgument("tổng thời gian các bước (" + show(total) +
                                     ") phải bằng thời hạn giải quyết của thủ tục (" +
                                     show(procedure.processing_milli) + " " +
                                     std::string(TimeUnitLabel(procedure.time_unit)) + ")");
    }
    return {};
}

}  // namespace motcua::domain
