#pragma once

#include <chrono>

namespace motcua::base {

// The one way code asks for "now". Pure modules never call it: callers pass instants in.
// SystemClock (clock.cpp) is the only place that reads the wall clock; tests use FakeClock.
class Clock {
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual std::chrono::sys_seconds Now() const = 0;
};

class SystemClock final : public Clock {
public:
    [[nodiscard]] std::chrono::sys_seconds Now() const override;
};

class FakeClock final : public Clock {
public:
    explicit FakeClock(std::chrono::sys_seconds now) : now_(now) {}
    [[nodiscard]] std::chrono::sys_seconds Now() const override { return now_; }
    void Set(std::chrono::sys_seconds now) { now_ = now; }
    void Advance(std::chrono::seconds by) { now_ += by; }

private:
    std::chrono::sys_seconds now_;
};

}  // namespace motcua::base
