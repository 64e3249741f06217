// /api/v1/queue/… (issue #9): queue tickets at the one-stop desk — the public kiosk and
// waiting-room display, the counters' actions, the desk's setup and the waiting-time figures.
// Thin handlers over app/queue.hpp.
#include <boost/json.hpp>

#include "api/json_codec.hpp"
#include "api/request_auth.hpp"
#include "api/route_util.hpp"
#include "app/queue.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"

namespace motcua::api {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

// A problem response; a 429 of the kiosk limiter (1-minute windows) carries Retry-After: the
// window's length, an upper bound of the wait (app/rate_limits.hpp).
http::Response Limited(const base::Error& error) {
    http::Response r = Problem(error);
    if (r.status == 429) {
        r.AddHeader("Retry-After", "60");
    }
    return r;
}

namespace q = domain::queue;
namespace sq = store::queue;

json::value OptInstant(const std::optional<std::chrono::sys_seconds>& at) {
    return at ? json::value(calendar::FormatInstant(*at)) : json::value(nullptr);
}

json::object TicketJson(const sq::StoredTicket& s) {
    const q::Ticket& t = s.ticket;
    return json::object{{"id", t.id},
                        {"number", t.number},
                        {"group", t.service_group},
                        {"state", q::StateName(t.state)},
                        {"day", calendar::FormatIsoDate(s.day)},
                        {"issued_at", calendar::FormatInstant(t.issued_at)},
                        {"first_called_at", OptInstant(t.first_called_at)},
                        {"called_at", OptInstant(t.called_at)},
                        {"serve_started_at", OptInstant(t.serve_started_at)},
                        {"serve_ended_at", OptInstant(t.serve_ended_at)},
                        {"counter", t.counter},
                        {"recalls", t.recalls},
                        {"transfers", t.transfers},
                        {"dossier_code", t.dossier_code},
                        {"version", s.version}};
}

json::object SetupJson(const app::queue::DeskSetup& s) {
    json::array groups;
    for (const auto& g : s.groups) {
        groups.push_back(json::object{{"code", g.code}, {"prefix", g.prefix}, {"label", g.label}});
    }
    json::array counters;
    for (const auto& c : s.counters) {
        json::array served;
        for (const auto& g : c.groups) {
            served.emplace_back(g);
        }
        counters.push_back(json::object{{"code", c.code},
                                        {"label", c.label},
                                        {"groups", std::move(served)},
                                        {"signed_in", c.officer_user_id.has_value()}});
    }
    return json::object{{"desk", json::object{{"code", s.desk.code}, {"name", s.desk.name}}},
                        {"groups", std::move(groups)},
                        {"counters", std::move(counters)}};
}

json::object FiguresJson(const q::WaitingFigures& f) {
    return json::object{
        {"called", f.called},
        {"waiting", f.waiting},
        {"average_seconds", f.average_seconds},
        {"p90_seconds", f.p90_seconds},
        {"over_15_minutes", f.over_limit},
        {"over_15_minutes_percent", static_cast<double>(f.over_limit_hundredths) / 100.0}};
}

json::array RowsJson(const std::vector<app::queue::FigureRow>& rows) {
    json::array out;
    for (const auto& r : rows) {
        json::object o = FiguresJson(r.figures);
        o["key"] = r.key;
        o["label"] = r.label;
        out.push_back(std::move(o));
    }
    return out;
}

json::object CallJson(const app::queue::CounterCall& c) {
    return json::object{
        {"counter", c.counter},
        {"counter_label", c.counter_label},
        {"number", c.number},
        {"state", c.number.empty() ? json::value(nullptr) : json::value(q::StateName(c.state))},
        {"called_at", OptInstant(c.called_at)},
        {"recalls", c.recalls}};
}

std::string CodeList(const json::value* raw, std::vector<std::string>& out, bool& ok) {
    ok = false;
    if (raw == nullptr || !raw->is_array()) {
        return "phải là một mảng mã nhóm";
    }
    for (const auto& v : raw->as_array()) {
        if (!v.is_string() || v.as_string().size() > 16) {
            return "phải là mảng các mã nhóm (chuỗi)";
        }
        out.emplace_back(v.as_string());
    }
    ok = true;
    return "";
}

base::Result<app::queue::DeskSetup> SetupFromJson(std::string_view body) {
    auto object = ParseObject(body);
    if (!object) {
        return std::move(object).error();
    }
    ObjectReader r(*object);
    app::queue::DeskSetup setup;
    const json::value* groups = r.Raw("groups");
    const json::value* counters = r.Raw("counters");
    if (base::Status s = r.CheckNoUnknownFields(); !s) {
        return s.error();
    }
    if (groups == nullptr || !groups->is_array() || counters == nullptr || !counters->is_array()) {
        return base::InvalidArgument("Cần 'groups' và 'counters' là các mảng.");
    }
    for (const auto& v : groups->as_array()) {
        if (!v.is_object()) {
            return base::InvalidArgument("Mỗi phần tử của 'groups' phải là một đối tượng.");
        }
        ObjectReader g(v.as_object());
        auto code = g.String("code", true, 16);
        auto prefix = g.String("prefix", true, 3);
        auto label = g.String("label", true, 300);
        for (const auto* f : {&code, &prefix, &label}) {
            if (!*f) {
                return f->error();
            }
        }
        if (base::Status s = g.CheckNoUnknownFields(); !s) {
            return s.error();
        }
        setup.groups.push_back(sq::Group{0, 0, *code, *prefix, *label, 0});
    }
    for (const auto& v : counters->as_array()) {
        if (!v.is_object()) {
            return base::InvalidArgument("Mỗi phần tử của 'counters' phải là một đối tượng.");
        }
        ObjectReader c(v.as_object());
        auto code = c.String("code", true, 16);
        auto label = c.String("label", true, 300);
        for (const auto* f : {&code, &label}) {
            if (!*f) {
                return f->error();
            }
        }
        sq::Counter counter;
        counter.code = *code;
        counter.label = *label;
        bool ok = false;
        const std::string why = CodeList(c.Raw("groups"), counter.groups, ok);
        if (!ok) {
            return base::InvalidArgument("Trường 'groups' của quầy \"" + *code + "\" " + why + ".");
        }
        if (base::Status s = c.CheckNoUnknownFields(); !s) {
            return s.error();
        }
        setup.counters.push_back(std::move(counter));
    }
    return setup;
}

base::Result<app::queue::ActRequest> ActFromJson(std::string_view body) {
    auto object = ParseObject(body);
    if (!object) {
        return std::move(object).error();
    }
    ObjectReader r(*object);
    auto action = r.String("action", true, 16);
    auto counter = r.String("counter", true, 16);
    auto group = r.String("group", false, 16);
    auto dossier = r.String("dossier_code", false, 64);
    auto version = r.Integer("version", false);
    for (const auto* f : {&action, &counter, &group, &dossier}) {
        if (!*f) {
            return f->error();
        }
    }
    if (!version) {
        return std::move(version).error();
    }
    if (base::Status s = r.CheckNoUnknownFields(); !s) {
        return s.error();
    }
    const auto kind = q::ParseAction(*action);
    if (!kind || *kind == q::ActionKind::kCall) {
        return base::InvalidArgument(
            "'action' phải là recall, start, finish, skip, requeue hoặc transfer.");
    }
    app::queue::ActRequest request;
    request.kind = *kind;
    request.counter = *counter;
    request.service_group = *group;
    request.dossier_code = *dossier;
    request.expected_version = *version;
    return request;
}

base::Result<std::chrono::sys_days> DateParam(const Request& req, std::string_view name) {
    const auto text = req.Query(name);
    if (!text) {
        return base::InvalidArgument("Thiếu tham số '" + std::string(name) + "' (YYYY-MM-DD).");
    }
    return ParseDate(*text, name);
}

app::Actor KioskActor(const Request& req) {
    const app::ClientInfo client = ClientOf(req);
    app::Actor actor;
    actor.ip = client.ip;
    actor.user_agent = client.user_agent;
    return actor;
}

}  // namespace

void RegisterQueueRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    // ---- public: the kiosk and the waiting-room display ----------------------------------------
    router.Add(
        Method::kGet, "/api/v1/queue/desks/{desk}",
        [&ctx](const Request& req) -> Response {
            auto setup = app::queue::GetSetup(ctx, req.path_params.at("desk"));
            if (!setup) {
                return Limited(setup.error());
            }
            return Json(200, SetupJson(*setup));
        },
        {"Quầy và nhóm dịch vụ của bộ phận một cửa (máy lấy số, màn hình chờ)", "public", "",
         R"({"type":"object","properties":{"desk":{"type":"object"},"groups":{"type":"array"},"counters":{"type":"array"}}})"});

    router.Add(
        Method::kPost, "/api/v1/queue/desks/{desk}/tickets",
        [&ctx](const Request& req) -> Response {
            if (const base::Status same = CheckSameOrigin(req); !same) {
                return Limited(same.error());
            }
            auto object = ParseObject(req.body);
            if (!object) {
                return Limited(object.error());
            }
            ObjectReader r(*object);
            auto group = r.String("group", true, 16);
            if (!group) {
                return Limited(group.error());
            }
            if (base::Status s = r.CheckNoUnknownFields(); !s) {
                return Limited(s.error());
            }
            auto issued =
                app::queue::IssueTicket(ctx, KioskActor(req), req.path_params.at("desk"), *group);
            if (!issued) {
                return Limited(issued.error());
            }
            json::object body = TicketJson(issued->ticket);
            body["group_label"] = issued->group_label;
            body["ahead"] = issued->ahead;
            body["estimated_wait_seconds"] = issued->estimated_wait_seconds
                                                 ? json::value(*issued->estimated_wait_seconds)
                                                 : json::value(nullptr);
            Response response = Json(201, body);
            response.AddHeader("Cache-Control", "no-store");
            return response;
        },
        {"Lấy số thứ tự tại máy lấy số (không cần tài khoản; giới hạn theo địa chỉ)", "public",
         R"({"type":"object","required":["group"],"properties":{"group":{"type":"string"}},"additionalProperties":false})",
         R"({"type":"object","properties":{"number":{"type":"string"},"ahead":{"type":"integer"},"estimated_wait_seconds":{"type":"integer","nullable":true}}})"});

    router.Add(
        Method::kGet, "/api/v1/queue/desks/{desk}/display",
        [&ctx](const Request& req) -> Response {
            auto state = app::queue::Display(ctx, req.path_params.at("desk"));
            if (!state) {
                return Limited(state.error());
            }
            const std::string etag = "\"q" + std::to_string(state->version) + "-" +
                                     calendar::FormatIsoDate(state->day) + "\"";
            if (req.Header("if-none-match").value_or("") == etag) {
                Response not_modified;
                not_modified.status = 304;
                not_modified.content_type.clear();
                not_modified.AddHeader("ETag", etag);
                not_modified.AddHeader("Cache-Control", "no-cache");
                return not_modified;
            }
            json::array counters;
            for (const auto& c : state->counters) {
                counters.push_back(CallJson(c));
            }
            json::array recent;
            for (const auto& c : state->recent) {
                recent.push_back(CallJson(c));
            }
            Response response =
                Json(200, json::object{{"desk", json::object{{"code", state->desk_code},
                                                             {"name", state->desk_name}}},
                                       {"version", state->version},
                                       {"waiting", state->waiting},
                                       {"counters", std::move(counters)},
                                       {"recent", std::move(recent)}});
            response.AddHeader("ETag", etag);
            response.AddHeader("Cache-Control", "no-cache");
            return response;
        },
        {"Màn hình phòng chờ: số đang gọi tại mỗi quầy (ETag/If-None-Match → 304 khi không đổi)",
         "public", "",
         R"({"type":"object","properties":{"version":{"type":"integer"},"counters":{"type":"array"},"recent":{"type":"array"}}})"});

    // ---- the desk's setup (administrators) ----------------------------------------------------
    router.Add(
        Method::kPut, "/api/v1/queue/desks/{desk}",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto setup = SetupFromJson(req.body);
                      if (!setup) {
                          return Limited(setup.error());
                      }
                      auto saved = app::queue::SaveSetup(ctx, actor, req.path_params.at("desk"),
                                                         std::move(setup->groups),
                                                         std::move(setup->counters));
                      if (!saved) {
                          return Limited(saved.error());
                      }
                      return Json(200, SetupJson(*saved));
                  }),
        {"Cấu hình nhóm dịch vụ và quầy của bộ phận một cửa (quản trị)", "session+csrf",
         R"({"type":"object","required":["groups","counters"],"properties":{"groups":{"type":"array","items":{"type":"object","required":["code","prefix","label"]}},"counters":{"type":"array","items":{"type":"object","required":["code","label","groups"]}}}})",
         R"({"type":"object"})"});

    // ---- counters (desk officers of the desk) -------------------------------------------------
    router.Add(
        Method::kPost, "/api/v1/queue/desks/{desk}/counters/{counter}/call",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto called = app::queue::CallNext(ctx, actor, req.path_params.at("desk"),
                                                         req.path_params.at("counter"));
                      if (!called) {
                          return Limited(called.error());
                      }
                      return Json(
                          200, json::object{{"ticket", *called ? json::value(TicketJson(**called))
                                                               : json::value(nullptr)}});
                  }),
        {"Gọi số tiếp theo tại quầy (công chức một cửa của bộ phận)", "session+csrf", "",
         R"({"type":"object","properties":{"ticket":{"type":"object","nullable":true}}})"});

    router.Add(
        Method::kPost, "/api/v1/queue/desks/{desk}/tickets/{id}/actions",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto id = ParseId(req.path_params.at("id"));
                      if (!id) {
                          return Limited(id.error());
                      }
                      auto request = ActFromJson(req.body);
                      if (!request) {
                          return Limited(request.error());
                      }
                      auto done =
                          app::queue::Act(ctx, actor, req.path_params.at("desk"), *id, *request);
                      if (!done) {
                          return Limited(done.error());
                      }
                      return Json(200, TicketJson(*done));
                  }),
        {"Gọi lại, bắt đầu phục vụ, kết thúc (gắn mã hồ sơ), bỏ qua, xếp lại, chuyển nhóm",
         "session+csrf",
         R"({"type":"object","required":["action","counter"],"properties":{"action":{"enum":["recall","start","finish","skip","requeue","transfer"]},"counter":{"type":"string"},"group":{"type":"string"},"dossier_code":{"type":"string"},"version":{"type":"integer"}},"additionalProperties":false})",
         R"({"type":"object"})"});

    router.Add(Method::kGet, "/api/v1/queue/desks/{desk}/tickets",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto tickets =
                                 app::queue::TodaysTickets(ctx, actor, req.path_params.at("desk"));
                             if (!tickets) {
                                 return Limited(tickets.error());
                             }
                             json::array items;
                             for (const auto& t : *tickets) {
                                 items.push_back(TicketJson(t));
                             }
                             Response r = Json(200, json::object{{"items", std::move(items)}});
                             r.AddHeader("Cache-Control", "no-store");
                             return r;
                         }),
               {"Các số thứ tự hôm nay của bộ phận (công chức một cửa của bộ phận)", "session", "",
                R"({"type":"object","properties":{"items":{"type":"array"}}})"});

    // ---- figures (staff covering the desk) ----------------------------------------------------
    router.Add(
        Method::kGet, "/api/v1/queue/desks/{desk}/figures",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto from = DateParam(req, "from");
                      if (!from) {
                          return Limited(from.error());
                      }
                      auto to = DateParam(req, "to");
                      if (!to) {
                          return Limited(to.error());
                      }
                      auto f = app::queue::DeskFigures(ctx, actor, req.path_params.at("desk"),
                                                       *from, *to);
                      if (!f) {
                          return Limited(f.error());
                      }
                      return Json(200, json::object{{"desk", json::object{{"code", f->desk.code},
                                                                          {"name", f->desk.name}}},
                                                    {"from", calendar::FormatIsoDate(f->from)},
                                                    {"to", calendar::FormatIsoDate(f->to)},
                                                    {"total", FiguresJson(f->total)},
                                                    {"by_hour", RowsJson(f->by_hour)},
                                                    {"by_group", RowsJson(f->by_group)}});
                  }),
        {"Thời gian chờ tại bộ phận một cửa: trung bình, phân vị 90, tỷ lệ chờ quá 15 phút "
         "theo giờ và nhóm dịch vụ",
         "session", "",
         R"({"type":"object","properties":{"total":{"type":"object"},"by_hour":{"type":"array"},"by_group":{"type":"array"}}})"});
}

}  // namespace motcua::api
