#include "app/seed.hpp"

#include <array>
#include <map>
#include <string>
#include <vector>

#include "app/audit_util.hpp"
#include "app/catalogue.hpp"
#include "app/crypto.hpp"
#include "demo/demo_data.hpp"
#include "store/citizens.hpp"
#include "store/procedures.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::app {

namespace {

struct DemoUser {
    std::string_view username;
    std::string_view display_name;
    domain::Role role;
    std::string_view unit_code;  // empty for citizens
};

// One user per role (issue #3 "users for every role with documented demo passwords").
// Issue #4 adds the officers a dossier meets on its way: the leader of the Department of Justice,
// and the desk officer and specialist of Phường Phú Xuân (a commune receiving for others).
// Issue #5 adds a business account beside the citizen; both have verified profiles.
constexpr std::array<DemoUser, 10> kDemoUsers = {{
    {"quantri", "Nguyễn Văn Quản", domain::Role::kAdmin, "46"},
    {"lanhdao", "Trần Thị Lãnh", domain::Role::kLeader, "46"},
    {"kiemsoat", "Lê Văn Kiểm", domain::Role::kControlOfficer, "46"},
    {"motcua", "Phạm Thị Thu", domain::Role::kDeskOfficer, "46.TTPVHCC"},
    {"chuyenvien", "Hoàng Văn Chuyên", domain::Role::kSpecialist, "46.SOTP"},
    {"congdan", "Võ Thị Dân", domain::Role::kCitizen, ""},
    {"lanhdaostp", "Đặng Văn Tư", domain::Role::kLeader, "46.SOTP"},
    {"motcuaxa", "Ngô Thị Xuân", domain::Role::kDeskOfficer, "19753.BPMC"},
    {"chuyenvienxa", "Bùi Văn Phú", domain::Role::kSpecialist, "19753"},
    {"doanhnghiep", "Công ty TNHH Du lịch Hương Giang", domain::Role::kCitizen, ""},
}};

}  // namespace

base::Result<SeedReport> SeedDemo(AppContext& ctx) {
    auto units = demo::ParseDemoUnits(demo::EmbeddedDemoUnits());
    if (!units) {
        return std::move(units).error();
    }
    auto procedures = demo::ParseDemoProcedures(demo::EmbeddedDemoProcedures());
    if (!procedures) {
        return std::move(procedures).error();
    }
    // Hash outside the transaction (argon2id is slow); one hash serves every demo user.
    auto hash = HashPassword(kDemoPassword);
    if (!hash) {
        return std::move(hash).error();
    }
    Actor system;
    system.ip = "127.0.0.1";
    system.user_agent = "motcua seed-demo";
    return InWriteTransaction<SeedReport>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<SeedReport> {
            SeedReport report;
            std::map<std::string, std::int64_t> ids;
            for (const demo::DemoUnit& d : *units) {
                auto existing = store::units::GetByCode(tx, d.unit.code);
                if (!existing) {
                    return std::move(existing).error();
                }
                if (*existing) {
                    ids[d.unit.code] = (*existing)->id;
                    continue;
                }
                domain::Unit unit = d.unit;
                if (!d.parent_code.empty()) {
                    const auto parent = ids.find(d.parent_code);
                    if (parent == ids.end()) {
                        return base::Internal("demo unit " + d.unit.code +
                                              " comes before its parent");
                    }
                    unit.parent_id = parent->second;
                }
                auto inserted = store::units::Insert(tx, unit);
                if (!inserted) {
                    return std::move(inserted).error();
                }
                ids[inserted->code] = inserted->id;
                ++report.units_added;
            }
            for (const domain::Procedure& p : *procedures) {
                auto history = store::procedures::History(tx, p.code);
                if (!history) {
                    return std::move(history).error();
                }
                if (!history->empty()) {
                    continue;
                }
                auto inserted = store::procedures::Insert(tx, p, ProcedureSearchKey(p));
                if (!inserted) {
                    return std::move(inserted).error();
                }
                ++report.procedures_added;
            }
            for (const DemoUser& d : kDemoUsers) {
                auto existing = store::users::GetByUsername(tx, d.username);
                if (!existing) {
                    return std::move(existing).error();
                }
                if (*existing) {
                    continue;
                }
                domain::User user;
                user.username = std::string(d.username);
                user.display_name = std::string(d.display_name);
                user.email = std::string(d.username) + "@demo.motcua.vn";
                user.password_hash = *hash;
                user.created_at = ctx.clock->Now();
                domain::RoleGrant grant{d.role, std::nullopt};
                if (!d.unit_code.empty()) {
                    const auto unit = ids.find(std::string(d.unit_code));
                    if (unit == ids.end()) {
                        return base::Internal("demo user's unit " + std::string(d.unit_code) +
                                              " is missing from data/demo/units.csv");
                    }
                    grant.unit_id = unit->second;
                }
                user.roles.push_back(grant);
                auto inserted = store::users::Insert(tx, user);
                if (!inserted) {
                    return std::move(inserted).error();
                }
                if (d.role == domain::Role::kCitizen) {
                    store::citizens::Profile profile;
                    profile.user_id = inserted->id;
                    const bool business = d.username == "doanhnghiep";
                    profile.kind = business ? "organisation" : "person";
                    profile.id_number = business ? "3301234567" : "046190001234";
                    profile.address = business
                                          ? "12 Lê Lợi, phường Phú Xuân, thành phố Huế"
                                          : "25 Đinh Tiên Hoàng, phường Phú Xuân, thành phố Huế";
                    profile.verified_at = ctx.clock->Now();
                    profile.created_at = ctx.clock->Now();
                    if (base::Status s = store::citizens::InsertProfile(tx, profile); !s) {
                        return s.error();
                    }
                }
                ++report.users_added;
            }
            if (report.units_added + report.procedures_added + report.users_added > 0) {
                if (const base::Status a =
                        Audit(tx, system, ctx.clock->Now(), "demo.seed", "system", "",
                              "{\"units\":" + std::to_string(report.units_added) +
                                  ",\"procedures\":" + std::to_string(report.procedures_added) +
                                  ",\"users\":" + std::to_string(report.users_added) + "}");
                    !a) {
                    return a.error();
                }
            }
            return report;
        });
}

}  // namespace motcua::app
