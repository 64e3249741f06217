// Shared by the plan tests (plan_deadline_test, plan_import_test): the national working-time
// calendar and the seed plans copied under tests/fixtures/seeds (MOTCUA_SEED_DIR).
#pragma once

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "calendar/working_time.hpp"

namespace motcua::domain::plan_test {

inline const calendar::WorkingCalendar& Calendar() {
    static const std::shared_ptr<const calendar::WorkingCalendar> kCalendar = [] {
        auto built = calendar::WorkingCalendar::BuildDefault();
        if (!built) {
            std::abort();
        }
        return std::move(built).value();
    }();
    return *kCalendar;
}

// The bytes of tests/fixtures/seeds/`name`; a test failure when it cannot be read.
inline std::string ReadSeed(const std::string& name) {
    std::ifstream in(std::string(MOTCUA_SEED_DIR) + "/" + name, std::ios::binary);
    EXPECT_TRUE(in) << name;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace motcua::domain::plan_test
