#include "base/result.hpp"

#include <memory>

#include <gtest/gtest.h>

#include "base/clock.hpp"

namespace motcua::base {
namespace {

Result<int> Half(int n) {
    if (n % 2 != 0) {
        return InvalidArgument("odd");
    }
    return n / 2;
}

TEST(ResultTest, HoldsValueOrError) {
    const auto ok = Half(4);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(*ok, 2);
    const auto bad = Half(3);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(bad.error().message, "odd");
}

TEST(ResultTest, MovesOnlyValues) {
    Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
    ASSERT_TRUE(r);
    const std::unique_ptr<int> taken = std::move(r).value();
    EXPECT_EQ(*taken, 7);
}

TEST(ResultTest, StatusDefaultsToOk) {
    const Status ok;
    EXPECT_TRUE(ok.ok());
    const Status bad = NotFound("x");
    EXPECT_FALSE(bad.ok());
    EXPECT_EQ(ErrorCodeName(bad.error().code), "not_found");
}

TEST(ClockTest, FakeClockAdvances) {
    FakeClock clock(std::chrono::sys_seconds{std::chrono::seconds{100}});
    clock.Advance(std::chrono::seconds{5});
    EXPECT_EQ(clock.Now().time_since_epoch().count(), 105);
}

}  // namespace
}  // namespace motcua::base
