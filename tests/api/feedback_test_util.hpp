#pragma once
// Helpers shared by the feedback API tests (feedback_api_test.cpp,
// feedback_indicators_test.cpp): reading a JSON response body and a string member of it.
#include <string>
#include <string_view>
#include <system_error>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include "http/message.hpp"

namespace motcua::testing::feedback_util {

// The response body parsed as JSON (a test failure when it is not JSON).
inline boost::json::value Body(const http::Response& r) {
    std::error_code ec;
    boost::json::value v = boost::json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
}

// The string member `key` of an object, "" when absent or not a string.
inline std::string Str(const boost::json::value& v, std::string_view key) {
    const boost::json::value* x = v.as_object().if_contains(key);
    return x != nullptr && x->is_string() ? std::string(x->as_string()) : std::string();
}

}  // namespace motcua::testing::feedback_util
