// /cong-dan/ho-so/{code}/danh-gia: the applicant's rating of a returned dossier (or a desk
// officer entering a paper form / rating device result), and /danh-gia: the nine evaluation
// indices of a unit for leaders and TTHC-control staff (issue #5; REGULATIONS.md §2.10).
// Thin: decode, call app/ratings.hpp (which authorises), render.
#include <charconv>

#include "app/organisation.hpp"
#include "app/ratings.hpp"
#include "calendar/civil_date.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

namespace ev = domain::evaluation;
using http::Request;
using http::Response;

std::string RatingPath(std::string_view code) {
    return "/cong-dan/ho-so/" + UrlEncode(code) + "/danh-gia";
}

std::string Tenths(const std::optional<int>& tenths) {
    return tenths ? ev::FormatTenths(*tenths) : std::string("—");
}

std::string Points(const std::optional<int>& points) {
    return points ? std::to_string(*points) : std::string("Chưa có dữ liệu");
}

struct RatingValues {
    std::string channel;
    std::string satisfaction;
    std::string contacts = "0";
    std::string bodies;
    std::string complaint;
    std::string comment;
};

Data ScoresData(const ev::DossierScores& s) {
    DataList rows;
    auto row = [&](std::string_view number, std::string_view name, int points) {
        Data r;
        r.set("number", std::string(number));
        r.set("name", std::string(name));
        r.set("points", std::to_string(points));
        rows.push_back(r);
    };
    row("1", "Thời gian giải quyết so với quy định", s.time);
    row("2", "Thời gian thực hiện của từng cơ quan", s.steps);
    row("3", "Số lần phải liên hệ để hoàn thiện hồ sơ", s.contacts);
    row("4", "Số cơ quan phải liên hệ", s.bodies);
    row("7", "Thái độ của cán bộ", s.attitude);
    Data d;
    d.set("rows", rows);
    d.set("total", std::to_string(s.Total()));
    return d;
}

Data RatingData(const store::ratings::Rating& r) {
    Data d;
    d.set("channel", std::string(ev::RatingChannelLabel(r.channel)));
    d.set("satisfaction", std::string(ev::SatisfactionLabel(r.answers.satisfaction)));
    d.set("contacts", std::to_string(r.answers.contacts));
    d.set("bodies", std::to_string(r.answers.bodies_contacted));
    d.set("complaint", std::string(r.answers.complaint ? "Có" : "Không"));
    d.set("comment", OptionalText(r.answers.comment));
    return d;
}

Response RatingForm(const Site& site, const Request& req, const app::Actor& actor,
                    const app::RatingView& view, int status, const RatingValues& values,
                    const FormErrors& errors, std::string flash) {
    Data data;
    data.set("code", view.code);
    data.set("action", RatingPath(view.code));
    data.set("returned", view.state == domain::DossierState::kReturned);
    data.set("state", std::string(domain::DossierStateLabel(view.state)));
    data.set("may_rate", view.may_rate);
    data.set("staff_entry", view.may_rate && !view.is_owner);
    if (view.rating) {
        data.set("rating", RatingData(*view.rating));
    }
    if (view.scores) {
        data.set("scores", ScoresData(*view.scores));
    }
    auto choices = [](std::string_view name,
                      std::initializer_list<std::pair<std::string_view, std::string_view>> options,
                      const std::string& value) {
        DataList list;
        for (const auto& [v, label] : options) {
            list.push_back(Choice(std::string(name) + "-" + std::string(v), std::string(v),
                                  std::string(label), value == v));
        }
        return list;
    };
    data.set("satisfaction_choices", choices("satisfaction",
                                             {{"very_satisfied", "Rất hài lòng"},
                                              {"satisfied", "Hài lòng"},
                                              {"dissatisfied", "Không hài lòng"}},
                                             values.satisfaction));
    data.set("bodies_choices",
             choices("bodies",
                     {{"0", "Không phải đến cơ quan nào (nộp và nhận trực tuyến)"},
                      {"1", "Chỉ đến Bộ phận Một cửa"},
                      {"2", "Phải đến từ 2 cơ quan trở lên"}},
                     values.bodies));
    data.set("complaint_choices",
             choices("complaint", {{"0", "Không"}, {"1", "Có"}}, values.complaint));
    data.set("channel_choices",
             choices("channel",
                     {{"paper", "Phiếu đánh giá giấy"}, {"device", "Thiết bị đánh giá tại quầy"}},
                     values.channel.empty() ? "paper" : values.channel));
    data.set("contacts", values.contacts);
    data.set("comment", values.comment);
    data.set("max_comment", std::to_string(ev::kMaxCommentChars));
    for (const char* field : {"satisfaction", "contacts", "bodies", "complaint", "comment"}) {
        data.set(std::string(field) + "_error", OptionalText(errors.For(field)));
    }
    Chrome chrome = site.MakeChrome(req, actor, "Đánh giá hồ sơ " + view.code, Section::kNone);
    chrome.flash = std::move(flash);
    Response r = site.Page(status, "page_rating", chrome, WithErrors(std::move(data), errors));
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

Response RatingPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto view = app::GetRating(site.Context(), actor, req.path_params.at("code"));
    if (!view) {
        return site.ForError(view.error(), req, actor);
    }
    const bool saved = req.Query("da-luu").has_value() && view->rating.has_value();
    return RatingForm(site, req, actor, *view, 200, {}, {},
                      saved ? "Cảm ơn bạn đã đánh giá. Ý kiến của bạn đã được ghi nhận." : "");
}

std::optional<int> SmallCount(const std::string& text) {
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return v;
}

Response RatingPost(const Site& site, const Request& req, const app::Actor& actor,
                    const Form& form) {
    const std::string code = req.path_params.at("code");
    RatingValues values{.channel = form.Get("channel"),
                        .satisfaction = form.Get("satisfaction"),
                        .contacts = form.Get("contacts"),
                        .bodies = form.Get("bodies"),
                        .complaint = form.Get("complaint"),
                        .comment = form.Get("comment")};
    FormErrors errors;
    app::RatingRequest request;
    if (auto s = ev::ParseSatisfaction(values.satisfaction)) {
        request.answers.satisfaction = *s;
    } else {
        errors.Add("satisfaction", "Chọn mức độ hài lòng.");
    }
    if (auto n = SmallCount(values.contacts); n && *n >= 0 && *n <= ev::kMaxCount) {
        request.answers.contacts = *n;
    } else {
        errors.Add("contacts",
                   "Nhập số lần phải liên hệ, từ 0 đến " + std::to_string(ev::kMaxCount) + ".");
    }
    if (auto n = SmallCount(values.bodies); n && *n >= 0 && *n <= 2) {
        request.answers.bodies_contacted = *n;
    } else {
        errors.Add("bodies", "Chọn số cơ quan phải đến.");
    }
    if (values.complaint == "0" || values.complaint == "1") {
        request.answers.complaint = values.complaint == "1";
    } else {
        errors.Add("complaint", "Cho biết bạn có phản ánh về thái độ của cán bộ không.");
    }
    request.answers.comment = values.comment;
    if (!values.channel.empty()) {
        auto channel = ev::ParseRatingChannel(values.channel);
        if (!channel) {
            errors.Add("", Sentence(channel.error().message) + ".");
        } else {
            request.channel = *channel;
        }
    }
    if (errors.Empty()) {
        auto rated = app::RateDossier(site.Context(), actor, code, request);
        if (rated) {
            return Redirect(RatingPath(code) + kSavedQuery);
        }
        const base::ErrorCode c = rated.error().code;
        if (c == base::ErrorCode::kInvalidArgument) {
            const std::string& m = rated.error().message;
            errors.Add(m.find("góp ý") != std::string::npos ? "comment" : "", Sentence(m) + ".");
        } else if (c == base::ErrorCode::kAlreadyExists ||
                   c == base::ErrorCode::kFailedPrecondition) {
            errors.Add("", Sentence(rated.error().message) + ".");
        } else {
            return site.ForError(rated.error(), req, actor);
        }
    }
    auto view = app::GetRating(site.Context(), actor, code);
    if (!view) {
        return site.ForError(view.error(), req, actor);
    }
    return RatingForm(site, req, actor, *view, errors.Empty() ? 200 : 400, values, errors, "");
}

// ---- /danh-gia ---------------------------------------------------------------------------------

std::optional<std::chrono::sys_days> DayOf(std::string_view text) {
    const auto ymd = calendar::ParseIsoDate(text);
    if (!ymd) {
        return std::nullopt;
    }
    return std::chrono::sys_days{*ymd};
}

Response EvaluationPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    if (const base::Status staff = Require(site.Context(), actor, app::Permission::kStaff);
        !staff) {
        return site.ForError(staff.error(), req, actor);
    }
    const auto today = std::chrono::floor<std::chrono::days>(site.Context().clock->Now() +
                                                             calendar::kVietnamOffset);
    const std::chrono::year_month_day ymd{today};
    const std::string unit_code(req.Query("don-vi").value_or(""));
    std::string from(req.Query("tu").value_or(""));
    std::string to(req.Query("den").value_or(""));
    if (from.empty()) {
        from = calendar::FormatIsoDate(std::chrono::sys_days{ymd.year() / ymd.month() / 1});
    }
    if (to.empty()) {
        to = calendar::FormatIsoDate(today);
    }
    FormErrors errors;
    Data data;
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    data.set("unit", SelectData({.name = "don-vi",
                                 .label = "Đơn vị",
                                 .value = unit_code,
                                 .hint = "Gồm cả các đơn vị trực thuộc.",
                                 .required = true},
                                UnitOptions(*units, "— Chọn đơn vị —"), errors));
    data.set("from",
             FieldData({.name = "tu", .label = "Từ ngày", .type = "date", .value = from}, errors));
    data.set("to",
             FieldData({.name = "den", .label = "Đến ngày", .type = "date", .value = to}, errors));
    int status = 200;
    if (!unit_code.empty()) {
        const auto f = DayOf(from);
        const auto t = DayOf(to);
        if (!f || !t) {
            errors.Add(!f ? "tu" : "den", "Ngày không hợp lệ (dạng YYYY-MM-DD).");
            status = 400;
        } else {
            auto e = app::Evaluate(site.Context(), actor, {unit_code, *f, *t});
            if (!e) {
                const base::ErrorCode c = e.error().code;
                if (c != base::ErrorCode::kInvalidArgument && c != base::ErrorCode::kNotFound) {
                    return site.ForError(e.error(), req, actor);
                }
                errors.Add("", Sentence(e.error().message) + ".");
                status = c == base::ErrorCode::kNotFound ? 404 : 400;
            } else {
                const ev::UnitResult& r = e->result;
                Data result;
                result.set("unit_name", e->unit.name);
                result.set("period", calendar::FormatIsoDate(e->from) + " – " +
                                         calendar::FormatIsoDate(e->to));
                result.set("dossiers", std::to_string(e->dossiers));
                result.set("rated", std::to_string(e->rated));
                result.set("scored", std::to_string(r.averages.dossiers));
                result.set("scoring_table", e->scoring_table);
                result.set("facts_missing", !e->facts_recorded);
                DataList indices;
                auto index = [&](std::string_view n, std::string_view name,
                                 const std::string& points) {
                    Data i;
                    i.set("number", std::string(n));
                    i.set("name", std::string(name));
                    i.set("points", points);
                    indices.push_back(i);
                };
                index("1", "Thời gian giải quyết so với quy định", Tenths(r.averages.time));
                index("2", "Thời gian thực hiện của từng cơ quan", Tenths(r.averages.steps));
                index("3", "Số lần phải liên hệ để hoàn thiện hồ sơ", Tenths(r.averages.contacts));
                index("4", "Số cơ quan phải liên hệ", Tenths(r.averages.bodies));
                index("5", "Giải quyết trọn vẹn tại Bộ phận Một cửa", Points(r.desk.points));
                index("6", "Công khai thủ tục hành chính", Points(r.publication.points));
                index("7", "Thái độ của cán bộ", Tenths(r.averages.attitude));
                index("8", "Tiếp nhận, xử lý phản ánh, kiến nghị", Points(r.pakn.points));
                index("9", "Cung cấp dịch vụ công trực tuyến", Points(r.online.points));
                result.set("indices", indices);
                result.set("total", Tenths(r.total_tenths));
                result.set("band", r.band ? std::string(ev::UnitBandLabel(*r.band))
                                          : std::string("Chưa xếp loại (chưa có hồ sơ)"));
                DataList officers;
                for (const app::OfficerEvaluation& o : e->officers) {
                    Data od;
                    od.set("name", o.name.empty() ? o.username : o.name);
                    od.set("dossiers", std::to_string(o.result.averages.dossiers));
                    od.set("total", ev::FormatTenths(o.result.total_tenths));
                    od.set("band", std::string(ev::StaffBandLabel(o.result.band)));
                    officers.push_back(od);
                }
                result.set("has_officers", !officers.empty());
                result.set("officers", officers);
                data.set("result", result);
            }
        }
    }
    Chrome chrome =
        site.MakeChrome(req, actor, "Đánh giá giải quyết thủ tục hành chính", Section::kNone);
    Response r = site.Page(status, "page_evaluation", chrome, WithErrors(std::move(data), errors));
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

}  // namespace

void RegisterRatingPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/cong-dan/ho-so/{code}/danh-gia", RatingPage,
            "Đánh giá việc giải quyết hồ sơ của người nộp; phiếu giấy do cán bộ một cửa nhập "
            "(HTML)",
            "session");
    AddForm(router, site, "/cong-dan/ho-so/{code}/danh-gia", RatingPost, Audience::kSignedIn,
            "Gửi đánh giá việc giải quyết hồ sơ (HTML)");
    AddPage(router, site, "/danh-gia", EvaluationPage,
            "Kết quả đánh giá 9 chỉ số của đơn vị và cán bộ (don-vi, tu, den) (HTML)", "session");
}

}  // namespace motcua::web
