// Citizen accounts, drafts and online submission (issue #5): thin handlers over app/citizens.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/json_codec.hpp"
#include "api/request_auth.hpp"
#include "api/route_util.hpp"
#include "app/catalogue.hpp"
#include "app/citizens.hpp"
#include "app/notify.hpp"
#include "app/organisation.hpp"
#include "calendar/instant.hpp"

namespace motcua::api {

namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

std::string Time(std::chrono::sys_seconds t) {
    return calendar::FormatInstant(t);
}

json::object DraftJson(const store::citizens::Draft& d) {
    json::object o{{"id", d.id},
                   {"procedure_code", d.procedure_code},
                   {"settling_unit_id", d.settling_unit_id},
                   {"created_at", Time(d.created_at)},
                   {"updated_at", Time(d.updated_at)},
                   {"version", d.version}};
    std::error_code ec;
    json::value body = json::parse(d.body, ec);
    o["body"] = ec ? json::value(json::object{}) : std::move(body);
    if (d.submitted_dossier_id) {
        o["submitted_dossier_id"] = *d.submitted_dossier_id;
    }
    return o;
}

// {procedure_code, settling_unit (code), body: {...}, version?}
base::Result<app::DraftInput> DraftFromJson(app::AppContext& ctx, const Request& req, bool update) {
    auto object = ParseObject(req.body);
    if (!object) {
        return std::move(object).error();
    }
    ObjectReader r(*object);
    auto procedure = r.String("procedure_code", true, 64);
    auto unit = r.String("settling_unit", true, 64);
    auto version = r.Integer("version", update);
    const json::value* body = r.Raw("body");
    if (!procedure) {
        return std::move(procedure).error();
    }
    if (!unit) {
        return std::move(unit).error();
    }
    if (!version) {
        return std::move(version).error();
    }
    if (base::Status s = r.CheckNoUnknownFields(); !s) {
        return s.error();
    }
    if (body != nullptr && !body->is_object()) {
        return base::InvalidArgument("'body' phải là đối tượng (applicant, components, fields)");
    }
    auto settling = app::GetUnitByCode(ctx, *unit);
    if (!settling) {
        return base::InvalidArgument("'settling_unit': không có đơn vị mã " + *unit);
    }
    app::DraftInput in;
    in.procedure_code = *procedure;
    in.settling_unit_id = settling->id;
    in.version = version->value_or(0);
    in.body = body != nullptr ? json::serialize(*body) : "{}";
    return in;
}

app::ClientInfo Client(const Request& req) {
    return ClientOf(req);
}

}  // namespace

void RegisterCitizenRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    // ---- accounts (public: no session yet; login-CSRF blocked by the Origin check) ----------
    router.Add(
        Method::kPost, "/api/v1/citizens",
        [&ctx](const Request& req) -> Response {
            if (const base::Status same = CheckSameOrigin(req); !same) {
                return Problem(same.error());
            }
            auto object = ParseObject(req.body);
            if (!object) {
                return Problem(object.error());
            }
            ObjectReader r(*object);
            auto kind = r.String("kind", false, 16);
            auto name = r.String("full_name", true, 255);
            auto id_number = r.String("id_number", true, 32);
            auto email = r.String("email", false, 254);
            auto phone = r.String("phone", false, 32);
            auto address = r.String("address", false, 500);
            auto password = r.String("password", true, 1024);
            auto verify_by = r.String("verify_by", false, 8);
            for (const auto* f :
                 {&kind, &name, &id_number, &email, &phone, &address, &password, &verify_by}) {
                if (!*f) {
                    return Problem(f->error());
                }
            }
            if (base::Status s = r.CheckNoUnknownFields(); !s) {
                return Problem(s.error());
            }
            app::SignUpRequest in;
            if (!kind->empty() && *kind != "person" && *kind != "organisation") {
                return Problem(base::InvalidArgument("'kind' phải là person hoặc organisation"));
            }
            in.kind = *kind == "organisation" ? domain::ApplicantKind::kOrganisation
                                              : domain::ApplicantKind::kPerson;
            in.full_name = *name;
            in.id_number = *id_number;
            in.email = *email;
            in.phone = *phone;
            in.address = *address;
            in.password = *password;
            in.verify_by = verify_by->empty() ? "email" : *verify_by;
            auto done = app::SignUpCitizen(ctx, in, Client(req));
            if (!done) {
                return Problem(done.error());
            }
            return Json(201, json::object{{"user_id", done->user_id},
                                          {"username", done->username},
                                          {"code_sent_to", done->destination}});
        },
        {"Đăng ký tài khoản công dân, doanh nghiệp (gửi mã xác thực qua thư điện tử hoặc SMS)",
         "public",
         R"({"type":"object","required":["full_name","id_number","password"],"properties":{"kind":{"enum":["person","organisation"]},"full_name":{"type":"string"},"id_number":{"type":"string"},"email":{"type":"string"},"phone":{"type":"string"},"address":{"type":"string"},"password":{"type":"string"},"verify_by":{"enum":["email","sms"]}},"additionalProperties":false})",
         ""});

    router.Add(
        Method::kPost, "/api/v1/citizens/verify",
        [&ctx](const Request& req) -> Response {
            if (const base::Status same = CheckSameOrigin(req); !same) {
                return Problem(same.error());
            }
            auto fields = ParseStringFields(req.body, {{"username", 254}, {"code", 16}});
            if (!fields) {
                return Problem(fields.error());
            }
            if (base::Status s = app::VerifyCitizen(ctx, (*fields)[0], (*fields)[1], Client(req));
                !s) {
                return Problem(s.error());
            }
            return Json(200, json::object{{"verified", true}});
        },
        {"Xác thực tài khoản bằng mã đã gửi (5 lần sai thì mã hết hiệu lực)", "public",
         R"({"type":"object","required":["username","code"],"properties":{"username":{"type":"string"},"code":{"type":"string"}},"additionalProperties":false})",
         ""});

    router.Add(
        Method::kPost, "/api/v1/citizens/resend",
        [&ctx](const Request& req) -> Response {
            if (const base::Status same = CheckSameOrigin(req); !same) {
                return Problem(same.error());
            }
            auto fields = ParseStringFields(req.body, {{"username", 254}});
            if (!fields) {
                return Problem(fields.error());
            }
            if (base::Status s = app::ResendVerification(ctx, (*fields)[0], Client(req)); !s) {
                return Problem(s.error());
            }
            return Json(202, json::object{{"accepted", true}});
        },
        {"Gửi lại mã xác thực (tối đa một lần mỗi phút; không tiết lộ tài khoản có tồn tại)",
         "public",
         R"({"type":"object","required":["username"],"properties":{"username":{"type":"string"}},"additionalProperties":false})",
         ""});

    router.Add(Method::kGet, "/api/v1/me/profile",
               WithActor(ctx, cache,
                         [&ctx](const Request&, const app::Actor& actor) -> Response {
                             auto me = app::MyProfile(ctx, actor);
                             if (!me) {
                                 return Problem(me.error());
                             }
                             const auto& p = me->profile;
                             return Json(200, json::object{
                                                  {"user_id", me->user.id},
                                                  {"username", me->user.username},
                                                  {"full_name", me->user.display_name},
                                                  {"email", me->user.email},
                                                  {"phone", me->user.phone},
                                                  {"kind", p.kind},
                                                  {"id_number", p.id_number},
                                                  {"address", p.address},
                                                  {"identity_provider", p.identity_provider},
                                                  {"verified_at",
                                                   p.verified_at ? json::value(Time(*p.verified_at))
                                                                 : json::value(nullptr)}});
                         }),
               {"Tài khoản và thông tin định danh của chính mình (công dân)", "session", "", ""});

    router.Add(Method::kGet, "/api/v1/me/dossiers",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto limit = ParseLimit(req);
                             if (!limit) {
                                 return Problem(limit.error());
                             }
                             auto list = app::MyDossiers(ctx, actor, *limit);
                             if (!list) {
                                 return Problem(list.error());
                             }
                             json::array items;
                             for (const auto& s : *list) {
                                 items.push_back(DossierSummaryToJson(s));
                             }
                             return Json(200, json::object{{"items", std::move(items)}});
                         }),
               {"Hồ sơ trực tuyến của chính mình (công dân)", "session", "", ""});

    router.Add(Method::kGet, "/api/v1/me/notifications",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto limit = ParseLimit(req);
                             if (!limit) {
                                 return Problem(limit.error());
                             }
                             auto list = app::MyNotifications(ctx, actor, *limit);
                             if (!list) {
                                 return Problem(list.error());
                             }
                             json::array items;
                             for (const auto& m : *list) {
                                 items.push_back(json::object{{"id", m.id},
                                                              {"kind", m.kind},
                                                              {"channel", m.channel},
                                                              {"subject", m.subject},
                                                              {"message", m.message},
                                                              {"created_at", Time(m.created_at)}});
                             }
                             return Json(200, json::object{{"items", std::move(items)}});
                         }),
               {"Thông báo gửi cho chính mình", "session", "", ""});

    // ---- drafts and submission --------------------------------------------------------------
    router.Add(Method::kGet, "/api/v1/drafts",
               WithActor(ctx, cache,
                         [&ctx](const Request&, const app::Actor& actor) -> Response {
                             auto list = app::ListDrafts(ctx, actor);
                             if (!list) {
                                 return Problem(list.error());
                             }
                             json::array items;
                             for (const auto& d : *list) {
                                 items.push_back(DraftJson(d));
                             }
                             return Json(200, json::object{{"items", std::move(items)}});
                         }),
               {"Bản nháp hồ sơ trực tuyến của chính mình", "session", "", ""});

    router.Add(Method::kPost, "/api/v1/drafts",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto in = DraftFromJson(ctx, req, false);
                             if (!in) {
                                 return Problem(in.error());
                             }
                             auto saved = app::SaveDraft(ctx, actor, *in);
                             if (!saved) {
                                 return Problem(saved.error());
                             }
                             return Json(201, DraftJson(*saved));
                         }),
               {"Lưu bản nháp tờ khai trực tuyến (procedure_code, settling_unit, body)",
                "session+csrf", "", ""});

    router.Add(Method::kGet, "/api/v1/drafts/{id}",
               WithActorAndId(ctx, cache,
                              [&ctx](const Request& /*req*/, const app::Actor& actor,
                                     std::int64_t id) -> Response {
                                  auto d = app::GetDraft(ctx, actor, id);
                                  if (!d) {
                                      return Problem(d.error());
                                  }
                                  return Json(200, DraftJson(*d));
                              }),
               {"Một bản nháp của chính mình", "session", "", ""});

    router.Add(Method::kPut, "/api/v1/drafts/{id}",
               WithActorAndId(ctx, cache,
                              [&ctx](const Request& req, const app::Actor& actor,
                                     std::int64_t id) -> Response {
                                  auto in = DraftFromJson(ctx, req, true);
                                  if (!in) {
                                      return Problem(in.error());
                                  }
                                  in->id = id;
                                  auto saved = app::SaveDraft(ctx, actor, *in);
                                  if (!saved) {
                                      return Problem(saved.error());
                                  }
                                  return Json(200, DraftJson(*saved));
                              }),
               {"Sửa bản nháp (cần 'version' hiện tại)", "session+csrf", "", ""});

    router.Add(Method::kDelete, "/api/v1/drafts/{id}",
               WithActorAndId(ctx, cache,
                              [&ctx](const Request& /*req*/, const app::Actor& actor,
                                     std::int64_t id) -> Response {
                                  if (base::Status s = app::DeleteDraft(ctx, actor, id); !s) {
                                      return Problem(s.error());
                                  }
                                  Response r;
                                  r.status = 204;
                                  r.content_type.clear();
                                  return r;
                              }),
               {"Xóa bản nháp chưa nộp", "session+csrf", "", ""});

    router.Add(
        Method::kPost, "/api/v1/drafts/{id}/submit",
        WithActorAndId(
            ctx, cache,
            [&ctx](const Request& req, const app::Actor& actor, std::int64_t id) -> Response {
                std::string key(req.Header("idempotency-key").value_or(""));
                auto done = app::SubmitDraft(ctx, actor, id, std::move(key));
                if (!done) {
                    return Problem(done.error());
                }
                return Json(done->created ? 201 : 200, DossierToJson(done->dossier));
            }),
        {"Nộp hồ sơ trực tuyến từ bản nháp; header Idempotency-Key (nộp lại trả cùng hồ sơ)",
         "session+csrf", "", R"({"$ref":"#/components/schemas/Dossier"})"});
}

}  // namespace motcua::api
