#include "http/problem.hpp"

#include <array>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

namespace motcua::http {
namespace {

using base::ErrorCode;

boost::json::object ParseObject(const std::string& body) {
    return boost::json::parse(body).as_object();
}

struct Expected {
    ErrorCode code;
    int status;
    std::string_view title;
};

// The whole table of docs/http.md: a change here is an API change.
constexpr std::array<Expected, 10> kTable = {{
    {ErrorCode::kInvalidArgument, 400, "Dữ liệu không hợp lệ"},
    {ErrorCode::kNotFound, 404, "Không tìm thấy"},
    {ErrorCode::kAlreadyExists, 409, "Đã tồn tại"},
    {ErrorCode::kPermissionDenied, 403, "Không có quyền thực hiện"},
    {ErrorCode::kUnauthenticated, 401, "Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn"},
    {ErrorCode::kFailedPrecondition, 409, "Trạng thái hiện tại không cho phép thao tác này"},
    {ErrorCode::kAborted, 409, "Dữ liệu đã được người khác thay đổi"},
    {ErrorCode::kResourceExhausted, 429, "Vượt quá giới hạn cho phép"},
    {ErrorCode::kInternal, 500, "Lỗi hệ thống"},
    {ErrorCode::kUnimplemented, 501, "Chức năng chưa được hỗ trợ"},
}};

TEST(ProblemTest, EveryErrorCodeMapsToItsStatusAndTitle) {
    for (const Expected& row : kTable) {
        SCOPED_TRACE(std::string(base::ErrorCodeName(row.code)));
        EXPECT_EQ(HttpStatus(row.code), row.status);
        EXPECT_EQ(ProblemTitle(row.code), row.title);
        Response response = ProblemResponse(base::Error{row.code, "Chi tiết cho người dùng"});
        EXPECT_EQ(response.status, row.status);
        EXPECT_EQ(response.content_type, "application/problem+json");
        boost::json::object body = ParseObject(response.body);
        EXPECT_EQ(body.at("type").as_string(),
                  "https://motcua.gov.vn/problems/" + std::string(base::ErrorCodeName(row.code)));
        EXPECT_EQ(body.at("title").as_string(), row.title);
        EXPECT_EQ(body.at("status").as_int64(), row.status);
        EXPECT_FALSE(body.contains("errors"));
        if (row.code != ErrorCode::kInternal) {
            EXPECT_EQ(body.at("detail").as_string(), "Chi tiết cho người dùng");
        }
    }
}

TEST(ProblemTest, InternalErrorsDoNotLeakTheirMessage) {
    Response response = ProblemResponse(base::Internal("sqlite: disk I/O error at /var/db"));
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.body.find("sqlite"), std::string::npos);
    boost::json::object body = ParseObject(response.body);
    EXPECT_NE(std::string_view(body.at("detail").as_string()).find("X-Request-Id"),
              std::string_view::npos);
}

TEST(ProblemTest, FieldErrorsAreListed) {
    Response response = ProblemResponse(base::InvalidArgument("Hồ sơ có 2 trường không hợp lệ"),
                                        {{"applicant.id_number", "Số định danh phải có 12 chữ số"},
                                         {"applicant.name", "Họ tên không được để trống"}});
    EXPECT_EQ(response.status, 400);
    boost::json::object body = ParseObject(response.body);
    const boost::json::array& errors = body.at("errors").as_array();
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].at("field").as_string(), "applicant.id_number");
    EXPECT_EQ(errors[1].at("message").as_string(), "Họ tên không được để trống");
}

TEST(ProblemTest, DetailIsEscapedAsJson) {
    Response response = ProblemResponse(base::NotFound("mã \"1.0\\2\"\n"));
    EXPECT_EQ(ParseObject(response.body).at("detail").as_string(), "mã \"1.0\\2\"\n");
}

TEST(ProblemTest, ProtocolProblems) {
    struct Row {
        HttpProblem problem;
        int status;
        std::string_view name;
    };
    for (const Row& row : {Row{HttpProblem::kBadRequest, 400, "bad_request"},
                           Row{HttpProblem::kNotFound, 404, "not_found"},
                           Row{HttpProblem::kMethodNotAllowed, 405, "method_not_allowed"},
                           Row{HttpProblem::kPayloadTooLarge, 413, "payload_too_large"},
                           Row{HttpProblem::kHeaderFieldsTooLarge, 431, "header_fields_too_large"},
                           Row{HttpProblem::kInternal, 500, "internal"},
                           Row{HttpProblem::kServiceUnavailable, 503, "service_unavailable"}}) {
        Response response = ProblemResponse(row.problem, "chi tiết");
        EXPECT_EQ(response.status, row.status);
        boost::json::object body = ParseObject(response.body);
        EXPECT_EQ(body.at("type").as_string(),
                  "https://motcua.gov.vn/problems/" + std::string(row.name));
        EXPECT_EQ(body.at("title").as_string(), ProblemTitle(row.problem));
        EXPECT_FALSE(ProblemTitle(row.problem).empty());
    }
    // kInternal never shows a caller-supplied detail.
    Response internal = ProblemResponse(HttpProblem::kInternal, "stack trace");
    EXPECT_EQ(internal.body.find("stack trace"), std::string::npos);
}

TEST(ProblemTest, JsonResponse) {
    Response response = JsonResponse(201, R"({"id":1})");
    EXPECT_EQ(response.status, 201);
    EXPECT_EQ(response.content_type, "application/json");
    EXPECT_EQ(response.body, R"({"id":1})");
}

}  // namespace
}  // namespace motcua::http
