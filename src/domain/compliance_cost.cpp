#include "domain/compliance_cost.hpp"

#include <fmt/format.h>

namespace motcua::domain::compliance_cost {
namespace {

constexpr std::int64_t kMaxTotal = 1'000'000'000'000'000;  // 10^15 VND
constexpr std::size_t kMaxActivities = 200;

// a × b ÷ d, half up, for non-negative operands; false on overflow past kMaxTotal.
bool MulDiv(std::int64_t a, std::int64_t b, std::int64_t d, std::int64_t& out) {
    const __int128 product = static_cast<__int128>(a) * b;
    const __int128 q = (product * 2 + d) / (static_cast<__int128>(d) * 2);
    if (q > kMaxTotal) return false;
    out = static_cast<std::int64_t>(q);
    return true;
}

std::string Minutes(std::int64_t minutes) {
    if (minutes % 60 == 0) return fmt::format("{} giờ", minutes / 60);
    return fmt::format("{} phút", minutes);
}

std::string Frequency(std::int64_t milli) {
    if (milli % 1000 == 0) return fmt::format("{}", milli / 1000);
    std::string frac = fmt::format("{:03}", milli % 1000);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    return fmt::format("{},{}", milli / 1000, frac);
}

}  // namespace

std::string FormatDong(std::int64_t vnd) {
    const bool negative = vnd < 0;
    const unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(vnd)
                                                  : static_cast<unsigned long long>(vnd);
    const std::string digits = std::to_string(magnitude);
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    return negative ? "-" + out : out;
}

base::Result<std::int64_t> HourlyIncome(std::int64_t income_per_working_day) {
    if (income_per_working_day < 0)
        return base::InvalidArgument("Thu nhập bình quân một ngày làm việc không được âm");
    std::int64_t out = 0;
    if (!MulDiv(income_per_working_day, 1, 8, out))
        return base::InvalidArgument("Thu nhập bình quân một ngày làm việc quá lớn");
    return out;
}

base::Result<Cost> Compute(const Inputs& in) {
    if (in.activities.size() > kMaxActivities)
        return base::InvalidArgument(
            fmt::format("Tối đa {} hoạt động cho một lần tuân thủ", kMaxActivities));
    if (in.hourly_income < 0 || in.outsourced < 0 || in.fees < 0 || in.other < 0)
        return base::InvalidArgument(
            "Thu nhập theo giờ, chi phí thuê ngoài, phí, lệ phí và chi phí khác không được âm");
    if (in.subjects < 0) return base::InvalidArgument("Số đối tượng tuân thủ không được âm");
    if (in.frequency_milli < 0)
        return base::InvalidArgument("Tần suất tuân thủ trong năm không được âm");
    for (const Activity& a : in.activities) {
        if (a.name.empty()) return base::InvalidArgument("Mỗi hoạt động phải có tên");
        if (a.minutes < 0)
            return base::InvalidArgument(
                fmt::format("Thời gian của hoạt động «{}» không được âm", a.name));
    }
    Cost cost;
    const auto too_large = [] {
        return base::InvalidArgument("Chi phí tuân thủ vượt quá 10^15 đồng, kiểm tra lại số liệu");
    };
    for (const Activity& a : in.activities) {
        std::int64_t c = 0;
        if (!MulDiv(a.minutes, in.hourly_income, 60, c)) return too_large();
        cost.time_cost += c;
        if (cost.time_cost > kMaxTotal) return too_large();
        cost.steps.push_back(fmt::format("{}: {} × {} đồng/giờ = {} đồng", a.name,
                                         Minutes(a.minutes), FormatDong(in.hourly_income),
                                         FormatDong(c)));
    }
    cost.per_event = cost.time_cost + in.outsourced + in.fees + in.other;
    if (in.outsourced > kMaxTotal || in.fees > kMaxTotal || in.other > kMaxTotal ||
        cost.per_event > kMaxTotal)
        return too_large();
    cost.steps.push_back(fmt::format(
        "Chi phí một lần tuân thủ = {} (thời gian) + {} (thuê ngoài) + {} (phí, lệ phí) + {} "
        "(chi phí khác) = {} đồng",
        FormatDong(cost.time_cost), FormatDong(in.outsourced), FormatDong(in.fees),
        FormatDong(in.other), FormatDong(cost.per_event)));
    // The annual figure rounds once, over the exact product.
    {
        const __int128 exact =
            static_cast<__int128>(cost.per_event) * in.frequency_milli * in.subjects;
        const __int128 q = (exact * 2 + 1000) / 2000;
        if (q > kMaxTotal) return too_large();
        cost.annual = static_cast<std::int64_t>(q);
    }
    cost.steps.push_back(fmt::format("Chi phí một năm = {} × {} đối tượng × {} lần/năm = {} đồng",
                                     FormatDong(cost.per_event), FormatDong(in.subjects),
                                     Frequency(in.frequency_milli), FormatDong(cost.annual)));
    return cost;
}

Saving SavingOf(const Cost& before, const Cost& after) {
    Saving s;
    s.per_event = before.per_event - after.per_event;
    s.annual = before.annual - after.annual;
    if (before.per_event > 0) {
        const __int128 num = static_cast<__int128>(s.per_event) * 10000;
        const __int128 den = before.per_event;
        // half away from zero
        const __int128 q = num >= 0 ? (num * 2 + den) / (den * 2) : -((-num * 2 + den) / (den * 2));
        s.hundredths = static_cast<std::int64_t>(q);
    }
    const std::int64_t abs = s.hundredths < 0 ? -s.hundredths : s.hundredths;
    s.text = fmt::format("{}{},{:02}%", s.hundredths < 0 ? "-" : "", abs / 100, abs % 100);
    return s;
}

}  // namespace motcua::domain::compliance_cost
