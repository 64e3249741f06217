// Citizens' feedback and petitions (PAKN, issue #9; docs/feedback.md "Pages"):
//  - /phan-anh-kien-nghi: the public page — the submission form (no account needed), the follow
//    form and the published answers (redacted, no personal data);
//  - /phan-anh-kien-nghi/theo-doi: following one by its code and key;
//  - /pakn and /pakn/{code}: the officers' inbox by state with deadlines, and the feedback page
//    with one form per allowed action.
// Thin: decode, call app/feedback.hpp (which authorises), render.
#include <algorithm>
#include <cctype>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/spdlog.h>

#include "api/request_auth.hpp"
#include "app/auth.hpp"
#include "app/crypto.hpp"
#include "app/dossier_forms.hpp"
#include "app/feedback.hpp"
#include "app/organisation.hpp"
#include "http/multipart.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

namespace fbk = domain::feedback;
using http::Request;
using http::Response;

std::string When(const std::optional<std::chrono::sys_seconds>& t) {
    return t ? app::FormInstant(*t) : std::string();
}

std::string FollowPath(std::string_view code, std::string_view key) {
    return "/phan-anh-kien-nghi/theo-doi?ma=" + UrlEncode(code) + "&khoa=" + UrlEncode(key);
}

std::string ItemPath(std::string_view code) {
    return "/pakn/" + UrlEncode(code);
}

Data PublicationData(const store::feedback::Publication& p) {
    Data d;
    d.set("code", p.code);
    d.set("title", p.title);
    d.set("question", p.question);
    d.set("answer", p.answer);
    d.set("subject", std::string(fbk::SubjectLabel(p.subject)));
    d.set("unit", p.handling_unit_name);
    d.set("published_at", app::FormInstant(p.published_at));
    return d;
}

struct IntakeValues {
    std::string unit;
    std::string title;
    std::string content;
    std::string name;
    std::string address;
    std::string phone;
    std::string email;
    std::string reraises;  // "Mã phản ánh trước đây" and its follow key
    std::string reraises_key;
};

// ---- multipart/form-data (RFC 7578) for the public form with attachments

struct FilePart {
    std::string field;
    std::string file_name;
    std::string content_type;
    std::string_view bytes;  // into the request body
};

struct MultipartBody {
    std::string text_fields;  // the text parts re-encoded as application/x-www-form-urlencoded
    std::vector<FilePart> files;
};

// The form's text parts re-encoded as application/x-www-form-urlencoded (for the form reader),
// and its files; an empty file input (no name, no bytes) is skipped.
base::Result<MultipartBody> ReadMultipartForm(std::string_view content_type,
                                              std::string_view body) {
    auto parts = http::ParseMultipart(content_type, body);
    if (!parts) {
        return parts.error();
    }
    MultipartBody out;
    for (const http::FormPart& part : *parts) {
        if (part.file_name) {
            if (!part.file_name->empty() || !part.content.empty()) {
                out.files.push_back(
                    FilePart{part.name, *part.file_name, part.content_type, part.content});
            }
        } else {
            if (!out.text_fields.empty()) {
                out.text_fields += '&';
            }
            out.text_fields += UrlEncode(part.name) + "=" + UrlEncode(part.content);
        }
    }
    return out;
}

Response PublicPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                    const IntakeValues& values, const std::string& error) {
    app::AppContext& ctx = site.Context();
    const std::string unit_filter(req.Query("don-vi").value_or(""));
    Data data;
    DataList units;
    if (auto all = app::ListUnits(ctx)) {
        const std::string chosen = values.unit.empty() ? unit_filter : values.unit;
        for (const domain::Unit& u : *all) {
            if (u.valid_to || u.merged_into) {
                continue;
            }
            Data o;
            o.set("value", u.code);
            o.set("label", u.name);
            o.set("selected", u.code == chosen);
            units.push_back(o);
        }
    }
    data.set("units", units);
    data.set("title", values.title);
    data.set("content", values.content);
    data.set("sender_name", values.name);
    data.set("sender_address", values.address);
    data.set("sender_phone", values.phone);
    data.set("sender_email", values.email);
    data.set("reraises", values.reraises);
    data.set("reraises_key", values.reraises_key);
    data.set("max_attachments", std::to_string(app::kMaxFeedbackAttachments));
    data.set("max_content", std::to_string(app::kMaxFeedbackContentChars));
    data.set("idempotency", app::RandomCode(16));
    data.set("error", OptionalText(error));
    DataList answers;
    if (auto rows = app::ListPublishedAnswers(ctx, unit_filter, 20, 0)) {
        for (const auto& p : *rows) {
            answers.push_back(PublicationData(p));
        }
    }
    data.set("answers", answers);
    data.set("has_answers", !answers.empty());
    Chrome chrome = site.MakeChrome(req, actor, "Phản ánh, kiến nghị", Section::kHome);
    Response r = site.Page(status, "feedback_public", chrome, data);
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

Response PublicGet(const Site& site, const Request& req, const app::Actor& actor) {
    return PublicPage(site, req, actor, 200, {}, "");
}

// The submission, from the urlencoded form or the multipart one with its files (checked before
// anything is stored: a refused file brings the form back with the typed text kept).
Response PublicPost(const Site& site, const Request& req, const app::Actor& actor, const Form& form,
                    const std::vector<FilePart>& files) {
    IntakeValues v{form.Get("unit"),         form.Get("title"),          form.Get("content"),
                   form.Get("sender_name"),  form.Get("sender_address"), form.Get("sender_phone"),
                   form.Get("sender_email"), form.Get("reraises"),       form.Get("reraises_key")};
    std::vector<app::FeedbackUpload> uploads;
    for (const FilePart& f : files) {
        if (f.field != "attachments") {
            continue;
        }
        uploads.push_back(app::FeedbackUpload{f.file_name, f.content_type, f.bytes});
    }
    const std::string choose_again = " Các tệp cần được chọn lại.";
    if (uploads.size() > static_cast<std::size_t>(app::kMaxFeedbackAttachments)) {
        return PublicPage(site, req, actor, 422, v,
                          "Mỗi phản ánh, kiến nghị đính kèm tối đa " +
                              std::to_string(app::kMaxFeedbackAttachments) + " tệp." +
                              choose_again);
    }
    for (const app::FeedbackUpload& u : uploads) {
        if (auto type = app::CheckFeedbackUpload(u); !type) {
            const bool too_large = type.error().code == base::ErrorCode::kResourceExhausted;
            return PublicPage(site, req, actor, too_large ? 413 : 415, v,
                              Sentence(type.error().message) + choose_again);
        }
    }
    app::FeedbackIntake in;
    in.unit_code = v.unit;
    in.title = v.title;
    in.content = v.content;
    in.sender_name = v.name;
    in.sender_address = v.address;
    in.sender_phone = v.phone;
    in.sender_email = v.email;
    in.under_complaint_or_court = form.Get("under_complaint") == "1";
    in.idempotency_key = form.Get("_idempotency");
    in.reraises_code = v.reraises;
    in.reraises_key = v.reraises_key;
    in.attachments = std::move(uploads);
    auto receipt = app::SubmitFeedback(site.Context(), actor, in);
    if (!receipt) {
        const base::ErrorCode code = receipt.error().code;
        if (code != base::ErrorCode::kInvalidArgument &&
            code != base::ErrorCode::kResourceExhausted &&
            code != base::ErrorCode::kAlreadyExists) {
            return site.ForError(receipt.error(), req, actor);
        }
        return PublicPage(site, req, actor, code == base::ErrorCode::kResourceExhausted ? 429 : 400,
                          v,
                          Sentence(receipt.error().message) +
                              (in.attachments.empty() ? std::string() : choose_again));
    }
    return Redirect(FollowPath(receipt->code, receipt->follow_key) + "&moi=1");
}

Response FollowView(const Site& site, const Request& req, const app::Actor& actor,
                    const std::string& code, const std::string& key, int status,
                    const std::string& rating_error) {
    Data data;
    data.set("code", code);
    data.set("key", key);
    data.set("new", req.Query("moi").value_or("") == "1");
    data.set("rated", req.Query("da-danh-gia").value_or("") == "1");
    if (!code.empty() || !key.empty()) {
        auto view = app::FollowFeedback(site.Context(), code, key, req.remote_ip);
        if (!view) {
            status = view.error().code == base::ErrorCode::kResourceExhausted ? 429 : 404;
            data.set("error", Sentence(view.error().message));
        } else {
            Data found;
            found.set("code", view->code);
            found.set("title", view->title);
            found.set("state", std::string(fbk::StateLabel(view->state)));
            found.set("submitted_at", app::FormInstant(view->submitted_at));
            found.set("unit", view->handling_unit);
            found.set("note", OptionalText(view->note));
            if (view->publication) {
                found.set("answer", PublicationData(*view->publication));
            }
            // Indicator 5.3: the sender rates the answer once.
            found.set("may_rate", view->may_rate);
            found.set("rating_error", OptionalText(rating_error));
            if (view->rating) {
                Data rating;
                rating.set("satisfied", view->rating->satisfied);
                rating.set("comment", OptionalText(view->rating->comment));
                rating.set("rated_at", app::FormInstant(view->rating->at));
                found.set("rating", rating);
            }
            data.set("found", found);
        }
    }
    Chrome chrome = site.MakeChrome(req, actor, "Theo dõi phản ánh, kiến nghị", Section::kHome);
    Response r = site.Page(status, "feedback_follow", chrome, data);
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

Response FollowPage(const Site& site, const Request& req, const app::Actor& actor) {
    return FollowView(site, req, actor, std::string(req.Query("ma").value_or("")),
                      std::string(req.Query("khoa").value_or("")), 200, "");
}

// The sender's rating of the answer (Post/Redirect/Get; errors shown on the page).
Response RatePost(const Site& site, const Request& req, const app::Actor& actor, const Form& form) {
    const std::string code = form.Get("ma");
    const std::string key = form.Get("khoa");
    const std::string choice = form.Get("hai_long");
    if (choice != "1" && choice != "0") {
        return FollowView(site, req, actor, code, key, 400,
                          "Vui lòng chọn hài lòng hoặc không hài lòng.");
    }
    auto rated = app::RateFeedbackAnswer(site.Context(), actor, code, key, choice == "1",
                                         form.Get("y_kien"));
    if (!rated) {
        const base::ErrorCode c = rated.error().code;
        const int status =
            c == base::ErrorCode::kInvalidArgument     ? 400
            : c == base::ErrorCode::kResourceExhausted ? 429
            : c == base::ErrorCode::kNotFound          ? 404
            : c == base::ErrorCode::kFailedPrecondition || c == base::ErrorCode::kAlreadyExists
                ? 409
                : 0;
        if (status == 0) {
            return site.ForError(rated.error(), req, actor);
        }
        return FollowView(site, req, actor, code, key, status, Sentence(rated.error().message));
    }
    return Redirect(FollowPath(code, key) + "&da-danh-gia=1");
}

// ---- Officers

Data SummaryData(const app::FeedbackSummary& s) {
    Data d;
    d.set("code", s.code);
    d.set("href", ItemPath(s.code));
    d.set("title", s.title);
    d.set("state", std::string(fbk::StateLabel(s.state)));
    d.set("subject", std::string(fbk::SubjectLabel(s.subject)));
    d.set("unit", s.handling_unit);
    d.set("submitted_at", app::FormInstant(s.submitted_at));
    d.set("due_at", OptionalText(When(s.deadlines.due_at)));
    d.set("overdue", s.deadlines.overdue);
    d.set("due_soon", s.deadlines.due_soon);
    return d;
}

Response InboxPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    app::FeedbackListQuery q;
    const std::string box(req.Query("hop").value_or("open"));
    if (auto parsed = app::ParseFeedbackBox(box)) {
        q.box = *parsed;
    }
    if (auto state = req.Query("trang-thai")) {
        if (auto parsed = fbk::ParseState(*state)) {
            q.state = *parsed;
            q.box = app::FeedbackBox::kAll;
        }
    }
    auto rows = app::ListFeedback(site.Context(), actor, q);
    if (!rows) {
        return site.ForError(rows.error(), req, actor);
    }
    Data data;
    DataList tabs;
    for (const auto& [name, label] :
         {std::pair{"open", "Đang xử lý"}, std::pair{"due_soon", "Sắp đến hạn"},
          std::pair{"overdue", "Quá hạn"}, std::pair{"all", "Tất cả"}}) {
        Data t;
        t.set("href", std::string("/pakn?hop=") + name);
        t.set("label", std::string(label));
        t.set("current", !q.state && box == name);
        tabs.push_back(t);
    }
    data.set("tabs", tabs);
    DataList items;
    for (const auto& s : *rows) {
        items.push_back(SummaryData(s));
    }
    data.set("items", items);
    data.set("empty", items.empty());
    Chrome chrome = site.MakeChrome(req, actor, "Phản ánh, kiến nghị", Section::kDossiers);
    return site.Page(200, "feedback_inbox", chrome, data);
}

std::string_view ActionLabel(fbk::ActionKind k) {
    switch (k) {
        case fbk::ActionKind::kAccept:
            return "Tiếp nhận và phân loại";
        case fbk::ActionKind::kRefuse:
            return "Từ chối tiếp nhận";
        case fbk::ActionKind::kRequestSupplement:
            return "Yêu cầu bổ sung";
        case fbk::ActionKind::kSupplement:
            return "Ghi nhận bổ sung";
        case fbk::ActionKind::kForward:
            return "Chuyển đơn vị có thẩm quyền";
        case fbk::ActionKind::kAnswer:
            return "Trả lời";
        case fbk::ActionKind::kPublish:
            return "Công khai câu trả lời";
        case fbk::ActionKind::kWithdraw:
            return "Ghi nhận rút phản ánh";
    }
    return "";
}

Response ItemPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                  const std::string& error) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto view = app::GetFeedback(site.Context(), actor, req.path_params.at("code"));
    if (!view) {
        return site.ForError(view.error(), req, actor);
    }
    const store::feedback::Record& r = view->record;
    Data data;
    data.set("code", r.code);
    data.set("action_href", ItemPath(r.code));
    data.set("title", r.submission.title);
    data.set("content", r.submission.content);
    data.set("sender_name", OptionalText(r.submission.sender_name));
    data.set("sender_address", OptionalText(r.submission.sender_address));
    data.set("sender_phone", OptionalText(r.submission.sender_phone));
    data.set("sender_email", OptionalText(r.submission.sender_email));
    data.set("state", std::string(fbk::StateLabel(r.feedback.state)));
    data.set("subject", std::string(fbk::SubjectLabel(r.feedback.subject)));
    data.set("channel", std::string(fbk::ChannelName(r.feedback.channel)));
    data.set("receiving_unit", view->receiving_unit);
    data.set("handling_unit", view->handling_unit);
    data.set("submitted_at", app::FormInstant(r.feedback.submitted_at));
    data.set("refuse_by", OptionalText(When(view->deadlines.deadlines.refuse_by)));
    data.set("forward_by", OptionalText(When(view->deadlines.deadlines.forward_by)));
    data.set("answer_by", OptionalText(When(view->deadlines.deadlines.answer_by)));
    data.set("publish_by", OptionalText(When(view->deadlines.deadlines.publish_by)));
    data.set("overdue", view->deadlines.overdue);
    data.set("answer", OptionalText(r.answer));
    data.set("refusal_reason", OptionalText(r.refusal_reason));
    data.set("version", std::to_string(r.version));
    data.set("error", OptionalText(error));
    DataList unmet;
    for (const std::string& u : view->unmet_conditions) {
        Data d;
        d.set("text", u);
        unmet.push_back(d);
    }
    data.set("unmet", unmet);
    data.set("has_unmet", !unmet.empty());
    // The files attached by the sender: downloaded through the access-checked API route.
    DataList attachments;
    for (const store::feedback::Attachment& a : view->attachments) {
        Data d;
        d.set("file_name", a.file_name);
        d.set("media_type", a.media_type);
        d.set("size", GroupDigits(a.size) + " byte");
        d.set("href", "/api/v1/feedback/" + UrlEncode(r.code) + "/attachments/" +
                          std::to_string(a.position + 1));
        attachments.push_back(d);
    }
    data.set("attachments", attachments);
    data.set("has_attachments", !attachments.empty());
    DataList events;
    for (const auto& e : view->events) {
        Data d;
        d.set("at", app::FormInstant(e.at));
        d.set("action", e.action);
        d.set("actor", e.actor_name.empty() ? std::string("Người gửi") : e.actor_name);
        d.set("to_state", e.to_state);
        d.set("text", OptionalText(e.text));
        events.push_back(d);
    }
    data.set("events", events);
    DataList actions;
    for (fbk::ActionKind k : view->allowed) {
        Data a;
        a.set("name", std::string(fbk::ActionName(k)));
        a.set("label", std::string(ActionLabel(k)));
        a.set("needs_subject", k == fbk::ActionKind::kAccept);
        a.set("needs_unit", k == fbk::ActionKind::kForward);
        a.set("needs_text",
              k == fbk::ActionKind::kRefuse || k == fbk::ActionKind::kRequestSupplement ||
                  k == fbk::ActionKind::kAnswer || k == fbk::ActionKind::kForward ||
                  k == fbk::ActionKind::kSupplement || k == fbk::ActionKind::kWithdraw);
        a.set("text_required", k == fbk::ActionKind::kRefuse ||
                                   k == fbk::ActionKind::kRequestSupplement ||
                                   k == fbk::ActionKind::kAnswer);
        actions.push_back(a);
    }
    data.set("actions", actions);
    data.set("has_actions", !actions.empty());
    if (view->publication) {
        data.set("publication", PublicationData(*view->publication));
    }
    Chrome chrome =
        site.MakeChrome(req, actor, "Phản ánh, kiến nghị " + r.code, Section::kDossiers);
    FlashIfSaved(req, chrome);
    return site.Page(status, "feedback_item", chrome, data);
}

Response ItemGet(const Site& site, const Request& req, const app::Actor& actor) {
    return ItemPage(site, req, actor, 200, "");
}

Response ItemPost(const Site& site, const Request& req, const app::Actor& actor, const Form& form) {
    app::FeedbackActionRequest a;
    auto kind = fbk::ParseAction(form.Get("action"));
    if (!kind) {
        return ItemPage(site, req, actor, 400, "Thao tác không hợp lệ.");
    }
    a.kind = *kind;
    if (auto v = ParsePositive(form.Get("version"))) {
        a.expected_version = *v;
    }
    if (!form.Get("subject").empty()) {
        auto subject = fbk::ParseSubject(form.Get("subject"));
        if (!subject) {
            return ItemPage(site, req, actor, 400, "Loại phản ánh không hợp lệ.");
        }
        a.subject = *subject;
    }
    a.to_unit_code = form.Get("to_unit");
    a.text = form.Get("text");
    const std::string code = req.path_params.at("code");
    auto done = app::ActOnFeedback(site.Context(), actor, code, a);
    if (!done) {
        const base::ErrorCode c = done.error().code;
        if (c == base::ErrorCode::kInvalidArgument || c == base::ErrorCode::kFailedPrecondition ||
            c == base::ErrorCode::kAborted) {
            return ItemPage(site, req, actor, c == base::ErrorCode::kInvalidArgument ? 400 : 409,
                            Sentence(done.error().message));
        }
        return site.ForError(done.error(), req, actor);
    }
    return Redirect(ItemPath(code) + kSavedQuery);
}

// POST /phan-anh-kien-nghi: like AddForm (actor, CSRF, exceptions → the 500 page), but the body
// may also be multipart/form-data carrying the attachments; no account needed.
void AddIntakeForm(http::Router& router, const SitePtr& site) {
    constexpr std::string_view kPath = "/phan-anh-kien-nghi";
    router.Add(
        http::Method::kPost, kPath,
        [site](const Request& req) -> Response {
            app::Actor anonymous;
            try {
                auto actor = api::ResolveActor(site->Context(), req);
                if (!actor) {
                    return site->ForError(actor.error(), req, anonymous);
                }
                const std::string_view type = req.Header("content-type").value_or("");
                std::vector<FilePart> files;
                std::string fields;
                if (http::IsMultipartFormData(type)) {
                    auto body = ReadMultipartForm(type, req.body);
                    if (!body) {
                        return site->ErrorPage(400, req, *actor, "Biểu mẫu không hợp lệ",
                                               body.error().message);
                    }
                    files = std::move(body->files);
                    fields = std::move(body->text_fields);
                } else if (IsFormContentType(type)) {
                    fields = req.body;
                } else {
                    return site->ErrorPage(415, req, *actor, "Biểu mẫu không hợp lệ",
                                           "Biểu mẫu phải được gửi dạng "
                                           "application/x-www-form-urlencoded hoặc "
                                           "multipart/form-data.");
                }
                auto form = Form::Parse(fields);
                if (!form) {
                    return site->ErrorPage(400, req, *actor, "Biểu mẫu không hợp lệ",
                                           form.error().message);
                }
                if (const base::Status csrf = app::CheckCsrf(*actor, form->Get("_csrf")); !csrf) {
                    return site->ErrorPage(403, req, *actor, "Biểu mẫu đã hết hạn",
                                           csrf.error().message);
                }
                return PublicPost(*site, req, *actor, *form, files);
            } catch (const std::exception& e) {
                spdlog::error("web: POST {} threw: {}", req.path, e.what());
                return site->InternalErrorPage(req, anonymous);
            }
        },
        {"Gửi phản ánh, kiến nghị không cần tài khoản, kèm tệp (HTML)", "session+csrf", "", ""});
    // Up to one file more than allowed, each up to one byte over the limit, plus the text: so an
    // oversize or extra file is refused on the form (typed text kept), not by the server's 413.
    router.SetBodyLimit(
        http::Method::kPost, kPath,
        (app::kMaxFeedbackAttachments + 1) * (app::kMaxFeedbackAttachmentBytes + 1) +
            (std::size_t{1} << 20));
}

}  // namespace

void RegisterFeedbackPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/phan-anh-kien-nghi", PublicGet,
            "Gửi phản ánh, kiến nghị; tra cứu; các câu trả lời đã công khai (HTML)", "public");
    AddIntakeForm(router, site);
    AddPage(router, site, "/phan-anh-kien-nghi/theo-doi", FollowPage,
            "Theo dõi phản ánh, kiến nghị bằng mã và mã theo dõi (HTML)", "public");
    AddForm(router, site, "/phan-anh-kien-nghi/theo-doi", RatePost, Audience::kAnyone,
            "Người gửi đánh giá câu trả lời phản ánh, kiến nghị (HTML)");
    AddPage(router, site, "/pakn", InboxPage,
            "Phản ánh, kiến nghị theo trạng thái, thời hạn (cán bộ, HTML)", "session");
    AddPage(router, site, "/pakn/{code}", ItemGet,
            "Một phản ánh, kiến nghị với lịch sử và các thao tác (cán bộ, HTML)", "session");
    AddForm(router, site, "/pakn/{code}", ItemPost, Audience::kSignedIn,
            "Xử lý phản ánh, kiến nghị (cán bộ, HTML)");
}

}  // namespace motcua::web
