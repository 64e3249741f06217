#include "app/publication_decisions.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "app/audit_util.hpp"
#include "app/catalogue.hpp"
#include "app/control_util.hpp"
#include "app/dossier_access.hpp"
#include "app/report_scope.hpp"
#include "app/settings.hpp"
#include "calendar/civil_date.hpp"
#include "demo/demo_data.hpp"
#include "demo/exchange.hpp"
#include "render/docx_writer.hpp"
#include "render/xlsx_workbook.hpp"
#include "store/procedures.hpp"
#include "store/units.hpp"
#include "store/users.hpp"
#include "text/unicode.hpp"

namespace motcua::app {

namespace {

using control::OptDay;
using control::OptInt;
using control::OptString;
using control::ParseBody;

namespace json = boost::json;
namespace pub = domain::publication;
namespace spd = store::publication_decisions;
using domain::Role;
using std::chrono::days;
using std::chrono::sys_days;

constexpr std::size_t kMaxBody = std::size_t{512} * 1024;
constexpr std::size_t kMaxItems = 500;
constexpr std::size_t kMaxDocuments = 20;

sys_days Today(const AppContext& ctx) {
    return std::chrono::floor<days>(ctx.clock->Now() + calendar::kVietnamOffset);
}

base::Error SignInFirst() {
    return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
}

base::Error NotVisible() {
    return base::NotFound("Không tìm thấy quyết định công bố.");
}

// ---- Input -------------------------------------------------------------------------------------

base::Result<std::string> RequiredString(const json::object& o, std::string_view key,
                                         std::string_view where, std::size_t max = 2000) {
    auto s = OptString(o, key, max, where);
    if (!s) {
        return std::move(s).error();
    }
    if (!*s || (*s)->empty()) {
        return base::InvalidArgument(std::string(where) + "Thiếu trường '" + std::string(key) +
                                     "'.");
    }
    return std::move(**s);
}

base::Result<std::int64_t> RequireVersion(const json::object& o,
                                          std::optional<std::int64_t> if_match) {
    auto v = OptInt(o, "version");
    if (!v) {
        return std::move(v).error();
    }
    if (*v) {
        return **v;
    }
    if (if_match) {
        return *if_match;
    }
    return base::InvalidArgument("Thiếu trường 'version' (phiên bản đang sửa) hoặc If-Match.");
}

std::string ItemWhere(std::size_t k, const std::string& code) {
    return "Mục " + std::to_string(k + 1) + (code.empty() ? "" : " (" + code + ")") + ": ";
}

// The decision's editable fields from a POST/PUT body (issuing unit resolved by the caller).
base::Result<spd::Decision> DecisionFromJson(const json::object& o) {
    spd::Decision d;
    auto number = RequiredString(o, "number", "", 100);
    auto title = OptString(o, "title", 1000, "");
    auto issuer = OptString(o, "issuer", 20, "");
    auto convention = OptString(o, "convention", 20, "");
    auto signed_on = OptDay(o, "signed_on");
    auto signer = OptString(o, "signer", 200, "");
    auto position = OptString(o, "signer_position", 200, "");
    if (!number || !title || !issuer || !convention || !signed_on || !signer || !position) {
        return !number       ? number.error()
               : !title      ? title.error()
               : !issuer     ? issuer.error()
               : !convention ? convention.error()
               : !signed_on  ? signed_on.error()
               : !signer     ? signer.error()
                             : position.error();
    }
    d.number = std::move(*number);
    d.title = title->value_or("");
    d.issuer = issuer->value_or("province");
    if (!pub::ParseIssuer(d.issuer)) {
        return base::InvalidArgument("Trường 'issuer' phải là province hoặc ministry.");
    }
    // Not chosen: the system setting in force on the signature day (ResolveConvention).
    d.convention = convention->value_or("");
    d.convention_from_setting = d.convention.empty();
    if (!d.convention_from_setting && !pub::ParseConvention(d.convention)) {
        return base::InvalidArgument(
            "Trường 'convention' phải là working_days (ngày làm việc) hoặc calendar_days (ngày).");
    }
    d.signed_on = *signed_on;
    d.signer = signer->value_or("");
    d.signer_position = position->value_or("");

    const json::value* docs = o.if_contains("legal_documents");
    if (!docs || !docs->is_array() || docs->as_array().empty()) {
        return base::InvalidArgument(
            "Cần ít nhất một văn bản quy phạm pháp luật được công bố ('legal_documents', mảng).");
    }
    if (docs->as_array().size() > kMaxDocuments) {
        return base::InvalidArgument("Quá nhiều văn bản quy phạm pháp luật (tối đa 20).");
    }
    for (std::size_t k = 0; k < docs->as_array().size(); ++k) {
        const json::value& v = docs->as_array()[k];
        const std::string where = "Văn bản " + std::to_string(k + 1) + ": ";
        if (!v.is_object()) {
            return base::InvalidArgument(where + "phải là một đối tượng.");
        }
        const json::object& x = v.as_object();
        spd::LegalDocument doc;
        auto dnum = RequiredString(x, "number", where, 100);
        auto dtitle = OptString(x, "title", 1000, where);
        auto level = OptString(x, "level", 20, where);
        auto adopted = OptDay(x, "adopted_on", where);
        auto effective = OptDay(x, "effective_on", where);
        if (!dnum || !dtitle || !level || !adopted || !effective) {
            return !dnum      ? dnum.error()
                   : !dtitle  ? dtitle.error()
                   : !level   ? level.error()
                   : !adopted ? adopted.error()
                              : effective.error();
        }
        const json::value* shortened = x.if_contains("shortened");
        if (shortened && !shortened->is_null() && !shortened->is_bool()) {
            return base::InvalidArgument(where + "Trường 'shortened' phải là true hoặc false.");
        }
        doc.shortened = shortened && shortened->is_bool() && shortened->as_bool();
        doc.number = std::move(*dnum);
        doc.title = dtitle->value_or("");
        doc.level = level->value_or("province");
        if (!pub::ParseIssuer(doc.level)) {
            return base::InvalidArgument(where + "Trường 'level' phải là province hoặc ministry.");
        }
        doc.adopted = *adopted;
        if (!*effective) {
            return base::InvalidArgument(where + "Thiếu ngày có hiệu lực ('effective_on').");
        }
        doc.effective = **effective;
        if (doc.shortened && !doc.adopted) {
            return base::InvalidArgument(
                where +
                "Văn bản ban hành theo trình tự rút gọn cần ngày công bố/ký ban hành "
                "('adopted_on').");
        }
        if (doc.adopted && *doc.adopted > doc.effective) {
            return base::InvalidArgument(where + "Ngày thông qua sau ngày có hiệu lực.");
        }
        d.documents.push_back(std::move(doc));
    }

    const json::value* items = o.if_contains("items");
    if (!items || !items->is_array() || items->as_array().empty()) {
        return base::InvalidArgument("Cần ít nhất một thủ tục hành chính được công bố ('items').");
    }
    if (items->as_array().size() > kMaxItems) {
        return base::InvalidArgument("Quá nhiều thủ tục trong một quyết định (tối đa 500).");
    }
    std::set<std::string> seen;
    for (std::size_t k = 0; k < items->as_array().size(); ++k) {
        const json::value& v = items->as_array()[k];
        if (!v.is_object()) {
            return base::InvalidArgument(ItemWhere(k, "") + "phải là một đối tượng.");
        }
        const json::object& x = v.as_object();
        spd::Item item;
        auto code = RequiredString(x, "procedure_code", ItemWhere(k, ""), 20);
        if (!code) {
            return std::move(code).error();
        }
        item.procedure_code = std::move(*code);
        const std::string where = ItemWhere(k, item.procedure_code);
        if (!domain::IsProcedureCode(item.procedure_code)) {
            return base::InvalidArgument(where + "mã TTHC không hợp lệ (dạng 1.001234).");
        }
        auto change = RequiredString(x, "change", where, 20);
        auto replaced = OptString(x, "replaced_code", 20, where);
        auto document = OptInt(x, "document");
        if (!change || !replaced || !document) {
            return !change ? change.error() : !replaced ? replaced.error() : document.error();
        }
        item.change = std::move(*change);
        if (item.change != "added" && item.change != "amended" && item.change != "replaced" &&
            item.change != "abolished") {
            return base::InvalidArgument(
                where + "Trường 'change' phải là added, amended, replaced hoặc abolished.");
        }
        if (item.change == "replaced") {
            if (!*replaced || !domain::IsProcedureCode(**replaced) ||
                **replaced == item.procedure_code) {
                return base::InvalidArgument(
                    where + "TTHC thay thế cần mã TTHC bị thay thế ('replaced_code') khác mã mới.");
            }
            item.replaced_code = *replaced;
        } else if (*replaced) {
            return base::InvalidArgument(where +
                                         "'replaced_code' chỉ dùng cho TTHC thay thế (replaced).");
        }
        const std::int64_t doc = document->value_or(0);
        if (doc < 0 || doc >= static_cast<std::int64_t>(d.documents.size())) {
            return base::InvalidArgument(where +
                                         "Trường 'document' phải là số thứ tự (từ 0) của "
                                         "một văn bản trong 'legal_documents'.");
        }
        item.document = static_cast<int>(doc);
        if (const json::value* p = x.if_contains("procedure"); p && !p->is_null()) {
            if (!p->is_object()) {
                return base::InvalidArgument(where + "Trường 'procedure' phải là một đối tượng.");
            }
            if (item.change == "abolished") {
                return base::InvalidArgument(where + "TTHC bãi bỏ không kèm nội dung thủ tục.");
            }
            for (const auto& kv : p->as_object()) {
                if (kv.key() == "code" || kv.key() == "effective_from" ||
                    kv.key() == "effective_to" || kv.key() == "publication_decision") {
                    return base::InvalidArgument(
                        where + "Trường '" + std::string(kv.key()) +
                        "' do quyết định xác định, không nhập trong 'procedure'.");
                }
            }
            item.procedure_json = json::serialize(p->as_object());
        }
        if (!seen.insert(item.procedure_code).second) {
            return base::InvalidArgument(where + "TTHC được nêu hai lần trong quyết định.");
        }
        d.items.push_back(std::move(item));
    }
    return d;
}

// A procedure version built from exchange-format fields, checked as an import line is; errors
// name the item.
base::Result<domain::Procedure> BuildVersion(json::object fields, const std::string& code,
                                             sys_days effective, const std::string& decision_number,
                                             const std::string& where) {
    fields["code"] = code;
    fields["effective_from"] = calendar::FormatIsoDate(effective);
    fields.erase("effective_to");
    fields["publication_decision"] = decision_number;
    auto parsed = demo::ParseDemoProcedures(json::serialize(fields));
    if (!parsed) {
        std::string m = parsed.error().message;
        if (const auto at = m.find(": ");
            m.rfind("procedures.jsonl", 0) == 0 && at != std::string::npos) {
            m = m.substr(at + 2);
        }
        return base::InvalidArgument(where + m);
    }
    if (parsed->size() != 1) {
        return base::InvalidArgument(where + "nội dung thủ tục không hợp lệ.");
    }
    return std::move(parsed->front());
}

// The exchange-format fields of a stored version (the base of an amendment).
json::object FieldsOf(const domain::Procedure& p) {
    std::error_code ec;
    json::value v = json::parse(demo::ProcedureToExchangeLine(p), ec);
    return ec || !v.is_object() ? json::object{} : std::move(v.as_object());
}

// Checks an item's fields (added/replaced need a name, field and levels unless they refer to an
// imported version; amended fields are checked over a placeholder base).
base::Status CheckItemFields(const spd::Item& item, std::size_t k) {
    if (item.procedure_json.empty()) {
        return {};
    }
    std::error_code ec;
    json::value v = json::parse(item.procedure_json, ec);
    if (ec || !v.is_object()) {
        return base::InvalidArgument(ItemWhere(k, item.procedure_code) +
                                     "nội dung thủ tục không hợp lệ.");
    }
    json::object fields;
    if (item.change == "amended") {
        fields = json::object{{"name", "_"}, {"field", ""}, {"levels", json::array{}}};
    }
    for (const auto& kv : v.as_object()) {
        fields[kv.key()] = kv.value();
    }
    auto built = BuildVersion(std::move(fields), item.procedure_code, sys_days{days{20000}}, "_",
                              ItemWhere(k, item.procedure_code));
    if (!built) {
        return built.error();
    }
    return {};
}

// Amended, replaced and abolished items name procedures of the catalogue.
base::Status CheckCodesKnown(store::Transaction& tx, const spd::Decision& d) {
    for (std::size_t k = 0; k < d.items.size(); ++k) {
        const spd::Item& item = d.items[k];
        std::optional<std::string> must_exist;
        if (item.change == "amended" || item.change == "abolished") {
            must_exist = item.procedure_code;
        } else if (item.change == "replaced") {
            must_exist = item.replaced_code;
        }
        if (!must_exist) {
            continue;
        }
        auto history = store::procedures::History(tx, *must_exist);
        if (!history) {
            return history.error();
        }
        if (history->empty()) {
            return base::NotFound(ItemWhere(k, item.procedure_code) + "TTHC mã " + *must_exist +
                                  " không có trong danh mục.");
        }
    }
    return {};
}

// A decision that did not choose its days convention takes the system setting in force on its
// (planned) signature day, or today while it has none; signing fixes it (app/settings.hpp).
base::Status ResolveConvention(store::Transaction& tx, spd::Decision& d, sys_days today) {
    if (!d.convention_from_setting) {
        return {};
    }
    auto value = internal::SettingOn(tx, kPublicationDayConvention, d.signed_on.value_or(today));
    if (!value) {
        return value.error();
    }
    d.convention = std::move(*value);
    return {};
}

// ---- Access ------------------------------------------------------------------------------------

base::Result<bool> MayManage(store::Transaction& tx, const Actor& actor, std::int64_t unit_id) {
    for (Role r : {Role::kControlOfficer, Role::kLeader}) {
        auto h = internal::HoldsRoleOn(tx, actor, r, unit_id);
        if (!h || *h) {
            return h;
        }
    }
    return false;
}

base::Status RequireManage(store::Transaction& tx, const Actor& actor, const domain::Unit& unit) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto may = MayManage(tx, actor, unit.id);
    if (!may) {
        return may.error();
    }
    if (!*may) {
        return base::Error{base::ErrorCode::kPermissionDenied,
                           "Chỉ công chức kiểm soát TTHC và lãnh đạo của " + unit.name +
                               " được quản lý quyết định công bố TTHC của đơn vị."};
    }
    return {};
}

base::Result<domain::Unit> UnitById(store::Transaction& tx, std::int64_t id) {
    auto u = store::units::Get(tx, id);
    if (!u) {
        return std::move(u).error();
    }
    if (!*u) {
        return base::Internal("publication decision of a missing unit");
    }
    return std::move(**u);
}

// The units whose decisions the actor may see: the subtrees of their control-officer and leader
// grants (or of `unit_code`, which they must manage).
base::Result<std::vector<std::int64_t>> ScopeUnits(store::Transaction& tx, const Actor& actor,
                                                   const std::optional<std::string>& unit_code) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    std::vector<domain::Unit> roots;
    if (unit_code && !unit_code->empty()) {
        auto u = store::units::GetByCode(tx, *unit_code);
        if (!u) {
            return std::move(u).error();
        }
        if (!*u) {
            return base::NotFound("Không có đơn vị mã '" + *unit_code + "'.");
        }
        if (base::Status s = RequireManage(tx, actor, **u); !s) {
            return s.error();
        }
        roots.push_back(std::move(**u));
    } else {
        for (const domain::RoleGrant& g : actor.user->roles) {
            if ((g.role == Role::kControlOfficer || g.role == Role::kLeader) && g.unit_id) {
                auto u = UnitById(tx, *g.unit_id);
                if (!u) {
                    return std::move(u).error();
                }
                roots.push_back(std::move(*u));
            }
        }
        if (roots.empty()) {
            return base::Error{base::ErrorCode::kPermissionDenied,
                               "Chỉ công chức kiểm soát TTHC và lãnh đạo đơn vị được xem quyết "
                               "định công bố TTHC."};
        }
    }
    std::set<std::int64_t> ids;
    for (const domain::Unit& root : roots) {
        auto sub = internal::Subtree(tx, root);
        if (!sub) {
            return std::move(sub).error();
        }
        for (const domain::Unit& u : *sub) {
            ids.insert(u.id);
        }
    }
    return std::vector<std::int64_t>(ids.begin(), ids.end());
}

// ---- Views -------------------------------------------------------------------------------------

pub::Rules RulesOf(const spd::Decision& d) {
    pub::Rules r;
    r.convention = pub::ParseConvention(d.convention).value_or(pub::DayConvention::kWorkingDays);
    return r;
}

bool AnyShortened(const spd::Decision& d) {
    return std::any_of(d.documents.begin(), d.documents.end(),
                       [](const spd::LegalDocument& x) { return x.shortened; });
}

std::vector<pub::LegalBasis> BasesOf(const spd::Decision& d) {
    std::vector<pub::LegalBasis> out;
    for (const spd::LegalDocument& x : d.documents) {
        out.push_back(pub::LegalBasis{x.effective, x.shortened, x.adopted.value_or(x.effective)});
    }
    return out;
}

std::vector<std::string> ActionsOf(const spd::Decision& d) {
    if (d.state == "draft") {
        return {"edit", "sign"};
    }
    if (d.state == "signed") {
        return {"apply", "record_database", "record_catalogue"};
    }
    return {"record_database", "record_catalogue"};
}

base::Result<PublicationDecisionView> ViewOf(store::Transaction& tx, spd::Decision d,
                                             sys_days today) {
    PublicationDecisionView v;
    auto unit = UnitById(tx, d.issuing_unit_id);
    if (!unit) {
        return std::move(unit).error();
    }
    v.unit = std::move(*unit);
    auto cal = internal::CalendarFor(d.issuing_unit_id);
    if (!cal) {
        return std::move(cal).error();
    }
    const pub::Rules rules = RulesOf(d);
    const pub::Issuer issuer = pub::ParseIssuer(d.issuer).value_or(pub::Issuer::kProvince);
    v.actions = ActionsOf(d);
    if (d.signed_on) {
        const auto bases = BasesOf(d);
        auto check = pub::CheckDecision(**cal, rules, issuer, bases, *d.signed_on);
        if (check) {
            v.check = std::move(*check);
        }
        auto due = pub::LatestDatabaseDay(**cal, rules, issuer, AnyShortened(d), *d.signed_on);
        if (due) {
            v.database_due = *due;
        }
    }
    const bool issued = d.state != "draft";
    if (v.check && !v.check->on_time) {
        v.warnings.push_back(
            PublicationWarning{"late_decision", "",
                               std::string(issued ? "Quyết định công bố ban hành muộn: "
                                                  : "Ngày ký dự kiến muộn hơn hạn: ") +
                                   v.check->explanation,
                               v.check->latest, v.check->days_late});
    }
    if (issued) {
        for (const spd::Item& item : d.items) {
            if (v.database_due) {
                const sys_days due = *v.database_due;
                if (item.database_entered && *item.database_entered > due) {
                    v.warnings.push_back(PublicationWarning{
                        "late_database", item.procedure_code,
                        "Cập nhật, công khai TTHC " + item.procedure_code +
                            " trên CSDL quốc gia muộn: ngày " +
                            calendar::FormatVietnameseDate(*item.database_entered) + ", hạn " +
                            calendar::FormatVietnameseDate(due) + ".",
                        due, (*item.database_entered - due).count()});
                } else if (!item.database_entered && today > due) {
                    v.warnings.push_back(PublicationWarning{
                        "database_overdue", item.procedure_code,
                        "TTHC " + item.procedure_code +
                            " chưa được cập nhật, công khai trên CSDL quốc gia về TTHC (hạn " +
                            calendar::FormatVietnameseDate(due) + ").",
                        due, (today - due).count()});
                }
            }
            const sys_days effective =
                d.documents.at(static_cast<std::size_t>(item.document)).effective;
            if (item.catalogue_updated && *item.catalogue_updated > effective) {
                v.warnings.push_back(PublicationWarning{
                    "catalogue_late", item.procedure_code,
                    "Danh mục TTHC tiếp nhận tại Trung tâm/trực tuyến cập nhật TTHC " +
                        item.procedure_code + " muộn: ngày " +
                        calendar::FormatVietnameseDate(*item.catalogue_updated) +
                        ", văn bản có hiệu lực từ " + calendar::FormatVietnameseDate(effective) +
                        ".",
                    effective, (*item.catalogue_updated - effective).count()});
            } else if (!item.catalogue_updated && today >= effective) {
                v.warnings.push_back(PublicationWarning{
                    "catalogue_not_updated", item.procedure_code,
                    "Danh mục TTHC tiếp nhận tại Trung tâm/trực tuyến chưa cập nhật TTHC " +
                        item.procedure_code + " (văn bản có hiệu lực từ " +
                        calendar::FormatVietnameseDate(effective) + ").",
                    effective, (today - effective).count()});
            }
        }
    }
    v.decision = std::move(d);
    return v;
}

base::Result<spd::Decision> LoadVisible(store::Transaction& tx, const Actor& actor,
                                        std::int64_t id) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto d = spd::Get(tx, id);
    if (!d) {
        return std::move(d).error();
    }
    if (!*d) {
        return NotVisible();
    }
    auto may = MayManage(tx, actor, (*d)->issuing_unit_id);
    if (!may) {
        return std::move(may).error();
    }
    if (!*may) {
        return NotVisible();
    }
    return std::move(**d);
}

std::string AuditDetail(const spd::Decision& d, std::int64_t version) {
    return "{\"number\":" + JsonQuote(d.number) + ",\"state\":" + JsonQuote(d.state) +
           ",\"convention\":" + JsonQuote(d.convention) +
           ",\"convention_from_setting\":" + (d.convention_from_setting ? "true" : "false") +
           ",\"version\":" + std::to_string(version) + "}";
}

// ---- Applying ----------------------------------------------------------------------------------

// Closes the version of `code` in force the day before `effective` (its effective_to becomes
// that day). kNotFound when none was in force; kFailedPrecondition when a version starts after
// `effective` (the catalogue already holds a later change).
base::Status ClosePrevious(store::Transaction& tx, const std::string& code, sys_days effective,
                           const std::string& where, bool must_exist) {
    auto history = store::procedures::History(tx, code);
    if (!history) {
        return history.error();
    }
    std::optional<domain::Procedure> previous;
    for (const domain::Procedure& p : *history) {
        if (p.effective_from > effective) {
            std::string message = where;
            message += "danh mục đã có phiên bản của TTHC " + code + " hiệu lực từ ";
            message += calendar::FormatVietnameseDate(p.effective_from);
            message += ", sau ngày hiệu lực của quyết định.";
            return base::Error{base::ErrorCode::kFailedPrecondition, std::move(message)};
        }
        if (p.effective_from < effective) {
            previous = p;
        }
    }
    if (!previous || (previous->effective_to && *previous->effective_to < effective - days{1})) {
        if (must_exist) {
            return base::NotFound(where + "TTHC " + code +
                                  " không có phiên bản đang có hiệu lực "
                                  "trước ngày " +
                                  calendar::FormatVietnameseDate(effective) + ".");
        }
        return {};
    }
    previous->effective_to = effective - days{1};
    auto saved = store::procedures::Update(tx, *previous, ProcedureSearchKey(*previous));
    if (!saved) {
        return saved.error();
    }
    return {};
}

// Inserts the new version of an added/amended/replaced item (or accepts an imported one).
base::Status InsertVersion(store::Transaction& tx, const spd::Decision& d, const spd::Item& item,
                           sys_days effective, const std::string& where) {
    auto history = store::procedures::History(tx, item.procedure_code);
    if (!history) {
        return history.error();
    }
    const auto existing = std::find_if(
        history->begin(), history->end(),
        [effective](const domain::Procedure& p) { return p.effective_from == effective; });
    if (item.procedure_json.empty() && item.change != "amended") {
        if (existing == history->end()) {
            return base::NotFound(where +
                                  "chưa có nội dung thủ tục ('procedure') và danh mục chưa "
                                  "có phiên bản hiệu lực từ " +
                                  calendar::FormatVietnameseDate(effective) + " để tham chiếu.");
        }
        return {};  // a reference to a version already imported
    }
    if (existing != history->end()) {
        if (item.procedure_json.empty()) {
            return {};  // an amendment already imported into the catalogue
        }
        return base::Error{base::ErrorCode::kAlreadyExists,
                           where + "danh mục đã có phiên bản hiệu lực từ " +
                               calendar::FormatVietnameseDate(effective) + "."};
    }
    std::error_code ec;
    // An amendment without fields: the previous version again, under this decision.
    json::value given = json::parse(item.procedure_json.empty() ? "{}" : item.procedure_json, ec);
    if (ec || !given.is_object()) {
        return base::Internal("stored procedure fields do not parse");
    }
    json::object fields;
    if (item.change == "amended") {
        const domain::Procedure* base = nullptr;
        for (const domain::Procedure& p : *history) {
            if (p.effective_from < effective) {
                base = &p;
            }
        }
        if (base == nullptr) {
            return base::NotFound(where + "TTHC " + item.procedure_code +
                                  " không có phiên bản trước để sửa đổi.");
        }
        fields = FieldsOf(*base);
    }
    for (const auto& kv : given.as_object()) {
        fields[kv.key()] = kv.value();
    }
    auto version = BuildVersion(std::move(fields), item.procedure_code, effective, d.number, where);
    if (!version) {
        return version.error();
    }
    auto inserted = store::procedures::Insert(tx, *version, ProcedureSearchKey(*version));
    if (!inserted) {
        return inserted.error();
    }
    return {};
}

base::Status ApplyItems(store::Transaction& tx, const spd::Decision& d) {
    for (std::size_t k = 0; k < d.items.size(); ++k) {
        const spd::Item& item = d.items[k];
        const std::string where = ItemWhere(k, item.procedure_code);
        const sys_days effective =
            d.documents.at(static_cast<std::size_t>(item.document)).effective;
        if (item.change == "abolished") {
            if (base::Status s = ClosePrevious(tx, item.procedure_code, effective, where, true);
                !s) {
                return s;
            }
            continue;
        }
        if (item.change == "replaced") {
            if (base::Status s = ClosePrevious(tx, *item.replaced_code, effective, where, true);
                !s) {
                return s;
            }
        }
        if (base::Status s =
                ClosePrevious(tx, item.procedure_code, effective, where, item.change == "amended");
            !s) {
            return s;
        }
        if (base::Status s = InsertVersion(tx, d, item, effective, where); !s) {
            return s;
        }
    }
    return {};
}

base::Result<PublicationDecisionView> Change(
    AppContext& ctx, const Actor& actor, std::int64_t id,
    const std::function<base::Status(store::Transaction&, spd::Decision&, std::string&)>& change) {
    const sys_days today = Today(ctx);
    return InWriteTransaction<PublicationDecisionView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<PublicationDecisionView> {
            auto d = LoadVisible(tx, actor, id);
            if (!d) {
                return std::move(d).error();
            }
            std::string action;
            if (base::Status s = change(tx, *d, action); !s) {
                return s.error();
            }
            auto fresh = spd::Get(tx, id);
            if (!fresh) {
                return std::move(fresh).error();
            }
            if (base::Status a = Audit(tx, actor, ctx.clock->Now(), action, "publication_decision",
                                       std::to_string(id), AuditDetail(**fresh, (*fresh)->version));
                !a) {
                return a.error();
            }
            return ViewOf(tx, std::move(**fresh), today);
        });
}

}  // namespace

// ---- Use cases ---------------------------------------------------------------------------------

base::Result<PublicationDecisionView> CreatePublicationDecision(AppContext& ctx, const Actor& actor,
                                                                std::string_view body) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto o = ParseBody(body, kMaxBody);
    if (!o) {
        return std::move(o).error();
    }
    auto unit_code = RequiredString(*o, "issuing_unit", "", 64);
    if (!unit_code) {
        return std::move(unit_code).error();
    }
    const sys_days today = Today(ctx);
    return InWriteTransaction<PublicationDecisionView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<PublicationDecisionView> {
            auto unit = store::units::GetByCode(tx, *unit_code);
            if (!unit) {
                return std::move(unit).error();
            }
            if (!*unit) {
                return base::InvalidArgument("Không có đơn vị mã '" + *unit_code +
                                             "' (issuing_unit).");
            }
            if (base::Status s = RequireManage(tx, actor, **unit); !s) {
                return s.error();
            }
            auto d = DecisionFromJson(*o);
            if (!d) {
                return std::move(d).error();
            }
            for (std::size_t k = 0; k < d->items.size(); ++k) {
                if (base::Status s = CheckItemFields(d->items[k], k); !s) {
                    return s.error();
                }
            }
            if (base::Status s = CheckCodesKnown(tx, *d); !s) {
                return s.error();
            }
            if (base::Status s = ResolveConvention(tx, *d, today); !s) {
                return s.error();
            }
            d->issuing_unit_id = (*unit)->id;
            d->state = "draft";
            d->version = 1;
            auto id = spd::Create(tx, *d, actor.user->id, ctx.clock->Now());
            if (!id) {
                return std::move(id).error();
            }
            d->id = *id;
            if (base::Status a =
                    Audit(tx, actor, ctx.clock->Now(), "publication_decision.create",
                          "publication_decision", std::to_string(*id), AuditDetail(*d, 1));
                !a) {
                return a.error();
            }
            return ViewOf(tx, std::move(*d), today);
        });
}

base::Result<PublicationDecisionView> UpdatePublicationDecision(
    AppContext& ctx, const Actor& actor, std::int64_t id, std::string_view body,
    std::optional<std::int64_t> if_match) {
    auto o = ParseBody(body, kMaxBody);
    if (!o) {
        return std::move(o).error();
    }
    auto version = RequireVersion(*o, if_match);
    if (!version) {
        return std::move(version).error();
    }
    const sys_days today = Today(ctx);
    return Change(
        ctx, actor, id,
        [&](store::Transaction& tx, spd::Decision& d, std::string& action) -> base::Status {
            action = "publication_decision.update";
            if (d.state != "draft") {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Chỉ sửa được quyết định ở trạng thái dự thảo."};
            }
            auto edited = DecisionFromJson(*o);
            if (!edited) {
                return edited.error();
            }
            for (std::size_t k = 0; k < edited->items.size(); ++k) {
                if (base::Status s = CheckItemFields(edited->items[k], k); !s) {
                    return s;
                }
            }
            if (base::Status s = CheckCodesKnown(tx, *edited); !s) {
                return s;
            }
            if (base::Status s = ResolveConvention(tx, *edited, today); !s) {
                return s;
            }
            edited->id = d.id;
            edited->issuing_unit_id = d.issuing_unit_id;
            edited->state = d.state;
            auto saved = spd::Replace(tx, *edited, *version, ctx.clock->Now());
            if (!saved) {
                return saved.error();
            }
            return {};
        });
}

base::Result<PublicationDecisionView> GetPublicationDecision(AppContext& ctx, const Actor& actor,
                                                             std::int64_t id) {
    const sys_days today = Today(ctx);
    return InReadTransaction<PublicationDecisionView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<PublicationDecisionView> {
            auto d = LoadVisible(tx, actor, id);
            if (!d) {
                return std::move(d).error();
            }
            return ViewOf(tx, std::move(*d), today);
        });
}

base::Result<std::vector<PublicationDecisionView>> ListPublicationDecisions(
    AppContext& ctx, const Actor& actor, const PublicationDecisionQuery& query) {
    if (query.state && *query.state != "draft" && *query.state != "signed" &&
        *query.state != "applied") {
        return base::InvalidArgument("Tham số 'state' phải là draft, signed hoặc applied.");
    }
    if (query.from && query.to && *query.from > *query.to) {
        return base::InvalidArgument("Ngày 'from' sau ngày 'to'.");
    }
    const sys_days today = Today(ctx);
    return InReadTransaction<std::vector<PublicationDecisionView>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<PublicationDecisionView>> {
            auto ids = ScopeUnits(tx, actor, query.unit_code);
            if (!ids) {
                return std::move(ids).error();
            }
            spd::ListQuery q;
            q.unit_ids = std::move(*ids);
            q.state = query.state;
            q.from = query.from;
            q.to = query.to;
            auto list = spd::List(tx, q);
            if (!list) {
                return std::move(list).error();
            }
            std::vector<PublicationDecisionView> out;
            for (spd::Decision& d : *list) {
                auto v = ViewOf(tx, std::move(d), today);
                if (!v) {
                    return std::move(v).error();
                }
                out.push_back(std::move(*v));
            }
            return out;
        });
}

base::Result<PublicationDecisionView> SignPublicationDecision(AppContext& ctx, const Actor& actor,
                                                              std::int64_t id,
                                                              std::string_view body) {
    auto o = ParseBody(body, kMaxBody);
    if (!o) {
        return std::move(o).error();
    }
    auto version = RequireVersion(*o, std::nullopt);
    auto on = OptDay(*o, "signed_on");
    if (!version || !on) {
        return !version ? version.error() : on.error();
    }
    const sys_days today = Today(ctx);
    return Change(
        ctx, actor, id,
        [&](store::Transaction& tx, spd::Decision& d, std::string& action) -> base::Status {
            action = "publication_decision.sign";
            if (d.state != "draft") {
                return base::Error{base::ErrorCode::kFailedPrecondition, "Quyết định đã được ký."};
            }
            if (*on) {
                d.signed_on = *on;
            } else if (!d.signed_on) {
                d.signed_on = today;
            }
            if (*d.signed_on > today) {
                return base::InvalidArgument("Ngày ký không được sau hôm nay.");
            }
            if (d.signer.empty()) {
                return base::InvalidArgument(
                    "Cần người ký ('signer') trước khi ghi nhận ký ban hành.");
            }
            if (base::Status s = ResolveConvention(tx, d, today); !s) {
                return s;
            }
            d.state = "signed";
            auto saved = spd::SaveProgress(tx, d, *version, ctx.clock->Now());
            if (!saved) {
                return saved.error();
            }
            return {};
        });
}

base::Result<PublicationDecisionView> ApplyPublicationDecision(AppContext& ctx, const Actor& actor,
                                                               std::int64_t id,
                                                               std::string_view body) {
    auto o = ParseBody(body, kMaxBody);
    if (!o) {
        return std::move(o).error();
    }
    auto version = RequireVersion(*o, std::nullopt);
    if (!version) {
        return std::move(version).error();
    }
    const sys_days today = Today(ctx);
    return Change(
        ctx, actor, id,
        [&](store::Transaction& tx, spd::Decision& d, std::string& action) -> base::Status {
            action = "publication_decision.apply";
            if (d.state == "applied") {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Quyết định đã được áp dụng vào danh mục TTHC; "
                                   "không áp dụng lại."};
            }
            if (d.state != "signed") {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Chỉ áp dụng được quyết định đã ký."};
            }
            if (d.version != *version) {
                return base::Error{base::ErrorCode::kAborted,
                                   "Quyết định công bố đã bị thay đổi bởi người "
                                   "khác; hãy tải lại."};
            }
            if (base::Status s = ApplyItems(tx, d); !s) {
                return s;
            }
            d.state = "applied";
            d.applied_on = today;
            auto saved = spd::SaveProgress(tx, d, *version, ctx.clock->Now());
            if (!saved) {
                return saved.error();
            }
            return {};
        });
}

base::Result<PublicationDecisionView> RecordPublicationDay(AppContext& ctx, const Actor& actor,
                                                           std::int64_t id, std::string_view body,
                                                           bool database) {
    auto o = ParseBody(body, kMaxBody);
    if (!o) {
        return std::move(o).error();
    }
    auto version = RequireVersion(*o, std::nullopt);
    auto on = OptDay(*o, "on");
    if (!version || !on) {
        return !version ? version.error() : on.error();
    }
    if (!*on) {
        return base::InvalidArgument("Thiếu ngày ('on', dạng YYYY-MM-DD).");
    }
    std::optional<std::set<std::string>> only;
    if (const json::value* p = o->if_contains("procedures"); p && !p->is_null()) {
        if (!p->is_array()) {
            return base::InvalidArgument("Trường 'procedures' phải là mảng mã TTHC.");
        }
        only.emplace();
        for (const json::value& c : p->as_array()) {
            if (!c.is_string()) {
                return base::InvalidArgument("Trường 'procedures' phải là mảng mã TTHC.");
            }
            only->insert(std::string(c.as_string()));
        }
    }
    const sys_days today = Today(ctx);
    return Change(
        ctx, actor, id,
        [&](store::Transaction& tx, spd::Decision& d, std::string& action) -> base::Status {
            action = database ? "publication_decision.database_entry"
                              : "publication_decision.catalogue_update";
            if (d.state == "draft" || !d.signed_on) {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Quyết định chưa được ký."};
            }
            if (**on < *d.signed_on || **on > today) {
                return base::InvalidArgument(
                    "Ngày ghi nhận phải từ ngày ký quyết định đến hôm nay.");
            }
            if (only) {
                for (const std::string& code : *only) {
                    if (std::none_of(d.items.begin(), d.items.end(), [&](const spd::Item& i) {
                            return i.procedure_code == code;
                        })) {
                        return base::NotFound("TTHC mã " + code + " không có trong quyết định.");
                    }
                }
            }
            for (spd::Item& item : d.items) {
                if (only && only->count(item.procedure_code) == 0) {
                    continue;
                }
                (database ? item.database_entered : item.catalogue_updated) = **on;
            }
            auto saved = spd::SaveProgress(tx, d, *version, ctx.clock->Now());
            if (!saved) {
                return saved.error();
            }
            return {};
        });
}

base::Result<std::vector<PublicationViolation>> PublicationViolations(
    AppContext& ctx, const Actor& actor, const PublicationDecisionQuery& query) {
    auto list = ListPublicationDecisions(ctx, actor, query);
    if (!list) {
        return std::move(list).error();
    }
    std::vector<PublicationViolation> out;
    for (const PublicationDecisionView& v : *list) {
        if (v.decision.state == "draft") {
            continue;
        }
        for (const PublicationWarning& w : v.warnings) {
            out.push_back(PublicationViolation{v, w});
        }
    }
    return out;
}

base::Result<std::string> PublicationViolationsXlsx(AppContext& ctx, const Actor& actor,
                                                    const PublicationDecisionQuery& query) {
    auto list = PublicationViolations(ctx, actor, query);
    if (!list) {
        return std::move(list).error();
    }
    return render::detail::RenderWorkbook(
        "Vi pham", "Một ô quá dài để ghi vào bảng tính.",
        [&](lxw_workbook* wb, lxw_worksheet* ws) -> lxw_error {
            lxw_format* bold = workbook_add_format(wb);
            format_set_bold(bold);
            format_set_text_wrap(bold);
            format_set_border(bold, LXW_BORDER_THIN);
            lxw_format* cell = workbook_add_format(wb);
            format_set_text_wrap(cell);
            format_set_border(cell, LXW_BORDER_THIN);
            format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
            lxw_error e = worksheet_write_string(
                ws, 0, 0, "DANH SÁCH VI PHẠM THỜI HẠN CÔNG BỐ, CÔNG KHAI TTHC", bold);
            const std::vector<std::string> headers = {"STT",     "Đơn vị ban hành", "Số quyết định",
                                                      "Ngày ký", "Mã TTHC",         "Vi phạm",
                                                      "Hạn",     "Số ngày muộn",    "Nội dung"};
            const std::vector<double> widths = {6, 28, 18, 12, 12, 22, 12, 10, 70};
            for (std::size_t c = 0; c < headers.size() && e == LXW_NO_ERROR; ++c) {
                e = worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                         widths[c], nullptr);
                if (e == LXW_NO_ERROR) {
                    e = worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c), headers[c].c_str(),
                                               bold);
                }
            }
            lxw_row_t row = 3;
            for (const PublicationViolation& x : *list) {
                if (e != LXW_NO_ERROR) {
                    break;
                }
                const auto& d = x.decision.decision;
                const std::vector<std::string> cells = {
                    std::to_string(row - 2),
                    x.decision.unit.name,
                    d.number,
                    d.signed_on ? calendar::FormatVietnameseDate(*d.signed_on) : "",
                    x.warning.procedure_code,
                    x.warning.rule,
                    x.warning.due ? calendar::FormatVietnameseDate(*x.warning.due) : "",
                    std::to_string(x.warning.days_late),
                    x.warning.message};
                for (std::size_t c = 0; c < cells.size() && e == LXW_NO_ERROR; ++c) {
                    e = worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), cells[c].c_str(),
                                               cell);
                }
                ++row;
            }
            return e;
        });
}

std::string_view PublicationRuleLabel(std::string_view rule) {
    if (rule == "late_decision") {
        return "Ban hành quyết định công bố muộn";
    }
    if (rule == "late_database") {
        return "Cập nhật CSDL quốc gia muộn";
    }
    if (rule == "database_overdue") {
        return "Chưa cập nhật CSDL quốc gia (quá hạn)";
    }
    if (rule == "catalogue_late") {
        return "Cập nhật danh mục tại Trung tâm muộn";
    }
    if (rule == "catalogue_not_updated") {
        return "Chưa cập nhật danh mục tại Trung tâm";
    }
    return rule;
}

base::Result<std::string> PublicationViolationsDocx(AppContext& ctx, const Actor& actor,
                                                    const PublicationDecisionQuery& query) {
    auto list = PublicationViolations(ctx, actor, query);
    if (!list) {
        return std::move(list).error();
    }
    std::string unit_line = "Phạm vi: các đơn vị thuộc phạm vi quản lý của người lập";
    if (query.unit_code && !query.unit_code->empty()) {
        auto unit = InReadTransaction<std::optional<domain::Unit>>(
            *ctx.db, [&](store::Transaction& tx) -> base::Result<std::optional<domain::Unit>> {
                return store::units::GetByCode(tx, *query.unit_code);
            });
        if (!unit) {
            return std::move(unit).error();
        }
        if (*unit) {
            unit_line = "Đơn vị: " + (*unit)->name + " và các đơn vị trực thuộc";
        }
    }
    std::string period = "Kỳ: quyết định ký ";
    if (query.from && query.to) {
        period += "từ ngày " + calendar::FormatVietnameseDate(*query.from) + " đến ngày " +
                  calendar::FormatVietnameseDate(*query.to);
    } else if (query.from) {
        period += "từ ngày " + calendar::FormatVietnameseDate(*query.from);
    } else if (query.to) {
        period += "đến ngày " + calendar::FormatVietnameseDate(*query.to);
    } else {
        period += "ở mọi thời điểm";
    }
    period += " (lập ngày " + calendar::FormatVietnameseDate(Today(ctx)) + ")";

    namespace docx = render::docx;
    docx::Document doc;
    doc.Paragraph("DANH SÁCH VI PHẠM THỜI HẠN CÔNG BỐ, CÔNG KHAI TTHC",
                  {.bold = true, .align = "center", .size = 28});
    doc.Paragraph(unit_line, {.align = "center", .size = 26});
    doc.Paragraph(period, {.italic = true, .align = "center", .size = 24});
    docx::Table t;
    // A4 landscape less 2 cm margins each side: 14,570 twips.
    t.columns = {600, 2400, 1700, 1200, 1200, 1900, 1200, 900, 3470};
    const docx::Style header{.bold = true, .align = "center", .size = 22};
    for (const char* h : {"STT", "Đơn vị ban hành", "Số quyết định", "Ngày ký", "Mã TTHC",
                          "Vi phạm", "Hạn", "Số ngày muộn", "Nội dung"}) {
        t.header.push_back({.text = h, .style = header});
    }
    const docx::Style body{.size = 22};
    const docx::Style centered{.align = "center", .size = 22};
    if (list->empty()) {
        t.rows.push_back({{.text = "Không có vi phạm", .style = centered, .span = 9}});
    }
    int n = 0;
    for (const PublicationViolation& x : *list) {
        const auto& d = x.decision.decision;
        t.rows.push_back(
            {{.text = std::to_string(++n), .style = centered},
             {.text = x.decision.unit.name, .style = body},
             {.text = d.number, .style = body},
             {.text = d.signed_on ? calendar::FormatVietnameseDate(*d.signed_on) : "",
              .style = centered},
             {.text = x.warning.procedure_code, .style = centered},
             {.text = std::string(PublicationRuleLabel(x.warning.rule)), .style = body},
             {.text = x.warning.due ? calendar::FormatVietnameseDate(*x.warning.due) : "",
              .style = centered},
             {.text = std::to_string(x.warning.days_late), .style = centered},
             {.text = x.warning.message, .style = body}});
    }
    doc.AddTable(t);
    doc.Paragraph(
        "Hạn tính theo Nghị định 63/2010/NĐ-CP (Điều 15, Điều 24 sửa đổi bởi Nghị định "
        "92/2017/NĐ-CP) và lịch làm việc của đơn vị; số ngày muộn là số ngày sau hạn.",
        {.italic = true, .size = 20});
    return doc.Finish({.landscape = true});
}

// ---- Demo --------------------------------------------------------------------------------------

base::Result<int> SeedDemoPublicationDecisions(AppContext& ctx) {
    auto actor =
        InReadTransaction<Actor>(*ctx.db, [](store::Transaction& tx) -> base::Result<Actor> {
            auto user = store::users::GetByUsername(tx, "kiemsoat");
            if (!user) {
                return std::move(user).error();
            }
            if (!*user) {
                return base::NotFound("demo user kiemsoat is missing");
            }
            Actor a;
            a.user = **user;
            a.ip = "127.0.0.1";
            a.user_agent = "motcua seed-demo";
            return a;
        });
    if (!actor) {
        return std::move(actor).error();
    }
    auto existing =
        InReadTransaction<bool>(*ctx.db, [](store::Transaction& tx) -> base::Result<bool> {
            auto unit = store::units::GetByCode(tx, "46");
            if (!unit) {
                return std::move(unit).error();
            }
            if (!*unit) {
                return base::NotFound("demo unit 46 is missing");
            }
            return spd::AnyOf(tx, {(*unit)->id});
        });
    if (!existing) {
        return std::move(existing).error();
    }
    if (*existing) {
        return 0;
    }
    const sys_days today = Today(ctx);
    auto iso = [](sys_days d) { return calendar::FormatIsoDate(d); };
    struct Demo {
        std::string number;
        sys_days signed_on;
        sys_days effective;
        std::string items;
        bool apply;
    };
    const std::vector<Demo> demos = {
        {"DEMO-01/QĐ-UBND", today - days{10}, today + days{30},
         R"([{"procedure_code":"1.002010","change":"amended","procedure":{"fees":"Không"}}])",
         true},
        {"DEMO-02/QĐ-UBND", today - days{18}, today - days{15},
         R"([{"procedure_code":"1.002055","change":"amended"},)"
         R"({"procedure_code":"1.002079","change":"amended"}])",
         false},
    };
    int made = 0;
    for (const Demo& demo : demos) {
        const std::string body =
            R"({"issuing_unit":"46","number":")" + demo.number +
            R"J(","title":"Công bố danh mục TTHC lĩnh vực Luật sư, Tư vấn pháp luật (dữ liệu mẫu)",)J"
            R"("signer":"Nguyễn Văn Phương","signer_position":"Chủ tịch UBND thành phố",)"
            R"("signed_on":")" +
            iso(demo.signed_on) +
            R"J(","legal_documents":[{"number":"DEMO/2026/NQ-HĐND","title":"Nghị quyết (mẫu)",)J"
            R"("level":"province","effective_on":")" +
            iso(demo.effective) + R"("}],"items":)" + demo.items + "}";
        auto created = CreatePublicationDecision(ctx, *actor, body);
        if (!created) {
            return std::move(created).error();
        }
        const std::string id = std::to_string(created->decision.id);
        auto signed_view =
            SignPublicationDecision(ctx, *actor, created->decision.id, R"({"version":1})");
        if (!signed_view) {
            return std::move(signed_view).error();
        }
        std::int64_t version = signed_view->decision.version;
        if (demo.apply) {
            auto applied =
                ApplyPublicationDecision(ctx, *actor, created->decision.id,
                                         R"({"version":)" + std::to_string(version) + "}");
            if (!applied) {
                return std::move(applied).error();
            }
            version = applied->decision.version;
            auto entered =
                RecordPublicationDay(ctx, *actor, created->decision.id,
                                     R"({"version":)" + std::to_string(version) + R"(,"on":")" +
                                         iso(demo.signed_on + days{2}) + R"("})",
                                     true);
            if (!entered) {
                return std::move(entered).error();
            }
        }
        ++made;
    }
    return made;
}

// ---- Shared with the indicators and the inspections --------------------------------------------

base::Result<std::string> PublicationFigureOf(AppContext& ctx, const domain::Unit& unit,
                                              sys_days from, sys_days to) {
    const sys_days today = Today(ctx);
    return InReadTransaction<std::string>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::string> {
            auto sub = internal::Subtree(tx, unit);
            if (!sub) {
                return std::move(sub).error();
            }
            std::vector<std::int64_t> ids;
            for (const domain::Unit& u : *sub) {
                ids.push_back(u.id);
            }
            return internal::PublicationFigure(tx, ids, from, to, std::min(today, to + days{1}));
        });
}

namespace internal {

base::Result<std::vector<pub::Publication>> PublicationsOf(
    store::Transaction& tx, const std::vector<std::int64_t>& unit_ids) {
    spd::ListQuery q;
    q.unit_ids = unit_ids;
    auto list = spd::List(tx, q);
    if (!list) {
        return std::move(list).error();
    }
    std::vector<pub::Publication> out;
    for (const spd::Decision& d : *list) {
        if (d.state == "draft" || !d.signed_on) {
            continue;
        }
        auto cal = CalendarFor(d.issuing_unit_id);
        if (!cal) {
            return std::move(cal).error();
        }
        const pub::Rules rules = RulesOf(d);
        const pub::Issuer issuer = pub::ParseIssuer(d.issuer).value_or(pub::Issuer::kProvince);
        const auto bases = BasesOf(d);
        auto check = pub::CheckDecision(**cal, rules, issuer, bases, *d.signed_on);
        auto due = pub::LatestDatabaseDay(**cal, rules, issuer, AnyShortened(d), *d.signed_on);
        if (!check || !due) {
            return !check ? check.error() : due.error();
        }
        for (const spd::Item& item : d.items) {
            out.push_back(pub::Publication{item.procedure_code, *d.signed_on, check->on_time, *due,
                                           item.database_entered});
        }
    }
    return out;
}

base::Result<std::string> PublicationFigure(store::Transaction& tx,
                                            const std::vector<std::int64_t>& unit_ids,
                                            sys_days from, sys_days to, sys_days today) {
    auto any = spd::AnyOf(tx, unit_ids);
    if (!any) {
        return std::move(any).error();
    }
    if (!*any) {
        return std::string();
    }
    auto rows = PublicationsOf(tx, unit_ids);
    if (!rows) {
        return std::move(rows).error();
    }
    const pub::PublicationIndicators ind = pub::Indicators(*rows, from, to, today);
    json::array late_decisions(ind.late_decisions.begin(), ind.late_decisions.end());
    json::array late_database(ind.late_database.begin(), ind.late_database.end());
    const auto& a = ind.on_time_decisions;
    const auto& b = ind.on_time_database;
    return json::serialize(json::object{
        {"status", "ok"},
        {"from", calendar::FormatIsoDate(from)},
        {"to", calendar::FormatIsoDate(to)},
        {"source", "Hệ thống motcua (quyết định công bố TTHC)"},
        {"value", a.numerator},
        {"of", a.denominator},
        {"published_on_time", a.numerator},
        {"published", a.denominator},
        {"database_on_time", b.numerator},
        {"database_counted", b.denominator},
        {"late_decisions", std::move(late_decisions)},
        {"late_database", std::move(late_database)},
        {"text", "TTHC công bố đúng hạn: " + std::to_string(a.numerator) + "/" +
                     std::to_string(a.denominator) + "; cập nhật CSDL quốc gia đúng hạn: " +
                     std::to_string(b.numerator) + "/" + std::to_string(b.denominator)}});
}

}  // namespace internal

}  // namespace motcua::app
