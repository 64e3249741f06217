#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

#include "base/error_code.hpp"

namespace motcua::base {

// An expected failure: a code from the closed list and a message for people. Messages that
// reach citizens or officers are Vietnamese; internal ones may be English.
struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;
};

[[nodiscard]] inline Error InvalidArgument(std::string message) {
    return Error{ErrorCode::kInvalidArgument, std::move(message)};
}
[[nodiscard]] inline Error NotFound(std::string message) {
    return Error{ErrorCode::kNotFound, std::move(message)};
}
[[nodiscard]] inline Error Internal(std::string message) {
    return Error{ErrorCode::kInternal, std::move(message)};
}

// Result<T>: a T or an Error (a small std::expected, which g++ 12 lacks). Accessing the value
// of an error result, or the error of a value result, is a programmer error (asserted).
template <typename T>
class [[nodiscard]] Result final {
public:
    Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    [[nodiscard]] const T& value() const& {
        assert(ok());
        return std::get<0>(state_);
    }
    [[nodiscard]] T& value() & {
        assert(ok());
        return std::get<0>(state_);
    }
    [[nodiscard]] T&& value() && {
        assert(ok());
        return std::get<0>(std::move(state_));
    }
    [[nodiscard]] const T& operator*() const& { return value(); }
    [[nodiscard]] T& operator*() & { return value(); }
    [[nodiscard]] const T* operator->() const { return &value(); }
    [[nodiscard]] T* operator->() { return &value(); }

    [[nodiscard]] const Error& error() const& {
        assert(!ok());
        return std::get<1>(state_);
    }
    [[nodiscard]] Error&& error() && {
        assert(!ok());
        return std::get<1>(std::move(state_));
    }

private:
    std::variant<T, Error> state_;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> final {
public:
    Result() = default;
    Result(Error error)
        : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const noexcept { return ok_; }
    explicit operator bool() const noexcept { return ok_; }
    [[nodiscard]] const Error& error() const& {
        assert(!ok_);
        return error_;
    }

private:
    Error error_;
    bool ok_ = true;
};

using Status = Result<void>;

}  // namespace motcua::base
