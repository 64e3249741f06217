#include "base/clock.hpp"

namespace motcua::base {

std::chrono::sys_seconds SystemClock::Now() const {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace motcua::base
