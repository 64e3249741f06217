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
#include <charconv>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/impact_assessments.hpp"
#include "app/review_plans.hpp"
#include "calendar/civil_date.hpp"
#include "domain/compliance_cost.hpp"
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
          Money{"outsourced", "Chi phí thuê ngoài"}, Money{"fees", "Phí, lệ phí"},
          Money{"other", "Chi phí khác"}, Money{"subjects", "Số đối tượng tuân thủ"}}) {
        const std::string field = m.name == "subjects" && !subjects_field.empty()
                                      ? subjects_field
                                      : p + std::string(m.name);
        auto v = MoneyField(form.Get(field), m.label);
        if (!v) return std::move(v).error();
        if (!v->is_null()) cost[m.name] = *v;
    }
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
        auto hours = DecimalField(line.substr(bar + 1), "Số giờ ở dòng " + std::to_string(line_no));
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
    data.set("questions", QuestionsData(form));
    data.set("error", OptionalText(error));
    for (std::string_view f :
         {"unit", "draft_name", "draft_number", "procedure_name", "procedure_field", "subjects",
          "frequency_text", "necessity", "reasonableness", "legality", "overall", "daily_income",
          "activities", "outsourced", "fees", "other", "subjects_count", "frequency", "note"}) {
        data.set("v_" + std::string(f), form ? form->Get(f) : std::string());
    }
    if (!form) data.set("v_frequency", std::string("1"));
    Chrome chrome = site.MakeChrome(req, actor, "Đánh giá tác động TTHC", Section::kDossiers);
    if (req.Query("da-luu").value_or("") == "1") chrome.flash = "Đã lưu.";
    return site.Page(status, "impact_assessments", chrome, data);
}

Response AssessmentListGet(const Site& site, const Request& req, const app::Actor& actor) {
    return AssessmentList(site, req, actor, 200, nullptr, "");
}

Response AssessmentCreatePost(const Site& site, const Request& req, const app::Actor& actor,
                              const Form& form) {
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
    if (!cost) return AssessmentList(site, req, actor, 422, &form, Sentence(cost.error().message));
    const json::object body{
        {"unit", form.Get("unit")},
        {"draft_name", form.Get("draft_name")},
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
    auto created = app::CreateImpactAssessment(site.Context(), actor, json::serialize(body));
    if (!created) {
        if (const int status = InputStatus(created.error()); status != 0) {
            return AssessmentList(site, req, actor, status, &form,
                                  Sentence(created.error().message));
        }
        return site.ForError(created.error(), req, actor);
    }
    return Redirect(std::string(kAssessments) + "/" + std::to_string(created->record.id) +
                    "?da-luu=1");
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
                        const std::string& error) {
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
    for (const std::string& act : v->actions) {
        if (act == "edit") continue;
        Data d;
        d.set("name", act);
        d.set("label", std::string(ActionLabel(act)));
        d.set("needs_opinion", act == "review" || act == "return");
        actions.push_back(d);
    }
    data.set("actions", actions);
    data.set("has_actions", !actions.empty());
    Chrome chrome =
        site.MakeChrome(req, actor, "Đánh giá tác động: " + a.procedure_name, Section::kDossiers);
    if (req.Query("da-luu").value_or("") == "1") chrome.flash = "Đã lưu.";
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
    return Redirect(std::string(kAssessments) + "/" + std::to_string(*id) + "?da-luu=1");
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

void SetItemValues(Data& data, const Form* form) {
    for (std::string_view f :
         {"procedure_code",    "change_text",       "online_level", "documents_cut",
          "days_cut",          "fee_change",        "reason",       "before_daily_income",
          "before_activities", "before_outsourced", "before_fees",  "before_other",
          "before_subjects",   "before_frequency",  "before_note",  "after_daily_income",
          "after_activities",  "after_outsourced",  "after_fees",   "after_other",
          "after_subjects",    "after_frequency",   "after_note"}) {
        data.set("v_" + std::string(f), form ? form->Get(f) : std::string());
    }
}

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
    SetItemValues(data, form);
    Chrome chrome = site.MakeChrome(req, actor, "Rà soát, đơn giản hóa TTHC", Section::kDossiers);
    if (req.Query("da-luu").value_or("") == "1") chrome.flash = "Đã lưu.";
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
    return Redirect(std::string(kPlans) + "/" + std::to_string(created->plan.id) + "?da-luu=1");
}

Response PlanItem(const Site& site, const Request& req, const app::Actor& actor, int status,
                  const Form* form, const std::string& error) {
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
    SetItemValues(data, form);
    Chrome chrome = site.MakeChrome(req, actor, "Rà soát: " + p.title, Section::kDossiers);
    if (req.Query("da-luu").value_or("") == "1") chrome.flash = "Đã lưu.";
    return site.Page(status, "review_plan", chrome, data);
}

Response PlanItemGet(const Site& site, const Request& req, const app::Actor& actor) {
    return PlanItem(site, req, actor, 200, nullptr, "");
}

Response PlanFail(const Site& site, const Request& req, const app::Actor& actor, const Form& form,
                  const base::Error& e) {
    if (const int status = InputStatus(e); status != 0) {
        return PlanItem(site, req, actor, status, &form, Sentence(e.message));
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
    auto done = app::ActOnReviewPlan(site.Context(), actor, *id, json::serialize(body));
    if (!done) return PlanFail(site, req, actor, form, done.error());
    return Redirect(std::string(kPlans) + "/" + std::to_string(*id) + "?da-luu=1");
}

// Adds a procedure: the plan's current items (as stored) plus the new one, under the version the
// form was shown with.
Response PlanAddItemPost(const Site& site, const Request& req, const app::Actor& actor,
                         const Form& form) {
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                              "Không có kế hoạch rà soát này.");
    }
    auto current = app::GetReviewPlan(site.Context(), actor, *id);
    if (!current) return site.ForError(current.error(), req, actor);
    auto item = ItemFrom(form);
    if (!item) return PlanFail(site, req, actor, form, item.error());
    json::array items;
    for (const app::ReviewItemView& i : current->items) {
        std::error_code ec;
        items.push_back(json::object{{"procedure_code", i.item.procedure_code},
                                     {"changes", json::parse(i.item.changes_json, ec)},
                                     {"reason", i.item.reason},
                                     {"cost_before", json::parse(i.before.canonical_json, ec)},
                                     {"cost_after", json::parse(i.after.canonical_json, ec)}});
    }
    items.push_back(std::move(*item));
    json::object body{{"year", current->plan.year},
                      {"title", current->plan.title},
                      {"decision_number", current->plan.decision_number},
                      {"items", std::move(items)}};
    if (auto v = ParsePositive(form.Get("version"))) body["version"] = *v;
    auto done = app::UpdateReviewPlan(site.Context(), actor, *id, json::serialize(body));
    if (!done) return PlanFail(site, req, actor, form, done.error());
    return Redirect(std::string(kPlans) + "/" + std::to_string(*id) + "?da-luu=1");
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
}

}  // namespace motcua::web
