#include "domain/procedure.hpp"

#include <array>
#include <string>

#include "text/unicode.hpp"

namespace motcua::domain {

namespace {

struct TimeUnitInfo {
    TimeUnit unit;
    std::string_view name;
    std::string_view label;
    std::string_view words;  // in running text: "3 ngày làm việc"
};

// The portal's DonViTinh values (REGULATIONS.md §2.6), as printed in "cách thức thực hiện".
constexpr std::array<TimeUnitInfo, 4> kTimeUnits = {{
    {TimeUnit::kWorkingDays, "working_days", "Ngày làm việc", "ngày làm việc"},
    {TimeUnit::kDays, "days", "Ngày", "ngày"},
    {TimeUnit::kHours, "hours", "Giờ", "giờ"},
    {TimeUnit::kMonths, "months", "Tháng", "tháng"},
}};

struct OnlineLevelInfo {
    OnlineLevel level;
    std::string_view name;
    std::string_view label;
};

// REGULATIONS.md §6: full-process ("toàn trình") vs partial ("một phần") online public service.
constexpr std::array<OnlineLevelInfo, 3> kOnlineLevels = {{
    {OnlineLevel::kNone, "none", "Không trực tuyến"},
    {OnlineLevel::kPartial, "partial", "Trực tuyến một phần"},
    {OnlineLevel::kFull, "full", "Trực tuyến toàn trình"},
}};

// Levels after the 2025 two-level model (REGULATIONS.md §8), plus "district" for history.
constexpr std::array<std::string_view, 4> kLevels = {"province", "commune", "district", "ministry"};

constexpr std::size_t kMaxNameLength = 1000;
constexpr std::size_t kMaxFieldLength = 255;

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

std::string_view TimeUnitName(TimeUnit unit) {
    for (const TimeUnitInfo& info : kTimeUnits) {
        if (info.unit == unit) {
            return info.name;
        }
    }
    return "unknown";
}

base::Result<TimeUnit> ParseTimeUnit(std::string_view name) {
    for (const TimeUnitInfo& info : kTimeUnits) {
        if (info.name == name) {
            return info.unit;
        }
    }
    return base::InvalidArgument("Đơn vị thời hạn giải quyết không hợp lệ: \"" + std::string(name) +
                                 "\"");
}

std::string_view TimeUnitLabel(TimeUnit unit) {
    for (const TimeUnitInfo& info : kTimeUnits) {
        if (info.unit == unit) {
            return info.label;
        }
    }
    return "Không rõ";
}

std::string_view TimeUnitWords(TimeUnit unit) {
    for (const TimeUnitInfo& info : kTimeUnits) {
        if (info.unit == unit) {
            return info.words;
        }
    }
    return "ngày";
}

std::string_view OnlineLevelName(OnlineLevel level) {
    for (const OnlineLevelInfo& info : kOnlineLevels) {
        if (info.level == level) {
            return info.name;
        }
    }
    return "unknown";
}

base::Result<OnlineLevel> ParseOnlineLevel(std::string_view name) {
    for (const OnlineLevelInfo& info : kOnlineLevels) {
        if (info.name == name) {
            return info.level;
        }
    }
    return base::InvalidArgument("Mức độ dịch vụ công trực tuyến không hợp lệ: \"" +
                                 std::string(name) + "\"");
}

std::string_view OnlineLevelLabel(OnlineLevel level) {
    for (const OnlineLevelInfo& info : kOnlineLevels) {
        if (info.level == level) {
            return info.label;
        }
    }
    return "Không rõ";
}

bool IsProcedureLevel(std::string_view level) {
    for (const std::string_view known : kLevels) {
        if (known == level) {
            return true;
        }
    }
    return false;
}

bool IsProcedureCode(std::string_view code) {
    const std::size_t dot = code.find('.');
    if (dot == std::string_view::npos || dot < 1 || dot > 3 || code.size() != dot + 7) {
        return false;
    }
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (i != dot && !IsDigit(code[i])) {
            return false;
        }
    }
    return true;
}

base::Status ValidateProcedure(const Procedure& procedure) {
    if (!IsProcedureCode(procedure.code)) {
        return base::InvalidArgument("Mã thủ tục không hợp lệ: \"" + procedure.code +
                                     "\" (dạng đúng: 1.001193)");
    }
    const auto nfc_name = text::Nfc(procedure.name);
    if (!nfc_name.ok()) {
        return base::InvalidArgument("Tên thủ tục không phải UTF-8 hợp lệ");
    }
    if (*nfc_name != procedure.name) {
        return base::InvalidArgument("Tên thủ tục phải ở dạng chuẩn Unicode NFC");
    }
    if (text::TrimAndCollapseSpaces(procedure.name).empty()) {
        return base::InvalidArgument("Tên thủ tục không được để trống");
    }
    if (text::CodePointCount(procedure.name) > kMaxNameLength) {
        return base::InvalidArgument("Tên thủ tục dài quá 1000 ký tự");
    }
    if (!text::IsValidUtf8(procedure.field)) {
        return base::InvalidArgument("Lĩnh vực không phải UTF-8 hợp lệ");
    }
    if (text::CodePointCount(procedure.field) > kMaxFieldLength) {
        return base::InvalidArgument("Lĩnh vực dài quá 255 ký tự");
    }
    for (std::size_t i = 0; i < procedure.levels.size(); ++i) {
        const std::string& level = procedure.levels[i];
        if (!IsProcedureLevel(level)) {
            return base::InvalidArgument("Cấp thực hiện không hợp lệ: \"" + level + "\"");
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (procedure.levels[j] == level) {
                return base::InvalidArgument("Cấp thực hiện bị lặp: \"" + level + "\"");
            }
        }
    }
    if (procedure.processing_milli < 0) {
        return base::InvalidArgument("Thời hạn giải quyết không được là số âm");
    }
    if (procedure.fee_amount < 0) {
        return base::InvalidArgument("Mức phí, lệ phí không được là số âm");
    }
    for (const std::string* text_field :
         {&procedure.implementing_units, &procedure.fees, &procedure.legal_basis,
          &procedure.publication_decision, &procedure.steps, &procedure.conditions,
          &procedure.result, &procedure.source_url}) {
        if (!text::IsValidUtf8(*text_field)) {
            return base::InvalidArgument("Thông tin thủ tục có văn bản không phải UTF-8 hợp lệ");
        }
    }
    for (const RequiredDocument& document : procedure.documents) {
        if (!text::IsValidUtf8(document.name) || !text::IsValidUtf8(document.note)) {
            return base::InvalidArgument("Thành phần hồ sơ không phải UTF-8 hợp lệ");
        }
        if (text::TrimAndCollapseSpaces(document.name).empty()) {
            return base::InvalidArgument("Tên giấy tờ trong thành phần hồ sơ không được để trống");
        }
    }
    if (procedure.effective_to.has_value() && *procedure.effective_to < procedure.effective_from) {
        return base::InvalidArgument(
            "Ngày hết hiệu lực của thủ tục không được trước ngày bắt đầu hiệu lực");
    }
    return {};
}

}  // namespace motcua::domain
