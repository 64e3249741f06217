#include "domain/process.hpp"

#include <cstdint>
#include <numeric>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

Procedure WithTime(std::int64_t milli, TimeUnit unit = TimeUnit::kWorkingDays) {
    Procedure p;
    p.code = "1.001193";
    p.name = "Đăng ký khai sinh";
    p.processing_milli = milli;
    p.time_unit = unit;
    return p;
}

std::int64_t Sum(const Process& p) {
    return std::accumulate(
        p.steps.begin(), p.steps.end(), std::int64_t{0},
        [](std::int64_t s, const ProcessStep& step) { return s + step.share_milli; });
}

// A valid 5-day process to break one rule at a time.
Process FiveDays() {
    return DefaultProcess(WithTime(5000));
}

void ExpectInvalid(const Process& p, std::string_view message, std::int64_t milli = 5000) {
    const base::Status s = ValidateProcess(p, WithTime(milli));
    ASSERT_FALSE(s.ok()) << "expected: " << message;
    EXPECT_EQ(s.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_EQ(s.error().message, message);
}

TEST(DefaultProcess, SharesSumToTheProcessingTime) {
    for (const TimeUnit unit :
         {TimeUnit::kWorkingDays, TimeUnit::kHours, TimeUnit::kDays, TimeUnit::kMonths}) {
        for (const std::int64_t t : {0, 1, 7, 99, 333, 500, 999, 1000, 1500, 2500, 5000, 7000,
                                     10000, 15000, 20000, 45000, 120000, 1000000}) {
            const Procedure procedure = WithTime(t, unit);
            const Process p = DefaultProcess(procedure);
            EXPECT_EQ(Sum(p), t) << TimeUnitName(unit) << " " << t;
            for (const ProcessStep& step : p.steps) {
                EXPECT_GE(step.share_milli, 0) << step.key << " " << t;
            }
            const base::Status valid = ValidateProcess(p, procedure);
            EXPECT_TRUE(valid.ok()) << t << ": " << (valid ? "" : valid.error().message);
            // Receipt and return are capped at half a day (4 hours for hours).
            const std::int64_t half_day = unit == TimeUnit::kHours ? 4000 : 500;
            EXPECT_LE(p.steps.front().share_milli, half_day);
            EXPECT_LE(p.steps.back().share_milli, half_day);
        }
    }
}

TEST(DefaultProcess, FiveWorkingDays) {
    const Process p = FiveDays();
    ASSERT_EQ(p.steps.size(), 5U);
    EXPECT_EQ(p.procedure_code, "1.001193");
    EXPECT_EQ(p.version, 1);
    const auto expect_step = [&](size_t i, std::string_view key, StepKind kind, StepUnit unit,
                                 Role role, std::int64_t share) {
        EXPECT_EQ(p.steps[i].key, key);
        EXPECT_EQ(p.steps[i].kind, kind) << key;
        EXPECT_EQ(p.steps[i].unit, unit) << key;
        EXPECT_EQ(p.steps[i].role, role) << key;
        EXPECT_EQ(p.steps[i].share_milli, share) << key;
        EXPECT_TRUE(p.steps[i].next.empty()) << key;
    };
    expect_step(0, "tiep-nhan", StepKind::kReceive, StepUnit::kReceiving, Role::kDeskOfficer, 500);
    expect_step(1, "tham-dinh", StepKind::kAppraise, StepUnit::kSettling, Role::kSpecialist, 3000);
    expect_step(2, "phe-duyet", StepKind::kApprove, StepUnit::kSettling, Role::kLeader, 1000);
    expect_step(3, "ban-hanh", StepKind::kResult, StepUnit::kSettling, Role::kSpecialist, 0);
    expect_step(4, "tra-ket-qua", StepKind::kReturn, StepUnit::kReceiving, Role::kDeskOfficer, 500);
}

TEST(DefaultProcess, SmallAndZeroTimes) {
    // Immediate result: every share is zero.
    for (const ProcessStep& step : DefaultProcess(WithTime(0)).steps) {
        EXPECT_EQ(step.share_milli, 0) << step.key;
    }
    // One day: receipt 0.1, appraisal 0.6, approval 0.2, return 0.1.
    const Process one = DefaultProcess(WithTime(1000));
    EXPECT_EQ(one.steps[0].share_milli, 100);
    EXPECT_EQ(one.steps[1].share_milli, 600);
    EXPECT_EQ(one.steps[2].share_milli, 200);
    EXPECT_EQ(one.steps[4].share_milli, 100);
    // Half a day.
    const Process half = DefaultProcess(WithTime(500));
    EXPECT_EQ(half.steps[0].share_milli, 50);
    EXPECT_EQ(half.steps[1].share_milli, 300);
    EXPECT_EQ(half.steps[2].share_milli, 100);
    EXPECT_EQ(half.steps[4].share_milli, 50);
    // 20 days: receipt and return capped at half a day.
    const Process twenty = DefaultProcess(WithTime(20000));
    EXPECT_EQ(twenty.steps[0].share_milli, 500);
    EXPECT_EQ(twenty.steps[1].share_milli, 15000);
    EXPECT_EQ(twenty.steps[2].share_milli, 4000);
    EXPECT_EQ(twenty.steps[4].share_milli, 500);
}

TEST(DefaultProcess, Hours) {
    const Process four = DefaultProcess(WithTime(4000, TimeUnit::kHours));
    EXPECT_EQ(four.steps[0].share_milli, 400);
    EXPECT_EQ(four.steps[1].share_milli, 2400);
    EXPECT_EQ(four.steps[2].share_milli, 800);
    EXPECT_EQ(four.steps[4].share_milli, 400);
    // 120 hours: receipt and return capped at 4 hours.
    const Process long_one = DefaultProcess(WithTime(120000, TimeUnit::kHours));
    EXPECT_EQ(long_one.steps[0].share_milli, 4000);
    EXPECT_EQ(long_one.steps[1].share_milli, 88000);
    EXPECT_EQ(long_one.steps[2].share_milli, 24000);
    EXPECT_EQ(long_one.steps[4].share_milli, 4000);
}

TEST(Process, FindAndSuccessors) {
    Process p = FiveDays();
    EXPECT_EQ(p.Find("phe-duyet"), 2U);
    EXPECT_EQ(p.Find("khong-co"), std::nullopt);
    EXPECT_EQ(p.Successors(0), std::vector<size_t>{1});
    EXPECT_TRUE(p.Successors(4).empty());
    EXPECT_TRUE(p.Successors(99).empty());
    p.steps[1].next = {"ban-hanh", "phe-duyet"};
    EXPECT_EQ(p.Successors(1), (std::vector<size_t>{3, 2}));
}

TEST(StepKind, NamesRoundTrip) {
    for (const StepKind kind : {StepKind::kReceive, StepKind::kAppraise, StepKind::kInterAgency,
                                StepKind::kApprove, StepKind::kResult, StepKind::kReturn}) {
        const auto parsed = ParseStepKind(StepKindName(kind));
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(*parsed, kind);
        EXPECT_FALSE(StepKindLabel(kind).empty());
    }
    EXPECT_EQ(StepKindName(StepKind::kInterAgency), "inter_agency");
    EXPECT_EQ(ParseStepKind("approval").error().message, "loại bước không hợp lệ: approval");
}

TEST(ValidateProcess, AcceptsTheDefaultAndABranch) {
    EXPECT_TRUE(ValidateProcess(FiveDays(), WithTime(5000)).ok());
    Process p = FiveDays();
    p.steps[1].next = {"phe-duyet", "ban-hanh"};
    EXPECT_TRUE(ValidateProcess(p, WithTime(5000)).ok());
    p.steps[1].unit = StepUnit::kNamed;
    p.steps[1].unit_code = "cong-an-xa";
    p.steps[1].kind = StepKind::kInterAgency;
    EXPECT_TRUE(ValidateProcess(p, WithTime(5000)).ok());
}

TEST(ValidateProcess, RejectsEachMalformedCase) {
    Process p = FiveDays();

    p.steps.clear();
    ExpectInvalid(p, "quy trình phải có ít nhất một bước");

    p = FiveDays();
    p.steps.insert(p.steps.begin() + 1, 50, p.steps[1]);
    for (size_t i = 1; i <= 50; ++i) {
        p.steps[i].key = "b" + std::to_string(i);
        p.steps[i].share_milli = 0;
    }
    ExpectInvalid(p, "quy trình có quá 50 bước");

    for (const std::string_view key :
         {"", "Tham-dinh", "thẩm-định", "tham dinh", "a123456789012345678901234567890bc"}) {
        p = FiveDays();
        p.steps[1].key = std::string(key);
        ExpectInvalid(
            p, "mã bước \"" + std::string(key) + "\" phải gồm 1–32 ký tự a-z, 0-9, _ hoặc -");
    }

    p = FiveDays();
    p.steps[2].key = "tham-dinh";
    ExpectInvalid(p, "bước \"tham-dinh\": mã bước bị trùng");

    p = FiveDays();
    p.steps[1].name.clear();
    ExpectInvalid(p, "bước \"tham-dinh\": tên bước phải có từ 1 đến 500 ký tự");
    p.steps[1].name = std::string(501, 'a');
    ExpectInvalid(p, "bước \"tham-dinh\": tên bước phải có từ 1 đến 500 ký tự");

    p = FiveDays();
    p.steps[1].share_milli = -1;
    p.steps[2].share_milli += 1;
    ExpectInvalid(p, "bước \"tham-dinh\": thời gian của bước không được âm");

    p = FiveDays();
    p.steps[1].unit = StepUnit::kNamed;
    ExpectInvalid(p, "bước \"tham-dinh\": bước liên thông phải nêu mã đơn vị thực hiện");

    for (const Role role : {Role::kCitizen, Role::kAdmin}) {
        p = FiveDays();
        p.steps[1].role = role;
        ExpectInvalid(p,
                      "bước \"tham-dinh\": vai trò thực hiện phải là công chức một cửa, chuyên "
                      "môn, lãnh đạo hoặc kiểm soát TTHC");
    }

    p = FiveDays();
    p.steps[0].kind = StepKind::kAppraise;
    ExpectInvalid(p, "bước \"tiep-nhan\": bước đầu tiên phải là tiếp nhận hồ sơ");

    p = FiveDays();
    p.steps[4].kind = StepKind::kResult;
    ExpectInvalid(p, "bước \"tra-ket-qua\": bước cuối cùng phải là trả kết quả");

    p = FiveDays();
    p.steps[1].kind = StepKind::kReceive;
    ExpectInvalid(p, "bước \"tham-dinh\": chỉ bước đầu tiên là tiếp nhận");

    p = FiveDays();
    std::swap(p.steps[2], p.steps[3]);
    ExpectInvalid(p, "bước \"phe-duyet\": phê duyệt phải đứng trước ban hành kết quả");

    p = FiveDays();
    p.steps[2].kind = StepKind::kAppraise;
    ExpectInvalid(p, "quy trình phải có đúng một bước phê duyệt của lãnh đạo");
    p = FiveDays();
    p.steps[1].kind = StepKind::kApprove;
    ExpectInvalid(p, "quy trình phải có đúng một bước phê duyệt của lãnh đạo");

    p = FiveDays();
    p.steps[1].next = {"khong-co"};
    ExpectInvalid(p, "bước \"tham-dinh\": bước tiếp theo \"khong-co\" không có");
    p.steps[1].next = {"tiep-nhan"};
    ExpectInvalid(p,
                  "bước \"tham-dinh\": bước tiếp theo \"tiep-nhan\" phải đứng sau (không quay "
                  "vòng)");
    p.steps[1].next = {"tham-dinh"};
    ExpectInvalid(p,
                  "bước \"tham-dinh\": bước tiếp theo \"tham-dinh\" phải đứng sau (không quay "
                  "vòng)");

    p = FiveDays();
    p.steps[1].share_milli -= 500;
    ExpectInvalid(p,
                  "tổng thời gian các bước (4,5) phải bằng thời hạn giải quyết của thủ tục (5 "
                  "Ngày làm việc)");
    p = DefaultProcess(WithTime(4000, TimeUnit::kHours));
    p.steps[1].share_milli += 250;
    const base::Status hours = ValidateProcess(p, WithTime(4000, TimeUnit::kHours));
    ASSERT_FALSE(hours.ok());
    EXPECT_EQ(hours.error().message,
              "tổng thời gian các bước (4,25) phải bằng thời hạn giải quyết của thủ tục (4 Giờ)");
}

}  // namespace
}  // namespace motcua::domain
