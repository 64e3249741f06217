#include "base/error_code.hpp"

namespace motcua::base {

std::string_view ErrorCodeName(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return "invalid_argument";
        case ErrorCode::kNotFound:
            return "not_found";
        case ErrorCode::kAlreadyExists:
            return "already_exists";
        case ErrorCode::kPermissionDenied:
            return "permission_denied";
        case ErrorCode::kUnauthenticated:
            return "unauthenticated";
        case ErrorCode::kFailedPrecondition:
            return "failed_precondition";
        case ErrorCode::kAborted:
            return "aborted";
        case ErrorCode::kResourceExhausted:
            return "resource_exhausted";
        case ErrorCode::kInternal:
            return "internal";
        case ErrorCode::kUnimplemented:
            return "unimplemented";
    }
    return "unknown";
}

}  // namespace motcua::base
