#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/routes.hpp"

namespace motcua::api {

namespace json = boost::json;

namespace {

std::string_view OpenApiMethod(http::Method m) {
    switch (m) {
        case http::Method::kGet:
            return "get";
        case http::Method::kHead:
            return "head";
        case http::Method::kPost:
            return "post";
        case http::Method::kPut:
            return "put";
        case http::Method::kPatch:
            return "patch";
        case http::Method::kDelete:
            return "delete";
        case http::Method::kOptions:
            return "options";
        case http::Method::kOther:
            return "other";
    }
    return "other";
}

json::value Schema(std::string_view text) {
    std::error_code ec;
    json::value v = json::parse(text, ec);
    return ec ? json::value(json::object{{"type", "object"}}) : v;
}

json::object Components() {
    const json::object string{{"type", "string"}};
    const json::object nullable_string{{"type", "string"}, {"nullable", true}};
    json::object procedure{
        {"type", "object"},
        {"required", json::array{"code", "name", "field", "effective_from"}},
        {"properties",
         json::object{
             {"code", json::object{{"type", "string"}, {"pattern", "^[0-9]{1,3}\\.[0-9]{6}$"}}},
             {"name", string},
             {"field", string},
             {"levels", json::object{{"type", "array"}, {"items", string}}},
             {"processing_time",
              json::object{
                  {"type", "object"},
                  {"properties",
                   json::object{
                       {"amount", json::object{{"type", "number"}}},
                       {"unit", json::object{{"type", "string"},
                                             {"enum", json::array{"working_days", "days", "hours",
                                                                  "months"}}}}}}}},
             {"online_level",
              json::object{{"type", "string"}, {"enum", json::array{"none", "partial", "full"}}}},
             {"fee_amount", json::object{{"type", "integer"}}},
             {"fees", string},
             {"implementing_units", string},
             {"documents", json::object{{"type", "array"}}},
             {"legal_basis", string},
             {"publication_decision", string},
             {"steps", string},
             {"conditions", string},
             {"result", string},
             {"source_url", string},
             {"effective_from", json::object{{"type", "string"}, {"format", "date"}}},
             {"effective_to", nullable_string},
             {"version", json::object{{"type", "integer"}}}}}};
    json::object unit{
        {"type", "object"},
        {"required", json::array{"code", "type", "name", "valid_from"}},
        {"properties",
         json::object{
             {"id", json::object{{"type", "integer"}}},
             {"code", string},
             {"type", json::object{{"type", "string"},
                                   {"enum", json::array{"province", "district", "commune", "agency",
                                                        "service_centre", "one_stop_desk"}}}},
             {"name", string},
             {"parent_id", json::object{{"type", "integer"}, {"nullable", true}}},
             {"valid_from", json::object{{"type", "string"}, {"format", "date"}}},
             {"valid_to", nullable_string},
             {"version", json::object{{"type", "integer"}}}}}};
    json::object problem{{"type", "object"},
                         {"properties", json::object{{"type", string},
                                                     {"title", string},
                                                     {"status", json::object{{"type", "integer"}}},
                                                     {"detail", string},
                                                     {"errors", json::object{{"type", "array"}}}}}};
    const json::object integer{{"type", "integer"}};
    const json::object array{{"type", "array"}};
    json::object applicant{
        {"type", "object"},
        {"required", json::array{"name"}},
        {"properties",
         json::object{{"kind", json::object{{"type", "string"},
                                            {"enum", json::array{"person", "organisation"}}}},
                      {"name", string},
                      {"id_number", string},
                      {"address", string},
                      {"phone", string},
                      {"email", string},
                      {"owner_name", string}}}};
    json::object intake{
        {"type", "object"},
        {"required", json::array{"procedure_code", "settling_unit", "applicant"}},
        {"properties",
         json::object{{"procedure_code", string},
                      {"settling_unit", string},
                      {"receiving_unit", string},
                      {"channel",
                       json::object{{"type", "string"}, {"enum", json::array{"direct", "postal"}}}},
                      {"applicant", applicant},
                      {"components", array},
                      {"completeness",
                       json::object{{"type", "string"},
                                    {"enum", json::array{"complete", "incomplete", "refuse"}}}},
                      {"reason", string}}}};
    json::object dossier{{"type", "object"},
                         {"properties", json::object{{"id", integer},
                                                     {"code", string},
                                                     {"state", string},
                                                     {"rule_set", string},
                                                     {"procedure_code", string},
                                                     {"applicant", applicant},
                                                     {"components", array},
                                                     {"received_at", nullable_string},
                                                     {"due_at", nullable_string},
                                                     {"appointment_at", nullable_string},
                                                     {"late", json::object{{"type", "boolean"}}},
                                                     {"timing", string},
                                                     {"events", array},
                                                     {"allowed_actions", array},
                                                     {"version", integer}}}};
    json::object action{{"type", "object"},
                        {"required", json::array{"action"}},
                        {"properties", json::object{{"action", string},
                                                    {"version", integer},
                                                    {"reason", string},
                                                    {"completeness", string},
                                                    {"components", array},
                                                    {"assignee_id", integer},
                                                    {"next_step", string},
                                                    {"tasks", array},
                                                    {"parallel", json::object{{"type", "boolean"}}},
                                                    {"task_index", integer},
                                                    {"new_appointment", string},
                                                    {"result_summary", string},
                                                    {"return_method", string},
                                                    {"attachments", array}}}};
    json::object process{
        {"type", "object"},
        {"required", json::array{"version", "steps"}},
        {"properties",
         json::object{{"unit", string}, {"note", string}, {"version", integer}, {"steps", array}}}};
    return json::object{
        {"schemas",
         json::object{
             {"Procedure", std::move(procedure)},
             {"Unit", std::move(unit)},
             {"Problem", std::move(problem)},
             {"DossierIntake", std::move(intake)},
             {"Dossier", std::move(dossier)},
             {"DossierAction", std::move(action)},
             {"Process", std::move(process)},
             // Issue #5: documents (uploads are raw file bodies).
             {"Document",
              Schema(R"({"type":"object","properties":{"id":{"type":"integer"},)"
                     R"("dossier_id":{"type":"integer","nullable":true},)"
                     R"("draft_id":{"type":"integer","nullable":true},)"
                     R"("role":{"type":"string","enum":["component","result"]},)"
                     R"("component":{"type":"string"},"title":{"type":"string"},)"
                     R"("file_name":{"type":"string"},"media_type":{"type":"string"},)"
                     R"("size":{"type":"integer"},"sha256":{"type":"string"},)"
                     R"("digitised":{"type":"boolean"},)"
                     R"("reused_from":{"type":"integer","nullable":true},)"
                     R"("valid_until":{"type":"string","nullable":true},)"
                     R"("created_at":{"type":"string"},"download":{"type":"string"}}})")},
             {"DocumentReuse",
              Schema(R"({"type":"object","required":["component","document_id"],)"
                     R"("additionalProperties":false,"properties":{)"
                     R"("component":{"type":"string"},"document_id":{"type":"integer"}}})")},
             // Issue #5: the citizen's rating and the evaluation indices.
             {"RatingAnswers",
              json::object{
                  {"type", "object"},
                  {"required",
                   json::array{"satisfaction", "contacts", "bodies_contacted", "complaint"}},
                  {"properties",
                   json::object{{"channel",
                                 json::object{{"type", "string"},
                                              {"enum", json::array{"online", "paper", "device"}}}},
                                {"satisfaction",
                                 json::object{{"type", "string"},
                                              {"enum", json::array{"very_satisfied", "satisfied",
                                                                   "dissatisfied"}}}},
                                {"contacts", integer},
                                {"bodies_contacted", integer},
                                {"complaint", json::object{{"type", "boolean"}}},
                                {"comment", string}}}}},
             {"Rating", json::object{{"type", "object"},
                                     {"properties",
                                      json::object{{"code", string},
                                                   {"state", string},
                                                   {"rated", json::object{{"type", "boolean"}}},
                                                   {"rating", json::object{{"type", "object"}}},
                                                   {"scores", json::object{{"type", "object"}}}}}}},
             {"EvaluationFacts",
              json::object{
                  {"type", "object"},
                  {"required", json::array{"effective_from"}},
                  {"properties",
                   json::object{{"effective_from", string},
                                {"listed_procedures", integer},
                                {"fully_at_desk_procedures", integer},
                                {"eligible_procedures", integer},
                                {"received_at_desk_procedures", integer},
                                {"published_posted", json::object{{"type", "boolean"}}},
                                {"published_electronic", json::object{{"type", "boolean"}}},
                                {"pakn_received", integer},
                                {"pakn_on_time", integer}}}}},
             {"Evaluation",
              json::object{
                  {"type", "object"},
                  {"properties", json::object{{"unit", json::object{{"type", "object"}}},
                                              {"from", string},
                                              {"to", string},
                                              {"dossiers", integer},
                                              {"indices", json::object{{"type", "object"}}},
                                              {"band", nullable_string},
                                              {"officers", array}}}}},
             // Issue #9: citizens' feedback (PAKN; feedback_routes.cpp).
             {"FeedbackIntake",
              Schema(R"({"type":"object","required":["unit","title","content"],)"
                     R"("additionalProperties":false,"properties":{"unit":{"type":"string"},)"
                     R"("title":{"type":"string","maxLength":300},)"
                     R"("content":{"type":"string","maxLength":20000},)"
                     R"("sender_name":{"type":"string"},"sender_address":{"type":"string"},)"
                     R"("sender_phone":{"type":"string"},"sender_email":{"type":"string"},)"
                     R"("under_complaint_or_court":{"type":"boolean"},)"
                     R"("reraises":{"type":"string"},"reraises_key":{"type":"string"},)"
                     R"("channel":{"type":"string","enum":["desk","post","phone"]}}})")},
             {"FeedbackAction",
              Schema(R"({"type":"object","required":["action"],"additionalProperties":false,)"
                     R"("properties":{"action":{"type":"string","enum":["accept","refuse",)"
                     R"("request_supplement","supplement","forward","answer","publish",)"
                     R"("withdraw"]},"subject":{"type":"string","enum":["regulation",)"
                     R"("conduct"]},"to_unit":{"type":"string"},"text":{"type":"string"},)"
                     R"("version":{"type":"integer"}}})")}}},
        {"securitySchemes",
         json::object{{"session", json::object{{"type", "apiKey"},
                                               {"in", "cookie"},
                                               {"name", std::string(kSessionCookie)}}},
                      {"token", json::object{{"type", "http"}, {"scheme", "bearer"}}}}}};
}

}  // namespace

std::string OpenApiDocument(const http::Router& router) {
    json::object paths;
    for (const http::RouteEntry& route : router.Routes()) {
        if (route.pattern.rfind("/api/", 0) != 0) {
            continue;  // pages, /healthz and /metrics are not part of the JSON API
        }
        json::object operation;
        operation["summary"] = route.info.summary;
        json::array parameters;
        std::string_view pattern = route.pattern;
        size_t open = pattern.find('{');
        while (open != std::string_view::npos) {
            const size_t close = pattern.find('}', open);
            parameters.emplace_back(
                json::object{{"name", std::string(pattern.substr(open + 1, close - open - 1))},
                             {"in", "path"},
                             {"required", true},
                             {"schema", json::object{{"type", "string"}}}});
            open = pattern.find('{', close);
        }
        if (!parameters.empty()) {
            operation["parameters"] = std::move(parameters);
        }
        if (route.info.auth != "public") {
            operation["security"] = json::array{json::object{{"session", json::array{}}},
                                                json::object{{"token", json::array{}}}};
        }
        if (!route.info.request_schema.empty()) {
            operation["requestBody"] = json::object{
                {"required", true},
                {"content",
                 json::object{{"application/json",
                               json::object{{"schema", Schema(route.info.request_schema)}}}}}};
        }
        json::object ok{{"description", "Thành công"}};
        if (!route.info.response_schema.empty()) {
            ok["content"] = json::object{
                {"application/json", json::object{{"schema", Schema(route.info.response_schema)}}}};
        }
        operation["responses"] = json::object{
            {"2XX", std::move(ok)},
            {"default",
             json::object{{"description", "Lỗi (RFC 9457)"},
                          {"content",
                           json::object{{"application/problem+json",
                                         json::object{{"schema", json::object{{"$ref",
                                                                               "#/components/"
                                                                               "schemas/"
                                                                               "Problem"}}}}}}}}}};
        json::value& item = paths[route.pattern];
        if (!item.is_object()) {
            item.emplace_object();
        }
        item.as_object()[OpenApiMethod(route.method)] = std::move(operation);
    }
    json::object document{
        {"openapi", "3.0.3"},
        {"info",
         json::object{{"title", "motcua API"},
                      {"version", "1"},
                      {"description",
                       "Kiểm soát thủ tục hành chính và cơ chế một cửa, một cửa liên thông"}}},
        {"paths", std::move(paths)},
        {"components", Components()}};
    return json::serialize(document);
}

}  // namespace motcua::api
