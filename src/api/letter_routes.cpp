// /api/v1/reports/correction-letter (issue #6): the quarterly system check's correction letter
// (văn bản đôn đốc, chấn chỉnh; S0 Appendix §II.3, §III.2.2) of a unit for a period, as DOCX or
// PDF; thin handler over app/correction_letters.hpp.
#include <chrono>

#include "api/route_util.hpp"
#include "app/correction_letters.hpp"
#include "calendar/civil_date.hpp"

namespace motcua::api {

using http::Method;
using http::Request;
using http::Response;

void RegisterLetterRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    router.Add(
        Method::kGet, "/api/v1/reports/correction-letter",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto p = ReportParamsOf(req, domain::report06::WindowRule::kReporting);
                      if (!p) {
                          return Problem(p.error());
                      }
                      const app::SettlementReportQuery query{p->unit_code, p->period, p->window};
                      auto format = app::ParseLetterFormat(req.Query("format").value_or("docx"));
                      if (!format) {
                          return Problem(format.error());
                      }
                      auto letter = app::CorrectionLetter(ctx, actor, query);
                      if (!letter) {
                          return Problem(letter.error());
                      }
                      auto file = app::ExportCorrectionLetter(
                          *letter, *format,
                          std::chrono::floor<std::chrono::days>(ctx.clock->Now() +
                                                                calendar::kVietnamOffset));
                      if (!file) {
                          return Problem(file.error());
                      }
                      return Download(std::move(file->bytes), file->content_type, file->filename);
                  }),
        {"Văn bản đôn đốc, chấn chỉnh của đợt kiểm tra hệ thống hằng quý (Kế hoạch KSTT, Phụ lục "
         "§II.3, §III.2.2): hồ sơ quá hạn và tồn đọng, kết quả chưa số hóa, tỷ lệ dịch vụ công "
         "trực tuyến và thanh toán trực tuyến của đơn vị (unit, period như báo cáo, window; "
         "format: docx (mặc định) hoặc pdf, tệp tải về; lãnh đạo, kiểm soát TTHC, quản trị có "
         "phạm vi bao gồm đơn vị)",
         "session", "", R"({"type":"string","format":"binary"})"});
}

}  // namespace motcua::api
