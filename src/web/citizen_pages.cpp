// The citizen portal (issue #5): sign-up and verification (/dang-ky…), the citizen's home
// (/cong-dan: dossiers, drafts, notifications) and the applicant's view of a dossier
// (/cong-dan/ho-so/{code}: state, facts, timeline, online supplement and withdrawal, links to the
// documents, payment and rating pages). The e-form and drafts are in citizen_eform_pages.cpp.
// Handlers decode, call one use case of src/app (which authorises) and render.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "api/request_auth.hpp"
#include "app/catalogue.hpp"
#include "app/citizens.hpp"
#include "app/dossiers.hpp"
#include "app/notify.hpp"
#include "app/organisation.hpp"
#include "text/unicode.hpp"
#include "web/citizen_views.hpp"
#include "web/dossier_views.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

using api::CheckSameOrigin;
using api::ClientOf;
using http::Request;
using http::Response;

constexpr int kMyDossiers = 50;
constexpr int kMyNotifications = 5;

std::string Trim(const Form& form, std::string_view name) {
    return text::TrimAndCollapseSpaces(form.Get(name));
}

// ---- sign-up --------------------------------------------------------------------------------

struct SignUpValues {
    std::string kind = "person";
    std::string name;
    std::string id_number;
    std::string email;
    std::string phone;
    std::string address;
    std::string verify_by = "email";
};

Response SignUpForm(const Site& site, const Request& req, const app::Actor& actor, int status,
                    const SignUpValues& v, const FormErrors& errors) {
    Data data;
    DataList kinds;
    kinds.push_back(Choice("kind-person", "person", "Cá nhân", v.kind != "organisation"));
    kinds.push_back(Choice("kind-organisation", "organisation", "Tổ chức, doanh nghiệp",
                           v.kind == "organisation"));
    data.set("kinds", kinds);
    data.set("name", FieldData({.name = "name",
                                .label = "Họ và tên (tên tổ chức)",
                                .value = v.name,
                                .autocomplete = "name",
                                .required = true},
                               errors));
    data.set("id_number",
             FieldData({.name = "id_number",
                        .label = "Số định danh cá nhân (mã số thuế)",
                        .value = v.id_number,
                        .hint = "Cá nhân: 12 chữ số trên căn cước. Tổ chức, doanh nghiệp: mã số "
                                "thuế 10 chữ số hoặc dạng 0123456789-001.",
                        .autocomplete = "off",
                        .required = true},
                       errors));
    data.set("email", FieldData({.name = "email",
                                 .label = "Thư điện tử",
                                 .type = "email",
                                 .value = v.email,
                                 .hint = "Dùng làm tên đăng nhập khi nhận mã qua thư điện tử.",
                                 .autocomplete = "email"},
                                errors));
    data.set("phone", FieldData({.name = "phone",
                                 .label = "Số điện thoại",
                                 .type = "tel",
                                 .value = v.phone,
                                 .hint = "Dùng làm tên đăng nhập khi nhận mã qua tin nhắn SMS.",
                                 .autocomplete = "tel"},
                                errors));
    data.set("address", FieldData({.name = "address",
                                   .label = "Địa chỉ",
                                   .value = v.address,
                                   .autocomplete = "street-address"},
                                  errors));
    data.set("password", FieldData({.name = "password",
                                    .label = "Mật khẩu",
                                    .type = "password",
                                    .hint = "Ít nhất 10 ký tự, không chỉ gồm chữ số.",
                                    .autocomplete = "new-password",
                                    .required = true},
                                   errors));
    data.set("password_confirm", FieldData({.name = "password_confirm",
                                            .label = "Nhập lại mật khẩu",
                                            .type = "password",
                                            .autocomplete = "new-password",
                                            .required = true},
                                           errors));
    DataList verify;
    verify.push_back(Choice("verify-email", "email", "Qua thư điện tử", v.verify_by != "sms"));
    verify.push_back(Choice("verify-sms", "sms", "Qua tin nhắn SMS", v.verify_by == "sms"));
    data.set("verify", verify);
    data.set("verify_error", OptionalText(errors.For("verify-email")));
    data.set("kind_error", OptionalText(errors.For("kind-person")));
    Chrome chrome = site.MakeChrome(req, actor, "Đăng ký tài khoản", Section::kNone);
    Response r = site.Page(status, "page_sign_up", chrome, WithErrors(std::move(data), errors));
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

Response SignUpPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (actor.SignedIn()) {
        return Redirect("/cong-dan");
    }
    return SignUpForm(site, req, actor, 200, SignUpValues(), FormErrors());
}

Response SignUpPost(const Site& site, const Request& req, const app::Actor& actor,
                    const Form& form) {
    if (const base::Status same = CheckSameOrigin(req); !same) {
        return site.ErrorPage(403, req, actor, "Không thể đăng ký", same.error().message);
    }
    SignUpValues v;
    v.kind = form.Get("kind");
    v.name = Trim(form, "name");
    v.id_number = Trim(form, "id_number");
    v.email = Trim(form, "email");
    v.phone = Trim(form, "phone");
    v.address = Trim(form, "address");
    v.verify_by = form.Get("verify_by");
    const std::string password = form.Get("password");
    FormErrors errors;
    if (v.kind != "person" && v.kind != "organisation") {
        errors.Add("kind-person", "Chọn cá nhân hoặc tổ chức, doanh nghiệp.");
    }
    if (v.name.empty()) {
        errors.Add("name", "Nhập họ và tên (tên tổ chức).");
    }
    if (v.id_number.empty()) {
        errors.Add("id_number", "Nhập số định danh cá nhân (mã số thuế).");
    }
    if (v.verify_by != "email" && v.verify_by != "sms") {
        errors.Add("verify-email", "Chọn nhận mã xác thực qua thư điện tử hoặc tin nhắn SMS.");
    } else if (v.verify_by == "email" && v.email.empty()) {
        errors.Add("email", "Nhập thư điện tử để nhận mã xác thực.");
    } else if (v.verify_by == "sms" && v.phone.empty()) {
        errors.Add("phone", "Nhập số điện thoại để nhận mã xác thực.");
    }
    if (password.empty()) {
        errors.Add("password", "Nhập mật khẩu.");
    } else if (password != form.Get("password_confirm")) {
        errors.Add("password_confirm", "Mật khẩu nhập lại không khớp.");
    }
    if (!errors.Empty()) {
        return SignUpForm(site, req, actor, 422, v, errors);
    }
    app::SignUpRequest request;
    request.kind = v.kind == "organisation" ? domain::ApplicantKind::kOrganisation
                                            : domain::ApplicantKind::kPerson;
    request.full_name = v.name;
    request.id_number = v.id_number;
    request.email = v.email;
    request.phone = v.phone;
    request.address = v.address;
    request.password = password;
    request.verify_by = v.verify_by;
    auto signed_up = app::SignUpCitizen(site.Context(), request, ClientOf(req));
    if (!signed_up) {
        const base::Error& error = signed_up.error();
        switch (error.code) {
            case base::ErrorCode::kInvalidArgument:
            case base::ErrorCode::kAlreadyExists:
                errors.Add(ApplicantFieldFor(error.message), Sentence(error.message));
                return SignUpForm(site, req, actor,
                                  error.code == base::ErrorCode::kAlreadyExists ? 409 : 422, v,
                                  errors);
            case base::ErrorCode::kResourceExhausted:
                errors.Add("", Sentence(error.message));
                return SignUpForm(site, req, actor, 429, v, errors);
            default:
                return site.ForError(error, req, actor);
        }
    }
    return Redirect("/dang-ky/xac-thuc?tai-khoan=" + UrlEncode(signed_up->username) +
                    "&gui=" + UrlEncode(v.verify_by));
}

// ---- verification ---------------------------------------------------------------------------

Response VerifyForm(const Site& site, const Request& req, const app::Actor& actor, int status,
                    const std::string& username, const FormErrors& errors, std::string flash) {
    Data data;
    data.set("username", FieldData({.name = "username",
                                    .label = "Tài khoản (thư điện tử hoặc số điện thoại)",
                                    .value = username,
                                    .autocomplete = "username",
                                    .required = true},
                                   errors));
    data.set("code", FieldData({.name = "code",
                                .label = "Mã xác thực",
                                .hint = "6 chữ số, có hiệu lực trong 15 phút.",
                                .autocomplete = "one-time-code",
                                .required = true},
                               errors));
    data.set("username_value", username);
    Chrome chrome = site.MakeChrome(req, actor, "Xác thực tài khoản", Section::kNone);
    chrome.flash = std::move(flash);
    Response r =
        site.Page(status, "page_sign_up_verify", chrome, WithErrors(std::move(data), errors));
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

Response VerifyPage(const Site& site, const Request& req, const app::Actor& actor) {
    std::string flash;
    const auto via = req.Query("gui");
    if (via == "email") {
        flash = "Đã tạo tài khoản. Mã xác thực gồm 6 chữ số đã được gửi tới thư điện tử của bạn.";
    } else if (via == "sms") {
        flash = "Đã tạo tài khoản. Mã xác thực gồm 6 chữ số đã được gửi tới số điện thoại của bạn.";
    } else if (req.Query("gui-lai") == "1") {
        flash =
            "Nếu tài khoản đang chờ xác thực, một mã mới đã được gửi. Mã cũ không còn dùng "
            "được.";
    }
    return VerifyForm(site, req, actor, 200,
                      text::TrimAndCollapseSpaces(req.Query("tai-khoan").value_or("")),
                      FormErrors(), std::move(flash));
}

Response VerifyPost(const Site& site, const Request& req, const app::Actor& actor,
                    const Form& form) {
    if (const base::Status same = CheckSameOrigin(req); !same) {
        return site.ErrorPage(403, req, actor, "Không thể xác thực", same.error().message);
    }
    const std::string username = Trim(form, "username");
    const std::string code = Trim(form, "code");
    FormErrors errors;
    if (username.empty()) {
        errors.Add("username", "Nhập thư điện tử hoặc số điện thoại đã đăng ký.");
    }
    if (code.empty()) {
        errors.Add("code", "Nhập mã xác thực.");
    }
    if (!errors.Empty()) {
        return VerifyForm(site, req, actor, 422, username, errors, "");
    }
    const base::Status verified = app::VerifyCitizen(site.Context(), username, code, ClientOf(req));
    if (!verified) {
        const base::Error& error = verified.error();
        if (error.code == base::ErrorCode::kInvalidArgument ||
            error.code == base::ErrorCode::kResourceExhausted) {
            errors.Add("code", Sentence(error.message));
            return VerifyForm(site, req, actor,
                              error.code == base::ErrorCode::kResourceExhausted ? 429 : 422,
                              username, errors, "");
        }
        return site.ForError(error, req, actor);
    }
    return Redirect("/dang-nhap?next=%2Fcong-dan%3Fkich-hoat%3D1&kich-hoat=1");
}

Response ResendPost(const Site& site, const Request& req, const app::Actor& actor,
                    const Form& form) {
    if (const base::Status same = CheckSameOrigin(req); !same) {
        return site.ErrorPage(403, req, actor, "Không thể gửi lại mã", same.error().message);
    }
    const std::string username = Trim(form, "username");
    FormErrors errors;
    if (username.empty()) {
        errors.Add("username", "Nhập thư điện tử hoặc số điện thoại đã đăng ký.");
        return VerifyForm(site, req, actor, 422, username, errors, "");
    }
    const base::Status sent = app::ResendVerification(site.Context(), username, ClientOf(req));
    if (!sent) {
        if (sent.error().code == base::ErrorCode::kResourceExhausted) {
            errors.Add("", Sentence(sent.error().message));
            return VerifyForm(site, req, actor, 429, username, errors, "");
        }
        return site.ForError(sent.error(), req, actor);
    }
    return Redirect("/dang-ky/xac-thuc?tai-khoan=" + UrlEncode(username) + "&gui-lai=1");
}

// ---- the citizen's home ---------------------------------------------------------------------

Response HomePage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto dossiers = app::MyDossiers(site.Context(), actor, kMyDossiers);
    if (!dossiers) {
        return site.ForError(dossiers.error(), req, actor);
    }
    auto drafts = app::ListDrafts(site.Context(), actor);
    if (!drafts) {
        return site.ForError(drafts.error(), req, actor);
    }
    auto notes = app::MyNotifications(site.Context(), actor, kMyNotifications);
    if (!notes) {
        return site.ForError(notes.error(), req, actor);
    }
    Data data;
    DataList rows;
    for (const store::dossiers::Summary& s : *dossiers) {
        rows.push_back(CitizenDossierRow(s));
    }
    data.set("dossiers", rows);
    data.set("has_dossiers", !rows.empty());
    DataList draft_rows;
    for (const store::citizens::Draft& d : *drafts) {
        Data row;
        auto procedure = app::GetProcedure(site.Context(), d.procedure_code);
        row.set("procedure_name", procedure ? procedure->name : d.procedure_code);
        row.set("procedure_code", d.procedure_code);
        row.set("updated", FormatDateTime(d.updated_at));
        row.set("href", "/cong-dan/nhap/" + std::to_string(d.id));
        draft_rows.push_back(row);
    }
    data.set("drafts", draft_rows);
    data.set("has_drafts", !draft_rows.empty());
    DataList note_rows;
    for (const store::outbox::Message& m : *notes) {
        Data row;
        row.set("time", FormatDateTime(m.created_at));
        row.set("subject", m.subject.empty() ? std::string("Thông báo") : m.subject);
        row.set("message", OptionalText(m.message));
        note_rows.push_back(row);
    }
    data.set("notifications", note_rows);
    data.set("has_notifications", !note_rows.empty());
    data.set("user_display_name", actor.user->display_name);
    data.set("citizen_nav", true);
    data.set("nav_home", true);
    Chrome chrome = site.MakeChrome(req, actor, "Hồ sơ của tôi", Section::kNone);
    if (req.Query("xoa-nhap") == "1") {
        chrome.flash = "Đã xóa bản nháp.";
    } else if (req.Query("kich-hoat") == "1") {
        chrome.flash =
            "Tài khoản đã được kích hoạt. Chào mừng bạn đến với dịch vụ công trực tuyến.";
    }
    Response r = site.Page(200, "page_citizen_home", chrome, data);
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

// ---- the applicant's view of a dossier ------------------------------------------------------

// The dossier `{code}` if the caller submitted it; kNotFound otherwise (also for staff, who use
// /ho-so/{code}), so that nobody learns whether someone else's code exists.
base::Result<app::DossierView> OwnDossier(const Site& site, const Request& req,
                                          const app::Actor& actor) {
    auto view = app::GetDossierByCode(site.Context(), actor, req.path_params.at("code"));
    if (!view && view.error().code == base::ErrorCode::kPermissionDenied) {
        // Someone else's dossier looks like no dossier at all (no existence leak).
        return base::NotFound("không có hồ sơ này trong danh sách hồ sơ của bạn");
    }
    if (!view) {
        return std::move(view).error();
    }
    // GetDossierByCode has authorised the caller; this page is only the applicant's view of it.
    if (view->dossier.citizen_user_id != actor.user->id) {
        return base::NotFound("không có hồ sơ này trong danh sách hồ sơ của bạn");
    }
    return view;
}

bool Allows(const app::DossierView& view, domain::ActionKind kind) {
    return std::find(view.allowed.begin(), view.allowed.end(), kind) != view.allowed.end();
}

struct DossierPosted {
    std::string form;  // "bo-sung", "rut": the form that failed
    std::string reason;
    std::vector<std::string> ticked;
};

Response DossierPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                     const app::DossierView& view, const FormErrors& errors,
                     const DossierPosted& posted, std::string flash) {
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    using S = domain::DossierState;
    const domain::Dossier& d = view.dossier;
    const std::string base = "/cong-dan/ho-so/" + UrlEncode(d.code);
    Data data;
    data.set("code", d.code);
    data.set("state_label", std::string(domain::DossierStateLabel(d.state)));
    data.set("state_tone", std::string(StateTone(d.state)));
    data.set("procedure_name", d.procedure_name);
    data.set("procedure_code", d.procedure_code);
    data.set("procedure_href", "/thu-tuc/" + UrlEncode(d.procedure_code));
    data.set("channel", std::string(domain::ChannelLabel(d.channel)));
    data.set("receiving_unit", UnitName(*units, d.receiving_unit_id));
    data.set("settling_unit", UnitName(*units, d.settling_unit_id));
    data.set("applicant_name", d.applicant.name);
    data.set("submitted_at", OptionalDateTime(d.submitted_at));
    data.set("received_at", OptionalDateTime(d.received_at));
    data.set("appointment_at", OptionalDateTime(d.appointment_at));
    data.set("returned_at", OptionalDateTime(d.returned_at));
    data.set("timing", d.timing == domain::Timing::kPending
                           ? Data(false)
                           : Data(std::string(domain::TimingLabel(d.timing))));
    data.set("fee", d.fee_amount > 0 ? Data(GroupDigits(d.fee_amount) + " đồng") : Data(false));
    const bool has_result = d.state == S::kResultReady || d.state == S::kReturned;
    data.set("result", OptionalText(has_result ? d.result_summary : std::string()));
    data.set("components", ComponentsData(d.components));
    data.set("has_components", !d.components.empty());
    data.set("timeline", CitizenTimelineData(view.events, *units));
    data.set("version", std::to_string(d.version));

    // Supplement: the reason and the missing components to tick as now supplied.
    Data supplement(false);
    if (Allows(view, domain::ActionKind::kSupplement)) {
        supplement = Data();
        supplement.set("action", base + "/bo-sung");
        supplement.set("reason", OptionalText(SupplementReason(d, view.events)));
        DataList items;
        for (size_t i = 0; i < d.components.size(); ++i) {
            if (d.components[i].provided) {
                continue;
            }
            const std::string value = std::to_string(i + 1);
            const bool checked =
                posted.form == "bo-sung" &&
                std::find(posted.ticked.begin(), posted.ticked.end(), value) != posted.ticked.end();
            items.push_back(Choice("bo-sung-" + value, value, d.components[i].name, checked));
        }
        supplement.set("items", items);
        supplement.set("has_items", !items.empty());
        supplement.set("error", OptionalText(errors.For("bo-sung-1")));
    }
    data.set("supplement", supplement);
    Data withdraw(false);
    if (Allows(view, domain::ActionKind::kWithdraw)) {
        withdraw = Data();
        withdraw.set("action", base + "/rut");
        withdraw.set("open", posted.form == "rut");
        withdraw.set("reason", FieldData({.name = "reason",
                                          .label = "Lý do rút hồ sơ",
                                          .value = posted.form == "rut" ? posted.reason : "",
                                          .required = true},
                                         errors));
    }
    data.set("withdraw", withdraw);

    // Links to the pages of the documents, payment and rating (engineers B, C, D).
    data.set("documents_href", "/ho-so/" + UrlEncode(d.code) + "/tai-lieu");
    data.set("payment_href", d.fee_amount > 0 ? Data(base + "/thanh-toan") : Data(false));
    data.set("rating_href", d.state == S::kReturned ? Data(base + "/danh-gia") : Data(false));
    data.set("citizen_nav", true);
    data.set("nav_home", true);
    Chrome chrome = site.MakeChrome(req, actor, "Hồ sơ " + d.code, Section::kNone);
    chrome.flash = std::move(flash);
    Response r =
        site.Page(status, "page_citizen_dossier", chrome, WithErrors(std::move(data), errors));
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

Response DossierGet(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto view = OwnDossier(site, req, actor);
    if (!view) {
        return site.ForError(view.error(), req, actor);
    }
    std::string flash;
    if (req.Query("nop") == "1") {
        flash = "Đã nộp hồ sơ " + view->dossier.code +
                ". Bộ phận Một cửa sẽ kiểm tra và thông báo kết quả cho bạn.";
    } else if (req.Query("bo-sung") == "1") {
        flash = "Đã gửi bổ sung hồ sơ. Bộ phận Một cửa sẽ kiểm tra lại.";
    } else if (req.Query("rut") == "1") {
        flash = "Đã rút hồ sơ.";
    }
    return DossierPage(site, req, actor, 200, *view, FormErrors(), DossierPosted(),
                       std::move(flash));
}

// Applies the applicant's action; failures come back on the page with the form kept.
Response ApplicantAction(const Site& site, const Request& req, const app::Actor& actor,
                         const Form& form, const app::DossierView& view, domain::Action action,
                         const DossierPosted& posted, const std::string& done_query) {
    FormErrors errors;
    const auto version = ParsePositive(form.Get("version"));
    if (!version) {
        errors.Add("", "Biểu mẫu thiếu phiên bản hồ sơ; hãy tải lại trang.");
        return DossierPage(site, req, actor, 422, view, errors, posted, "");
    }
    auto acted = app::ActOnDossier(site.Context(), actor, view.dossier.id,
                                   app::ActionRequest{std::move(action), *version});
    if (acted) {
        return Redirect("/cong-dan/ho-so/" + UrlEncode(view.dossier.code) + "?" + done_query);
    }
    const base::Error& error = acted.error();
    if (error.code == base::ErrorCode::kAborted) {
        // Someone acted first: show the dossier as it is now.
        auto now = OwnDossier(site, req, actor);
        if (!now) {
            return site.ForError(now.error(), req, actor);
        }
        errors.Add("", "Hồ sơ vừa được cập nhật. Hãy xem lại tình trạng mới nhất dưới đây.");
        return DossierPage(site, req, actor, 409, *now, errors, DossierPosted(), "");
    }
    if (!AddInputError(error, errors, "")) {
        return site.ForError(error, req, actor);
    }
    return DossierPage(site, req, actor, 422, view, errors, posted, "");
}

Response SupplementPost(const Site& site, const Request& req, const app::Actor& actor,
                        const Form& form) {
    auto view = OwnDossier(site, req, actor);
    if (!view) {
        return site.ForError(view.error(), req, actor);
    }
    DossierPosted posted{"bo-sung", "", form.All("component")};
    const domain::Dossier& d = view->dossier;
    bool all_ticked = true;
    for (size_t i = 0; i < d.components.size(); ++i) {
        if (!d.components[i].provided && std::find(posted.ticked.begin(), posted.ticked.end(),
                                                   std::to_string(i + 1)) == posted.ticked.end()) {
            all_ticked = false;
        }
    }
    if (!all_ticked) {
        FormErrors errors;
        errors.Add("bo-sung-1",
                   "Hãy đánh dấu tất cả thành phần còn thiếu sau khi đã bổ sung; hồ sơ chỉ được "
                   "gửi lại khi đủ.");
        return DossierPage(site, req, actor, 422, *view, errors, posted, "");
    }
    domain::Action action;
    action.kind = domain::ActionKind::kSupplement;
    action.components = d.components;
    for (domain::Component& c : action.components) {
        c.provided = true;
    }
    return ApplicantAction(site, req, actor, form, *view, std::move(action), posted, "bo-sung=1");
}

Response WithdrawPost(const Site& site, const Request& req, const app::Actor& actor,
                      const Form& form) {
    auto view = OwnDossier(site, req, actor);
    if (!view) {
        return site.ForError(view.error(), req, actor);
    }
    DossierPosted posted{"rut", Trim(form, "reason"), {}};
    if (posted.reason.empty()) {
        FormErrors errors;
        errors.Add("reason", "Nhập lý do rút hồ sơ.");
        return DossierPage(site, req, actor, 422, *view, errors, posted, "");
    }
    domain::Action action;
    action.kind = domain::ActionKind::kWithdraw;
    action.reason = posted.reason;
    return ApplicantAction(site, req, actor, form, *view, std::move(action), posted, "rut=1");
}

}  // namespace

void RegisterCitizenPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/dang-ky", SignUpPage, "Đăng ký tài khoản công dân, doanh nghiệp (HTML)",
            "public");
    AddForm(router, site, "/dang-ky", SignUpPost, Audience::kAnyone,
            "Đăng ký tài khoản (HTML) → xác thực");
    AddPage(router, site, "/dang-ky/xac-thuc", VerifyPage,
            "Nhập mã xác thực tài khoản (tai-khoan) (HTML)", "public");
    AddForm(router, site, "/dang-ky/xac-thuc", VerifyPost, Audience::kAnyone,
            "Xác thực tài khoản bằng mã 6 chữ số (HTML)");
    AddForm(router, site, "/dang-ky/gui-lai-ma", ResendPost, Audience::kAnyone,
            "Gửi lại mã xác thực (HTML)");
    AddPage(router, site, "/cong-dan", HomePage,
            "Trang của công dân: hồ sơ, bản nháp, thông báo (HTML)", "session");
    AddPage(router, site, "/cong-dan/ho-so/{code}", DossierGet,
            "Theo dõi hồ sơ của công dân (HTML)", "session");
    AddForm(router, site, "/cong-dan/ho-so/{code}/bo-sung", SupplementPost, Audience::kSignedIn,
            "Bổ sung hồ sơ trực tuyến (HTML)");
    AddForm(router, site, "/cong-dan/ho-so/{code}/rut", WithdrawPost, Audience::kSignedIn,
            "Rút hồ sơ (HTML)");
    RegisterCitizenEformPages(router, site);
}

}  // namespace motcua::web
