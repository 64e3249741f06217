#include "domain/dossier.hpp"

#include <algorithm>
#include <array>

#include "text/unicode.hpp"

namespace motcua::domain {

namespace {

struct StateInfo {
    DossierState state;
    std::string_view name;
    std::string_view label;
};

constexpr std::array<StateInfo, 12> kStates{{
    {DossierState::kSubmitted, "submitted", "Đã nộp, chờ tiếp nhận"},
    {DossierState::kAwaitingSupplement, "awaiting_supplement", "Chờ bổ sung hồ sơ"},
    {DossierState::kReceived, "received", "Đã tiếp nhận"},
    {DossierState::kProcessing, "processing", "Đang giải quyết"},
    {DossierState::kReturnedForSupplement, "returned_for_supplement",
     "Trả lại để bổ sung sau thẩm định"},
    {DossierState::kPaused, "paused", "Tạm dừng"},
    {DossierState::kApproved, "approved", "Đã phê duyệt"},
    {DossierState::kResultReady, "result_ready", "Chờ trả kết quả"},
    {DossierState::kReturned, "returned", "Đã trả kết quả"},
    {DossierState::kRefused, "refused", "Từ chối tiếp nhận"},
    {DossierState::kStopped, "stopped", "Dừng giải quyết"},
    {DossierState::kWithdrawn, "withdrawn", "Đã rút hồ sơ"},
}};

bool AllDigits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string_view ChannelName(Channel channel) {
    switch (channel) {
        case Channel::kDirect:
            return "direct";
        case Channel::kOnline:
            return "online";
        case Channel::kPostal:
            return "postal";
    }
    return "direct";
}

std::string_view ChannelLabel(Channel channel) {
    switch (channel) {
        case Channel::kDirect:
            return "Trực tiếp";
        case Channel::kOnline:
            return "Trực tuyến";
        case Channel::kPostal:
            return "Bưu chính công ích";
    }
    return "Trực tiếp";
}

base::Result<Channel> ParseChannel(std::string_view name) {
    for (Channel c : {Channel::kDirect, Channel::kOnline, Channel::kPostal}) {
        if (ChannelName(c) == name) {
            return c;
        }
    }
    return base::InvalidArgument("kênh nộp hồ sơ không hợp lệ: \"" + std::string(name) +
                                 "\" (direct, online, postal)");
}

std::string_view DossierStateName(DossierState state) {
    for (const StateInfo& s : kStates) {
        if (s.state == state) {
            return s.name;
        }
    }
    return "submitted";
}

std::string_view DossierStateLabel(DossierState state) {
    for (const StateInfo& s : kStates) {
        if (s.state == state) {
            return s.label;
        }
    }
    return "";
}

base::Result<DossierState> ParseDossierState(std::string_view name) {
    for (const StateInfo& s : kStates) {
        if (s.name == name) {
            return s.state;
        }
    }
    return base::InvalidArgument("trạng thái hồ sơ không hợp lệ: \"" + std::string(name) + "\"");
}

bool IsTerminal(DossierState state) {
    return state == DossierState::kReturned || state == DossierState::kRefused ||
           state == DossierState::kStopped || state == DossierState::kWithdrawn;
}

std::string_view TimingName(Timing timing) {
    switch (timing) {
        case Timing::kPending:
            return "pending";
        case Timing::kEarly:
            return "early";
        case Timing::kOnTime:
            return "on_time";
        case Timing::kLate:
            return "late";
    }
    return "pending";
}

std::string_view TimingLabel(Timing timing) {
    switch (timing) {
        case Timing::kPending:
            return "Đang giải quyết";
        case Timing::kEarly:
            return "Trước hạn";
        case Timing::kOnTime:
            return "Đúng hạn";
        case Timing::kLate:
            return "Quá hạn";
    }
    return "";
}

base::Status ValidateApplicant(const Applicant& a) {
    const auto name_length = text::CodePointCount(a.name);
    if (!text::IsValidUtf8(a.name) || text::TrimAndCollapseSpaces(a.name).empty() ||
        name_length > 255) {
        return base::InvalidArgument("họ tên (tên tổ chức) người nộp phải có từ 1 đến 255 ký tự");
    }
    if (a.kind == ApplicantKind::kPerson) {
        if (!a.id_number.empty() && (a.id_number.size() != 12 || !AllDigits(a.id_number))) {
            return base::InvalidArgument("số định danh cá nhân phải gồm đúng 12 chữ số");
        }
    } else {
        const bool tax_code = (a.id_number.size() == 10 && AllDigits(a.id_number)) ||
                              (a.id_number.size() == 14 && AllDigits(a.id_number.substr(0, 10)) &&
                               a.id_number[10] == '-' && AllDigits(a.id_number.substr(11)));
        if (!a.id_number.empty() && !tax_code) {
            return base::InvalidArgument(
                "mã số doanh nghiệp (mã số thuế) phải có 10 chữ số hoặc dạng 0123456789-001");
        }
    }
    if (!a.phone.empty()) {
        std::string digits = a.phone;
        if (digits.front() == '+') {
            digits.erase(0, 1);
        }
        if (digits.size() < 8 || digits.size() > 15 || !AllDigits(digits)) {
            return base::InvalidArgument("số điện thoại phải gồm 8–15 chữ số");
        }
    }
    if (!a.email.empty()) {
        const auto at = a.email.find('@');
        if (at == std::string::npos || at == 0 || a.email.find('.', at) == std::string::npos ||
            a.email.size() > 254 || a.email.find(' ') != std::string::npos) {
            return base::InvalidArgument("địa chỉ thư điện tử không hợp lệ");
        }
    }
    for (const std::string* field : {&a.address, &a.owner_name}) {
        if (!text::IsValidUtf8(*field) || text::CodePointCount(*field) > 500) {
            return base::InvalidArgument("địa chỉ, chủ hồ sơ: tối đa 500 ký tự UTF-8");
        }
    }
    return {};
}

}  // namespace motcua::domain
