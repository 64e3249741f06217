// /api/v1 documents (issue #5): uploads of components and results (raw file bodies), listing,
// download, digitisation, the caller's holdings and their reuse. Thin handlers over
// app/documents.hpp.
#include <boost/json.hpp>

#include "api/json_codec.hpp"
#include "api/route_util.hpp"
#include "app/documents.hpp"
#include "app/dossiers.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"
#include "http/problem.hpp"

namespace motcua::api {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;
using store::documents::Document;

namespace {

// Any Content-Type reaches the handler, which sniffs the bytes and answers 415 itself.
std::vector<std::string_view> AnyBody() {
    return {""};
}

json::object DocumentJson(const Document& d) {
    return json::object{
        {"id", d.id},
        {"dossier_id", d.dossier_id ? json::value(*d.dossier_id) : nullptr},
        {"draft_id", d.draft_id ? json::value(*d.draft_id) : nullptr},
        {"role", store::documents::RoleName(d.role)},
        {"component", d.component_name},
        {"title", d.title},
        {"file_name", d.file_name},
        {"media_type", d.media_type},
        {"size", d.size},
        {"sha256", d.file_sha256},
        {"digitised", d.digitised},
        {"reused_from", d.reused_from ? json::value(*d.reused_from) : nullptr},
        {"valid_until",
         d.valid_until ? json::value(calendar::FormatIsoDate(*d.valid_until)) : nullptr},
        {"created_at", calendar::FormatInstant(d.created_at)},
        {"download", "/api/v1/documents/" + std::to_string(d.id)}};
}

Response ListJson(const base::Result<std::vector<Document>>& list) {
    if (!list) {
        return Problem(list.error());
    }
    json::array items;
    for (const Document& d : *list) {
        items.push_back(DocumentJson(d));
    }
    return Json(200, json::object{{"items", std::move(items)}});
}

// 415 problem+json (no ErrorCode maps to it: only uploads know this failure).
Response UnsupportedMediaType(const std::string& detail) {
    Response r;
    r.status = 415;
    r.content_type = std::string(http::kProblemContentType);
    r.body = json::serialize(
        json::object{{"type", std::string(http::kProblemTypeBase) + "unsupported_media_type"},
                     {"title", "Kiểu tệp không được chấp nhận"},
                     {"status", 415},
                     {"detail", detail}});
    return r;
}

// The upload request from the query and the raw body, or the response refusing it.
std::variant<app::UploadRequest, Response> UploadFrom(const Request& req, bool allow_result) {
    app::UploadRequest up;
    if (auto role = req.Query("role")) {
        auto parsed = store::documents::ParseRole(*role);
        if (!parsed) {
            return Problem(parsed.error());
        }
        if (*parsed == store::documents::Role::kResult && !allow_result) {
            return Problem(base::InvalidArgument("Hồ sơ nháp chỉ nhận thành phần hồ sơ."));
        }
        up.role = *parsed;
    }
    up.component_name = std::string(req.Query("component").value_or(""));
    up.file_name = std::string(req.Query("name").value_or(""));
    if (auto until = req.Query("valid_until")) {
        auto day = ParseDate(*until, "valid_until");
        if (!day) {
            return Problem(day.error());
        }
        up.valid_until = *day;
    }
    up.declared_type = std::string(req.Header("content-type").value_or(""));
    up.bytes = req.body;
    const app::UploadCheck check = app::CheckUpload(up.bytes, up.declared_type);
    if (check.problem) {
        switch (*check.problem) {
            case app::UploadProblem::kEmpty:
                return Problem(base::InvalidArgument(check.message));
            case app::UploadProblem::kTooLarge:
                return http::ProblemResponse(http::HttpProblem::kPayloadTooLarge, check.message);
            case app::UploadProblem::kUnsupported:
            case app::UploadProblem::kMislabelled:
                return UnsupportedMediaType(check.message);
        }
    }
    return up;
}

struct ReuseBody {
    std::string component;
    std::int64_t document_id = 0;
};

base::Result<ReuseBody> ReuseFrom(const Request& req) {
    auto object = ParseObject(req.body);
    if (!object) {
        return std::move(object).error();
    }
    ObjectReader reader(*object);
    auto component = reader.String("component", true, 1000);
    if (!component) {
        return std::move(component).error();
    }
    auto id = reader.Integer("document_id", true);
    if (!id) {
        return std::move(id).error();
    }
    if (const base::Status known = reader.CheckNoUnknownFields(); !known) {
        return known.error();
    }
    if (!*id || **id <= 0) {
        return base::InvalidArgument("'document_id' phải là mã số tài liệu dương.");
    }
    return ReuseBody{std::move(*component), **id};
}

// RFC 6266/8187: attachment; filename*=UTF-8''<percent-encoded>.
std::string ContentDisposition(std::string_view name) {
    static constexpr std::string_view kSafe = "!#$&+-.^_`|~";
    std::string out = "attachment; filename*=UTF-8''";
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 && u < 0x80) {
            out.push_back(c);
        } else if (kSafe.find(c) != std::string_view::npos) {
            out.push_back(c);
        } else {
            static constexpr std::string_view kHex = "0123456789ABCDEF";
            out.push_back('%');
            out.push_back(kHex[u >> 4U]);
            out.push_back(kHex[u & 0x0FU]);
        }
    }
    return out;
}

base::Result<std::int64_t> DraftId(const Request& req) {
    auto id = ParseId(req.path_params.at("id"));
    if (!id) {
        return base::NotFound("Không tìm thấy hồ sơ nháp.");
    }
    return id;
}

}  // namespace

void RegisterDocumentRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    router.Add(
        Method::kPost, "/api/v1/dossiers/{code}/documents",
        WithActor(
            ctx, cache,
            [&ctx](const Request& req, const app::Actor& actor) -> Response {
                auto up = UploadFrom(req, true);
                if (auto* refused = std::get_if<Response>(&up)) {
                    return std::move(*refused);
                }
                auto id = app::DossierIdByCode(ctx, req.path_params.at("code"));
                if (!id) {
                    return Problem(id.error());
                }
                auto doc =
                    app::UploadDossierDocument(ctx, actor, *id, std::get<app::UploadRequest>(up));
                if (!doc) {
                    return Problem(doc.error());
                }
                return Json(201, DocumentJson(*doc));
            },
            AnyBody()),
        {"Tải lên thành phần hồ sơ hoặc kết quả (thân yêu cầu là tệp; role=component|result, "
         "component, name, valid_until; PDF, PNG, JPEG, DOCX, XLSX, XML; tối đa 10 MB)",
         "session+csrf", "", R"({"$ref":"#/components/schemas/Document"})"});
    router.SetBodyLimit(Method::kPost, "/api/v1/dossiers/{code}/documents", app::kMaxUploadBytes);

    router.Add(Method::kGet, "/api/v1/dossiers/{code}/documents",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto id = app::DossierIdByCode(ctx, req.path_params.at("code"));
                             if (!id) {
                                 return Problem(id.error());
                             }
                             return ListJson(app::ListDossierDocuments(ctx, actor, *id));
                         }),
               {"Danh sách tài liệu của hồ sơ (cán bộ của đơn vị liên quan, người nộp)", "session",
                "", ""});

    router.Add(Method::kPost, "/api/v1/dossiers/{code}/documents/reuse",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto body = ReuseFrom(req);
                             if (!body) {
                                 return Problem(body.error());
                             }
                             auto id = app::DossierIdByCode(ctx, req.path_params.at("code"));
                             if (!id) {
                                 return Problem(id.error());
                             }
                             auto doc = app::ReuseForDossier(ctx, actor, *id, body->component,
                                                             body->document_id);
                             if (!doc) {
                                 return Problem(doc.error());
                             }
                             return Json(201, DocumentJson(*doc));
                         }),
               {"Dùng lại giấy tờ đã số hóa trong kho dữ liệu của người nộp cho thành phần hồ sơ",
                "session+csrf", R"({"$ref":"#/components/schemas/DocumentReuse"})",
                R"({"$ref":"#/components/schemas/Document"})"});

    router.Add(Method::kPost, "/api/v1/drafts/{id}/documents",
               WithActor(
                   ctx, cache,
                   [&ctx](const Request& req, const app::Actor& actor) -> Response {
                       auto up = UploadFrom(req, false);
                       if (auto* refused = std::get_if<Response>(&up)) {
                           return std::move(*refused);
                       }
                       auto id = DraftId(req);
                       if (!id) {
                           return Problem(id.error());
                       }
                       auto doc = app::UploadDraftDocument(ctx, actor, *id,
                                                           std::get<app::UploadRequest>(up));
                       if (!doc) {
                           return Problem(doc.error());
                       }
                       return Json(201, DocumentJson(*doc));
                   },
                   AnyBody()),
               {"Tải lên thành phần của hồ sơ nháp (thân yêu cầu là tệp; component, name)",
                "session+csrf", "", R"({"$ref":"#/components/schemas/Document"})"});
    router.SetBodyLimit(Method::kPost, "/api/v1/drafts/{id}/documents", app::kMaxUploadBytes);

    router.Add(Method::kGet, "/api/v1/drafts/{id}/documents",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto id = DraftId(req);
                             if (!id) {
                                 return Problem(id.error());
                             }
                             return ListJson(app::ListDraftDocuments(ctx, actor, *id));
                         }),
               {"Danh sách tài liệu của hồ sơ nháp (chủ hồ sơ nháp)", "session", "", ""});

    router.Add(Method::kPost, "/api/v1/drafts/{id}/documents/reuse",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto body = ReuseFrom(req);
                             if (!body) {
                                 return Problem(body.error());
                             }
                             auto id = DraftId(req);
                             if (!id) {
                                 return Problem(id.error());
                             }
                             auto doc = app::ReuseForDraft(ctx, actor, *id, body->component,
                                                           body->document_id);
                             if (!doc) {
                                 return Problem(doc.error());
                             }
                             return Json(201, DocumentJson(*doc));
                         }),
               {"Dùng lại giấy tờ đã số hóa cho thành phần của hồ sơ nháp", "session+csrf",
                R"({"$ref":"#/components/schemas/DocumentReuse"})",
                R"({"$ref":"#/components/schemas/Document"})"});

    router.Add(Method::kGet, "/api/v1/documents/{id}",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto id = ParseId(req.path_params.at("id"));
                             if (!id) {
                                 return Problem(base::NotFound("Không tìm thấy tài liệu."));
                             }
                             auto got = app::DownloadDocument(ctx, actor, *id);
                             if (!got) {
                                 return Problem(got.error());
                             }
                             Response r;
                             r.status = 200;
                             r.content_type = got->document.media_type;
                             r.body = std::move(got->bytes);
                             r.AddHeader("Content-Disposition",
                                         ContentDisposition(got->document.file_name));
                             r.AddHeader("X-Content-Type-Options", "nosniff");
                             r.AddHeader("Cache-Control", "private, no-store");
                             return r;
                         }),
               {"Tải xuống tài liệu (người xem được hồ sơ, chủ hồ sơ nháp, người được cấp kết "
                "quả)",
                "session", "", ""});

    router.Add(Method::kPost, "/api/v1/documents/{id}/digitised",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto id = ParseId(req.path_params.at("id"));
                             if (!id) {
                                 return Problem(base::NotFound("Không tìm thấy tài liệu."));
                             }
                             auto doc = app::MarkDocumentDigitised(ctx, actor, *id);
                             if (!doc) {
                                 return Problem(doc.error());
                             }
                             return Json(200, DocumentJson(*doc));
                         }),
               {"Cán bộ một cửa xác nhận thành phần hồ sơ đã được số hóa", "session+csrf", "",
                R"({"$ref":"#/components/schemas/Document"})"});

    router.Add(
        Method::kGet, "/api/v1/me/documents",
        WithActor(ctx, cache,
                  [&ctx](const Request&, const app::Actor& actor) -> Response {
                      return ListJson(app::ListHoldings(ctx, actor));
                  }),
        {"Kho dữ liệu của tôi: kết quả đã số hóa còn hiệu lực, dùng lại được", "session", "", ""});
}

}  // namespace motcua::api
