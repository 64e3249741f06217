#pragma once

#include <string_view>

namespace motcua::base {

// The closed vocabulary of expected failures (after absl::StatusCode). Each code says when to
// use it; http/ maps codes to status and problem+json in one place, domain code never knows HTTP.
enum class ErrorCode {
    // Input is malformed or out of range regardless of system state: a bad date, a wrong type,
    // a year outside 1900–2199, an unparsable data-file line.
    kInvalidArgument,
    // The named thing does not exist (unknown code, unknown unit).
    kNotFound,
    // The thing being created already exists (duplicate submission with another payload).
    kAlreadyExists,
    // The caller is known but may not do this (role or organisational scope).
    kPermissionDenied,
    // The caller is not known (no or expired session).
    kUnauthenticated,
    // The system is not in the state the operation needs (illegal state transition).
    kFailedPrecondition,
    // A concurrent change won (optimistic concurrency, version mismatch); retry after re-reading.
    kAborted,
    // The request is well-formed but would exceed a limit (oversize body, too many attempts).
    kResourceExhausted,
    // An invariant broke or a dependency failed (I/O, database); not the caller's fault.
    kInternal,
    // Not implemented yet for this input.
    kUnimplemented,
};

// Stable lower_snake name of a code, for logs and problem+json `type` suffixes.
[[nodiscard]] std::string_view ErrorCodeName(ErrorCode code) noexcept;

}  // namespace motcua::base
