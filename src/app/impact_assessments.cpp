#include "app/impact_assessments.hpp"

#include <algorithm>
#include <cmath>

#include <boost/json.hpp>

#include "app/audit_util.hpp"
#include "app/control_util.hpp"
#include "render/impact_assessment_report.hpp"
#include "store/units.hpp"
#include "text/unicode.hpp"

namespace motcua::app {

namespace json = boost::json;
namespace scm = domain::compliance_cost;
namespace sia = store::impact_assessments;
using domain::Role;

// ---- Cost sheets -------------------------------------------------------------------------------

namespace {

std::string Field(std::string_view field, std::string_view member) {
    return std::string(field) + "." + std::string(member);
}

// A whole number of dong (or a count): an integer, not negative.
base::Result<std::int64_t> Whole(const json::object& o, std::string_view field,
                                 std::string_view member, std::string_view what) {
    const json::value* v = o.if_contains(member);
    if (!v || v->is_null()) {
        return std::int64_t{0};
    }
    std::int64_t n = 0;
    if (v->is_int64()) {
        n = v->as_int64();
    } else if (v->is_uint64() && v->as_uint64() < (1ULL << 62)) {
        n = static_cast<std::int64_t>(v->as_uint64());
    } else {
        return base::InvalidArgument("Trường '" + Field(field, member) + "' (" + std::string(what) +
                                     ") phải là số nguyên" +
                                     (v->is_double() ? " (không có phần lẻ)." : "."));
    }
    if (n < 0) {
        return base::InvalidArgument("Trường '" + Field(field, member) + "' (" + std::string(what) +
                                     ") không được âm.");
    }
    return n;
}

// A non-negative number scaled by `scale` that must come out whole (hours → minutes, frequency →
// thousandths).
base::Result<std::int64_t> Scaled(const json::value& v, std::int64_t scale, std::string_view name,
                                  std::string_view unit) {
    double d = 0;
    if (v.is_int64()) {
        d = static_cast<double>(v.as_int64());
    } else if (v.is_uint64()) {
        d = static_cast<double>(v.as_uint64());
    } else if (v.is_double()) {
        d = v.as_double();
    } else {
        return base::InvalidArgument("Trường '" + std::string(name) + "' phải là một số.");
    }
    if (!std::isfinite(d) || d < 0) {
        return base::InvalidArgument("Trường '" + std::string(name) + "' không được âm.");
    }
    const double scaled = d * static_cast<double>(scale);
    const double rounded = std::round(scaled);
    if (std::fabs(scaled - rounded) > 1e-6 || rounded > 1e12) {
        return base::InvalidArgument("Trường '" + std::string(name) + "' phải tính được thành số " +
                                     std::string(unit) + " nguyên.");
    }
    return static_cast<std::int64_t>(rounded);
}

json::object Canonical(const CostSheet& s) {
    json::object o;
    if (s.daily_income) {
        o["daily_income"] = *s.daily_income;
    } else {
        o["hourly_income"] = s.inputs.hourly_income;
    }
    json::array acts;
    for (const scm::Activity& a : s.inputs.activities) {
        acts.push_back(json::object{{"name", a.name}, {"minutes", a.minutes}});
    }
    o["activities"] = std::move(acts);
    o["outsourced"] = s.inputs.outsourced;
    o["fees"] = s.inputs.fees;
    o["other"] = s.inputs.other;
    o["subjects"] = s.inputs.subjects;
    if (s.inputs.frequency_milli % 1000 == 0) {
        o["frequency"] = s.inputs.frequency_milli / 1000;
    } else {
        o["frequency"] = static_cast<double>(s.inputs.frequency_milli) / 1000.0;
    }
    o["note"] = s.note;
    return o;
}

}  // namespace

base::Result<CostSheet> ReadCostSheet(const json::value& v, std::string_view field) {
    if (!v.is_object()) {
        return base::InvalidArgument("Trường '" + std::string(field) +
                                     "' phải là một đối tượng (số liệu tính chi phí tuân thủ).");
    }
    const json::object& o = v.as_object();
    CostSheet s;
    if (o.contains("daily_income") && !o.at("daily_income").is_null()) {
        auto d = Whole(o, field, "daily_income", "thu nhập bình quân một ngày làm việc");
        if (!d) {
            return std::move(d).error();
        }
        s.daily_income = *d;
        auto h = scm::HourlyIncome(*d);
        if (!h) {
            return std::move(h).error();
        }
        s.inputs.hourly_income = *h;
    } else {
        auto h = Whole(o, field, "hourly_income", "thu nhập theo giờ");
        if (!h) {
            return std::move(h).error();
        }
        s.inputs.hourly_income = *h;
    }
    if (const json::value* acts = o.if_contains("activities"); acts && !acts->is_null()) {
        if (!acts->is_array()) {
            return base::InvalidArgument("Trường '" + Field(field, "activities") +
                                         "' phải là danh sách hoạt động.");
        }
        if (acts->as_array().size() > 200) {
            return base::InvalidArgument("Tối đa 200 hoạt động cho một lần tuân thủ ('" +
                                         Field(field, "activities") + "').");
        }
        std::size_t n = 0;
        for (const json::value& a : acts->as_array()) {
            const std::string at = Field(field, "activities") + "[" + std::to_string(n++) + "]";
            if (!a.is_object()) {
                return base::InvalidArgument("Trường '" + at + "' phải là một đối tượng.");
            }
            const json::object& ao = a.as_object();
            const json::value* name = ao.if_contains("name");
            if (!name || !name->is_string() || name->as_string().empty() ||
                name->as_string().size() > 500) {
                return base::InvalidArgument("Trường '" + at +
                                             ".name' (tên hoạt động) là chuỗi bắt buộc.");
            }
            scm::Activity act;
            act.name = std::string(name->as_string());
            if (const json::value* h = ao.if_contains("hours"); h && !h->is_null()) {
                auto m = Scaled(*h, 60, at + ".hours", "phút");
                if (!m) {
                    return std::move(m).error();
                }
                act.minutes = *m;
            } else if (const json::value* mi = ao.if_contains("minutes"); mi && !mi->is_null()) {
                auto m = Whole(ao, at, "minutes", "số phút");
                if (!m) {
                    return std::move(m).error();
                }
                act.minutes = *m;
            } else {
                return base::InvalidArgument("Trường '" + at +
                                             "' cần thời gian: 'hours' hoặc 'minutes'.");
            }
            s.inputs.activities.push_back(std::move(act));
        }
    }
    struct Money {
        std::string_view member;
        std::string_view what;
        std::int64_t* out;
    };
    for (const Money& m : {Money{"outsourced", "chi phí thuê ngoài", &s.inputs.outsourced},
                           Money{"fees", "phí, lệ phí", &s.inputs.fees},
                           Money{"other", "chi phí khác", &s.inputs.other},
                           Money{"subjects", "số đối tượng tuân thủ", &s.inputs.subjects}}) {
        auto n = Whole(o, field, m.member, m.what);
        if (!n) {
            return std::move(n).error();
        }
        *m.out = *n;
    }
    if (const json::value* f = o.if_contains("frequency"); f && !f->is_null()) {
        auto milli = Scaled(*f, 1000, Field(field, "frequency"), "phần nghìn");
        if (!milli) {
            return std::move(milli).error();
        }
        s.inputs.frequency_milli = *milli;
    }
    if (const json::value* note = o.if_contains("note"); note && !note->is_null()) {
        if (!note->is_string() || note->as_string().size() > 4000) {
            return base::InvalidArgument("Trường '" + Field(field, "note") +
                                         "' (nguồn số liệu) phải là chuỗi tối đa 4000 byte.");
        }
        s.note = std::string(note->as_string());
    }
    auto cost = scm::Compute(s.inputs);
    if (!cost) {
        return base::InvalidArgument(cost.error().message + " ('" + std::string(field) + "').");
    }
    s.cost = std::move(*cost);
    if (s.daily_income) {
        s.cost.steps.insert(s.cost.steps.begin(),
                            "Thu nhập theo giờ = " + scm::FormatDong(*s.daily_income) +
                                " đồng/ngày ÷ 8 giờ = " + scm::FormatDong(s.inputs.hourly_income) +
                                " đồng/giờ");
    }
    s.canonical_json = json::serialize(Canonical(s));
    return s;
}

base::Result<CostSheet> StoredCostSheet(std::string_view text, std::string_view field) {
    std::error_code ec;
    const json::value v = json::parse(text, ec);
    if (ec) {
        return base::Internal("stored cost sheet is not JSON: " + std::string(field));
    }
    auto s = ReadCostSheet(v, field);
    if (!s) {
        return base::Internal("stored cost sheet does not read: " + s.error().message);
    }
    return s;
}

json::object CostSheetJson(const CostSheet& s) {
    json::object o;
    o["inputs"] = json::parse(s.canonical_json);
    o["hourly_income"] = s.inputs.hourly_income;
    o["time_cost"] = s.cost.time_cost;
    o["per_event"] = s.cost.per_event;
    o["annual"] = s.cost.annual;
    o["per_event_text"] = scm::FormatDong(s.cost.per_event) + " đồng";
    o["annual_text"] = scm::FormatDong(s.cost.annual) + " đồng";
    json::array steps;
    for (const std::string& st : s.cost.steps) {
        steps.emplace_back(st);
    }
    o["steps"] = std::move(steps);
    return o;
}

// ---- The form ----------------------------------------------------------------------------------

const std::vector<AssessmentQuestion>& AssessmentQuestions() {
    static const std::vector<AssessmentQuestion> questions = {
        {"necessity.goal", "necessity",
         "Thủ tục nhằm bảo đảm mục tiêu quản lý nhà nước nào, và mục tiêu đó có thật sự cần một "
         "thủ tục hành chính không?"},
        {"necessity.rights", "necessity",
         "Thủ tục bảo đảm quyền, lợi ích hợp pháp nào của cá nhân, tổ chức?"},
        {"necessity.alternatives", "necessity",
         "Đã cân nhắc các giải pháp khác (không quy định thủ tục, hậu kiểm, thông báo) chưa, và vì "
         "sao không chọn?"},
        {"reasonableness.name", "reasonableness", "Tên thủ tục có rõ ràng, cụ thể, phù hợp không?"},
        {"reasonableness.steps", "reasonableness",
         "Trình tự thực hiện có rõ các bước, phân định trách nhiệm của cơ quan và người thực hiện, "
         "có áp dụng liên thông khi có thể không?"},
        {"reasonableness.manner", "reasonableness",
         "Cách thức thực hiện có cho phép nộp trực tuyến, qua bưu chính không?"},
        {"reasonableness.dossier", "reasonableness",
         "Thành phần hồ sơ có cần thiết, không trùng lặp, không yêu cầu giấy tờ đã có trong cơ sở "
         "dữ liệu không?"},
        {"reasonableness.time", "reasonableness",
         "Thời hạn giải quyết có hợp lý và rút ngắn được không?"},
        {"reasonableness.agency", "reasonableness",
         "Cơ quan thực hiện có được xác định rõ và đúng thẩm quyền không?"},
        {"reasonableness.subjects", "reasonableness",
         "Đối tượng thực hiện có được quy định rõ và phù hợp không?"},
        {"reasonableness.result", "reasonableness",
         "Kết quả thực hiện (giấy phép, giấy chứng nhận…) và thời hạn hiệu lực có hợp lý không?"},
        {"reasonableness.fees", "reasonableness", "Phí, lệ phí có căn cứ và mức thu hợp lý không?"},
        {"reasonableness.forms", "reasonableness",
         "Mẫu đơn, tờ khai có đơn giản, dễ điền, không yêu cầu thông tin thừa không?"},
        {"legality.authority", "legality",
         "Thủ tục có được quy định đúng thẩm quyền ban hành văn bản không?"},
        {"legality.consistency", "legality",
         "Thủ tục có phù hợp, thống nhất với hệ thống pháp luật hiện hành không?"},
        {"legality.treaties", "legality",
         "Thủ tục có phù hợp với điều ước quốc tế mà Việt Nam là thành viên không?"},
    };
    return questions;
}

std::string_view AssessmentGroupLabel(std::string_view group) {
    if (group == "necessity") return "Sự cần thiết";
    if (group == "reasonableness") return "Tính hợp lý";
    if (group == "legality") return "Tính hợp pháp";
    return group;
}

std::string_view AssessmentStateLabel(std::string_view state) {
    if (state == "draft") return "Đang soạn";
    if (state == "submitted") return "Đã gửi thẩm định";
    if (state == "reviewed") return "Đã có ý kiến thẩm định";
    if (state == "done") return "Hoàn thành";
    return state;
}

namespace {

constexpr std::size_t kMaxText = 20000;

base::Result<bool> MayUse(store::Transaction& tx, const Actor& actor, std::int64_t unit) {
    return control::HoldsAny(tx, actor, {Role::kControlOfficer, Role::kLeader}, unit);
}

struct FormContent {
    sia::Assessment a;
    CostSheet cost;
};

// Reads the form fields of `o` into `a` (not the unit).
base::Result<FormContent> ReadForm(const json::object& o, sia::Assessment a) {
    struct Text {
        std::string_view key;
        std::string* out;
        bool required;
        std::size_t max;
    };
    for (const Text& t : {Text{"draft_name", &a.draft_name, true, 2000},
                          Text{"draft_number", &a.draft_number, false, 200}}) {
        auto s = control::OptString(o, t.key, t.max);
        if (!s) {
            return std::move(s).error();
        }
        *t.out = s->value_or("");
        if (t.required && t.out->empty()) {
            return base::InvalidArgument("Thiếu trường '" + std::string(t.key) + "'.");
        }
    }
    const json::value* proc = o.if_contains("procedure");
    if (!proc || !proc->is_object()) {
        return base::InvalidArgument(
            "Thiếu trường 'procedure' (đối tượng: name, field, subjects, frequency).");
    }
    for (const Text& t :
         {Text{"name", &a.procedure_name, true, 2000},
          Text{"field", &a.procedure_field, false, 500}, Text{"subjects", &a.subjects, false, 2000},
          Text{"frequency", &a.frequency, false, 500}}) {
        auto s = control::OptString(proc->as_object(), t.key, t.max);
        if (!s) {
            return base::InvalidArgument("procedure: " + s.error().message);
        }
        *t.out = s->value_or("");
        if (t.required && t.out->empty()) {
            return base::InvalidArgument("Thiếu trường 'procedure." + std::string(t.key) +
                                         "' (tên thủ tục).");
        }
    }
    json::object answers;
    if (const json::value* v = o.if_contains("answers"); v && !v->is_null()) {
        if (!v->is_object()) {
            return base::InvalidArgument(
                "Trường 'answers' phải là đối tượng {mã câu hỏi: {answer, "
                "note}}.");
        }
        for (const auto& entry : v->as_object()) {
            const std::string_view key = entry.key();
            const json::value& value = entry.value();
            const bool known =
                std::any_of(AssessmentQuestions().begin(), AssessmentQuestions().end(),
                            [&](const AssessmentQuestion& q) { return q.key == key; });
            if (!known) {
                return base::InvalidArgument("Không có câu hỏi mã '" + std::string(key) +
                                             "' trong biểu mẫu đánh giá tác động.");
            }
            if (!value.is_object()) {
                return base::InvalidArgument("Trả lời câu hỏi '" + std::string(key) +
                                             "' phải là đối tượng {answer, note}.");
            }
            auto ans = control::OptString(value.as_object(), "answer", 10);
            auto note = control::OptString(value.as_object(), "note", kMaxText);
            if (!ans || !note) {
                return base::InvalidArgument("Trả lời câu hỏi '" + std::string(key) +
                                             "': answer và note phải là chuỗi.");
            }
            const std::string answer = ans->value_or("");
            if (answer != "yes" && answer != "no" && !answer.empty()) {
                return base::InvalidArgument("Trả lời câu hỏi '" + std::string(key) +
                                             "' phải là 'yes' (Có) hoặc 'no' (Không).");
            }
            answers[key] = json::object{{"answer", answer}, {"note", note->value_or("")}};
        }
    }
    a.answers_json = json::serialize(answers);
    json::object conclusions;
    if (const json::value* v = o.if_contains("conclusions"); v && !v->is_null()) {
        if (!v->is_object()) {
            return base::InvalidArgument("Trường 'conclusions' phải là đối tượng.");
        }
        for (std::string_view k : {"necessity", "reasonableness", "legality", "overall"}) {
            auto s = control::OptString(v->as_object(), k, kMaxText);
            if (!s) {
                return base::InvalidArgument("conclusions: " + s.error().message);
            }
            conclusions[k] = s->value_or("");
        }
    }
    a.conclusions_json = json::serialize(conclusions);
    const json::value* cost = o.if_contains("cost");
    if (!cost) {
        return base::InvalidArgument("Thiếu trường 'cost' (số liệu tính chi phí tuân thủ).");
    }
    auto sheet = ReadCostSheet(*cost, "cost");
    if (!sheet) {
        return std::move(sheet).error();
    }
    a.cost_inputs_json = sheet->canonical_json;
    return FormContent{std::move(a), std::move(*sheet)};
}

std::string StringAt(const json::object& o, std::string_view k) {
    const json::value* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

base::Result<ImpactAssessmentView> ViewOf(store::Transaction& tx, const Actor& actor,
                                          sia::Assessment a) {
    ImpactAssessmentView v;
    auto unit = store::units::Get(tx, a.unit_id);
    if (!unit) {
        return std::move(unit).error();
    }
    if (*unit) {
        v.unit = **unit;
    }
    std::error_code ec;
    const json::value answers = json::parse(a.answers_json, ec);
    for (const AssessmentQuestion& q : AssessmentQuestions()) {
        AssessmentAnswer ans{std::string(q.key), std::string(q.group), std::string(q.text), "", ""};
        if (!ec && answers.is_object()) {
            if (const json::value* x = answers.as_object().if_contains(q.key);
                x && x->is_object()) {
                ans.answer = StringAt(x->as_object(), "answer");
                ans.note = StringAt(x->as_object(), "note");
            }
        }
        v.answers.push_back(std::move(ans));
    }
    const json::value conclusions = json::parse(a.conclusions_json, ec);
    if (!ec && conclusions.is_object()) {
        const json::object& c = conclusions.as_object();
        v.conclusion_necessity = StringAt(c, "necessity");
        v.conclusion_reasonableness = StringAt(c, "reasonableness");
        v.conclusion_legality = StringAt(c, "legality");
        v.conclusion_overall = StringAt(c, "overall");
    }
    auto cost = StoredCostSheet(a.cost_inputs_json, "cost");
    if (!cost) {
        return std::move(cost).error();
    }
    v.cost = std::move(*cost);
    auto may = MayUse(tx, actor, a.unit_id);
    if (!may) {
        return std::move(may).error();
    }
    if (*may) {
        if (a.state == "draft") v.actions = {"edit", "submit"};
        if (a.state == "submitted") v.actions = {"review", "return"};
        if (a.state == "reviewed") v.actions = {"finish"};
    }
    v.record = std::move(a);
    return v;
}

base::Result<sia::Assessment> Load(store::Transaction& tx, const Actor& actor, std::int64_t id) {
    auto a = sia::Get(tx, id);
    if (!a) {
        return std::move(a).error();
    }
    if (!*a) {
        return base::NotFound("Không có bản đánh giá tác động số " + std::to_string(id) + ".");
    }
    auto may = MayUse(tx, actor, (*a)->unit_id);
    if (!may) {
        return std::move(may).error();
    }
    if (!*may) {
        return base::Error{base::ErrorCode::kPermissionDenied,
                           "Chỉ công chức kiểm soát TTHC và lãnh đạo của đơn vị soạn thảo được xem "
                           "bản đánh giá tác động này."};
    }
    return std::move(**a);
}

// Load, then kAborted unless the stored version is `version` (`then`: what to do after reloading,
// "sửa" or "thao tác").
base::Result<sia::Assessment> LoadAt(store::Transaction& tx, const Actor& actor, std::int64_t id,
                                     std::int64_t version, std::string_view then) {
    auto a = Load(tx, actor, id);
    if (!a) {
        return std::move(a).error();
    }
    if (a->version != version) {
        return base::Error{base::ErrorCode::kAborted,
                           "Bản đánh giá tác động đã bị thay đổi bởi người khác (phiên bản " +
                               std::to_string(a->version) + "); tải lại rồi " + std::string(then) +
                               "."};
    }
    return a;
}

std::string AuditDetail(const sia::Assessment& a) {
    return "{\"state\":" + JsonQuote(a.state) + ",\"version\":" + std::to_string(a.version) +
           ",\"cost\":" + a.cost_inputs_json + "}";
}

}  // namespace

base::Result<std::vector<ImpactAssessmentView>> ListImpactAssessments(AppContext& ctx,
                                                                      const Actor& actor,
                                                                      std::string_view unit_code) {
    if (base::Status s = control::RequireStaff(actor, {Role::kControlOfficer, Role::kLeader}); !s) {
        return s.error();
    }
    return InReadTransaction<std::vector<ImpactAssessmentView>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<ImpactAssessmentView>> {
            std::vector<std::int64_t> units;
            if (!unit_code.empty()) {
                auto u = control::UnitByCode(tx, std::string(unit_code), "unit");
                if (!u) {
                    return std::move(u).error();
                }
                units.push_back(u->id);
            }
            auto list = sia::List(tx, units);
            if (!list) {
                return std::move(list).error();
            }
            std::vector<ImpactAssessmentView> out;
            for (sia::Assessment& a : *list) {
                auto may = MayUse(tx, actor, a.unit_id);
                if (!may) {
                    return std::move(may).error();
                }
                if (!*may) {
                    continue;
                }
                auto v = ViewOf(tx, actor, std::move(a));
                if (!v) {
                    return std::move(v).error();
                }
                out.push_back(std::move(*v));
            }
            return out;
        });
}

base::Result<ImpactAssessmentView> CreateImpactAssessment(AppContext& ctx, const Actor& actor,
                                                          std::string_view body) {
    if (base::Status s = control::RequireStaff(actor, {Role::kControlOfficer, Role::kLeader}); !s) {
        return s.error();
    }
    auto o = control::ParseBody(body);
    if (!o) {
        return std::move(o).error();
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<ImpactAssessmentView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<ImpactAssessmentView> {
            auto code = control::OptString(*o, "unit", 50);
            if (!code) {
                return std::move(code).error();
            }
            if (!*code || (*code)->empty()) {
                return base::InvalidArgument("Thiếu trường 'unit' (mã đơn vị soạn thảo).");
            }
            auto unit = control::UnitByCode(tx, **code, "unit");
            if (!unit) {
                return std::move(unit).error();
            }
            auto may = MayUse(tx, actor, unit->id);
            if (!may) {
                return std::move(may).error();
            }
            if (!*may) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Chỉ công chức kiểm soát TTHC và lãnh đạo của đơn vị được lập "
                                   "bản đánh giá tác động."};
            }
            sia::Assessment a;
            a.unit_id = unit->id;
            auto form = ReadForm(*o, a);
            if (!form) {
                return std::move(form).error();
            }
            form->a.created_by = actor.user->id;
            form->a.created_at = now;
            form->a.updated_at = now;
            auto id = sia::Insert(tx, form->a);
            if (!id) {
                return std::move(id).error();
            }
            form->a.id = *id;
            if (base::Status s =
                    Audit(tx, actor, now, "impact_assessment.create", "impact_assessment",
                          std::to_string(*id), AuditDetail(form->a));
                !s) {
                return s.error();
            }
            return ViewOf(tx, actor, std::move(form->a));
        });
}

base::Result<ImpactAssessmentView> GetImpactAssessment(AppContext& ctx, const Actor& actor,
                                                       std::int64_t id) {
    if (base::Status s = control::RequireStaff(actor, {Role::kControlOfficer, Role::kLeader}); !s) {
        return s.error();
    }
    return InReadTransaction<ImpactAssessmentView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<ImpactAssessmentView> {
            auto a = Load(tx, actor, id);
            if (!a) {
                return std::move(a).error();
            }
            return ViewOf(tx, actor, std::move(*a));
        });
}

base::Result<ImpactAssessmentView> UpdateImpactAssessment(AppContext& ctx, const Actor& actor,
                                                          std::int64_t id, std::string_view body,
                                                          std::optional<std::int64_t> if_match) {
    if (base::Status s = control::RequireStaff(actor, {Role::kControlOfficer, Role::kLeader}); !s) {
        return s.error();
    }
    auto o = control::ParseBody(body);
    if (!o) {
        return std::move(o).error();
    }
    auto version = control::VersionOf(*o, if_match);
    if (!version) {
        return std::move(version).error();
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<ImpactAssessmentView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<ImpactAssessmentView> {
            auto a = LoadAt(tx, actor, id, *version, "sửa");
            if (!a) {
                return std::move(a).error();
            }
            if (a->state != "draft") {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Chỉ sửa được bản đánh giá đang soạn (hiện: " +
                                       std::string(AssessmentStateLabel(a->state)) + ")."};
            }
            auto form = ReadForm(*o, *a);
            if (!form) {
                return std::move(form).error();
            }
            form->a.updated_at = now;
            auto v = sia::Update(tx, form->a, *version);
            if (!v) {
                return std::move(v).error();
            }
            form->a.version = *v;
            if (base::Status s =
                    Audit(tx, actor, now, "impact_assessment.update", "impact_assessment",
                          std::to_string(id), AuditDetail(form->a));
                !s) {
                return s.error();
            }
            return ViewOf(tx, actor, std::move(form->a));
        });
}

base::Result<ImpactAssessmentView> ActOnImpactAssessment(AppContext& ctx, const Actor& actor,
                                                         std::int64_t id, std::string_view body) {
    if (base::Status s = control::RequireStaff(actor, {Role::kControlOfficer, Role::kLeader}); !s) {
        return s.error();
    }
    auto o = control::ParseBody(body);
    if (!o) {
        return std::move(o).error();
    }
    auto action = control::OptString(*o, "action", 20);
    if (!action) {
        return std::move(action).error();
    }
    const std::string act = action->value_or("");
    if (act != "submit" && act != "return" && act != "review" && act != "finish") {
        return base::InvalidArgument("Trường 'action' phải là submit, return, review hoặc finish.");
    }
    auto version = control::VersionOf(*o, {});
    if (!version) {
        return std::move(version).error();
    }
    auto opinion = control::OptString(*o, "opinion", kMaxText);
    if (!opinion) {
        return std::move(opinion).error();
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<ImpactAssessmentView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<ImpactAssessmentView> {
            auto a = LoadAt(tx, actor, id, *version, "thao tác");
            if (!a) {
                return std::move(a).error();
            }
            const std::string from = a->state;
            const std::string_view to = act == "submit"   ? "draft"
                                        : act == "return" ? "submitted"
                                        : act == "review" ? "submitted"
                                                          : "reviewed";
            if (from != to) {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Không thể thực hiện thao tác '" + act +
                                       "' khi bản đánh giá ở trạng thái «" +
                                       std::string(AssessmentStateLabel(from)) + "»."};
            }
            const std::string text = opinion->value_or("");
            if ((act == "review" || act == "return") && text.empty()) {
                return base::InvalidArgument("Cần ý kiến thẩm định (trường 'opinion').");
            }
            if (act == "submit") a->state = "submitted";
            if (act == "return") {
                a->state = "draft";
                a->reviewer_opinion = text;
            }
            if (act == "review") {
                a->state = "reviewed";
                a->reviewer_opinion = text;
                a->reviewed_by = actor.user->id;
                a->reviewed_at = now;
            }
            if (act == "finish") a->state = "done";
            a->updated_at = now;
            auto v = sia::Update(tx, *a, *version);
            if (!v) {
                return std::move(v).error();
            }
            a->version = *v;
            if (base::Status s =
                    Audit(tx, actor, now, "impact_assessment." + act, "impact_assessment",
                          std::to_string(id),
                          "{\"from\":" + JsonQuote(from) + ",\"to\":" + JsonQuote(a->state) +
                              ",\"opinion\":" + JsonQuote(text) + "}");
                !s) {
                return s.error();
            }
            return ViewOf(tx, actor, std::move(*a));
        });
}

base::Result<ExportFile> ExportImpactAssessment(AppContext& ctx, const Actor& actor,
                                                std::int64_t id, std::string_view format) {
    if (format != "pdf" && format != "docx") {
        return base::InvalidArgument("Tham số 'format' phải là pdf hoặc docx.");
    }
    auto v = GetImpactAssessment(ctx, actor, id);
    if (!v) {
        return std::move(v).error();
    }
    auto parent = InReadTransaction<std::string>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::string> {
            if (!v->unit.parent_id) {
                return std::string();
            }
            auto p = store::units::Get(tx, *v->unit.parent_id);
            if (!p) {
                return std::move(p).error();
            }
            return *p ? (*p)->name : std::string();
        });
    if (!parent) {
        return std::move(parent).error();
    }
    const auto& a = v->record;
    render::AssessmentReport r;
    r.parent_unit = text::ToUpperVietnamese(*parent);
    r.unit = text::ToUpperVietnamese(v->unit.name);
    const std::chrono::year_month_day today{
        std::chrono::floor<std::chrono::days>(ctx.clock->Now())};
    r.place_date = "……, ngày " + std::to_string(static_cast<unsigned>(today.day())) + " tháng " +
                   std::to_string(static_cast<unsigned>(today.month())) + " năm " +
                   std::to_string(static_cast<int>(today.year()));
    r.state = "Trạng thái: " + std::string(AssessmentStateLabel(a.state));
    r.facts = {{"Dự thảo văn bản", a.draft_name},        {"Số, ký hiệu dự thảo", a.draft_number},
               {"Thủ tục hành chính", a.procedure_name}, {"Lĩnh vực", a.procedure_field},
               {"Đối tượng thực hiện", a.subjects},      {"Tần suất thực hiện", a.frequency},
               {"Đơn vị soạn thảo", v->unit.name}};
    for (const AssessmentAnswer& q : v->answers) {
        const std::string title = text::ToUpperVietnamese(AssessmentGroupLabel(q.group));
        if (r.groups.empty() || r.groups.back().title != title) {
            r.groups.push_back({title, {}});
        }
        r.groups.back().answers.push_back({q.question,
                                           q.answer == "yes"  ? "Có"
                                           : q.answer == "no" ? "Không"
                                                              : "Chưa trả lời",
                                           q.note});
    }
    for (auto [label, text] : {std::pair{"Về sự cần thiết", &v->conclusion_necessity},
                               std::pair{"Về tính hợp lý", &v->conclusion_reasonableness},
                               std::pair{"Về tính hợp pháp", &v->conclusion_legality},
                               std::pair{"Kết luận chung", &v->conclusion_overall}}) {
        if (!text->empty()) {
            r.conclusions.push_back({label, *text});
        }
    }
    r.cost_steps = v->cost.cost.steps;
    r.per_event = scm::FormatDong(v->cost.cost.per_event) + " đồng";
    r.annual = scm::FormatDong(v->cost.cost.annual) + " đồng";
    r.cost_note = v->cost.note;
    r.opinion = a.reviewer_opinion;
    const std::string base = "danh-gia-tac-dong-" + std::to_string(id);
    if (format == "pdf") {
        auto bytes = render::RenderAssessmentPdf(r);
        if (!bytes) {
            return std::move(bytes).error();
        }
        return ExportFile{std::move(*bytes), "application/pdf", base + ".pdf"};
    }
    auto bytes = render::RenderAssessmentDocx(r);
    if (!bytes) {
        return std::move(bytes).error();
    }
    return ExportFile{std::move(*bytes),
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      base + ".docx"};
}

}  // namespace motcua::app
