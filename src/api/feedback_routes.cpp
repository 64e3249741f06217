// /api/v1/feedback… (issue #9): citizens' feedback and petitions (PAKN) — thin handlers over
// app/feedback.hpp. docs/feedback.md "API".
#include <boost/json.hpp>

#include "api/json_codec.hpp"
#include "api/route_util.hpp"
#include "app/documents.hpp"
#include "app/feedback.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"
#include "http/problem.hpp"

namespace motcua::api {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

// A problem response; a 429 of the public intake and the follow limiter (15-minute windows) carries
// Retry-After: the window's length, an upper bound of the wait (app/rate_limits.hpp).
http::Response Limited(const base::Error& error) {
    http::Response r = Problem(error);
    if (r.status == 429) {
        r.AddHeader("Retry-After", "900");
    }
    return r;
}

namespace fbk = domain::feedback;

json::value Time(const std::optional<std::chrono::sys_seconds>& t) {
    if (!t) {
        return nullptr;
    }
    return json::string(calendar::FormatInstant(*t));
}

json::object DeadlinesJson(const app::FeedbackDeadlinesView& d) {
    return json::object{{"refuse_by", Time(d.deadlines.refuse_by)},
                        {"supplement_request_by", Time(d.deadlines.supplement_request_by)},
                        {"forward_by", Time(d.deadlines.forward_by)},
                        {"answer_by", Time(d.deadlines.answer_by)},
                        {"publish_by", Time(d.deadlines.publish_by)},
                        {"due_at", Time(d.due_at)},
                        {"overdue", d.overdue},
                        {"due_soon", d.due_soon}};
}

// Public: no personal data (the published texts are redacted).
json::object PublicationJson(const store::feedback::Publication& p) {
    return json::object{{"code", p.code},
                        {"title", p.title},
                        {"question", p.question},
                        {"answer", p.answer},
                        {"subject", fbk::SubjectName(p.subject)},
                        {"subject_label", fbk::SubjectLabel(p.subject)},
                        {"unit", p.handling_unit_name},
                        {"published_at", calendar::FormatInstant(p.published_at)}};
}

json::object FollowJson(const app::FeedbackFollowView& v) {
    return json::object{
        {"code", v.code},
        {"title", v.title},
        {"state", fbk::StateName(v.state)},
        {"state_label", fbk::StateLabel(v.state)},
        {"submitted_at", calendar::FormatInstant(v.submitted_at)},
        {"handling_unit", v.handling_unit},
        {"note", v.note},
        {"answer", v.publication ? json::value(PublicationJson(*v.publication)) : nullptr},
        {"rating",
         v.rating ? json::value(json::object{{"satisfied", v.rating->satisfied},
                                             {"comment", v.rating->comment},
                                             {"rated_at", calendar::FormatInstant(v.rating->at)}})
                  : json::value(nullptr)},
        {"may_rate", v.may_rate}};
}

json::object AttachmentJson(const store::feedback::Attachment& a) {
    return json::object{
        {"position", a.position + 1}, {"file_name", a.file_name},
        {"media_type", a.media_type}, {"size", a.size},
        {"sha256", a.sha256},         {"created_at", calendar::FormatInstant(a.created_at)}};
}

// Officers: the whole record, the sender's contact included.
json::object ViewJson(const app::FeedbackView& v) {
    const store::feedback::Record& r = v.record;
    const fbk::Feedback& f = r.feedback;
    json::array events;
    for (const store::feedback::Event& e : v.events) {
        events.push_back(
            json::object{{"seq", e.seq},
                         {"at", calendar::FormatInstant(e.at)},
                         {"actor", e.actor_name},
                         {"action", e.action},
                         {"from_state", e.from_state},
                         {"to_state", e.to_state},
                         {"text", e.text},
                         {"to_unit_id", e.to_unit_id ? json::value(*e.to_unit_id) : nullptr}});
    }
    json::array attachments;
    for (const auto& a : v.attachments) {
        attachments.push_back(AttachmentJson(a));
    }
    json::array allowed;
    for (fbk::ActionKind k : v.allowed) {
        allowed.emplace_back(fbk::ActionName(k));
    }
    json::array unmet;
    for (const std::string& u : v.unmet_conditions) {
        unmet.emplace_back(u);
    }
    return json::object{
        {"code", r.code},
        {"title", r.submission.title},
        {"content", r.submission.content},
        {"sender",
         json::object{{"name", r.submission.sender_name},
                      {"address", r.submission.sender_address},
                      {"phone", r.submission.sender_phone},
                      {"email", r.submission.sender_email},
                      {"under_complaint_or_court", r.submission.under_complaint_or_court}}},
        {"channel", fbk::ChannelName(f.channel)},
        {"subject", fbk::SubjectName(f.subject)},
        {"subject_label", fbk::SubjectLabel(f.subject)},
        {"state", fbk::StateName(f.state)},
        {"state_label", fbk::StateLabel(f.state)},
        {"receiving_unit", v.receiving_unit_code},
        {"receiving_unit_name", v.receiving_unit},
        {"handling_unit", v.handling_unit_code},
        {"handling_unit_name", v.handling_unit},
        {"submitted_at", calendar::FormatInstant(f.submitted_at)},
        {"started_at", calendar::FormatInstant(f.started_at)},
        {"accepted_at", Time(f.accepted_at)},
        {"answered_at", Time(f.answered_at)},
        {"published_at", Time(f.published_at)},
        {"refused_at", Time(f.refused_at)},
        {"forwards", f.forwards},
        {"supplement_requests", f.supplement_requests},
        {"answer", r.answer},
        {"refusal_reason", r.refusal_reason},
        {"deadlines", DeadlinesJson(v.deadlines)},
        {"unmet_conditions", std::move(unmet)},
        {"events", std::move(events)},
        {"attachments", std::move(attachments)},
        {"publication", v.publication ? json::value(PublicationJson(*v.publication)) : nullptr},
        {"allowed_actions", std::move(allowed)},
        {"may_handle", v.may_handle},
        {"version", r.version}};
}

json::object SummaryJson(const app::FeedbackSummary& s) {
    return json::object{{"code", s.code},
                        {"title", s.title},
                        {"state", fbk::StateName(s.state)},
                        {"state_label", fbk::StateLabel(s.state)},
                        {"subject", fbk::SubjectName(s.subject)},
                        {"channel", fbk::ChannelName(s.channel)},
                        {"handling_unit_name", s.handling_unit},
                        {"submitted_at", calendar::FormatInstant(s.submitted_at)},
                        {"deadlines", DeadlinesJson(s.deadlines)},
                        {"version", s.version}};
}

json::object CountRowJson(const app::FeedbackCountRow& r) {
    return json::object{{"received", r.received},
                        {"handled_on_time", r.handled_on_time},
                        {"handled_late", r.handled_late},
                        {"in_progress_on_time", r.in_progress_on_time},
                        {"in_progress_overdue", r.in_progress_overdue},
                        {"withdrawn", r.withdrawn},
                        {"considered", r.Considered()},
                        {"on_time", r.OnTime()},
                        {"satisfaction_base", r.satisfaction_base},
                        {"rated_satisfied", r.rated_satisfied},
                        {"rated_unsatisfied", r.rated_unsatisfied},
                        {"reraised", r.reraised},
                        {"late", r.late},
                        {"satisfied", r.Satisfied()}};
}

Response WithETag(Response r, std::int64_t version) {
    r.AddHeader("ETag", "\"v" + std::to_string(version) + "\"");
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

app::Actor Anonymous(const Request& req) {
    app::Actor a;
    a.ip = req.remote_ip;
    a.user_agent = std::string(req.Header("user-agent").value_or("")).substr(0, 500);
    return a;
}

base::Status RequireJson(const Request& req) {
    const auto type = req.Header("content-type").value_or("");
    if (type.substr(0, 16) != "application/json") {
        return base::InvalidArgument("Kiểu nội dung không được hỗ trợ; cần: application/json.");
    }
    return {};
}

base::Result<app::FeedbackIntake> IntakeFromJson(const Request& req, bool officer) {
    auto object = ParseObject(req.body);
    if (!object) {
        return std::move(object).error();
    }
    ObjectReader r(*object);
    app::FeedbackIntake in;
    auto unit = r.String("unit", true, 64);
    auto title = r.String("title", true, 4 * app::kMaxFeedbackTitleChars);
    auto content = r.String("content", true, 4 * app::kMaxFeedbackContentChars);
    auto name = r.String("sender_name", false, 1000);
    auto address = r.String("sender_address", false, 2000);
    auto phone = r.String("sender_phone", false, 128);
    auto email = r.String("sender_email", false, 1000);
    auto complaint = r.Boolean("under_complaint_or_court", false);
    auto channel =
        officer ? r.String("channel", true, 16) : base::Result<std::string>{std::string()};
    auto reraises = r.String("reraises", false, 64);
    auto reraises_key = r.String("reraises_key", false, 32);
    for (const auto* s : {&unit, &title, &content, &name, &address, &phone, &email, &channel,
                          &reraises, &reraises_key}) {
        if (!*s) {
            return s->error();
        }
    }
    if (!complaint) {
        return std::move(complaint).error();
    }
    if (base::Status known = r.CheckNoUnknownFields(); !known) {
        return known.error();
    }
    in.unit_code = std::move(*unit);
    in.title = std::move(*title);
    in.content = std::move(*content);
    in.sender_name = std::move(*name);
    in.sender_address = std::move(*address);
    in.sender_phone = std::move(*phone);
    in.sender_email = std::move(*email);
    in.under_complaint_or_court = complaint->value_or(false);
    in.reraises_code = std::move(*reraises);
    in.reraises_key = std::move(*reraises_key);
    if (officer) {
        auto parsed = fbk::ParseChannel(*channel);
        if (!parsed || *parsed == fbk::Channel::kOnline) {
            return base::InvalidArgument("'channel' phải là desk, post hoặc phone.");
        }
        in.channel = *parsed;
    }
    in.idempotency_key = std::string(req.Header("idempotency-key").value_or(""));
    return in;
}

Response ReceiptResponse(const base::Result<app::FeedbackReceipt>& receipt) {
    if (!receipt) {
        return Limited(receipt.error());
    }
    return NoStore(Json(receipt->created ? 201 : 200,
                        json::object{{"code", receipt->code},
                                     {"follow_key", receipt->follow_key},
                                     {"state", fbk::StateName(receipt->state)},
                                     {"created", receipt->created},
                                     {"follow", "/phan-anh-kien-nghi/theo-doi?ma=" + receipt->code +
                                                    "&khoa=" + receipt->follow_key}}));
}

base::Result<std::int64_t> ExpectedVersion(const Request& req, ObjectReader& r) {
    auto version = r.Integer("version", false);
    if (!version) {
        return std::move(version).error();
    }
    std::int64_t expected = version->value_or(0);
    auto if_match = IfMatchVersion(req, "phản ánh, kiến nghị");
    if (!if_match) {
        return std::move(if_match).error();
    }
    if (*if_match) {
        expected = **if_match;
    }
    return expected;
}

base::Result<app::FeedbackActionRequest> ActionFromJson(const Request& req) {
    auto object = ParseObject(req.body);
    if (!object) {
        return std::move(object).error();
    }
    ObjectReader r(*object);
    app::FeedbackActionRequest a;
    auto action = r.String("action", true, 32);
    auto subject = r.String("subject", false, 32);
    auto to_unit = r.String("to_unit", false, 64);
    auto text = r.String("text", false, 4 * app::kMaxFeedbackTextChars);
    for (const auto* s : {&action, &subject, &to_unit, &text}) {
        if (!*s) {
            return s->error();
        }
    }
    auto expected = ExpectedVersion(req, r);
    if (!expected) {
        return std::move(expected).error();
    }
    if (base::Status known = r.CheckNoUnknownFields(); !known) {
        return known.error();
    }
    auto kind = fbk::ParseAction(*action);
    if (!kind) {
        return base::InvalidArgument(
            "'action' phải là accept, refuse, request_supplement, supplement, forward, answer, "
            "publish hoặc withdraw.");
    }
    a.kind = *kind;
    if (!subject->empty()) {
        auto parsed = fbk::ParseSubject(*subject);
        if (!parsed) {
            return base::InvalidArgument("'subject' phải là regulation hoặc conduct.");
        }
        a.subject = *parsed;
    }
    a.to_unit_code = std::move(*to_unit);
    a.text = std::move(*text);
    a.expected_version = *expected;
    return a;
}

}  // namespace

void RegisterFeedbackRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    // Public intake: no account needed (anonymous; throttled per address).
    router.Add(Method::kPost, "/api/v1/feedback",
               [&ctx](const Request& req) -> Response {
                   if (base::Status json_body = RequireJson(req); !json_body) {
                       return Limited(json_body.error());
                   }
                   auto in = IntakeFromJson(req, false);
                   if (!in) {
                       return Limited(in.error());
                   }
                   return ReceiptResponse(app::SubmitFeedback(ctx, Anonymous(req), *in));
               },
               {"Gửi phản ánh, kiến nghị (công khai, không cần tài khoản; header Idempotency-Key; "
                "giới hạn số lần gửi theo địa chỉ); trả về mã và mã theo dõi",
                "public", R"({"$ref":"#/components/schemas/FeedbackIntake"})", ""});

    router.Add(Method::kPost, "/api/v1/feedback/intake",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto in = IntakeFromJson(req, true);
                             if (!in) {
                                 return Limited(in.error());
                             }
                             return ReceiptResponse(app::SubmitFeedback(ctx, actor, *in));
                         }),
               {"Nhập phản ánh, kiến nghị nhận tại quầy, qua bưu chính hoặc điện thoại "
                "(channel=desk|post|phone; công chức một cửa, kiểm soát TTHC của đơn vị)",
                "session+csrf", R"({"$ref":"#/components/schemas/FeedbackIntake"})", ""});

    router.Add(
        Method::kGet, "/api/v1/feedback/follow",
        [&ctx](const Request& req) -> Response {
            auto view = app::FollowFeedback(ctx, req.Query("code").value_or(""),
                                            req.Query("key").value_or(""), req.remote_ip);
            if (!view) {
                return Limited(view.error());
            }
            return NoStore(Json(200, FollowJson(*view)));
        },
        {"Theo dõi phản ánh, kiến nghị bằng mã (code) và mã theo dõi (key): tình trạng và câu "
         "trả lời đã công khai; giới hạn số lần sai",
         "public", "", ""});

    router.Add(
        Method::kPost, "/api/v1/feedback/follow",
        [&ctx](const Request& req) -> Response {
            if (base::Status json_body = RequireJson(req); !json_body) {
                return Limited(json_body.error());
            }
            auto object = ParseObject(req.body);
            if (!object) {
                return Limited(object.error());
            }
            ObjectReader r(*object);
            auto code = r.String("code", true, 64);
            auto key = r.String("key", true, 32);
            auto action = r.String("action", true, 32);
            auto text = r.String("text", false, 4 * app::kMaxFeedbackTextChars);
            for (const auto* s : {&code, &key, &action, &text}) {
                if (!*s) {
                    return Limited(s->error());
                }
            }
            auto satisfied = r.Boolean("satisfied", false);
            if (!satisfied) {
                return Limited(satisfied.error());
            }
            if (base::Status known = r.CheckNoUnknownFields(); !known) {
                return Limited(known.error());
            }
            if (*action == "rate") {  // indicator 5.3: the sender's rating of the answer
                if (!*satisfied) {
                    return Limited(base::InvalidArgument(
                        "Vui lòng cho biết có hài lòng với câu trả lời không ('satisfied')."));
                }
                auto rated =
                    app::RateFeedbackAnswer(ctx, Anonymous(req), *code, *key, **satisfied, *text);
                if (!rated) {
                    return Limited(rated.error());
                }
                return NoStore(Json(200, FollowJson(*rated)));
            }
            auto kind = fbk::ParseAction(*action);
            if (!kind) {
                return Limited(
                    base::InvalidArgument("'action' phải là supplement, withdraw hoặc rate."));
            }
            auto view = app::SenderAction(ctx, Anonymous(req), *code, *key, *kind, *text);
            if (!view) {
                return Limited(view.error());
            }
            return NoStore(Json(200, FollowJson(*view)));
        },
        {"Người gửi bổ sung (action=supplement, text), rút (action=withdraw) phản ánh, kiến "
         "nghị, hoặc đánh giá câu trả lời một lần (action=rate, satisfied, text) bằng mã và mã "
         "theo dõi",
         "public", "", ""});

    router.Add(
        Method::kPost, "/api/v1/feedback/{code}/attachments",
        [&ctx](const Request& req) -> Response {
            const std::string declared(req.Header("content-type").value_or(""));
            if (req.body.size() > app::kMaxFeedbackAttachmentBytes) {
                return http::ProblemResponse(http::HttpProblem::kPayloadTooLarge,
                                             "Tệp đính kèm lớn quá 5 MB.");
            }
            const app::UploadCheck check = app::CheckUpload(req.body, declared);
            if (check.problem) {
                if (*check.problem == app::UploadProblem::kEmpty) {
                    return Limited(base::InvalidArgument(check.message));
                }
                Response r;
                r.status = 415;
                r.content_type = std::string(http::kProblemContentType);
                r.body = json::serialize(json::object{
                    {"type", std::string(http::kProblemTypeBase) + "unsupported_media_type"},
                    {"title", "Kiểu tệp không được chấp nhận"},
                    {"status", 415},
                    {"detail", check.message}});
                return r;
            }
            app::FeedbackUpload up{std::string(req.Query("name").value_or("")), declared, req.body};
            auto a = app::AttachToFeedback(ctx, Anonymous(req), req.path_params.at("code"),
                                           req.Query("key").value_or(""), up);
            if (!a) {
                return Limited(a.error());
            }
            return NoStore(Json(201, AttachmentJson(*a)));
        },
        {"Đính kèm tệp vào phản ánh, kiến nghị (người gửi: key; thân yêu cầu là tệp PDF, PNG, "
         "JPEG, DOCX, XLSX; tối đa 3 tệp, mỗi tệp 5 MB)",
         "public", "", ""});
    router.SetBodyLimit(Method::kPost, "/api/v1/feedback/{code}/attachments",
                        app::kMaxFeedbackAttachmentBytes);

    router.Add(Method::kGet, "/api/v1/feedback/{code}/attachments/{position}",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto position = ParseId(req.path_params.at("position"));
                             const int index = position && *position <= app::kMaxFeedbackAttachments
                                                   ? static_cast<int>(*position) - 1
                                                   : -1;
                             auto file = app::DownloadFeedbackAttachment(
                                 ctx, actor, req.path_params.at("code"), index);
                             if (!file) {
                                 return Limited(file.error());
                             }
                             return Download(std::move(file->bytes), file->attachment.media_type,
                                             "dinh-kem-" + std::to_string(index + 1));
                         }),
               {"Tải tệp đính kèm của phản ánh, kiến nghị (vị trí 1..3; cán bộ xem được phản "
                "ánh)",
                "session", "", ""});

    router.Add(
        Method::kGet, "/api/v1/feedback/answers",
        [&ctx](const Request& req) -> Response {
            auto limit = ParseLimit(req);
            if (!limit) {
                return Limited(limit.error());
            }
            int offset = 0;
            if (auto o = req.Query("offset")) {
                if (*o != "0") {
                    auto parsed = ParseId(*o);
                    if (!parsed || *parsed > 100'000) {
                        return Limited(
                            base::InvalidArgument("Tham số 'offset' phải là số nguyên không âm."));
                    }
                    offset = static_cast<int>(*parsed);
                }
            }
            auto rows =
                app::ListPublishedAnswers(ctx, req.Query("unit").value_or(""), *limit, offset);
            if (!rows) {
                return Limited(rows.error());
            }
            json::array items;
            for (const auto& p : *rows) {
                items.push_back(PublicationJson(p));
            }
            return Json(200, json::object{{"items", std::move(items)}});
        },
        {"Các câu trả lời phản ánh, kiến nghị đã công khai (không có thông tin cá nhân); unit, "
         "limit, offset",
         "public", "", ""});

    router.Add(Method::kGet, "/api/v1/feedback",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             app::FeedbackListQuery q;
                             if (auto box = req.Query("box")) {
                                 auto parsed = app::ParseFeedbackBox(*box);
                                 if (!parsed) {
                                     return Limited(base::InvalidArgument(
                                         "'box' phải là open, due_soon, overdue hoặc all."));
                                 }
                                 q.box = *parsed;
                             }
                             if (auto state = req.Query("state")) {
                                 auto parsed = fbk::ParseState(*state);
                                 if (!parsed) {
                                     return Limited(base::InvalidArgument(
                                         "'state' không phải trạng thái phản ánh, kiến nghị."));
                                 }
                                 q.state = *parsed;
                                 if (q.box == app::FeedbackBox::kOpen) {
                                     q.box = app::FeedbackBox::kAll;
                                 }
                             }
                             auto limit = ParseLimit(req);
                             if (!limit) {
                                 return Limited(limit.error());
                             }
                             q.limit = *limit;
                             auto rows = app::ListFeedback(ctx, actor, q);
                             if (!rows) {
                                 return Limited(rows.error());
                             }
                             json::array items;
                             for (const auto& s : *rows) {
                                 items.push_back(SummaryJson(s));
                             }
                             return NoStore(Json(200, json::object{{"items", std::move(items)}}));
                         }),
               {"Phản ánh, kiến nghị trong phạm vi của cán bộ (box=open|due_soon|overdue|all, "
                "state, limit); overdue: danh sách nhắc việc và báo cáo lãnh đạo",
                "session", "", ""});

    router.Add(
        Method::kGet, "/api/v1/feedback/counts",
        WithActor(
            ctx, cache,
            [&ctx](const Request& req, const app::Actor& actor) -> Response {
                auto from = ParseDate(req.Query("from").value_or(""), "from");
                if (!from) {
                    return Limited(from.error());
                }
                auto to = ParseDate(req.Query("to").value_or(""), "to");
                if (!to) {
                    return Limited(to.error());
                }
                auto rep =
                    app::FeedbackCountsFor(ctx, actor, req.Query("unit").value_or(""), *from, *to);
                if (!rep) {
                    return Limited(rep.error());
                }
                json::object states;
                for (const auto& [s, n] : rep->by_state) {
                    states[fbk::StateName(s)] = n;
                }
                json::array units;
                for (const auto& [id, row] : rep->by_unit) {
                    json::object u = CountRowJson(row);
                    u["unit_id"] = id;
                    units.push_back(std::move(u));
                }
                const int considered = rep->total.Considered();
                return Json(
                    200,
                    json::object{
                        {"unit", req.Query("unit").value_or("")},
                        {"from", calendar::FormatIsoDate(rep->from)},
                        {"to", calendar::FormatIsoDate(rep->to)},
                        {"regulation", CountRowJson(rep->regulation)},
                        {"conduct", CountRowJson(rep->conduct)},
                        {"unclassified", CountRowJson(rep->unclassified)},
                        {"total", CountRowJson(rep->total)},
                        {"by_state", std::move(states)},
                        {"by_unit", std::move(units)},
                        {"indicator_5_2",
                         considered == 0 ? json::value(nullptr)
                                         : json::value(100.0 * rep->total.OnTime() / considered)},
                        {"indicator_5_3", rep->total.satisfaction_base == 0
                                              ? json::value(nullptr)
                                              : json::value(100.0 * rep->total.Satisfied() /
                                                            rep->total.satisfaction_base)}});
            }),
        {"Số liệu phản ánh, kiến nghị theo loại, trạng thái và đơn vị trong kỳ (unit, from, to; "
         "biểu mẫu Thông tư 01/2020, chỉ số 5.2)",
         "session", "", ""});

    router.Add(Method::kGet, "/api/v1/feedback/{code}",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto view = app::GetFeedback(ctx, actor, req.path_params.at("code"));
                             if (!view) {
                                 return Limited(view.error());
                             }
                             return WithETag(Json(200, ViewJson(*view)), view->record.version);
                         }),
               {"Phản ánh, kiến nghị với lịch sử, thời hạn và các thao tác được phép (cán bộ của "
                "đơn vị tiếp nhận, đơn vị xử lý, lãnh đạo)",
                "session", "", ""});

    router.Add(Method::kPost, "/api/v1/feedback/{code}/actions",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto request = ActionFromJson(req);
                             if (!request) {
                                 return Limited(request.error());
                             }
                             auto view = app::ActOnFeedback(ctx, actor, req.path_params.at("code"),
                                                            *request);
                             if (!view) {
                                 return Limited(view.error());
                             }
                             return WithETag(Json(200, ViewJson(*view)), view->record.version);
                         }),
               {"Xử lý phản ánh, kiến nghị (action=accept|refuse|request_supplement|supplement|"
                "forward|answer|publish|withdraw; subject, to_unit, text; version hoặc If-Match)",
                "session+csrf", R"({"$ref":"#/components/schemas/FeedbackAction"})", ""});
}

}  // namespace motcua::api
