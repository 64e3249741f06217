#include "app/dossier_facts.hpp"

#include <string>

#include "app/audit_util.hpp"
#include "app/dossier_access.hpp"
#include "app/indicators.hpp"
#include "store/dossiers.hpp"

namespace motcua::app {

namespace {

using std::chrono::sys_seconds;

// The dossier if the actor may see it (kUnauthenticated, kNotFound, kPermissionDenied).
base::Result<domain::Dossier> Visible(store::Transaction& tx, const Actor& actor,
                                      std::int64_t dossier_id) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    auto d = store::dossiers::Get(tx, dossier_id);
    if (!d) {
        return std::move(d).error();
    }
    if (!*d) {
        return base::NotFound("không có hồ sơ số " + std::to_string(dossier_id));
    }
    auto may = internal::MayView(tx, actor, **d);
    if (!may) {
        return std::move(may).error();
    }
    if (!*may) {
        return base::Error{base::ErrorCode::kPermissionDenied, "Bạn không có quyền xem hồ sơ này."};
    }
    return std::move(**d);
}

void Apply(std::optional<sys_seconds>& fact, std::optional<bool> value, sys_seconds now) {
    if (!value) {
        return;
    }
    if (!*value) {
        fact.reset();
    } else if (!fact) {
        fact = now;
    }
}

std::string Flag(const std::optional<bool>& v) {
    return !v ? "null" : (*v ? "true" : "false");
}

}  // namespace

base::Result<store::dossier_facts::Facts> RecordDossierFacts(AppContext& ctx, const Actor& actor,
                                                             std::int64_t dossier_id,
                                                             const DossierFactsUpdate& update) {
    if (!update.synced_to_portal && !update.population_data && !update.pushed_to_store) {
        return base::InvalidArgument(
            "cần ít nhất một trong synced_to_portal, population_data, result_pushed_to_store");
    }
    const sys_seconds now = ctx.clock->Now();
    return InWriteTransaction<store::dossier_facts::Facts>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<store::dossier_facts::Facts> {
            auto d = Visible(tx, actor, dossier_id);
            if (!d) {
                return std::move(d).error();
            }
            if (internal::IsOwner(actor, *d)) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Thông tin đồng bộ do hệ thống hoặc cán bộ ghi nhận."};
            }
            auto stored = store::dossier_facts::Get(tx, dossier_id);
            if (!stored) {
                return std::move(stored).error();
            }
            store::dossier_facts::Facts f = stored->value_or(store::dossier_facts::Facts{});
            f.dossier_id = dossier_id;
            Apply(f.synced_at, update.synced_to_portal, now);
            Apply(f.population_data_at, update.population_data, now);
            Apply(f.pushed_to_store_at, update.pushed_to_store, now);
            f.updated_by = actor.user->id;
            f.updated_at = now;
            if (base::Status s = store::dossier_facts::Put(tx, f); !s) {
                return s.error();
            }
            if (base::Status s = internal::RefreshIndicators(tx, d->id); !s) {
                return s.error();
            }
            if (base::Status s =
                    Audit(tx, actor, now, "dossier.facts", "dossier", d->code,
                          "{\"synced_to_portal\":" + Flag(update.synced_to_portal) +
                              ",\"population_data\":" + Flag(update.population_data) +
                              ",\"result_pushed_to_store\":" + Flag(update.pushed_to_store) + "}");
                !s) {
                return s.error();
            }
            return f;
        });
}

base::Result<store::dossier_facts::Facts> GetDossierFacts(AppContext& ctx, const Actor& actor,
                                                          std::int64_t dossier_id) {
    return InReadTransaction<store::dossier_facts::Facts>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<store::dossier_facts::Facts> {
            auto d = Visible(tx, actor, dossier_id);
            if (!d) {
                return std::move(d).error();
            }
            auto stored = store::dossier_facts::Get(tx, dossier_id);
            if (!stored) {
                return std::move(stored).error();
            }
            store::dossier_facts::Facts f = stored->value_or(store::dossier_facts::Facts{});
            f.dossier_id = dossier_id;
            return f;
        });
}

}  // namespace motcua::app
