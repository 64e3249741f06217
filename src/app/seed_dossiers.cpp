// Demo dossiers (issue #4): a handful of dossiers in the states an officer meets, received
// through the same use cases as real ones, so the console is not empty after `motcua seed-demo`.
#include <array>
#include <functional>

#include "app/dossiers.hpp"
#include "app/plan_targets.hpp"
#include "app/posting.hpp"
#include "app/publication_decisions.hpp"
#include "app/queue.hpp"
#include "app/review_plans.hpp"
#include "app/seed.hpp"
#include "domain/plan_targets.hpp"
#include "store/dossiers.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::app {

namespace {

base::Result<Actor> ActorOf(AppContext& ctx, std::string_view username) {
    return InReadTransaction<Actor>(*ctx.db, [&](store::Transaction& tx) -> base::Result<Actor> {
        auto user = store::users::GetByUsername(tx, username);
        if (!user) {
            return std::move(user).error();
        }
        if (!*user) {
            return base::NotFound("demo user " + std::string(username) + " is missing");
        }
        Actor a;
        a.user = **user;
        a.ip = "127.0.0.1";
        a.user_agent = "motcua seed-demo";
        return a;
    });
}

base::Result<std::int64_t> UnitIdOf(AppContext& ctx, std::string_view code) {
    return InReadTransaction<std::int64_t>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
            auto unit = store::units::GetByCode(tx, code);
            if (!unit) {
                return std::move(unit).error();
            }
            if (!*unit) {
                return base::NotFound("demo unit " + std::string(code) + " is missing");
            }
            return (*unit)->id;
        });
}

struct DemoDossier {
    std::string_view desk;       // username of the receiving officer
    std::string_view procedure;  // national code
    std::string_view settling;   // unit code
    std::string_view applicant;
    std::string_view id_number;
    int progress;  // 0 received, 1 transferred, 2 appraised, 3 approved+result, 4 returned,
                   // -1 supplement requested at receipt
};

constexpr std::array<DemoDossier, 8> kDossiers{{
    {"motcua", "1.002010", "46.SOTP", "Công ty Luật TNHH Hương Giang", "", 0},
    {"motcua", "1.002055", "46.SOTP", "Trần Quốc Bảo", "046085012345", 1},
    {"motcua", "1.002079", "46.SOTP", "Lê Thị Mai", "046190004321", 2},
    {"motcua", "1.002010", "46.SOTP", "Văn phòng Luật sư Thuận An", "", 3},
    {"motcua", "1.002055", "46.SOTP", "Nguyễn Hữu Phước", "046092007788", 4},
    {"motcuaxa", "1.002010", "46.SOTP", "Hoàng Thị Lan", "046195001122", 0},
    {"motcuaxa", "1.002079", "46.SOTP", "Phạm Văn Đức", "046088003344", 1},
    {"motcua", "1.002032", "46.SOTP", "Đoàn Minh Khôi", "046099005566", -1},
}};

}  // namespace

base::Result<int> SeedDemoDossiers(AppContext& ctx) {
    // Issue #9: the desks' service groups and counters first (idempotent on every run).
    if (auto desks = SeedDemoQueues(ctx); !desks) {
        return std::move(desks).error();
    }
    // Issue #8: two publication decisions of the city, one on time and one late.
    if (auto decisions = SeedDemoPublicationDecisions(ctx); !decisions) {
        return std::move(decisions).error();
    }
    // Issue #8 (engineer G): a review and simplification plan and an impact assessment.
    if (auto reviews = SeedDemoReviewPlans(ctx); !reviews) {
        return std::move(reviews).error();
    }
    // Issue #8 (engineer E): postings at the desks, one outdated and one missing.
    if (auto postings = posting::SeedDemoPostings(ctx); !postings) {
        return std::move(postings).error();
    }
    auto existing = InReadTransaction<std::int64_t>(
        *ctx.db, [](store::Transaction& tx) -> base::Result<std::int64_t> {
            auto row = tx.QueryOne("SELECT COUNT(*) FROM dossiers", {});
            if (!row) {
                return std::move(row).error();
            }
            return *row ? (*row)->Int(0) : 0;
        });
    if (!existing) {
        return std::move(existing).error();
    }
    if (*existing > 0) {
        return 0;  // idempotent: only into an empty dossier table
    }
    auto specialist = ActorOf(ctx, "chuyenvien");
    auto leader = ActorOf(ctx, "lanhdaostp");
    auto settling = UnitIdOf(ctx, "46.SOTP");
    if (!specialist || !leader || !settling) {
        return !specialist ? specialist.error() : !leader ? leader.error() : settling.error();
    }
    int created = 0;
    for (const DemoDossier& demo : kDossiers) {
        auto desk = ActorOf(ctx, demo.desk);
        if (!desk) {
            return std::move(desk).error();
        }
        ReceiveRequest request;
        request.procedure_code = std::string(demo.procedure);
        request.settling_unit_id = *settling;
        request.applicant.name = std::string(demo.applicant);
        request.applicant.kind = demo.id_number.empty() ? domain::ApplicantKind::kOrganisation
                                                        : domain::ApplicantKind::kPerson;
        request.applicant.id_number = std::string(demo.id_number);
        request.applicant.phone = "0234382" + std::to_string(1000 + created);
        request.applicant.address = "Thành phố Huế";
        if (demo.progress < 0) {
            request.completeness = domain::Completeness::kIncomplete;
            request.reason = "Thiếu bản sao Giấy chứng nhận đăng ký hoạt động";
        }
        auto received = ReceiveDossier(ctx, *desk, request);
        if (!received) {
            return std::move(received).error();
        }
        ++created;
        const std::int64_t id = received->dossier.id;
        const auto act = [&](const Actor& who, domain::ActionKind kind,
                             std::string summary = "") -> base::Status {
            ActionRequest a;
            a.action.kind = kind;
            a.action.result_summary = std::move(summary);
            a.action.return_method = "direct";
            auto done = ActOnDossier(ctx, who, id, a);
            return done ? base::Status{} : base::Status{done.error()};
        };
        using domain::ActionKind;
        const std::array<std::pair<int, std::function<base::Status()>>, 6> steps{{
            {1, [&] { return act(*desk, ActionKind::kTransfer); }},
            {2, [&] { return act(*specialist, ActionKind::kCompleteStep); }},
            {3, [&] { return act(*leader, ActionKind::kApprove); }},
            {3,
             [&] {
                 return act(*specialist, ActionKind::kRecordResult, "Quyết định số 15/QĐ-STP");
             }},
            {4, [&] { return act(*desk, ActionKind::kReturnResult); }},
            {99, [] { return base::Status{}; }},
        }};
        for (const auto& [needed, step] : steps) {
            if (demo.progress >= needed) {
                if (base::Status s = step(); !s) {
                    return s.error();
                }
            }
        }
    }
    // Issue #6: the S0 plan's targets (data/rules/plan-targets-s0.json), loaded by the demo's
    // TTHC-control officer so /chi-tieu-ke-hoach has a plan to evaluate.
    auto control = ActorOf(ctx, "kiemsoat");
    if (!control) {
        return std::move(control).error();
    }
    auto plan = PutPlanTargets(ctx, *control, domain::plan_targets::EmbeddedS0Template(), "", true);
    if (!plan && plan.error().code != base::ErrorCode::kAlreadyExists) {
        return std::move(plan).error();
    }
    return created;
}

// Issue #9: the usual service groups and two counters at every demo one-stop desk and service
// centre, through app::queue::SaveSetup (what PUT /api/v1/queue/desks/{desk} calls) as the demo
// administrator, so the kiosk shows its buttons after `motcua seed-demo`. Desks that already have
// groups are left as they are.
base::Result<int> SeedDemoQueues(AppContext& ctx) {
    auto admin = ActorOf(ctx, "quantri");
    if (!admin) {
        return std::move(admin).error();
    }
    auto desks = InReadTransaction<std::vector<std::string>>(
        *ctx.db, [](store::Transaction& tx) -> base::Result<std::vector<std::string>> {
            auto units = store::units::List(tx);
            if (!units) {
                return std::move(units).error();
            }
            std::vector<std::string> out;
            for (const domain::Unit& u : *units) {
                if (u.type == domain::UnitType::kOneStopDesk ||
                    u.type == domain::UnitType::kServiceCentre) {
                    out.push_back(u.code);
                }
            }
            return out;
        });
    if (!desks) {
        return std::move(desks).error();
    }
    struct DemoGroup {
        std::string_view code;
        std::string_view label;
    };
    constexpr std::array<DemoGroup, 4> kGroups{{{"A", "Hộ tịch, chứng thực"},
                                                {"B", "Đất đai, xây dựng"},
                                                {"C", "Kinh doanh, đầu tư"},
                                                {"D", "Lĩnh vực khác"}}};
    int configured = 0;
    for (const std::string& code : *desks) {
        auto current = queue::GetSetup(ctx, code);
        if (!current) {
            return std::move(current).error();
        }
        if (!current->groups.empty()) {
            continue;
        }
        std::vector<store::queue::Group> groups;
        std::vector<std::string> all;
        for (const DemoGroup& g : kGroups) {
            store::queue::Group group;
            group.code = std::string(g.code);
            group.prefix = std::string(g.code);
            group.label = std::string(g.label);
            groups.push_back(std::move(group));
            all.emplace_back(g.code);
        }
        std::vector<store::queue::Counter> counters;
        for (int n = 1; n <= 2; ++n) {
            store::queue::Counter counter;
            counter.code = std::to_string(n);
            counter.label = "Quầy " + std::to_string(n);
            counter.groups = all;
            counters.push_back(std::move(counter));
        }
        auto saved = queue::SaveSetup(ctx, *admin, code, std::move(groups), std::move(counters));
        if (!saved) {
            return std::move(saved).error();
        }
        ++configured;
    }
    return configured;
}

}  // namespace motcua::app
