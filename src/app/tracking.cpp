#include "app/tracking.hpp"

#include <map>

#include "app/crypto.hpp"
#include "domain/dossier_machine.hpp"
#include "store/dossiers.hpp"
#include "store/units.hpp"

namespace motcua::app {

namespace {

constexpr int kMaxFailures = 10;
constexpr std::chrono::seconds kWindow{15 * 60};

LoginThrottle& Throttle() {
    static LoginThrottle throttle(kMaxFailures, kWindow);
    return throttle;
}

base::Error NoSuchDossier() {
    return base::NotFound("Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này.");
}

}  // namespace

base::Result<TrackingView> TrackDossier(AppContext& ctx, std::string_view code,
                                        std::string_view tracking_code, const std::string& ip) {
    const auto now = ctx.clock->Now();
    if (base::Status allowed = Throttle().Check(ip, now); !allowed) {
        return base::Error{base::ErrorCode::kResourceExhausted,
                           "Tra cứu sai quá nhiều lần; vui lòng thử lại sau 15 phút."};
    }
    if (code.empty() || code.size() > 64 || tracking_code.empty() || tracking_code.size() > 32) {
        Throttle().RecordFailure(ip, now);
        return NoSuchDossier();
    }
    auto view = InReadTransaction<TrackingView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<TrackingView> {
            auto found = store::dossiers::GetByCode(tx, code);
            if (!found) {
                return std::move(found).error();
            }
            if (!*found || (*found)->lookup_secret.empty() ||
                !ConstantTimeEquals((*found)->lookup_secret, tracking_code)) {
                return NoSuchDossier();
            }
            const domain::Dossier& d = **found;
            std::map<std::int64_t, std::string> names;
            const auto name = [&](std::int64_t id) -> std::string {
                if (auto it = names.find(id); it != names.end()) {
                    return it->second;
                }
                auto unit = store::units::Get(tx, id);
                std::string n = unit && *unit ? (*unit)->name : std::string();
                names[id] = n;
                return n;
            };
            TrackingView v;
            v.code = d.code;
            v.procedure_name = d.procedure_name;
            v.state = std::string(domain::DossierStateLabel(d.state));
            v.receiving_unit = name(d.receiving_unit_id);
            v.settling_unit = name(d.settling_unit_id);
            v.received_at = d.received_at;
            v.appointment_at = d.appointment_at;
            v.returned_at = d.returned_at;
            v.timing = std::string(domain::TimingName(d.timing));
            auto events = store::dossiers::Events(tx, d.id);
            if (!events) {
                return std::move(events).error();
            }
            for (const domain::DossierEvent& e : *events) {
                if (e.action == domain::ActionKind::kWarn ||
                    e.action == domain::ActionKind::kMarkLate ||
                    e.action == domain::ActionKind::kAssign) {
                    continue;  // internal to the administration
                }
                v.steps.push_back(TrackingStep{e.at, std::string(domain::ActionKindLabel(e.action)),
                                               std::string(domain::DossierStateLabel(e.to)),
                                               name(e.unit_id)});
            }
            return v;
        });
    if (!view && view.error().code == base::ErrorCode::kNotFound) {
        Throttle().RecordFailure(ip, now);
    }
    return view;
}

}  // namespace motcua::app
