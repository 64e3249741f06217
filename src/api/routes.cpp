#include "api/routes.hpp"

#include <algorithm>
#include <charconv>

#include <boost/json/serialize.hpp>

#include "api/json_codec.hpp"
#include "api/request_auth.hpp"
#include "api/response_cache.hpp"
#include "api/route_util.hpp"
#include "app/auth.hpp"
#include "app/catalogue.hpp"
#include "app/organisation.hpp"
#include "app/transfer.hpp"
#include "demo/demo_data.hpp"
#include "demo/exchange.hpp"
#include "http/problem.hpp"
#include "store/audit.hpp"

namespace motcua::api {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

Response Json(int status, const json::value& value) {
    return http::JsonResponse(status, json::serialize(value));
}

Response Problem(const base::Error& error) {
    return http::ProblemResponse(error);
}

base::Result<ReportParams> ReportParamsOf(const Request& req, domain::report06::WindowRule window,
                                          bool period_optional) {
    ReportParams p{std::string(req.Query("unit").value_or("")),
                   std::string(req.Query("period").value_or("")), window};
    if (p.unit_code.empty()) {
        return base::InvalidArgument("Thiếu tham số 'unit' (mã đơn vị).");
    }
    if (p.period.empty() && !period_optional) {
        return base::InvalidArgument("Thiếu tham số 'period' (ví dụ 2026-Q3, 2026-07, 2026).");
    }
    if (auto w = req.Query("window")) {
        auto rule = domain::report06::ParseWindowRule(*w);
        if (!rule) {
            return std::move(rule).error();
        }
        p.window = *rule;
    }
    return p;
}

Response Download(std::string bytes, const std::string& content_type, const std::string& filename) {
    Response r;
    r.status = 200;
    r.content_type = content_type;
    r.body = std::move(bytes);
    r.AddHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

bool IsUnsafe(Method m) {
    return m == Method::kPost || m == Method::kPut || m == Method::kPatch || m == Method::kDelete;
}

// A handler that needs the actor: resolves it, enforces the CSRF token on cookie-authenticated
// state changes, requires a JSON body where one is sent.
http::Handler WithActor(app::AppContext& ctx, const CachePtr& cache, ActorHandler handler,
                        std::vector<std::string_view> body_types) {
    return [&ctx, cache, handler = std::move(handler),
            body_types = std::move(body_types)](const Request& req) -> Response {
        auto actor = ResolveActor(ctx, req);
        if (!actor) {
            return Problem(actor.error());
        }
        if (IsUnsafe(req.method)) {
            // Every state change needs a caller: anonymous writes stop here, before anything
            // about the target is looked up.
            if (!actor->SignedIn()) {
                return Problem(
                    base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."});
            }
            if (!req.body.empty()) {
                const auto type = req.Header("content-type").value_or("");
                const bool accepted =
                    std::any_of(body_types.begin(), body_types.end(),
                                [&](std::string_view t) { return type.substr(0, t.size()) == t; });
                if (!accepted) {
                    std::string expected;
                    for (const auto t : body_types) {
                        expected += (expected.empty() ? "" : ", ") + std::string(t);
                    }
                    return http::ProblemResponse(
                        base::Error{base::ErrorCode::kInvalidArgument,
                                    "Kiểu nội dung không được hỗ trợ; cần: " + expected + "."});
                }
            }
            if (const base::Status csrf =
                    app::CheckCsrf(*actor, req.Header("x-csrf-token").value_or(""));
                !csrf) {
                return Problem(csrf.error());
            }
        }
        Response response = handler(req, *actor);
        if (IsUnsafe(req.method) && response.status < 400) {
            cache->Invalidate();  // a change was committed: cached public reads may be stale
        }
        return response;
    };
}

http::Handler WithActorAndId(app::AppContext& ctx, const CachePtr& cache, IdHandler handler,
                             std::vector<std::string_view> body_types) {
    return WithActor(
        ctx, cache,
        [handler = std::move(handler)](const Request& req, const app::Actor& actor) -> Response {
            auto id = ParseId(req.path_params.at("id"));
            if (!id) {
                return Problem(id.error());
            }
            return handler(req, actor, *id);
        },
        std::move(body_types));
}

namespace {

// Registers a public GET whose 200 responses are cached: a fresh cached response is served on the
// network thread (the route's fast path); otherwise the handler runs on the worker pool and
// fills the cache. The key includes today's date in Vietnam, since "in force" depends on it.
std::string CacheKey(app::AppContext& ctx, const Request& req) {
    return req.target + "|" +
           std::to_string(app::TodayInVietnam(*ctx.clock).time_since_epoch().count());
}

void AddCached(http::Router& router, app::AppContext& ctx, const CachePtr& cache,
               std::string_view pattern, http::Handler handler, http::RouteInfo info) {
    router.Add(
        Method::kGet, pattern,
        [&ctx, cache, handler = std::move(handler)](const Request& req) -> Response {
            Response response = handler(req);
            cache->Put(CacheKey(ctx, req), response);
            return response;
        },
        std::move(info), http::Execution::kWorkerPool,
        [&ctx, cache](const Request& req) { return cache->Get(CacheKey(ctx, req)); });
}

}  // namespace

Response NoStore(Response r) {
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

base::Result<std::optional<int>> YearOf(const Request& req) {
    const auto text = req.Query("year");
    if (!text || text->empty()) {
        return std::optional<int>{};
    }
    int y = 0;
    const auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), y);
    if (ec != std::errc{} || p != text->data() + text->size() || y < 2000 || y > 2100) {
        return base::InvalidArgument("Tham số 'year' phải là năm từ 2000 đến 2100.");
    }
    return std::optional<int>{y};
}

base::Result<int> ParseLimit(const Request& req) {
    const auto text = req.Query("limit");
    if (!text) {
        return 20;
    }
    int value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < 1 || value > 100) {
        return base::InvalidArgument("Tham số 'limit' phải là số nguyên từ 1 đến 100.");
    }
    return value;
}

base::Result<std::int64_t> ParseId(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0) {
        return base::Error{base::ErrorCode::kNotFound, "Không tìm thấy."};
    }
    return value;
}

base::Result<std::optional<std::int64_t>> IfMatchVersion(const Request& req,
                                                         std::string_view what) {
    const auto match = req.Header("if-match");
    if (!match) {
        return std::optional<std::int64_t>{};
    }
    std::string_view v = *match;
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        v = v.substr(1, v.size() - 2);
    }
    if (!v.empty() && v.front() == 'v') {
        v.remove_prefix(1);
    }
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n < 0) {
        return base::InvalidArgument("If-Match phải là ETag của " + std::string(what) +
                                     ", ví dụ \"v3\"");
    }
    return std::optional<std::int64_t>{n};
}

namespace {

json::object SessionJson(const domain::User& user, std::string_view csrf) {
    return json::object{{"user", UserToJson(user)}, {"csrf_token", csrf}};
}

// ---- catalogue ----------------------------------------------------------------------------

void RegisterCatalogue(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    AddCached(
        router, ctx, cache, "/api/v1/procedures",
        [&ctx](const Request& req) -> Response {
            auto limit = ParseLimit(req);
            if (!limit) {
                return Problem(limit.error());
            }
            app::CatalogueQuery query;
            query.text = std::string(req.Query("q").value_or(""));
            if (const auto f = req.Query("field")) {
                query.field = std::string(*f);
            }
            if (const auto l = req.Query("level")) {
                query.level = std::string(*l);
            }
            if (const auto c = req.Query("cursor")) {
                query.cursor = std::string(*c);
            }
            query.limit = *limit;
            auto page = app::SearchProcedures(ctx, query);
            if (!page) {
                return Problem(page.error());
            }
            json::array items;
            for (const auto& p : page->items) {
                items.emplace_back(ProcedureToJson(p, false));
            }
            return Json(200, json::object{
                                 {"items", std::move(items)},
                                 {"total", page->total},
                                 {"next_cursor", page->next_cursor ? json::value(*page->next_cursor)
                                                                   : json::value(nullptr)}});
        },
        {"Tìm kiếm thủ tục hành chính (công khai)", "public", "",
         R"({"type":"object","properties":{"items":{"type":"array"},"total":{"type":"integer"},"next_cursor":{"type":["string","null"]}}})"});

    AddCached(router, ctx, cache, "/api/v1/procedures/{code}",
              [&ctx](const Request& req) -> Response {
                  auto p = app::GetProcedure(ctx, req.path_params.at("code"));
                  if (!p) {
                      return Problem(p.error());
                  }
                  return Json(200, ProcedureToJson(*p, true));
              },
              {"Chi tiết một thủ tục hành chính (công khai)", "public", "",
               R"({"$ref":"#/components/schemas/Procedure"})"});

    AddCached(router, ctx, cache, "/api/v1/procedures/{code}/versions",
              [&ctx](const Request& req) -> Response {
                  auto history = app::ProcedureHistory(ctx, req.path_params.at("code"));
                  if (!history) {
                      return Problem(history.error());
                  }
                  json::array items;
                  for (const auto& p : *history) {
                      items.emplace_back(ProcedureToJson(p, true));
                  }
                  return Json(200, json::object{{"items", std::move(items)}});
              },
              {"Các phiên bản của một thủ tục theo ngày hiệu lực (công khai)", "public", "", ""});

    AddCached(router, ctx, cache, "/api/v1/fields",
              [&ctx](const Request&) -> Response {
                  auto fields = app::ProcedureFields(ctx);
                  if (!fields) {
                      return Problem(fields.error());
                  }
                  json::array items;
                  for (const auto& [name, count] : *fields) {
                      items.emplace_back(json::object{{"field", name}, {"count", count}});
                  }
                  return Json(200, json::object{{"items", std::move(items)}});
              },
              {"Danh sách lĩnh vực và số thủ tục (công khai)", "public", "", ""});

    router.Add(Method::kPost, "/api/v1/procedures",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto object = ParseObject(req.body);
                             if (!object) {
                                 return Problem(object.error());
                             }
                             auto procedure = ProcedureFromJson(*object);
                             if (!procedure) {
                                 return Problem(procedure.error());
                             }
                             auto created = app::CreateProcedure(ctx, actor, std::move(*procedure));
                             if (!created) {
                                 return Problem(created.error());
                             }
                             Response r = Json(201, ProcedureToJson(*created, true));
                             r.AddHeader("Location", "/api/v1/procedures/" + created->code);
                             return r;
                         }),
               {"Thêm thủ tục hoặc phiên bản mới (công chức kiểm soát TTHC)", "session+csrf",
                R"({"$ref":"#/components/schemas/Procedure"})", ""});

    router.Add(Method::kPut, "/api/v1/procedures/{code}",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto object = ParseObject(req.body);
                             if (!object) {
                                 return Problem(object.error());
                             }
                             auto procedure = ProcedureFromJson(*object);
                             if (!procedure) {
                                 return Problem(procedure.error());
                             }
                             if (procedure->code != req.path_params.at("code")) {
                                 return Problem(base::InvalidArgument(
                                     "Mã thủ tục trong nội dung khác mã trên đường dẫn."));
                             }
                             auto updated = app::UpdateProcedure(ctx, actor, std::move(*procedure));
                             if (!updated) {
                                 return Problem(updated.error());
                             }
                             return Json(200, ProcedureToJson(*updated, true));
                         }),
               {"Sửa một phiên bản thủ tục (cần 'version' hiện tại)", "session+csrf",
                R"({"$ref":"#/components/schemas/Procedure"})", ""});
}

// ---- session ------------------------------------------------------------------------------

void RegisterSession(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    router.Add(
        Method::kPost, "/api/v1/session",
        [&ctx](const Request& req) -> Response {
            if (const base::Status same = CheckSameOrigin(req); !same) {
                return Problem(same.error());
            }
            auto fields = ParseStringFields(req.body, {{"username", 64}, {"password", 1024}});
            if (!fields) {
                return Problem(fields.error());
            }
            auto signed_in = app::SignIn(ctx, (*fields)[0], (*fields)[1], ClientOf(req));
            if (!signed_in) {
                return Problem(signed_in.error());
            }
            Response r = Json(201, SessionJson(signed_in->user, signed_in->csrf_token));
            r.AddHeader("Set-Cookie", SessionCookie(req, signed_in->session_token,
                                                    ctx.policy.session_absolute.count()));
            return r;
        },
        {"Đăng nhập bằng tên đăng nhập và mật khẩu", "public",
         R"({"type":"object","required":["username","password"],"properties":{"username":{"type":"string"},"password":{"type":"string"}},"additionalProperties":false})",
         ""});

    router.Add(Method::kGet, "/api/v1/session",
               WithActor(ctx, cache,
                         [](const Request&, const app::Actor& actor) -> Response {
                             if (!actor.SignedIn()) {
                                 return Problem(base::Error{base::ErrorCode::kUnauthenticated,
                                                            "Bạn chưa đăng nhập."});
                             }
                             return Json(200, SessionJson(*actor.user, actor.csrf_token));
                         }),
               {"Phiên đăng nhập hiện tại và mã CSRF", "session", "", ""});

    router.Add(Method::kDelete, "/api/v1/session",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             if (const base::Status s = app::SignOut(ctx, actor); !s) {
                                 return Problem(s.error());
                             }
                             Response r;
                             r.status = 204;
                             r.content_type.clear();
                             r.AddHeader("Set-Cookie", SessionCookie(req, "", 0));
                             return r;
                         }),
               {"Đăng xuất", "session+csrf", "", ""});

    router.Add(Method::kPut, "/api/v1/session/password",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto fields = ParseStringFields(
                                 req.body, {{"current_password", 1024}, {"new_password", 1024}});
                             if (!fields) {
                                 return Problem(fields.error());
                             }
                             if (const base::Status s =
                                     app::ChangePassword(ctx, actor, (*fields)[0], (*fields)[1]);
                                 !s) {
                                 return Problem(s.error());
                             }
                             Response r;
                             r.status = 204;
                             r.content_type.clear();
                             return r;
                         }),
               {"Đổi mật khẩu của chính mình", "session+csrf",
                R"({"type":"object","required":["current_password","new_password"]})", ""});

    router.Add(Method::kPost, "/api/v1/tokens",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto fields = ParseStringFields(req.body, {{"name", 100}});
                             if (!fields) {
                                 return Problem(fields.error());
                             }
                             auto issued = app::CreateApiToken(ctx, actor, (*fields)[0]);
                             if (!issued) {
                                 return Problem(issued.error());
                             }
                             return Json(201, json::object{{"id", issued->token.id},
                                                           {"name", issued->token.name},
                                                           {"token", issued->secret}});
                         }),
               {"Cấp mã truy cập API cho tích hợp (hiển thị một lần)", "session+csrf",
                R"({"type":"object","required":["name"]})", ""});
}

// ---- organisation -------------------------------------------------------------------------

void RegisterOrganisation(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    AddCached(router, ctx, cache, "/api/v1/units",
              [&ctx](const Request&) -> Response {
                  auto units = app::ListUnits(ctx);
                  if (!units) {
                      return Problem(units.error());
                  }
                  json::array items;
                  for (const auto& u : *units) {
                      items.emplace_back(UnitToJson(u));
                  }
                  return Json(200, json::object{{"items", std::move(items)}});
              },
              {"Cây đơn vị hành chính và cơ quan (công khai)", "public", "", ""});

    AddCached(router, ctx, cache, "/api/v1/units/{code}",
              [&ctx](const Request& req) -> Response {
                  auto unit = app::GetUnitByCode(ctx, req.path_params.at("code"));
                  if (!unit) {
                      return Problem(unit.error());
                  }
                  return Json(200, UnitToJson(*unit));
              },
              {"Một đơn vị theo mã định danh (công khai)", "public", "", ""});

    router.Add(
        Method::kPost, "/api/v1/units",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto object = ParseObject(req.body);
                      if (!object) {
                          return Problem(object.error());
                      }
                      auto unit = UnitFromJson(*object);
                      if (!unit) {
                          return Problem(unit.error());
                      }
                      auto created = app::CreateUnit(ctx, actor, std::move(*unit));
                      if (!created) {
                          return Problem(created.error());
                      }
                      return Json(201, UnitToJson(*created));
                  }),
        {"Thêm đơn vị (quản trị)", "session+csrf", R"({"$ref":"#/components/schemas/Unit"})", ""});

    router.Add(Method::kPut, "/api/v1/units/{code}",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto existing = app::GetUnitByCode(ctx, req.path_params.at("code"));
                             if (!existing) {
                                 return Problem(existing.error());
                             }
                             auto object = ParseObject(req.body);
                             if (!object) {
                                 return Problem(object.error());
                             }
                             auto unit = UnitFromJson(*object);
                             if (!unit) {
                                 return Problem(unit.error());
                             }
                             unit->id = existing->id;
                             auto updated = app::UpdateUnit(ctx, actor, std::move(*unit));
                             if (!updated) {
                                 return Problem(updated.error());
                             }
                             return Json(200, UnitToJson(*updated));
                         }),
               {"Sửa đơn vị (quản trị; cần 'version' hiện tại)", "session+csrf",
                R"({"$ref":"#/components/schemas/Unit"})", ""});

    for (const bool merge : {false, true}) {
        router.Add(
            Method::kPost, merge ? "/api/v1/units/{code}/merge" : "/api/v1/units/{code}/reparent",
            WithActor(ctx, cache,
                      [&ctx, merge](const Request& req, const app::Actor& actor) -> Response {
                          auto unit = app::GetUnitByCode(ctx, req.path_params.at("code"));
                          if (!unit) {
                              return Problem(unit.error());
                          }
                          auto object = ParseObject(req.body);
                          if (!object) {
                              return Problem(object.error());
                          }
                          ObjectReader reader(*object);
                          auto target = reader.String(merge ? "into" : "parent", true, 32);
                          auto effective = reader.String("effective", true, 10);
                          auto version = reader.Integer("version", true);
                          if (!target) {
                              return Problem(target.error());
                          }
                          if (!effective) {
                              return Problem(effective.error());
                          }
                          if (!version) {
                              return Problem(version.error());
                          }
                          if (const base::Status s = reader.CheckNoUnknownFields(); !s) {
                              return Problem(s.error());
                          }
                          auto day = ParseDate(*effective, "effective");
                          if (!day) {
                              return Problem(day.error());
                          }
                          auto other = app::GetUnitByCode(ctx, *target);
                          if (!other) {
                              return Problem(other.error());
                          }
                          auto done = merge ? app::MergeUnit(ctx, actor, unit->id, other->id, *day,
                                                             **version)
                                            : app::ReparentUnit(ctx, actor, unit->id, other->id,
                                                                *day, **version);
                          if (!done) {
                              return Problem(done.error());
                          }
                          return Json(200, UnitToJson(*done));
                      }),
            {merge ? "Sáp nhập đơn vị vào đơn vị khác từ một ngày (quản trị)"
                   : "Chuyển đơn vị sang đơn vị cha khác từ một ngày (quản trị)",
             "session+csrf", "", ""});
    }

    router.Add(Method::kGet, "/api/v1/users",
               WithActor(ctx, cache,
                         [&ctx](const Request&, const app::Actor& actor) -> Response {
                             auto users = app::ListUsers(ctx, actor);
                             if (!users) {
                                 return Problem(users.error());
                             }
                             json::array items;
                             for (const auto& u : *users) {
                                 items.emplace_back(UserToJson(u));
                             }
                             return Json(200, json::object{{"items", std::move(items)}});
                         }),
               {"Người dùng trong phạm vi quản lý (quản trị, lãnh đạo)", "session", "", ""});

    router.Add(
        Method::kPost, "/api/v1/users",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto object = ParseObject(req.body);
                      if (!object) {
                          return Problem(object.error());
                      }
                      ObjectReader reader(*object);
                      app::NewUser input;
                      auto username = reader.String("username", true, 64);
                      auto display = reader.String("display_name", true, 255);
                      auto email = reader.String("email", false, 255);
                      auto phone = reader.String("phone", false, 32);
                      auto password = reader.String("password", true, 1024);
                      for (const auto* field : {&username, &display, &email, &phone, &password}) {
                          if (!*field) {
                              return Problem(field->error());
                          }
                      }
                      const json::value* roles = reader.Raw("roles");
                      if (roles == nullptr || !roles->is_array()) {
                          return Problem(base::InvalidArgument("Trường 'roles' phải là mảng."));
                      }
                      for (const json::value& r : roles->as_array()) {
                          if (!r.is_object()) {
                              return Problem(base::InvalidArgument(
                                  "Mỗi vai trò phải là đối tượng {role, unit_id}."));
                          }
                          ObjectReader rr(r.as_object());
                          auto role = rr.String("role", true, 32);
                          auto unit_id = rr.Integer("unit_id", false);
                          if (!role) {
                              return Problem(role.error());
                          }
                          if (!unit_id) {
                              return Problem(unit_id.error());
                          }
                          if (const base::Status s = rr.CheckNoUnknownFields(); !s) {
                              return Problem(s.error());
                          }
                          auto parsed = domain::ParseRole(*role);
                          if (!parsed) {
                              return Problem(
                                  base::InvalidArgument("Vai trò không hợp lệ: " + *role));
                          }
                          input.roles.push_back({*parsed, *unit_id});
                      }
                      if (const base::Status s = reader.CheckNoUnknownFields(); !s) {
                          return Problem(s.error());
                      }
                      input.username = *username;
                      input.display_name = *display;
                      input.email = *email;
                      input.phone = *phone;
                      input.password = *password;
                      auto created = app::CreateUser(ctx, actor, input);
                      if (!created) {
                          return Problem(created.error());
                      }
                      return Json(201, UserToJson(*created));
                  }),
        {"Tạo người dùng và gán vai trò (quản trị)", "session+csrf", "", ""});

    router.Add(Method::kGet, "/api/v1/audit",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             store::audit::AuditQuery query;
                             if (const auto e = req.Query("entity")) {
                                 query.entity = std::string(*e);
                             }
                             if (const auto id = req.Query("entity_id")) {
                                 query.entity_id = std::string(*id);
                             }
                             auto limit = ParseLimit(req);
                             if (!limit) {
                                 return Problem(limit.error());
                             }
                             query.limit = *limit;
                             if (const auto before = req.Query("before")) {
                                 auto id = ParseId(*before);
                                 if (!id) {
                                     return Problem(
                                         base::InvalidArgument("Tham số 'before' không hợp lệ."));
                                 }
                                 query.before_id = *id;
                             }
                             auto records = app::ListAudit(ctx, actor, query);
                             if (!records) {
                                 return Problem(records.error());
                             }
                             json::array items;
                             for (const auto& r : *records) {
                                 items.emplace_back(AuditToJson(r));
                             }
                             return Json(200, json::object{{"items", std::move(items)}});
                         }),
               {"Nhật ký thay đổi (quản trị, lãnh đạo, kiểm soát TTHC)", "session", "", ""});
}

// ---- import / export ----------------------------------------------------------------------

json::object ReportJson(const app::ImportReport& r) {
    return json::object{{"created", r.created},
                        {"updated", r.updated},
                        {"unchanged", r.unchanged},
                        {"dry_run", r.dry_run}};
}

// {"items":[{code,type,name,parent_code,valid_from,valid_to}]} → rows, strictly.
base::Result<std::vector<demo::DemoUnit>> UnitRowsFromJson(std::string_view body) {
    auto object = ParseObject(body);
    if (!object) {
        return std::move(object).error();
    }
    ObjectReader top(*object);
    const json::value* items = top.Raw("items");
    if (const base::Status s = top.CheckNoUnknownFields(); !s) {
        return s.error();
    }
    if (items == nullptr || !items->is_array()) {
        return base::InvalidArgument("Trường 'items' phải là mảng.");
    }
    std::vector<demo::DemoUnit> rows;
    for (const json::value& item : items->as_array()) {
        if (!item.is_object()) {
            return base::InvalidArgument("Mỗi phần tử của 'items' phải là đối tượng.");
        }
        json::object unit_object = item.as_object();
        std::string parent_code;
        if (const auto it = unit_object.find("parent_code"); it != unit_object.end()) {
            if (!it->value().is_string() && !it->value().is_null()) {
                return base::InvalidArgument("Trường 'parent_code' phải là chuỗi ký tự.");
            }
            if (it->value().is_string()) {
                parent_code = it->value().as_string().c_str();
            }
            unit_object.erase(it);
        }
        auto unit = UnitFromJson(unit_object);
        if (!unit) {
            return std::move(unit).error();
        }
        rows.push_back(demo::DemoUnit{std::move(*unit), std::move(parent_code)});
    }
    return rows;
}

bool DryRun(const Request& req) {
    const auto v = req.Query("dry_run");
    return v && (*v == "1" || *v == "true");
}

void RegisterTransfer(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    router.Add(
        Method::kGet, "/api/v1/export/units",
        [&ctx](const Request& req) -> Response {
            auto csv = app::ExportUnitsCsv(ctx);
            if (!csv) {
                return Problem(csv.error());
            }
            if (req.Query("format").value_or("csv") == "json") {
                auto rows = demo::ParseUnitRows(*csv, "export", false);
                if (!rows) {
                    return Problem(rows.error());
                }
                json::array items;
                for (const auto& row : *rows) {
                    json::object o = UnitToJson(row.unit);
                    o.erase("id");
                    o.erase("parent_id");
                    o.erase("merged_into");
                    o.erase("version");
                    o["parent_code"] = row.parent_code;
                    items.emplace_back(std::move(o));
                }
                return Json(200, json::object{{"items", std::move(items)}});
            }
            Response r;
            r.content_type = "text/csv; charset=utf-8";
            r.body = std::move(*csv);
            r.AddHeader("Content-Disposition", "attachment; filename=\"don-vi.csv\"");
            return r;
        },
        {"Xuất cây đơn vị dạng CSV, hoặc JSON với ?format=json (công khai)", "public", "", ""});
    router.Add(
        Method::kPost, "/api/v1/import/units",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      const bool is_json =
                          req.Header("content-type").value_or("").starts_with("application/json");
                      base::Result<app::ImportReport> report = base::Internal("unreachable");
                      if (is_json) {
                          auto rows = UnitRowsFromJson(req.body);
                          if (!rows) {
                              return Problem(rows.error());
                          }
                          report = app::ImportUnitRows(ctx, actor, *rows, DryRun(req));
                      } else {
                          report = app::ImportUnitsCsv(ctx, actor, req.body, DryRun(req));
                      }
                      if (!report) {
                          return Problem(report.error());
                      }
                      return Json(report->dry_run ? 200 : 201, ReportJson(*report));
                  },
                  {"text/csv", "application/json"}),
        {"Nhập cây đơn vị từ CSV hoặc JSON {items:[...]} (quản trị; ?dry_run=1 để thử)",
         "session+csrf", "", ""});
    router.Add(
        Method::kGet, "/api/v1/export/procedures",
        [&ctx](const Request& req) -> Response {
            const bool csv = req.Query("format").value_or("jsonl") == "csv";
            auto body = csv ? app::ExportProceduresCsv(ctx) : app::ExportProceduresJsonl(ctx);
            if (!body) {
                return Problem(body.error());
            }
            Response r;
            r.content_type =
                csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
            r.body = std::move(*body);
            r.AddHeader("Content-Disposition", csv ? "attachment; filename=\"thu-tuc.csv\""
                                                   : "attachment; filename=\"thu-tuc.jsonl\"");
            return r;
        },
        {"Xuất danh mục thủ tục, mọi phiên bản: JSON Lines, hoặc CSV tóm tắt với ?format=csv "
         "(công khai)",
         "public", "", ""});
    router.Add(Method::kPost, "/api/v1/import/procedures",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             const bool csv =
                                 req.Header("content-type").value_or("").starts_with("text/csv");
                             base::Result<app::ImportReport> report = base::Internal("unreachable");
                             if (csv) {
                                 auto rows = demo::ParseProcedureCsv(req.body);
                                 if (!rows) {
                                     return Problem(rows.error());
                                 }
                                 report = app::ImportProcedures(ctx, actor, *rows, DryRun(req));
                             } else {
                                 report =
                                     app::ImportProceduresJsonl(ctx, actor, req.body, DryRun(req));
                             }
                             if (!report) {
                                 return Problem(report.error());
                             }
                             return Json(report->dry_run ? 200 : 201, ReportJson(*report));
                         },
                         {"application/x-ndjson", "application/jsonl", "text/csv"}),
               {"Nhập thủ tục từ JSON Lines hoặc CSV (kiểm soát TTHC; ?dry_run=1 để thử)",
                "session+csrf", "", ""});
}

}  // namespace

// Queue tickets at the desk (queue_routes.cpp, issue #9, engineer Q).
void RegisterQueueRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// Citizens' feedback and petitions (feedback_routes.cpp, issue #9, engineer F).
void RegisterFeedbackRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// Issue #7 (engineer I): inspections of TTHC control (inspection_routes.cpp).
void RegisterInspectionRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// Issue #8 (engineer E): public posting at the desks, catalogue exchange (posting_routes.cpp).
void RegisterPostingRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// Issue #8 (engineer G): impact assessment and review plans (control_routes.cpp).
void RegisterControlRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// Issue #8 (engineer D): publication decisions (publication_decision_routes.cpp).
void RegisterPublicationDecisionRoutes(http::Router& router, app::AppContext& ctx,
                                       const CachePtr& cache);
// Session 8 (engineer D): system settings by effective day (settings_routes.cpp).
void RegisterSettingsRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);

void RegisterApiRoutes(http::Router& router, app::AppContext& ctx) {
    const auto cache = std::make_shared<ResponseCache>();
    RegisterTransfer(router, ctx, cache);
    RegisterCatalogue(router, ctx, cache);
    RegisterSession(router, ctx, cache);
    RegisterOrganisation(router, ctx, cache);
    RegisterDossierRoutes(router, ctx, cache);
    RegisterDocumentRoutes(router, ctx, cache);
    RegisterRatingRoutes(router, ctx, cache);
    RegisterCitizenRoutes(router, ctx, cache);
    RegisterPaymentRoutes(router, ctx, cache);
    RegisterReportRoutes(router, ctx, cache);               // issue #6
    RegisterIndicatorRoutes(router, ctx, cache);            // issue #6: QĐ 766
    RegisterLetterRoutes(router, ctx, cache);               // issue #6: correction letter
    RegisterPublicationRoutes(router, ctx, cache);          // issue #6: monthly publication
    RegisterPlanTargetRoutes(router, ctx, cache);           // issue #6: plan targets (S0 §III)
    RegisterPlanRoutes(router, ctx, cache);                 // issue #7: TTHC-control plans
    RegisterQueueRoutes(router, ctx, cache);                // issue #9: queue tickets (Q)
    RegisterFeedbackRoutes(router, ctx, cache);             // issue #9: feedback, PAKN (F)
    RegisterInspectionRoutes(router, ctx, cache);           // issue #7: inspections (I)
    RegisterPostingRoutes(router, ctx, cache);              // issue #8: posting, exchange (E)
    RegisterControlRoutes(router, ctx, cache);              // issue #8: impact, review plans (G)
    RegisterPublicationDecisionRoutes(router, ctx, cache);  // issue #8: publication decisions (D)
    RegisterSettingsRoutes(router, ctx, cache);  // session 8: settings by effective day (D)
    router.Add(Method::kGet, "/api/v1/openapi.json",
               [&router](const Request&) -> Response {
                   Response r = http::JsonResponse(200, OpenApiDocument(router));
                   return r;
               },
               {"Mô tả OpenAPI 3 của API này", "public", "", ""});
}

}  // namespace motcua::api
