// /api/v1/dossiers/{code}/rating and /api/v1/evaluations (issue #5): thin handlers over
// app/ratings.hpp. REGULATIONS.md §2.10.
#include <algorithm>

#include <boost/json.hpp>

#include "api/json_codec.hpp"
#include "api/route_util.hpp"
#include "app/ratings.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"

namespace motcua::api {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

namespace ev = domain::evaluation;

json::value Tenths(const std::optional<int>& tenths) {
    if (!tenths) {
        return nullptr;
    }
    return static_cast<double>(*tenths) / 10.0;
}

json::value Points(const std::optional<int>& points) {
    if (!points) {
        return nullptr;
    }
    return *points;
}

json::object ScoresJson(const ev::DossierScores& s) {
    return json::object{{"time", s.time},
                        {"steps", s.steps},
                        {"contacts", s.contacts},
                        {"bodies", s.bodies},
                        {"attitude", s.attitude},
                        {"total", s.Total()},
                        {"steps_known", s.steps_known}};
}

json::object RatingViewJson(const app::RatingView& v) {
    json::object body{{"code", v.code},
                      {"state", domain::DossierStateName(v.state)},
                      {"rated", v.rating.has_value()},
                      {"may_rate", v.may_rate},
                      {"scoring_table", v.scoring_table}};
    if (v.rating) {
        const store::ratings::Rating& r = *v.rating;
        body["rating"] =
            json::object{{"channel", ev::RatingChannelName(r.channel)},
                         {"satisfaction", ev::SatisfactionName(r.answers.satisfaction)},
                         {"satisfaction_label", ev::SatisfactionLabel(r.answers.satisfaction)},
                         {"contacts", r.answers.contacts},
                         {"bodies_contacted", r.answers.bodies_contacted},
                         {"complaint", r.answers.complaint},
                         {"comment", r.answers.comment},
                         {"rated_at", calendar::FormatInstant(r.rated_at)}};
    } else {
        body["rating"] = nullptr;
    }
    body["scores"] = v.scores ? json::value(ScoresJson(*v.scores)) : json::value(nullptr);
    return body;
}

// An answer count: outside 0..kMaxCount is refused by the use case with its message, so a
// huge number is narrowed to just out of range rather than truncated into it.
int Count(std::int64_t v) {
    return static_cast<int>(std::clamp<std::int64_t>(v, -1, ev::kMaxCount + 1));
}

base::Result<app::RatingRequest> RatingFromJson(std::string_view body) {
    auto object = ParseObject(body);
    if (!object) {
        return std::move(object).error();
    }
    ObjectReader r(*object);
    app::RatingRequest request;
    auto channel = r.String("channel", false, 20);
    if (!channel) {
        return std::move(channel).error();
    }
    if (!channel->empty()) {
        auto parsed = ev::ParseRatingChannel(*channel);
        if (!parsed) {
            return std::move(parsed).error();
        }
        request.channel = *parsed;
    }
    auto satisfaction = r.String("satisfaction", true, 40);
    if (!satisfaction) {
        return std::move(satisfaction).error();
    }
    auto parsed = ev::ParseSatisfaction(*satisfaction);
    if (!parsed) {
        return std::move(parsed).error();
    }
    request.answers.satisfaction = *parsed;
    auto contacts = r.Integer("contacts", true);
    if (!contacts) {
        return std::move(contacts).error();
    }
    request.answers.contacts = Count(contacts->value_or(0));
    auto bodies = r.Integer("bodies_contacted", true);
    if (!bodies) {
        return std::move(bodies).error();
    }
    request.answers.bodies_contacted = Count(bodies->value_or(0));
    auto complaint = r.Boolean("complaint", true);
    if (!complaint) {
        return std::move(complaint).error();
    }
    request.answers.complaint = complaint->value_or(false);
    auto comment = r.String("comment", false);
    if (!comment) {
        return std::move(comment).error();
    }
    request.answers.comment = std::move(*comment);
    if (base::Status s = r.CheckNoUnknownFields(); !s) {
        return s.error();
    }
    return request;
}

json::object AveragesJson(const ev::DossierAverages& a) {
    return json::object{{"dossiers", a.dossiers},          {"time", Tenths(a.time)},
                        {"steps", Tenths(a.steps)},        {"contacts", Tenths(a.contacts)},
                        {"bodies", Tenths(a.bodies)},      {"attitude", Tenths(a.attitude)},
                        {"total", Tenths(a.TotalTenths())}};
}

json::object EvaluationJson(const app::Evaluation& e) {
    const ev::UnitResult& r = e.result;
    json::array officers;
    for (const app::OfficerEvaluation& o : e.officers) {
        officers.push_back(json::object{{"user_id", o.result.user_id},
                                        {"username", o.username},
                                        {"name", o.name},
                                        {"averages", AveragesJson(o.result.averages)},
                                        {"total", Tenths(o.result.total_tenths)},
                                        {"band", ev::StaffBandName(o.result.band)},
                                        {"band_label", ev::StaffBandLabel(o.result.band)}});
    }
    json::object indices{{"1", Tenths(r.averages.time)},     {"2", Tenths(r.averages.steps)},
                         {"3", Tenths(r.averages.contacts)}, {"4", Tenths(r.averages.bodies)},
                         {"5", Points(r.desk.points)},       {"6", Points(r.publication.points)},
                         {"7", Tenths(r.averages.attitude)}, {"8", Points(r.pakn.points)},
                         {"9", Points(r.online.points)}};
    return json::object{
        {"unit", json::object{{"id", e.unit.id}, {"code", e.unit.code}, {"name", e.unit.name}}},
        {"from", calendar::FormatIsoDate(e.from)},
        {"to", calendar::FormatIsoDate(e.to)},
        {"scoring_table", e.scoring_table},
        {"dossiers", e.dossiers},
        {"scored", r.averages.dossiers},
        {"unscored", r.open_or_unscored},
        {"rated", e.rated},
        {"online_dossiers", e.online_dossiers},
        {"facts_recorded", e.facts_recorded},
        {"indices", std::move(indices)},
        {"total", Tenths(r.total_tenths)},
        {"band", r.band ? json::value(ev::UnitBandName(*r.band)) : json::value(nullptr)},
        {"band_label", r.band ? json::value(ev::UnitBandLabel(*r.band)) : json::value(nullptr)},
        {"officers", std::move(officers)}};
}

base::Result<app::EvaluationQuery> EvaluationQueryOf(const Request& req) {
    app::EvaluationQuery q;
    q.unit_code = std::string(req.Query("unit").value_or(""));
    if (q.unit_code.empty()) {
        return base::InvalidArgument("Thiếu tham số 'unit' (mã đơn vị).");
    }
    const auto from = req.Query("from");
    const auto to = req.Query("to");
    if (!from || !to) {
        return base::InvalidArgument("Thiếu tham số 'from' hoặc 'to' (YYYY-MM-DD).");
    }
    auto f = ParseDate(*from, "from");
    if (!f) {
        return std::move(f).error();
    }
    auto t = ParseDate(*to, "to");
    if (!t) {
        return std::move(t).error();
    }
    q.from = *f;
    q.to = *t;
    return q;
}

// A count of the unit facts: absent or null = unknown; outside 0..1e6 refused.
base::Result<std::optional<int>> FactCount(ObjectReader& r, std::string_view name) {
    auto v = r.Integer(name, false);
    if (!v) {
        return std::move(v).error();
    }
    if (!*v) {
        return std::optional<int>{};
    }
    if (**v < 0 || **v > 1'000'000) {
        return base::InvalidArgument("Trường '" + std::string(name) +
                                     "' phải là số nguyên từ 0 đến 1.000.000.");
    }
    return std::optional<int>{static_cast<int>(**v)};
}

base::Result<store::ratings::UnitFactsRecord> FactsFromJson(std::string_view body) {
    auto object = ParseObject(body);
    if (!object) {
        return std::move(object).error();
    }
    ObjectReader r(*object);
    store::ratings::UnitFactsRecord record;
    auto from = r.String("effective_from", true, 10);
    if (!from) {
        return std::move(from).error();
    }
    auto day = ParseDate(*from, "effective_from");
    if (!day) {
        return std::move(day).error();
    }
    record.effective_from = *day;
    ev::UnitFacts& f = record.facts;
    for (auto [name, field] :
         {std::pair{"listed_procedures", &ev::UnitFacts::listed_procedures},
          std::pair{"fully_at_desk_procedures", &ev::UnitFacts::fully_at_desk_procedures},
          std::pair{"eligible_procedures", &ev::UnitFacts::eligible_procedures},
          std::pair{"received_at_desk_procedures", &ev::UnitFacts::received_at_desk_procedures}}) {
        auto v = FactCount(r, name);
        if (!v) {
            return std::move(v).error();
        }
        f.*field = *v;
    }
    for (auto [name, field] : {std::pair{"pakn_received", &ev::UnitFacts::pakn_received},
                               std::pair{"pakn_on_time", &ev::UnitFacts::pakn_on_time}}) {
        auto v = FactCount(r, name);
        if (!v) {
            return std::move(v).error();
        }
        f.*field = v->value_or(0);
    }
    auto posted = r.Boolean("published_posted", false);
    if (!posted) {
        return std::move(posted).error();
    }
    f.published_posted = *posted;
    auto electronic = r.Boolean("published_electronic", false);
    if (!electronic) {
        return std::move(electronic).error();
    }
    f.published_electronic = *electronic;
    if (base::Status s = r.CheckNoUnknownFields(); !s) {
        return s.error();
    }
    return record;
}

json::object FactsJson(const store::ratings::UnitFactsRecord& r) {
    auto opt = [](const std::optional<int>& v) {
        return v ? json::value(*v) : json::value(nullptr);
    };
    auto opt_bool = [](const std::optional<bool>& v) {
        return v ? json::value(*v) : json::value(nullptr);
    };
    const ev::UnitFacts& f = r.facts;
    return json::object{{"unit_id", r.unit_id},
                        {"effective_from", calendar::FormatIsoDate(r.effective_from)},
                        {"listed_procedures", opt(f.listed_procedures)},
                        {"fully_at_desk_procedures", opt(f.fully_at_desk_procedures)},
                        {"eligible_procedures", opt(f.eligible_procedures)},
                        {"received_at_desk_procedures", opt(f.received_at_desk_procedures)},
                        {"published_posted", opt_bool(f.published_posted)},
                        {"published_electronic", opt_bool(f.published_electronic)},
                        {"pakn_received", f.pakn_received},
                        {"pakn_on_time", f.pakn_on_time},
                        {"recorded_at", calendar::FormatInstant(r.recorded_at)}};
}

}  // namespace

void RegisterRatingRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    router.Add(Method::kPost, "/api/v1/dossiers/{code}/rating",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto request = RatingFromJson(req.body);
                             if (!request) {
                                 return Problem(request.error());
                             }
                             auto view = app::RateDossier(ctx, actor, req.path_params.at("code"),
                                                          std::move(*request));
                             if (!view) {
                                 return Problem(view.error());
                             }
                             return Json(201, RatingViewJson(*view));
                         }),
               {"Đánh giá việc giải quyết hồ sơ sau khi trả kết quả (người nộp trực tuyến; cán "
                "bộ một cửa nhập phiếu giấy hoặc thiết bị)",
                "session+csrf", R"({"$ref":"#/components/schemas/RatingAnswers"})",
                R"({"$ref":"#/components/schemas/Rating"})"});

    router.Add(Method::kGet, "/api/v1/dossiers/{code}/rating",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto view = app::GetRating(ctx, actor, req.path_params.at("code"));
                             if (!view) {
                                 return Problem(view.error());
                             }
                             Response r = Json(200, RatingViewJson(*view));
                             r.AddHeader("Cache-Control", "no-store");
                             return r;
                         }),
               {"Đánh giá của hồ sơ và điểm các chỉ số 1, 2, 3, 4, 7 (người nộp, cán bộ liên quan)",
                "session", "", R"({"$ref":"#/components/schemas/Rating"})"});

    router.Add(Method::kPut, "/api/v1/units/{code}/evaluation-facts",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto record = FactsFromJson(req.body);
                             if (!record) {
                                 return Problem(record.error());
                             }
                             auto saved = app::RecordUnitFacts(ctx, actor,
                                                               req.path_params.at("code"), *record);
                             if (!saved) {
                                 return Problem(saved.error());
                             }
                             return Json(200, FactsJson(*saved));
                         }),
               {"Ghi nhận số liệu đơn vị cho chỉ số 5, 6, 8 (kiểm soát TTHC, quản trị có phạm vi "
                "bao gồm đơn vị)",
                "session+csrf", R"({"$ref":"#/components/schemas/EvaluationFacts"})", ""});

    router.Add(Method::kGet, "/api/v1/evaluations",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto query = EvaluationQueryOf(req);
                             if (!query) {
                                 return Problem(query.error());
                             }
                             auto evaluation = app::Evaluate(ctx, actor, *query);
                             if (!evaluation) {
                                 return Problem(evaluation.error());
                             }
                             Response r = Json(200, EvaluationJson(*evaluation));
                             r.AddHeader("Cache-Control", "no-store");
                             return r;
                         }),
               {"Kết quả đánh giá 9 chỉ số của đơn vị và cán bộ trong kỳ (unit, from, to; lãnh "
                "đạo, kiểm soát TTHC, quản trị có phạm vi bao gồm đơn vị)",
                "session", "", R"({"$ref":"#/components/schemas/Evaluation"})"});
}

}  // namespace motcua::api
