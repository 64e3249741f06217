// Impact assessment and review/simplification plans (issue #8, engineer G; docs/control.md
// "Pages"):
//  - /danh-gia-tac-dong: the impact assessments the actor covers and a form for a new one (the
//    questions of the form, the conclusions, the compliance-cost inputs);
//  - /danh-gia-tac-dong/{id}: one assessment — answers, conclusions, the cost with its
//    arithmetic step by step, the reviewer's opinion and one form per allowed step;
//  - /ra-soat-tthc: review and simplification plans with their totals and a form for a new plan
//    with its first procedure;
//  - /ra-soat-tthc/{id}: one plan — per procedure the changes, the cost before and after with
//    their arithmetic and the saving, the totals, a form to add a procedure, the approval and
//    implementation steps and the DOCX/XLSX exports (through the API).
// Thin: decode the form into the API's JSON, call app/ (which authorises), render. PRG.
#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/impact_assessments.hpp"
#include "app/review_plans.hpp"
#include "calendar/civil_date.hpp"
#include "domain/compliance_cost.hpp"
#include "web/forms.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"
#include "web/views.hpp"

namespace motcua::web {

namespace {

namespace json = boost::json;
namespace scm = domain::compliance_cost;
using http::Request;
using http::Response;

constexpr std::string_view kAssessments = "/danh-gia-tac-dong";
constexpr std::string_view kPlans = "/ra-soat-tthc";

std::string Dmy(std::optional<std::chrono::sys_days> d) {
    return d ? FormatDate(*d) : std::string{};
}

std::string Dong(std::int64_t v) {
    return scm::FormatDong(v) + " đồng";
}

std::string Trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    const auto e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// A number typed in a form: digits, Vietnamese thousands dots stripped for money ("200.000");
// "" → absent. Returns the JSON value or an error message.
base::Result<json::value> MoneyField(const std::string& raw, std::string_view label) {
    std::string s;
    for (char c : Trim(raw)) {
        if (c != '.' && c != ' ') s.push_back(c);
    }
    if (s.empty()) return json::value(nullptr);
    std::int64_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) {
        return base::InvalidArgument(std::string(label) + " phải là số nguyên (đồng).");
    }
    return json::value(v);
}

// "1,5" or "1.5" → 1.5.
base::Result<json::value> DecimalField(const std::string& raw, std::string_view label) {
    std::string s = Trim(raw);
    for (char& c : s) {
        if (c == ',') c = '.';
    }
    if (s.empty()) return json::value(nullptr);
    std::error_code ec;
    json::value v = json::parse(s, ec);
    if (ec || !v.is_number()) {
        return base::InvalidArgument(std::string(label) + " phải là một số.");
    }
    return v;
}

// The cost fields prefixed by `p` ("", "before_", "after_") as the API's cost object.
// Activities: one per line "Tên hoạt động | số giờ".
base::Result<json::object> CostFrom(const Form& form, const std::string& p,
                                    const std::string& subjects_field = "") {
    json::object cost;
    struct Money {
        std::string_view name;
        std::string_view label;
    };
    for (const Money& m :
         {Money{"daily_income", "Thu nhập bình quân một ngày làm việc"},
          Money{"hourly_income", "Thu nhập theo giờ"}, Money{"outsourced", "Chi phí thuê ngoài"},
          Money{"fees", "Phí, lệ phí"}, Money{"other", "Chi phí khác"},
          Money{"subjects", "Số đối tượng tuân thủ"}}) {
        const std::string field = m.name == "subjects" && !subjects_field.empty()
                                      ? subjects_field
                                      : p + std::string(m.name);
        auto v = MoneyField(form.Get(field), m.label);
        if (!v) return std::move(v).error();
        if (!v->is_null()) cost[m.name] = *v;
    }
    if (cost.contains("daily_income")) cost.erase("hourly_income");
    auto freq = DecimalField(form.Get(p + "frequency"), "Tần suất (lần/năm)");
    if (!freq) return std::move(freq).error();
    if (!freq->is_null()) cost["frequency"] = *freq;
    json::array acts;
    const std::string text = form.Get(p + "activities");
    std::size_t start = 0;
    int line_no = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string line =
            Trim(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        start = end == std::string::npos ? text.size() + 1 : end + 1;
        ++line_no;
        if (line.empty()) continue;
        const std::size_t bar = line.rfind('|');
        if (bar == std::string::npos) {
            return base::InvalidArgument("Dòng " + std::to_string(line_no) +
                                         " của danh sách hoạt động cần dạng «Tên | số giờ».");
        }
        std::string amount = Trim(line.substr(bar + 1));
        const std::string label = "Số giờ ở dòng " + std::to_string(line_no);
        if (constexpr std::string_view kMinutes = "phút"; amount.ends_with(kMinutes)) {
            auto minutes = MoneyField(amount.substr(0, amount.size() - kMinutes.size()),
                                      "Số phút ở dòng " + std::to_string(line_no));
            if (!minutes) return std::move(minutes).error();
            acts.push_back(
                json::object{{"name", Trim(line.substr(0, bar))}, {"minutes", *minutes}});
            continue;
        }
        auto hours = DecimalField(amount, label);
        if (!hours) return std::move(hours).error();
        acts.push_back(json::object{{"name", Trim(line.substr(0, bar))}, {"hours", *hours}});
    }
    cost["activities"] = std::move(acts);
    cost["note"] = form.Get(p + "note");
    return cost;
}

DataList StepsData(const app::CostSheet& s) {
    DataList out;
    for (const std::string& step : s.cost.steps) {
        Data d;
        d.set("text", step);
        out.push_back(d);
    }
    return out;
}

Data CostData(const app::CostSheet& s) {
    Data d;
    d.set("steps", StepsData(s));
    d.set("per_event", Dong(s.cost.per_event));
    d.set("annual", Dong(s.cost.annual));
    d.set("note", OptionalText(s.note));
    return d;
}

// Hours of an activity as typed in the form: "8", "0,5", "1,25"; minutes that are not a whole
// hundredth of an hour as "20 phút".
std::string HoursText(std::int64_t minutes) {
    if (minutes % 60 == 0) return std::to_string(minutes / 60);
    if ((minutes * 100) % 60 != 0) return std::to_string(minutes) + " phút";
    const std::int64_t hundredths = minutes * 100 / 60;
    std::string frac = std::to_string(hundredths % 100);
    if (frac.size() < 2) frac.insert(0, "0");
    if (frac.back() == '0') frac.pop_back();
    return std::to_string(hundredths / 100) + "," + frac;
}

// A stored sheet as the form's encoded fields (prefix `p`; the count of subjects under
// `subjects_name`), so an edit form starts from what is stored.
std::string EncodeCost(const app::CostSheet& s, const std::string& p,
                       const std::string& subjects_name) {
    std::string out;
    auto put = [&out](const std::string& name, const std::string& value) {
        out += "&" + UrlEncode(name) + "=" + UrlEncode(value);
    };
    if (s.daily_income) {
        put(p + "daily_income", scm::FormatDong(*s.daily_income));
    } else {
        put(p + "hourly_income", scm::FormatDong(s.inputs.hourly_income));
    }
    std::string acts;
    for (const scm::Activity& a : s.inputs.activities) {
        std::string name = a.name;
        std::replace(name.begin(), name.end(), '\n', ' ');
        acts += name + " | " + HoursText(a.minutes) + "\n";
    }
    put(p + "activities", acts);
    for (auto [name, value] :
         {std::pair{"outsourced", s.inputs.outsourced}, std::pair{"fees", s.inputs.fees},
          std::pair{"other", s.inputs.other}}) {
        put(p + name, value != 0 ? scm::FormatDong(value) : std::string());
    }
    put(subjects_name, scm::FormatDong(s.inputs.subjects));
    std::string freq = std::to_string(s.inputs.frequency_milli / 1000);
    if (const std::int64_t milli = s.inputs.frequency_milli % 1000; milli != 0) {
        std::string frac = std::to_string(milli + 1000).substr(1);
        while (frac.back() == '0') frac.pop_back();
        freq += "," + frac;
    }
    put(p + "frequency", freq);
    put(p + "note", s.note);
    return out;
}

// The values of a form fieldset of cost inputs (web/templates/part_cost_fields.mustache).
Data CostFieldsData(const std::string& idp, const std::string& p, const std::string& legend,
                    const std::string& subjects_name, const Form* form) {
    Data d;
    d.set("idp", idp);
    d.set("p", p);
    d.set("legend", legend);
    d.set("subjects_name", subjects_name);
    for (std::string_view f : {"daily_income", "hourly_income", "activities", "outsourced", "fees",
                               "other", "frequency", "note"}) {
        d.set(std::string(f), form ? form->Get(p + std::string(f)) : std::string());
    }
    d.set("subjects", form ? form->Get(subjects_name) : std::string());
    return d;
}

// ---- /danh-gia-tac-dong ------------------------------------------------------------------------

DataList QuestionsData(const Form* form) {
    DataList out;
    std::string group;
    for (const app::AssessmentQuestion& q : app::AssessmentQuestions()) {
        Data d;
        d.set("key", std::string(q.key));
        d.set("id",
              "q-" + std::string(q.key.substr(q.key.find('.') + 1)) + "-" + std::string(q.group));
        d.set("text", std::string(q.text));
        d.set("group_heading",
              OptionalText(q.group != group ? std::string(app::AssessmentGroupLabel(q.group))
                                            : std::string()));
        group = std::string(q.group);
        const std::string answer = form ? form->Get("answer." + std::string(q.key)) : "";
        d.set("yes", answer == "yes");
        d.set("no", answer == "no");
        d.set("note", form ? form->Get("note." + std::string(q.key)) : std::string());
        out.push_back(d);
    }
    return out;
}

// The form's fields but the unit (web/templates/part_assessment_fields.mustache), from `form`
// (what was typed, or the stored assessment encoded as a form).
void SetAssessmentFields(Data& data, const Form* form) {
    data.set("questions", QuestionsData(form));
    for (std::string_view f :
         {"draft_name", "draft_number", "procedure_name", "procedure_field", "subjects",
          "frequency_text", "necessity", "reasonableness", "legality", "overall"}) {
        data.set("v_" + std::string(f), form ? form->Get(f) : std::string());
    }
    data.set("cost_fields", CostFieldsData("ia", "", "Chi phí tuân thủ (phương pháp chi phí chuẩn)",
                                           "subjects_count", form));
}

// A stored assessment as the edit form's encoded fields.
std::string EncodeAssessment(const app::ImpactAssessmentView& v) {
    const auto& a = v.record;
    std::string out = "version=" + std::to_string(a.version);
    auto put = [&out](std::string_view name, const std::string& value) {
        out += "&" + UrlEncode(name) + "=" + UrlEncode(value);
    };
    put("draft_name", a.draft_name);
    put("draft_number", a.draft_number);
    put("procedure_name", a.procedure_name);
    put("procedure_field", a.procedure_field);
    put("subjects", a.subjects);
    put("frequency_text", a.frequency);
    for (const app::AssessmentAnswer& q : v.answers) {
        put("answer." + q.key, q.answer);
        put("note." + q.key, q.note);
    }
    put("necessity", v.conclusion_necessity);
    put("reasonableness", v.conclusion_reasonableness);
    put("legality", v.conclusion_legality);
    put("overall", v.conclusion_overall);
    return out + EncodeCost(v.cost, "", "subjects_count");
}

// The API's body from the form's fields (all but the unit and the version).
base::Result<json::object> AssessmentBody(const Form& form) {
    json::object answers;
    for (const app::AssessmentQuestion& q : app::AssessmentQuestions()) {
        const std::string a = form.Get("answer." + std::string(q.key));
        const std::string n = form.Get("note." + std::string(q.key));
        if (!a.empty() || !n.empty()) {
            answers[q.key] = json::object{{"answer", a}, {"note", n}};
        }
    }
    // The form names the count of subjects "subjects_count" (the text "subjects" describes them).
    auto cost = CostFrom(form, "", "subjects_count");
    if (!cost) return std::move(cost).error();
    return json::object{{"draft_name", form.Get("draft_name")},
                        {"draft_number", form.Get("draft_number")},
                        {"procedure", json::object{{"name", form.Get("procedure_name")},
                                                   {"field", form.Get("procedure_field")},
                                                   {"subjects", form.Get("subjects")},
                                                   {"frequency", form.Get("frequency_text")}}},
                        {"answers", std::move(answers)},
                        {"conclusions", json::object{{"necessity", form.Get("necessity")},
                                                     {"reasonableness", form.Get("reasonableness")},
                                                     {"legality", form.Get("legality")},
                                                     {"overall", form.Get("overall")}}},
                        {"cost", std::move(*cost)}};
}

Response AssessmentList(const Site& site, const Request& req, const app::Actor& actor, int status,
                        const Form* form, const std::string& error) {
    if (!actor.SignedIn()) return site.SignInRedirect(req);
    auto list = app::ListImpactAssessments(site.Context(), actor);
    if (!list) return site.ForError(list.error(), req, actor);
    DataList rows;
    for (const app::ImpactAssessmentView& v : *list) {
        Data d;
        d.set("href", std::string(kAssessments) + "/" + std::to_string(v.record.id));
        d.set("procedure", v.record.procedure_name);
        d.set("draft", v.record.draft_name);
        d.set("unit", v.unit.name);
        d.set("state", std::string(app::AssessmentStateLabel(v.record.state)));
        d.set("per_event", Dong(v.cost.cost.per_event));
        d.set("annual", Dong(v.cost.cost.annual));
        rows.push_back(d);
    }
    Data data;
    data.set("items", rows);
    data.set("has_items", !rows.empty());
    data.set("error", OptionalText(error));
    data.set("with_unit", true);
    data.set("v_unit", form ? form->Get("unit") : std::string());
    SetAssessmentFields(data, form);
    if (!form) {
        Data cost = CostFieldsData("ia", "", "Chi phí tuân thủ (phương pháp chi phí chuẩn)",
                                   "subjects_count", nullptr);
        cost.set("frequency", std::string("1"));
        data.set("cost_fields", cost);
    }
    Chrome chrome = site.MakeChrome(req, actor, "Đánh giá tác động TTHC", Section::kDossiers);
    FlashIfSaved(req, chrome);
    return site.Page(status, "impact_assessments", chrome, data);
}

Response AssessmentListGet(const Site& site, const Request& req, const app::Actor& actor) {
    return AssessmentList(site, req, actor, 200, nullptr, "");
}

Response AssessmentCreatePost(const Site& site, const Request& req, const app::Actor& actor,
                              const Form& form) {
    auto body = AssessmentBody(form);
    if (!body) return AssessmentList(site, req, actor, 422, &form, Sentence(body.error().message));
    (*body)["unit"] = form.Get("unit");
    auto created = app::CreateImpactAssessment(site.Context(), actor, json::serialize(*body));
    if (!created) {
        if (const int status = InputStatus(created.error()); status != 0) {
            return AssessmentList(site, req, actor, status, &form,
                                  Sentence(created.error().message));
        }
        return site.ForError(created.error(), req, actor);
    }
    return Redirect(std::string(kAssessments) + "/" + std::to_string(created->record.id) +
                    kSavedQuery);
}

std::string_view ActionLabel(std::string_view a) {
    if (a == "submit") return "Gửi thẩm định";
    if (a == "return") return "Trả lại để sửa";
    if (a == "review") return "Ghi ý kiến thẩm định";
    if (a == "finish") return "Hoàn thành";
    if (a == "approve") return "Phê duyệt";
    if (a == "implement") return "Ghi nhận đã thực thi";
    return a;
}

Response AssessmentItem(const Site& site, const Request& req, const app::Actor& actor, int status,
                        const std::string& error, const Form* edit = nullptr) {
    if (!actor.SignedIn()) return site.SignInRedirect(req);
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                              "Không có bản đánh giá tác động này.");
    }
    auto v = app::GetImpactAssessment(site.Context(), actor, *id);
    if (!v) return site.ForError(v.error(), req, actor);
    const auto& a = v->record;
    Data data;
    data.set("action_href", std::string(kAssessments) + "/" + std::to_string(a.id));
    data.set("pdf_href",
             "/api/v1/impact-assessments/" + std::to_string(a.id) + "/export?format=pdf");
    data.set("docx_href",
             "/api/v1/impact-assessments/" + std::to_string(a.id) + "/export?format=docx");
    data.set("draft_name", a.draft_name);
    data.set("draft_number", OptionalText(a.draft_number));
    data.set("unit", v->unit.name);
    data.set("procedure_name", a.procedure_name);
    data.set("procedure_field", OptionalText(a.procedure_field));
    data.set("subjects", OptionalText(a.subjects));
    data.set("frequency", OptionalText(a.frequency));
    data.set("state", std::string(app::AssessmentStateLabel(a.state)));
    data.set("version", std::to_string(a.version));
    data.set("opinion", OptionalText(a.reviewer_opinion));
    data.set("error", OptionalText(error));
    DataList answers;
    std::string group;
    for (const app::AssessmentAnswer& q : v->answers) {
        Data d;
        d.set("group_heading",
              OptionalText(q.group != group ? std::string(app::AssessmentGroupLabel(q.group))
                                            : std::string()));
        group = q.group;
        d.set("question", q.question);
        d.set("answer", q.answer == "yes"  ? std::string("Có")
                        : q.answer == "no" ? std::string("Không")
                                           : std::string("Chưa trả lời"));
        d.set("note", OptionalText(q.note));
        answers.push_back(d);
    }
    data.set("answers", answers);
    DataList conclusions;
    for (auto [label, text] : {std::pair{"Sự cần thiết", &v->conclusion_necessity},
                               std::pair{"Tính hợp lý", &v->conclusion_reasonableness},
                               std::pair{"Tính hợp pháp", &v->conclusion_legality},
                               std::pair{"Kết luận chung", &v->conclusion_overall}}) {
        if (text->empty()) continue;
        Data d;
        d.set("label", std::string(label));
        d.set("text", *text);
        conclusions.push_back(d);
    }
    data.set("conclusions", conclusions);
    data.set("has_conclusions", !conclusions.empty());
    data.set("cost", CostData(v->cost));
    DataList actions;
    bool may_edit = false;
    for (const std::string& act : v->actions) {
        if (act == "edit") {
            may_edit = true;
            continue;
        }
        Data d;
        d.set("name", act);
        d.set("label", std::string(ActionLabel(act)));
        d.set("needs_opinion", act == "review" || act == "return");
        actions.push_back(d);
    }
    data.set("actions", actions);
    data.set("has_actions", !actions.empty());
    data.set("may_edit", may_edit);
    data.set("edit_href", std::string(kAssessments) + "/" + std::to_string(a.id) + "/sua");
    data.set("edit_open", edit != nullptr);
    if (may_edit) {
        // Refused input comes back as typed; otherwise the form starts from what is stored.
        std::optional<Form> stored;
        if (!edit) {
            auto parsed = Form::Parse(EncodeAssessment(*v));
            if (!parsed) return site.ForError(parsed.error(), req, actor);
            stored = std::move(*parsed);
        }
        SetAssessmentFields(data, edit ? edit : &*stored);
        data.set("edit_version", edit ? edit->Get("version") : std::to_string(a.version));
    }
    Chrome chrome =
        site.MakeChrome(req, actor, "Đánh giá tác động: " + a.procedure_name, Section::kDossiers);
    FlashIfSaved(req, chrome);
    return site.Page(status, "impact_assessment", chrome, data);
}

Response AssessmentItemGet(const Site& site, const Request& req, const app::Actor& actor) {
    return AssessmentItem(site, req, actor, 200, "");
}

Response AssessmentActPost(const Site& site, const Request& req, const app::Actor& actor,
                           const Form& form) {
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                              "Không có bản đánh giá tác động này.");
    }
    json::object body{{"action", form.Get("action")}, {"opinion", form.Get("opinion")}};
    if (auto v = ParsePositive(form.Get("version"))) body["version"] = *v;
    auto done = app::ActOnImpactAssessment(site.Context(), actor, *id, json::serialize(body));
    if (!done) {
        if (const int status = InputStatus(done.error()); status != 0) {
            return AssessmentItem(site, req, actor, status, Sentence(done.error().message));
        }
        return site.ForError(done.error(), req, actor);
    }
    return Redirect(std::string(kAssessments) + "/" + std::to_string(*id) + kSavedQuery);
}

// Saves the edited form of a draft assessment under the version it was shown with.
Response AssessmentEditPost(const Site& site, const Request& req, const app::Actor& actor,
                            const Form& form) {
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                              "Không có bản đánh giá tác động này.");
    }
    auto body = AssessmentBody(form);
    if (!body) {
        return AssessmentItem(site, req, actor, 422, Sentence(body.error().message), &form);
    }
    if (auto v = ParsePositive(form.Get("version"))) (*body)["version"] = *v;
    auto done = app::UpdateImpactAssessment(site.Context(), actor, *id, json::serialize(*body));
    if (!done) {
        if (const int status = InputStatus(done.error()); status != 0) {
            return AssessmentItem(site, req, actor, status, Sentence(done.error().message), &form);
        }
        return site.ForError(done.error(), req, actor);
    }
    return Redirect(std::string(kAssessments) + "/" + std::to_string(*id) + kSavedQuery);
}

// ---- /ra-soat-tthc -----------------------------------------------------------------------------

// The API's item object from the item fields of a form.
base::Result<json::object> ItemFrom(const Form& form) {
    json::object changes{{"text", form.Get("change_text")},
                         {"online_level", form.Get("online_level")}};
    for (std::string_view f : {"documents_cut", "days_cut", "fee_change"}) {
        const std::string raw = Trim(form.Get(f));
        if (raw.empty()) continue;
        std::int64_t v = 0;
        const auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
        if (ec != std::errc{} || p != raw.data() + raw.size()) {
            return base::InvalidArgument("Số cắt giảm (hồ sơ, ngày, phí) phải là số nguyên.");
        }
        changes[f] = v;
    }
    auto before = CostFrom(form, "before_");
    if (!before) return std::move(before).error();
    auto after = CostFrom(form, "after_");
    if (!after) return std::move(after).error();
    return json::object{{"procedure_code", Trim(form.Get("procedure_code"))},
                        {"changes", std::move(changes)},
                        {"reason", form.Get("reason")},
                        {"cost_before", std::move(*before)},
                        {"cost_after", std::move(*after)}};
}

// The item fields of a form (web/templates/part_review_item_fields.mustache): `idp` prefixes the
// input ids; `code_fixed` keeps the procedure code hidden (editing an item of the plan).
Data ItemFormData(const std::string& idp, bool code_fixed, const Form* form) {
    Data d;
    d.set("idp", idp);
    d.set("code_fixed", code_fixed);
    for (std::string_view f :
         {"procedure_code", "change_text", "documents_cut", "days_cut", "fee_change", "reason"}) {
        d.set(std::string(f), form ? form->Get(f) : std::string());
    }
    const std::string online = form ? form->Get("online_level") : std::string();
    d.set("online_partial", online == "partial");
    d.set("online_full", online == "full");
    d.set("before",
          CostFieldsData(idp + "-cb", "before_", "Chi phí tuân thủ trước khi đơn giản hóa",
                         "before_subjects", form));
    d.set("after", CostFieldsData(idp + "-ca", "after_", "Chi phí tuân thủ sau khi đơn giản hóa",
                                  "after_subjects", form));
    return d;
}

// A stored item as the edit form's encoded fields.
std::string EncodeItem(const app::ReviewItemView& i) {
    const app::ReviewChanges& c = i.changes;
    std::string out = "procedure_code=" + UrlEncode(i.item.procedure_code);
    auto put = [&out](std::string_view name, const std::string& value) {
        out += "&" + UrlEncode(name) + "=" + UrlEncode(value);
    };
    put("change_text", c.text);
    put("online_level", c.online_level);
    for (auto [name, value] :
         {std::pair{"documents_cut", c.documents_cut}, std::pair{"days_cut", c.days_cut},
          std::pair{"fee_change", c.fee_change}}) {
        put(name, value != 0 ? std::to_string(value) : std::string());
    }
    put("reason", i.item.reason);
    return out + EncodeCost(i.before, "before_", "before_subjects") +
           EncodeCost(i.after, "after_", "after_subjects");
}

// A stored item as the API's item object (to send the plan's items back unchanged).
json::object StoredItemJson(const app::ReviewItemView& i) {
    std::error_code ec;
    return json::object{{"procedure_code", i.item.procedure_code},
                        {"changes", json::parse(i.item.changes_json, ec)},
                        {"reason", i.item.reason},
                        {"cost_before", json::parse(i.before.canonical_json, ec)},
                        {"cost_after", json::parse(i.after.canonical_json, ec)}};
}

// Which item form a refused post came from, so the page shows it again as typed.
enum class ItemForm { kNone, kAdd, kEdit };

Response PlanList(const Site& site, const Request& req, const app::Actor& actor, int status,
                  const Form* form, const std::string& error) {
    if (!actor.SignedIn()) return site.SignInRedirect(req);
    auto list = app::ListReviewPlans(site.Context(), actor);
    if (!list) return site.ForError(list.error(), req, actor);
    DataList rows;
    for (const app::ReviewPlanView& v : *list) {
        Data d;
        d.set("href", std::string(kPlans) + "/" + std::to_string(v.plan.id));
        d.set("title", v.plan.title);
        d.set("year", std::to_string(v.plan.year));
        d.set("unit", v.unit.name);
        d.set("number", OptionalText(v.plan.decision_number));
        d.set("state", std::string(app::ReviewPlanStateLabel(v.plan.state)));
        d.set("count", std::to_string(v.items.size()));
        d.set("saving", Dong(v.totals.annual_saving));
        d.set("percent", v.totals.percent_text);
        rows.push_back(d);
    }
    Data data;
    data.set("items", rows);
    data.set("has_items", !rows.empty());
    data.set("error", OptionalText(error));
    for (std::string_view f : {"unit", "year", "title", "decision_number"}) {
        data.set("v_" + std::string(f), form ? form->Get(f) : std::string());
    }
    data.set("item_form", ItemFormData("it", false, form));
    Chrome chrome = site.MakeChrome(req, actor, "Rà soát, đơn giản hóa TTHC", Section::kDossiers);
    FlashIfSaved(req, chrome);
    return site.Page(status, "review_plans", chrome, data);
}

Response PlanListGet(const Site& site, const Request& req, const app::Actor& actor) {
    return PlanList(site, req, actor, 200, nullptr, "");
}

Response PlanCreatePost(const Site& site, const Request& req, const app::Actor& actor,
                        const Form& form) {
    auto item = ItemFrom(form);
    if (!item) return PlanList(site, req, actor, 422, &form, Sentence(item.error().message));
    json::object body{{"unit", form.Get("unit")},
                      {"title", form.Get("title")},
                      {"decision_number", form.Get("decision_number")},
                      {"items", json::array{std::move(*item)}}};
    if (auto y = ParsePositive(form.Get("year"))) body["year"] = *y;
    auto created = app::CreateReviewPlan(site.Context(), actor, json::serialize(body));
    if (!created) {
        if (const int status = InputStatus(created.error()); status != 0) {
            return PlanList(site, req, actor, status, &form, Sentence(created.error().message));
        }
        return site.ForError(created.error(), req, actor);
    }
    return Redirect(std::string(kPlans) + "/" + std::to_string(created->plan.id) + kSavedQuery);
}

Response PlanItem(const Site& site, const Request& req, const app::Actor& actor, int status,
                  const Form* form, const std::string& error, ItemForm from = ItemForm::kNone) {
    if (!actor.SignedIn()) return site.SignInRedirect(req);
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                              "Không có kế hoạch rà soát này.");
    }
    auto v = app::GetReviewPlan(site.Context(), actor, *id);
    if (!v) return site.ForError(v.error(), req, actor);
    const auto& p = v->plan;
    const std::string base = std::string(kPlans) + "/" + std::to_string(p.id);
    Data data;
    data.set("action_href", base);
    data.set("add_href", base + "/thu-tuc");
    data.set("title", p.title);
    data.set("year", std::to_string(p.year));
    data.set("unit", v->unit.name);
    data.set("number", OptionalText(p.decision_number));
    data.set("state", std::string(app::ReviewPlanStateLabel(p.state)));
    data.set("approved_by", OptionalText(p.approved_by));
    data.set("approval_decision", OptionalText(p.approval_decision));
    data.set("approved_on", OptionalText(Dmy(p.approved_on)));
    data.set("implemented_on", OptionalText(Dmy(p.implemented_on)));
    data.set("publication_decision", OptionalText(p.publication_decision));
    if (v->publication) {
        Data link;
        link.set("href", "/cong-bo-tthc/" + std::to_string(v->publication->id));
        link.set("number", v->publication->number);
        data.set("publication_link", link);
    } else {
        data.set("publication_link", false);
    }
    DataList choices;
    for (const app::PublicationChoice& c : v->publication_choices) {
        Data d;
        d.set("id", std::to_string(c.id));
        std::string label = "Số " + c.number;
        if (c.signed_on) label += " ngày " + FormatDate(*c.signed_on);
        label += " — " + c.title + " (" + c.unit_name + ")";
        d.set("label", label);
        choices.push_back(d);
    }
    data.set("publication_choices", choices);
    data.set("edit_href", base + "/thu-tuc/sua");
    data.set("remove_href", base + "/thu-tuc/xoa");
    data.set("version", std::to_string(p.version));
    data.set("error", OptionalText(error));
    data.set("docx_href", "/api/v1/review-plans/" + std::to_string(p.id) + "/export?format=docx");
    data.set("xlsx_href", "/api/v1/review-plans/" + std::to_string(p.id) + "/export?format=xlsx");
    DataList items;
    std::size_t n = 0;
    for (const app::ReviewItemView& i : v->items) {
        Data d;
        d.set("number", std::to_string(++n));
        d.set("code", i.item.procedure_code);
        d.set("name", i.item.procedure_name);
        d.set("content", OptionalText(i.content));
        d.set("reason", OptionalText(i.item.reason));
        d.set("before", CostData(i.before));
        d.set("after", CostData(i.after));
        d.set("saving_event", Dong(i.saving.per_event));
        d.set("saving_annual", Dong(i.saving.annual));
        d.set("percent", i.saving.text);
        if (v->actions.end() != std::find(v->actions.begin(), v->actions.end(), "edit")) {
            const bool typed = from == ItemForm::kEdit && form &&
                               Trim(form->Get("procedure_code")) == i.item.procedure_code;
            d.set("edit_open", typed);
            const std::string idp = "e" + std::to_string(n);
            if (typed) {
                d.set("edit_form", ItemFormData(idp, true, form));
            } else {
                auto stored = Form::Parse(EncodeItem(i));
                if (!stored) return site.ForError(stored.error(), req, actor);
                d.set("edit_form", ItemFormData(idp, true, &*stored));
            }
        }
        items.push_back(d);
    }
    data.set("items", items);
    data.set("total_before", Dong(v->totals.annual_before));
    data.set("total_after", Dong(v->totals.annual_after));
    data.set("total_saving", Dong(v->totals.annual_saving));
    data.set("total_percent", v->totals.percent_text);
    bool may_edit = false;
    DataList actions;
    for (const std::string& act : v->actions) {
        if (act == "edit") {
            may_edit = true;
            continue;
        }
        Data d;
        d.set("name", act);
        d.set("label", std::string(ActionLabel(act)));
        d.set("approve", act == "approve");
        d.set("implement", act == "implement");
        actions.push_back(d);
    }
    data.set("actions", actions);
    data.set("has_actions", !actions.empty());
    data.set("may_edit", may_edit);
    data.set("item_form", ItemFormData("it", false, from == ItemForm::kAdd ? form : nullptr));
    Chrome chrome = site.MakeChrome(req, actor, "Rà soát: " + p.title, Section::kDossiers);
    FlashIfSaved(req, chrome);
    return site.Page(status, "review_plan", chrome, data);
}

Response PlanItemGet(const Site& site, const Request& req, const app::Actor& actor) {
    return PlanItem(site, req, actor, 200, nullptr, "");
}

Response PlanFail(const Site& site, const Request& req, const app::Actor& actor, const Form& form,
                  const base::Error& e, ItemForm from = ItemForm::kNone,
                  bool unknown_is_input = false) {
    if (const int status = InputStatus(e, unknown_is_input); status != 0) {
        return PlanItem(site, req, actor, status, &form, Sentence(e.message), from);
    }
    return site.ForError(e, req, actor);
}

Response PlanActPost(const Site& site, const Request& req, const app::Actor& actor,
                     const Form& form) {
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                              "Không có kế hoạch rà soát này.");
    }
    json::object body{{"action", form.Get("action")}};
    if (auto v = ParsePositive(form.Get("version"))) body["version"] = *v;
    for (std::string_view f : {"on", "approved_by", "decision", "publication_decision"}) {
        if (std::string value = form.Get(f); !value.empty()) body[f] = value;
    }
    if (const std::string chosen = form.Get("publication_decision_id"); !chosen.empty()) {
        const auto id_value = ParsePositive(chosen);
        if (!id_value) {
            return PlanFail(site, req, actor, form,
                            base::InvalidArgument("Quyết định công bố được chọn không hợp lệ."));
        }
        body["publication_decision_id"] = *id_value;
    }
    auto done = app::ActOnReviewPlan(site.Context(), actor, *id, json::serialize(body));
    // An unknown publication decision is refused input (an unknown plan still ends on its 404:
    // the page cannot be shown again).
    if (!done) return PlanFail(site, req, actor, form, done.error(), ItemForm::kNone, true);
    return Redirect(std::string(kPlans) + "/" + std::to_string(*id) + kSavedQuery);
}

// Replaces the plan's items with `items` under the version the form was shown with (a stale
// version is a 409 with its message; only a proposed plan can be changed).
Response SaveItems(const Site& site, const Request& req, const app::Actor& actor, std::int64_t id,
                   const app::ReviewPlanView& current, json::array items, const Form& form,
                   ItemForm from) {
    json::object body{{"year", current.plan.year},
                      {"title", current.plan.title},
                      {"decision_number", current.plan.decision_number},
                      {"items", std::move(items)}};
    if (auto v = ParsePositive(form.Get("version"))) body["version"] = *v;
    auto done = app::UpdateReviewPlan(site.Context(), actor, id, json::serialize(body));
    if (!done) return PlanFail(site, req, actor, form, done.error(), from);
    return Redirect(std::string(kPlans) + "/" + std::to_string(id) + kSavedQuery);
}

// The three item posts: add a procedure (kAdd), edit one (kEdit: its changes and cost inputs,
// the procedure code fixed), remove one (kNone). The other items are sent back as stored.
Response PlanItemsPost(const Site& site, const Request& req, const app::Actor& actor,
                       const Form& form, ItemForm what, bool remove) {
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                              "Không có kế hoạch rà soát này.");
    }
    auto current = app::GetReviewPlan(site.Context(), actor, *id);
    if (!current) return site.ForError(current.error(), req, actor);
    std::optional<json::object> item;
    if (!remove) {
        auto read = ItemFrom(form);
        if (!read) return PlanFail(site, req, actor, form, read.error(), what);
        item = std::move(*read);
    }
    const std::string code = Trim(form.Get("procedure_code"));
    json::array items;
    bool found = false;
    for (const app::ReviewItemView& i : current->items) {
        if (what != ItemForm::kAdd && i.item.procedure_code == code) {
            found = true;
            if (item) items.push_back(std::move(*item));
            continue;
        }
        items.push_back(StoredItemJson(i));
    }
    if (what == ItemForm::kAdd) {
        items.push_back(std::move(*item));
    } else if (!found) {
        return PlanFail(site, req, actor, form,
                        base::InvalidArgument("Kế hoạch không có thủ tục mã '" + code + "'."),
                        what);
    }
    return SaveItems(site, req, actor, *id, *current, std::move(items), form, what);
}

Response PlanAddItemPost(const Site& site, const Request& req, const app::Actor& actor,
                         const Form& form) {
    return PlanItemsPost(site, req, actor, form, ItemForm::kAdd, false);
}

Response PlanEditItemPost(const Site& site, const Request& req, const app::Actor& actor,
                          const Form& form) {
    return PlanItemsPost(site, req, actor, form, ItemForm::kEdit, false);
}

Response PlanRemoveItemPost(const Site& site, const Request& req, const app::Actor& actor,
                            const Form& form) {
    return PlanItemsPost(site, req, actor, form, ItemForm::kNone, true);
}

}  // namespace

void RegisterControlPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/danh-gia-tac-dong", AssessmentListGet,
            "Đánh giá tác động TTHC trong dự thảo văn bản (HTML)", "session");
    AddForm(router, site, "/danh-gia-tac-dong", AssessmentCreatePost, Audience::kSignedIn,
            "Lập bản đánh giá tác động (HTML)");
    AddPage(router, site, "/danh-gia-tac-dong/{id}", AssessmentItemGet,
            "Một bản đánh giá tác động với chi phí tuân thủ và các bước tính (HTML)", "session");
    AddForm(router, site, "/danh-gia-tac-dong/{id}", AssessmentActPost, Audience::kSignedIn,
            "Chuyển trạng thái bản đánh giá tác động (HTML)");
    AddForm(router, site, "/danh-gia-tac-dong/{id}/sua", AssessmentEditPost, Audience::kSignedIn,
            "Sửa bản đánh giá tác động đang soạn (HTML)");
    AddPage(router, site, "/ra-soat-tthc", PlanListGet,
            "Kế hoạch rà soát, đơn giản hóa TTHC (HTML)", "session");
    AddForm(router, site, "/ra-soat-tthc", PlanCreatePost, Audience::kSignedIn,
            "Lập kế hoạch rà soát với thủ tục đầu tiên (HTML)");
    AddPage(router, site, "/ra-soat-tthc/{id}", PlanItemGet,
            "Một kế hoạch rà soát: phương án, chi phí trước/sau, tiết kiệm (HTML)", "session");
    AddForm(router, site, "/ra-soat-tthc/{id}", PlanActPost, Audience::kSignedIn,
            "Phê duyệt, ghi nhận thực thi kế hoạch rà soát (HTML)");
    AddForm(router, site, "/ra-soat-tthc/{id}/thu-tuc", PlanAddItemPost, Audience::kSignedIn,
            "Thêm một thủ tục vào kế hoạch rà soát (HTML)");
    AddForm(router, site, "/ra-soat-tthc/{id}/thu-tuc/sua", PlanEditItemPost, Audience::kSignedIn,
            "Sửa phương án, chi phí của một thủ tục trong kế hoạch đang đề xuất (HTML)");
    AddForm(router, site, "/ra-soat-tthc/{id}/thu-tuc/xoa", PlanRemoveItemPost, Audience::kSignedIn,
            "Bỏ một thủ tục khỏi kế hoạch đang đề xuất (HTML)");
}

}  // namespace motcua::web
