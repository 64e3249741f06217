#include "http/problem.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

namespace motcua::http {
namespace {

constexpr std::string_view kInternalDetail =
    "Hệ thống gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau; nếu lỗi lặp lại, hãy liên hệ bộ "
    "phận hỗ trợ và cung cấp mã yêu cầu (X-Request-Id).";

Response MakeProblem(int status, std::string_view name, std::string_view title,
                     std::string_view detail, const std::vector<FieldError>& errors) {
    boost::json::object body;
    body["type"] = std::string(kProblemTypeBase) + std::string(name);
    body["title"] = title;
    body["status"] = status;
    body["detail"] = detail;
    if (!errors.empty()) {
        boost::json::array list;
        list.reserve(errors.size());
        for (const FieldError& error : errors) {
            list.push_back(boost::json::object{{"field", error.field}, {"message", error.message}});
        }
        body["errors"] = std::move(list);
    }
    Response response;
    response.status = status;
    response.content_type = std::string(kProblemContentType);
    response.body = boost::json::serialize(body);
    return response;
}

}  // namespace

// Decisions (docs/http.md): kInvalidArgument is always 400, also for field validation (the
// "errors" member carries the fields) — one code, one status; kAborted is 409 whether the
// version came in the body or in If-Match, so clients have one "re-read and retry" status;
// kResourceExhausted is 429 (too many attempts); an oversize body is the server's 413.
int HttpStatus(base::ErrorCode code) noexcept {
    using base::ErrorCode;
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return 400;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kAlreadyExists:
            return 409;
        case ErrorCode::kPermissionDenied:
            return 403;
        case ErrorCode::kUnauthenticated:
            return 401;
        case ErrorCode::kFailedPrecondition:
        case ErrorCode::kAborted:
            return 409;
        case ErrorCode::kResourceExhausted:
            return 429;
        case ErrorCode::kInternal:
            return 500;
        case ErrorCode::kUnimplemented:
            return 501;
    }
    return 500;
}

int HttpStatus(HttpProblem problem) noexcept {
    switch (problem) {
        case HttpProblem::kBadRequest:
            return 400;
        case HttpProblem::kNotFound:
            return 404;
        case HttpProblem::kMethodNotAllowed:
            return 405;
        case HttpProblem::kPayloadTooLarge:
            return 413;
        case HttpProblem::kHeaderFieldsTooLarge:
            return 431;
        case HttpProblem::kInternal:
            return 500;
        case HttpProblem::kServiceUnavailable:
            return 503;
    }
    return 500;
}

std::string_view ProblemTitle(base::ErrorCode code) noexcept {
    using base::ErrorCode;
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return "Dữ liệu không hợp lệ";
        case ErrorCode::kNotFound:
            return "Không tìm thấy";
        case ErrorCode::kAlreadyExists:
            return "Đã tồn tại";
        case ErrorCode::kPermissionDenied:
            return "Không có quyền thực hiện";
        case ErrorCode::kUnauthenticated:
            return "Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn";
        case ErrorCode::kFailedPrecondition:
            return "Trạng thái hiện tại không cho phép thao tác này";
        case ErrorCode::kAborted:
            return "Dữ liệu đã được người khác thay đổi";
        case ErrorCode::kResourceExhausted:
            return "Vượt quá giới hạn cho phép";
        case ErrorCode::kInternal:
            return "Lỗi hệ thống";
        case ErrorCode::kUnimplemented:
            return "Chức năng chưa được hỗ trợ";
    }
    return "Lỗi hệ thống";
}

std::string_view ProblemTitle(HttpProblem problem) noexcept {
    switch (problem) {
        case HttpProblem::kBadRequest:
            return "Yêu cầu không hợp lệ";
        case HttpProblem::kNotFound:
            return "Không tìm thấy";
        case HttpProblem::kMethodNotAllowed:
            return "Phương thức không được hỗ trợ";
        case HttpProblem::kPayloadTooLarge:
            return "Nội dung yêu cầu quá lớn";
        case HttpProblem::kHeaderFieldsTooLarge:
            return "Phần đầu yêu cầu quá lớn";
        case HttpProblem::kInternal:
            return "Lỗi hệ thống";
        case HttpProblem::kServiceUnavailable:
            return "Dịch vụ tạm thời không đáp ứng";
    }
    return "Lỗi hệ thống";
}

std::string_view ProblemName(HttpProblem problem) noexcept {
    switch (problem) {
        case HttpProblem::kBadRequest:
            return "bad_request";
        case HttpProblem::kNotFound:
            return "not_found";
        case HttpProblem::kMethodNotAllowed:
            return "method_not_allowed";
        case HttpProblem::kPayloadTooLarge:
            return "payload_too_large";
        case HttpProblem::kHeaderFieldsTooLarge:
            return "header_fields_too_large";
        case HttpProblem::kInternal:
            return "internal";
        case HttpProblem::kServiceUnavailable:
            return "service_unavailable";
    }
    return "internal";
}

Response ProblemResponse(const base::Error& error, const std::vector<FieldError>& errors) {
    std::string_view detail = error.message;
    if (error.code == base::ErrorCode::kInternal) {
        spdlog::error("internal error: {}", error.message);
        detail = kInternalDetail;
    }
    return MakeProblem(HttpStatus(error.code), base::ErrorCodeName(error.code),
                       ProblemTitle(error.code), detail, errors);
}

Response ProblemResponse(HttpProblem problem, std::string_view detail) {
    if (problem == HttpProblem::kInternal) {
        detail = kInternalDetail;
    }
    return MakeProblem(HttpStatus(problem), ProblemName(problem), ProblemTitle(problem), detail,
                       {});
}

Response JsonResponse(int status, std::string body) {
    Response response;
    response.status = status;
    response.content_type = "application/json";
    response.body = std::move(body);
    return response;
}

}  // namespace motcua::http
