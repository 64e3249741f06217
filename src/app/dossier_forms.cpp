#include "app/dossier_forms.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <map>

#include "app/dossier_access.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"
#include "domain/procedure.hpp"
#include "domain/unit.hpp"
#include "render/forms.hpp"
#include "store/dossiers.hpp"
#include "store/units.hpp"
#include "text/unicode.hpp"

namespace motcua::app {

namespace {

using domain::FormKind;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

render::FormKind ToRender(FormKind kind) {
    switch (kind) {
        case FormKind::kReceipt:
            return render::FormKind::kReceipt;
        case FormKind::kSupplementRequest:
            return render::FormKind::kSupplementRequest;
        case FormKind::kRefusal:
            return render::FormKind::kRefusal;
        case FormKind::kApology:
            return render::FormKind::kApology;
        case FormKind::kStopNotice:
            return render::FormKind::kStopNotice;
        case FormKind::kProcessControl:
            return render::FormKind::kProcessControl;
        case FormKind::kRegister:
            return render::FormKind::kRegister;
    }
    return render::FormKind::kReceipt;
}

render::Paper ToRender(domain::Paper paper) {
    switch (paper) {
        case domain::Paper::kA4:
            return render::Paper::kA4Portrait;
        case domain::Paper::kA5:
            return render::Paper::kA5Portrait;
        case domain::Paper::kA4Landscape:
            return render::Paper::kA4Landscape;
    }
    return render::Paper::kA4Portrait;
}

std::string Upper(std::string_view s) {
    return text::ToUpperVietnamese(s);
}

std::string Date(sys_days day) {
    const std::chrono::year_month_day ymd{day};
    return std::to_string(static_cast<unsigned>(ymd.day())) + "/" +
           std::to_string(static_cast<unsigned>(ymd.month())) + "/" +
           std::to_string(static_cast<int>(ymd.year()));
}

sys_days LocalDay(sys_seconds t) {
    return std::chrono::floor<std::chrono::days>(t + calendar::kVietnamOffset);
}

std::string PlaceDate(std::string_view place, sys_seconds t) {
    const std::chrono::year_month_day ymd{LocalDay(t)};
    return std::string(place) + ", ngày " + std::to_string(static_cast<unsigned>(ymd.day())) +
           " tháng " + std::to_string(static_cast<unsigned>(ymd.month())) + " năm " +
           std::to_string(static_cast<int>(ymd.year()));
}

std::string ProcessingTime(const domain::Dossier& d) {
    const std::int64_t whole = d.processing_milli / 1000;
    std::string n = std::to_string(whole);
    if (d.processing_milli % 1000 != 0) {
        std::string frac = std::to_string(1000 + d.processing_milli % 1000).substr(1);
        while (!frac.empty() && frac.back() == '0') {
            frac.pop_back();
        }
        n += "," + frac;
    } else if (whole < 10) {
        n = "0" + n;
    }
    const auto unit = static_cast<domain::TimeUnit>(d.time_unit);
    std::string label = std::string(domain::TimeUnitLabel(unit));
    if (!label.empty()) {
        label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
    }
    return d.processing_milli == 0 ? "Trả kết quả trong ngày" : n + " " + label;
}

// Names of units, looked up once per print.
class UnitNames final {
public:
    explicit UnitNames(store::Transaction& tx) : tx_(tx) {}
    base::Result<domain::Unit> Unit(std::int64_t id) {
        if (auto it = cache_.find(id); it != cache_.end()) {
            return it->second;
        }
        auto unit = store::units::Get(tx_, id);
        if (!unit) {
            return std::move(unit).error();
        }
        if (!*unit) {
            return base::NotFound("không có đơn vị " + std::to_string(id));
        }
        cache_[id] = **unit;
        return **unit;
    }
    std::string Name(std::int64_t id) {
        auto u = Unit(id);
        return u ? u->name : std::string();
    }
    // The province the unit belongs to ("Thành phố Huế") and its short place name ("Huế").
    std::string Place(std::int64_t id) {
        std::int64_t current = id;
        for (int i = 0; i < 16; ++i) {
            auto u = Unit(current);
            if (!u) {
                return "";
            }
            if (u->type == domain::UnitType::kProvince || !u->parent_id) {
                std::string name = u->name;
                for (std::string_view prefix : {"Thành phố ", "Tỉnh "}) {
                    if (name.rfind(prefix, 0) == 0) {
                        name.erase(0, prefix.size());
                    }
                }
                return name;
            }
            current = *u->parent_id;
        }
        return "";
    }
    std::string ParentLine(std::int64_t id) {
        auto u = Unit(id);
        if (!u || !u->parent_id) {
            return "";
        }
        auto parent = Unit(*u->parent_id);
        if (!parent) {
            return "";
        }
        if (parent->type == domain::UnitType::kProvince ||
            parent->type == domain::UnitType::kCommune ||
            parent->type == domain::UnitType::kDistrict) {
            return Upper("UBND " + parent->name);
        }
        return Upper(parent->name);
    }

private:
    store::Transaction& tx_;
    std::map<std::int64_t, domain::Unit> cache_;
};

const domain::DossierEvent* Last(const std::vector<domain::DossierEvent>& events,
                                 std::initializer_list<domain::ActionKind> kinds,
                                 std::optional<domain::DossierState> to = std::nullopt) {
    for (size_t i = events.size(); i-- > 0;) {
        for (domain::ActionKind k : kinds) {
            if (events[i].action == k && (!to || events[i].to == *to)) {
                return &events[i];
            }
        }
    }
    return nullptr;
}

std::string TimingText(const std::string& name) {
    if (name == "early") {
        return "Trước hạn";
    }
    if (name == "on_time") {
        return "Đúng hạn";
    }
    if (name == "late") {
        return "Quá hạn";
    }
    return "";
}

base::Result<Printed> Output(const render::FormData& form, PrintFormat format,
                             const std::string& stem) {
    Printed p;
    switch (format) {
        case PrintFormat::kPdf: {
            auto pdf = render::RenderPdf(form);
            if (!pdf) {
                return std::move(pdf).error();
            }
            p.content_type = "application/pdf";
            p.filename = stem + ".pdf";
            p.body = std::move(*pdf);
            return p;
        }
        case PrintFormat::kHtml:
            p.content_type = "text/html; charset=utf-8";
            p.filename = stem + ".html";
            p.body = render::RenderHtml(form);
            return p;
        case PrintFormat::kXlsx: {
            if (form.kind != render::FormKind::kRegister) {
                return base::InvalidArgument("chỉ sổ theo dõi hồ sơ có bản XLSX");
            }
            auto xlsx = render::RenderRegisterXlsx(form);
            if (!xlsx) {
                return std::move(xlsx).error();
            }
            p.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            p.filename = stem + ".xlsx";
            p.body = std::move(*xlsx);
            return p;
        }
    }
    return base::Internal("unknown format");
}

void Heading(render::FormData& f, const domain::RuleSet& rules, const domain::FormSpec& spec) {
    f.kind = ToRender(spec.kind);
    f.number = spec.number;
    f.title = spec.title;
    f.paper = ToRender(spec.paper);
    f.legal_note = "(Ban hành kèm theo " + rules.circular + ")";
}

}  // namespace

base::Result<PrintFormat> ParsePrintFormat(std::string_view suffix) {
    if (suffix == "pdf") {
        return PrintFormat::kPdf;
    }
    if (suffix == "html") {
        return PrintFormat::kHtml;
    }
    if (suffix == "xlsx") {
        return PrintFormat::kXlsx;
    }
    return base::InvalidArgument("định dạng in phải là pdf, html hoặc xlsx");
}

std::string FormInstant(sys_seconds t) {
    const auto local = t + calendar::kVietnamOffset;
    const sys_days day = std::chrono::floor<std::chrono::days>(local);
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
    std::array<char, 64> hm{};
    std::snprintf(hm.data(), hm.size(), "%02lld giờ %02lld phút",
                  static_cast<long long>(minutes / 60), static_cast<long long>(minutes % 60));
    return std::string(hm.data()) + ", ngày " + Date(day);
}

base::Result<Printed> PrintDossierForm(AppContext& ctx, const Actor& actor, std::string_view code,
                                       FormKind kind, PrintFormat format,
                                       std::string_view tracking_base) {
    auto form = InReadTransaction<render::FormData>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<render::FormData> {
            auto found = store::dossiers::GetByCode(tx, code);
            if (!found) {
                return std::move(found).error();
            }
            if (!*found) {
                return base::NotFound("không có hồ sơ mã " + std::string(code));
            }
            const domain::Dossier& d = **found;
            if (!actor.SignedIn()) {
                return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
            }
            auto visible = internal::MayView(tx, actor, d);
            if (!visible) {
                return std::move(visible).error();
            }
            if (!*visible) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Bạn không có quyền xem hồ sơ này."};
            }
            auto rules = domain::RuleBook::Embedded()->Find(d.rule_set_id);
            if (!rules) {
                return std::move(rules).error();
            }
            const domain::FormSpec* spec = (*rules)->Form(kind);
            if (spec == nullptr || kind == FormKind::kRegister) {
                return base::NotFound("bộ quy tắc " + (*rules)->id + " không có mẫu \"" +
                                      std::string(domain::FormKindName(kind)) + "\" cho hồ sơ");
            }
            auto events = store::dossiers::Events(tx, d.id);
            if (!events) {
                return std::move(events).error();
            }
            UnitNames units(tx);
            render::FormData f;
            Heading(f, **rules, *spec);
            // The desk issues the slips; the settling agency the apology and the stop notice.
            const bool agency_issues = kind == FormKind::kApology || kind == FormKind::kStopNotice;
            const std::int64_t issuer = agency_issues ? d.settling_unit_id : d.receiving_unit_id;
            f.parent_unit = units.ParentLine(issuer);
            f.issuing_unit = Upper(units.Name(issuer));
            f.receiving_unit = units.Name(d.receiving_unit_id);
            f.dossier_code = d.code;
            f.applicant_name = d.applicant.name;
            f.applicant_is_organisation = d.applicant.kind == domain::ApplicantKind::kOrganisation;
            f.applicant_address = d.applicant.address;
            f.applicant_phone = d.applicant.phone;
            f.applicant_email = d.applicant.email;
            f.applicant_id_number = d.applicant.id_number;
            f.owner_name = d.applicant.owner_name;
            f.procedure_name = d.procedure_name;
            f.channel_label = std::string(domain::ChannelLabel(d.channel));
            f.processing_time = ProcessingTime(d);
            f.settling_unit = units.Name(d.settling_unit_id);
            f.return_place = "Bộ phận tiếp nhận và trả kết quả — " + f.receiving_unit;
            f.lookup_note = "Tra cứu tình trạng hồ sơ bằng mã hồ sơ " + d.code + " và mã tra cứu " +
                            d.lookup_secret + ".";
            if (d.received_at) {
                f.received_at = FormInstant(*d.received_at);
            }
            if (d.appointment_at) {
                f.appointment_at = FormInstant(*d.appointment_at);
            }
            const domain::DossierEvent* event = nullptr;
            using domain::ActionKind;
            switch (kind) {
                case FormKind::kReceipt:
                    event = Last(*events, {ActionKind::kReceive, ActionKind::kSupplement},
                                 domain::DossierState::kReceived);
                    if (event == nullptr || !d.received_at) {
                        return base::NotFound(
                            "hồ sơ chưa được tiếp nhận đủ, chưa có giấy tiếp nhận");
                    }
                    f.qr_payload = std::string(tracking_base) + "/tra-cuu?ma=" + d.code +
                                   "&khoa=" + d.lookup_secret;
                    for (const domain::Component& c : d.components) {
                        if (c.provided) {
                            f.components.push_back(render::ComponentLine{
                                c.name, c.originals, c.certified_copies, c.copies, c.note});
                        }
                    }
                    break;
                case FormKind::kSupplementRequest:
                    event = Last(*events, {ActionKind::kReceive, ActionKind::kRequestSupplement},
                                 std::nullopt);
                    if (event != nullptr && event->action == ActionKind::kReceive &&
                        event->to != domain::DossierState::kAwaitingSupplement) {
                        event = Last(*events, {ActionKind::kRequestSupplement});
                    }
                    if (event == nullptr) {
                        return base::NotFound("hồ sơ chưa có yêu cầu bổ sung");
                    }
                    for (const domain::Component& c : d.components) {
                        if (!c.provided) {
                            f.components.push_back(render::ComponentLine{
                                c.name, c.originals, c.certified_copies, c.copies, c.note});
                        }
                    }
                    f.reasons = event->reason;
                    break;
                case FormKind::kRefusal:
                    event = Last(*events, {ActionKind::kReceive, ActionKind::kRefuse});
                    if (event == nullptr || (event->action == ActionKind::kReceive &&
                                             event->to != domain::DossierState::kRefused)) {
                        return base::NotFound("hồ sơ không bị từ chối");
                    }
                    f.reasons = event->reason;
                    break;
                case FormKind::kApology:
                    event = Last(*events, {ActionKind::kApologize});
                    if (event == nullptr) {
                        return base::NotFound("hồ sơ chưa có văn bản xin lỗi, hẹn lại");
                    }
                    f.reasons = event->reason;
                    if (auto old = calendar::ParseInstant(event->Detail("old_appointment_at"))) {
                        f.appointment_at = FormInstant(*old);
                    }
                    if (auto fresh = calendar::ParseInstant(event->Detail("new_appointment_at"))) {
                        f.new_appointment_at = FormInstant(*fresh);
                    }
                    break;
                case FormKind::kStopNotice:
                    event = Last(*events, {ActionKind::kStop});
                    if (event == nullptr) {
                        return base::NotFound("hồ sơ không dừng giải quyết");
                    }
                    f.reasons = event->reason;
                    break;
                case FormKind::kProcessControl:
                    for (const domain::DossierEvent& e : *events) {
                        const std::string from = e.Detail("from_unit");
                        const std::string to = e.Detail("to_unit");
                        if (from.empty() || to.empty()) {
                            continue;
                        }
                        render::HandOverRow row;
                        row.giver = units.Name(std::stoll(from));
                        row.receiver = units.Name(std::stoll(to));
                        row.at = FormInstant(e.at);
                        row.result = TimingText(e.Detail("handover_timing").empty()
                                                    ? e.Detail("step_timing")
                                                    : e.Detail("handover_timing"));
                        row.note = std::string(domain::ActionKindLabel(e.action));
                        f.hand_overs.push_back(std::move(row));
                    }
                    if (d.returned_at) {
                        render::HandOverRow row;
                        row.giver = f.receiving_unit;
                        row.receiver = d.applicant.name;
                        row.at = FormInstant(*d.returned_at);
                        row.result = TimingText(std::string(domain::TimingName(d.timing)));
                        row.note = "Trả kết quả";
                        f.hand_overs.push_back(std::move(row));
                    }
                    event = events->empty() ? nullptr : &events->front();
                    break;
                case FormKind::kRegister:
                    break;
            }
            const sys_seconds when = event != nullptr ? event->at : d.created_at;
            f.place_date = PlaceDate(units.Place(issuer), when);
            if (event != nullptr) {
                f.officer_name = event->actor_name;
            }
            return f;
        });
    if (!form) {
        return std::move(form).error();
    }
    return Output(*form, format, std::string(code) + "-" + std::string(domain::FormKindName(kind)));
}

base::Result<Printed> PrintRegister(AppContext& ctx, const Actor& actor, std::int64_t unit_id,
                                    sys_days from, sys_days to, PrintFormat format) {
    if (to < from || to - from > std::chrono::days{400}) {
        return base::InvalidArgument("kỳ của sổ theo dõi: từ ngày đến ngày, tối đa 400 ngày");
    }
    auto form = InReadTransaction<render::FormData>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<render::FormData> {
            auto may = internal::HoldsRoleOn(tx, actor, domain::Role::kDeskOfficer, unit_id);
            if (!may) {
                return std::move(may).error();
            }
            if (!*may) {
                return base::Error{actor.SignedIn() ? base::ErrorCode::kPermissionDenied
                                                    : base::ErrorCode::kUnauthenticated,
                                   "Chỉ công chức một cửa và lãnh đạo của đơn vị được in sổ."};
            }
            auto rules = domain::RuleBook::Embedded()->InForce(to);
            if (!rules) {
                return std::move(rules).error();
            }
            const domain::FormSpec* spec = (*rules)->Form(FormKind::kRegister);
            if (spec == nullptr) {
                return base::NotFound("bộ quy tắc không có mẫu sổ theo dõi");
            }
            UnitNames units(tx);
            render::FormData f;
            Heading(f, **rules, *spec);
            f.parent_unit = units.ParentLine(unit_id);
            f.issuing_unit = Upper(units.Name(unit_id));
            f.receiving_unit = units.Name(unit_id);
            f.register_period = "Từ ngày " + Date(from) + " đến ngày " + Date(to);
            f.place_date = PlaceDate(units.Place(unit_id), ctx.clock->Now());
            auto ids = store::dossiers::ReceivedAt(
                tx, unit_id, sys_seconds{from} - calendar::kVietnamOffset,
                sys_seconds{to + std::chrono::days{1}} - calendar::kVietnamOffset, 5000);
            if (!ids) {
                return std::move(ids).error();
            }
            for (std::int64_t id : *ids) {
                auto d = store::dossiers::Get(tx, id);
                if (!d) {
                    return std::move(d).error();
                }
                if (!*d) {
                    continue;
                }
                const domain::Dossier& x = **d;
                render::RegisterRow row;
                row.code = x.code;
                row.procedure = x.procedure_name;
                row.applicant = x.applicant.name;
                row.address_phone = x.applicant.address +
                                    (x.applicant.phone.empty() ? "" : "; " + x.applicant.phone);
                row.settling_unit = units.Name(x.settling_unit_id);
                row.received_at = x.received_at ? FormInstant(*x.received_at) : "";
                row.appointment_at = x.appointment_at ? FormInstant(*x.appointment_at) : "";
                row.sent_at = x.competent_received_at ? FormInstant(*x.competent_received_at) : "";
                row.result_received_at = x.finished_at ? FormInstant(*x.finished_at) : "";
                row.returned_at = x.returned_at ? FormInstant(*x.returned_at) : "";
                row.note = std::string(domain::DossierStateLabel(x.state));
                if (x.late) {
                    row.note += "; quá hạn";
                }
                f.register_rows.push_back(std::move(row));
            }
            return f;
        });
    if (!form) {
        return std::move(form).error();
    }
    return Output(*form, format, "so-theo-doi-ho-so");
}

}  // namespace motcua::app
