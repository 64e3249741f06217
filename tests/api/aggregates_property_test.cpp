// Issue #6: the incremental aggregates equal a full recomputation, for random streams of real
// dossier actions (receipt, supplements, transfers, steps, pauses, approvals, results, returns,
// withdrawals, stops, deadline sweeps), outside facts, desk payments, documents and ratings —
// rebuilt from the dossiers (writing nothing when all is right, repairing tampered counters and
// inputs) and from the stored per-dossier inputs into emptied tables; and
// the Form 06 cells read from the aggregates equal the per-dossier classification for every
// window tried.
#include <random>

#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "app/dossier_facts.hpp"
#include "app/dossiers.hpp"
#include "app/indicator_index.hpp"
#include "app/indicators.hpp"
#include "app/payments.hpp"
#include "app/ratings.hpp"
#include "app/reports.hpp"
#include "store/aggregates.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::testing {
namespace {

namespace agg = store::aggregates;
namespace ind = domain::indicators;
namespace r06 = domain::report06;
using domain::ActionKind;

app::Actor ActorOf(ApiFixture& f, std::string_view username) {
    auto tx = f.db().Begin(store::TxMode::kRead);
    auto user = store::users::GetByUsername(**tx, username);
    EXPECT_TRUE(user && *user) << username;
    app::Actor a;
    a.user = **user;
    a.ip = "127.0.0.1";
    return a;
}

// Both tables, the unit-level one after the detailed one.
std::vector<agg::Cell> Cells(ApiFixture& f) {
    auto tx = f.db().Begin(store::TxMode::kRead);
    auto all = agg::All(**tx);
    auto units = agg::AllByUnit(**tx);
    EXPECT_TRUE(all.ok() && units.ok());
    std::vector<agg::Cell> out = all ? *all : std::vector<agg::Cell>{};
    if (units) out.insert(out.end(), units->begin(), units->end());
    return out;
}

std::vector<std::int64_t> SubtreeIds(ApiFixture& f, std::string_view code) {
    std::vector<std::int64_t> ids{f.UnitId(code)};
    auto tx = f.db().Begin(store::TxMode::kRead);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto children = store::units::Children(**tx, ids[i]);
        EXPECT_TRUE(children.ok());
        for (const domain::Unit& u : *children) ids.push_back(u.id);
    }
    return ids;
}

r06::Cells CellsFromAggregates(ApiFixture& f, const std::vector<std::int64_t>& units,
                               const r06::Window& w) {
    auto tx = f.db().Begin(store::TxMode::kRead);
    auto sums = agg::SumsByUnit(**tx, units, ind::ToDay(w.from), ind::ToDay(w.to));
    EXPECT_TRUE(sums.ok());
    ind::Sums total;
    for (const auto& [unit, s] : *sums) total.Add(s);
    return ind::CellsFrom(total);
}

class AggregatesPropertyTest : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(AggregatesPropertyTest, IncrementalEqualsFullRecomputation) {
    ApiFixture f;
    app::AppContext& ctx = f.context();
    std::mt19937_64 rng(GetParam());
    auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
    const app::Actor desk = ActorOf(f, "motcua");
    const app::Actor specialist = ActorOf(f, "chuyenvien");
    const app::Actor leader = ActorOf(f, "lanhdaostp");
    const std::int64_t settling = f.UnitId("46.SOTP");
    const std::array<const char*, 4> procedures{"1.002010", "1.002055", "1.002079", "1.002032"};

    std::vector<std::int64_t> dossiers;
    int applied = 0;
    int checks = 0;
    // The in-memory index follows the change log from the start (catching up between checks,
    // reloading after each rebuild): reports read through it equal reports read from the tables.
    app::IndicatorIndex index(&f.clock());
    auto same_through_index = [&](const std::string& period, r06::WindowRule rule) {
        const app::SettlementReportQuery query{"46", period, rule};
        ctx.indicator_index = &index;
        auto indexed = app::TthcSettlementReportAsSystem(ctx, query);
        ctx.indicator_index = nullptr;
        auto tables = app::TthcSettlementReportAsSystem(ctx, query);
        ASSERT_TRUE(indexed.ok() && tables.ok());
        EXPECT_EQ(indexed->report.total.cells, tables->report.total.cells) << period;
        ASSERT_EQ(indexed->report.by_field.size(), tables->report.by_field.size()) << period;
        for (std::size_t i = 0; i < tables->report.by_field.size(); ++i) {
            EXPECT_EQ(indexed->report.by_field[i].label, tables->report.by_field[i].label);
            EXPECT_EQ(indexed->report.by_field[i].cells, tables->report.by_field[i].cells);
        }
        ASSERT_EQ(indexed->report.by_unit.size(), tables->report.by_unit.size()) << period;
        for (std::size_t i = 0; i < tables->report.by_unit.size(); ++i) {
            EXPECT_EQ(indexed->report.by_unit[i].cells, tables->report.by_unit[i].cells);
        }
    };
    auto check = [&] {
        const int year = static_cast<int>(
            std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(f.clock().Now())}
                .year());
        same_through_index(std::to_string(year), r06::WindowRule::kCalendar);
        same_through_index(std::to_string(year) + "-Q1", r06::WindowRule::kReporting);
        const std::vector<agg::Cell> incremental = Cells(f);
        {  // every dossier's stored inputs are what it holds now
            auto tx = f.db().Begin(store::TxMode::kRead);
            for (std::int64_t id : dossiers) {
                auto now = agg::InputsOf(**tx, id);
                auto stored = agg::StoredInputs(**tx, id);
                ASSERT_TRUE(now.ok() && stored.ok() && *now && *stored) << id;
                EXPECT_EQ(**stored, **now) << "dossier " << id;
            }
        }
        // A rebuild from the dossiers finds nothing to write when everything is right.
        auto rebuilt = app::RebuildAggregates(ctx, app::RebuildSource::kDossiers);
        ASSERT_TRUE(rebuilt.ok()) << rebuilt.error().message;
        EXPECT_EQ(rebuilt->dossiers, static_cast<std::int64_t>(dossiers.size()));
        EXPECT_EQ(rebuilt->cells_written, 0);
        EXPECT_EQ(rebuilt->inputs_written, 0);
        ASSERT_EQ(incremental, Cells(f)) << "after " << applied << " actions";
        // Counters and inputs tampered with: a rebuild from the dossiers repairs them.
        if (!incremental.empty()) {
            auto tx = f.db().Begin(store::TxMode::kWrite);
            auto all = agg::All(**tx);
            auto units = agg::AllByUnit(**tx);
            ASSERT_TRUE(all.ok() && units.ok() && !all->empty() && !units->empty());
            agg::Cell changed = all->front();
            changed.value += 5;
            const agg::Cell stray{settling, 1, ind::Metric::kIssued, "9.999999", 2};
            ASSERT_TRUE(agg::PutCells(**tx, true, {changed, stray}).ok());
            ASSERT_TRUE(agg::DeleteCells(**tx, false, {units->back()}).ok());
            auto last = agg::StoredInputs(**tx, dossiers.back());
            ASSERT_TRUE(last.ok() && *last);
            ASSERT_TRUE(agg::DeleteInputs(**tx, {dossiers.front()}).ok());
            // A stored inputs row of a dossier that does not exist, and (with two dossiers or
            // more) another dossier's row altered: deleted and rewritten by the rebuild.
            ind::Inputs gone = **last;
            gone.dossier_id = dossiers.back() + 1000;
            ASSERT_TRUE(agg::PutInputs(**tx, {gone}).ok());
            std::int64_t expected_inputs = 2;
            if (dossiers.size() > 1) {
                ind::Inputs altered = **last;
                altered.late = !altered.late;
                altered.procedure_code += "x";
                ASSERT_TRUE(agg::PutInputs(**tx, {altered}).ok());
                ++expected_inputs;
            }
            ASSERT_TRUE((*tx)->Commit().ok());
            auto repaired = app::RebuildAggregates(ctx, app::RebuildSource::kDossiers);
            ASSERT_TRUE(repaired.ok()) << repaired.error().message;
            EXPECT_GT(repaired->cells_written, 0);
            EXPECT_EQ(repaired->inputs_written, expected_inputs);
            {
                auto read = f.db().Begin(store::TxMode::kRead);
                auto stray_inputs = agg::StoredInputs(**read, gone.dossier_id);
                ASSERT_TRUE(stray_inputs.ok());
                EXPECT_FALSE(*stray_inputs) << "the row of a dossier that does not exist stays";
            }
            ASSERT_EQ(incremental, Cells(f)) << "repaired after " << applied << " actions";
        }
        {  // from the stored inputs into emptied counter tables: every row written
            auto tx = f.db().Begin(store::TxMode::kWrite);
            ASSERT_TRUE(agg::Clear(**tx).ok());
            ASSERT_TRUE((*tx)->Commit().ok());
        }
        auto recounted = app::RebuildAggregates(ctx, app::RebuildSource::kStoredInputs);
        ASSERT_TRUE(recounted.ok()) << recounted.error().message;
        EXPECT_EQ(recounted->source, app::RebuildSource::kStoredInputs);
        EXPECT_EQ(recounted->dossiers, static_cast<std::int64_t>(dossiers.size()));
        ASSERT_EQ(incremental, Cells(f)) << "recounted after " << applied << " actions";
        ++checks;
    };

    for (int step = 0; step < 400; ++step) {
        f.clock().Advance(std::chrono::minutes{10 + pick(60 * 30)});
        const int what = pick(100);
        if (what < 18 || dossiers.empty()) {
            app::ReceiveRequest r;
            r.procedure_code = procedures[static_cast<std::size_t>(pick(4))];
            r.settling_unit_id = settling;
            r.channel = pick(4) == 0 ? domain::Channel::kPostal : domain::Channel::kDirect;
            r.applicant.name = "Nguyễn Văn " + std::to_string(step);
            r.applicant.id_number = "046190" + std::to_string(100000 + step);
            r.applicant.phone = "0912345678";
            const int c = pick(10);
            if (c == 0) {
                r.completeness = domain::Completeness::kIncomplete;
                r.reason = "Thiếu giấy tờ";
            } else if (c == 1) {
                r.completeness = domain::Completeness::kRefuse;
                r.reason = "Không thuộc thẩm quyền";
            }
            auto received = app::ReceiveDossier(ctx, desk, r);
            ASSERT_TRUE(received.ok()) << received.error().message;
            dossiers.push_back(received->dossier.id);
            ++applied;
        } else if (what < 55) {
            // Move a dossier along its usual path: the first of these that the rules accept.
            const std::int64_t id =
                dossiers[static_cast<std::size_t>(pick(static_cast<int>(dossiers.size())))];
            const std::array<std::pair<ActionKind, const app::Actor*>, 5> path{{
                {ActionKind::kTransfer, &desk},
                {ActionKind::kCompleteStep, &specialist},
                {ActionKind::kApprove, &leader},
                {ActionKind::kRecordResult, &specialist},
                {ActionKind::kReturnResult, &desk},
            }};
            for (const auto& [kind, who] : path) {
                app::ActionRequest a;
                a.action.kind = kind;
                a.action.result_summary = "Quyết định số " + std::to_string(step);
                a.action.return_method = "direct";
                if (app::ActOnDossier(ctx, *who, id, a).ok()) {
                    ++applied;
                    break;
                }
            }
        } else if (what < 88) {
            const std::int64_t id =
                dossiers[static_cast<std::size_t>(pick(static_cast<int>(dossiers.size())))];
            app::ActionRequest a;
            const app::Actor* who = &specialist;
            switch (pick(13)) {
                case 0:
                    a.action.kind = ActionKind::kTransfer;
                    who = &desk;
                    break;
                case 1:
                case 2:
                    a.action.kind = ActionKind::kCompleteStep;
                    break;
                case 3:
                    a.action.kind = ActionKind::kApprove;
                    who = &leader;
                    break;
                case 4:
                    a.action.kind = ActionKind::kRecordResult;
                    a.action.result_summary = "Quyết định số " + std::to_string(step);
                    break;
                case 5:
                    a.action.kind = ActionKind::kReturnResult;
                    a.action.return_method = "direct";
                    who = &desk;
                    break;
                case 6:
                    a.action.kind = ActionKind::kRequestSupplement;
                    a.action.reason = "Bổ sung bản sao";
                    break;
                case 7:
                    a.action.kind = ActionKind::kSupplement;
                    who = &desk;
                    break;
                case 8:
                    a.action.kind = ActionKind::kPause;
                    a.action.reason = "Chờ xác minh";
                    break;
                case 9:
                    a.action.kind = ActionKind::kResume;
                    break;
                case 10:
                    a.action.kind = ActionKind::kWithdraw;
                    a.action.reason = "Người nộp rút hồ sơ";
                    who = &desk;
                    break;
                case 11:
                    a.action.kind = ActionKind::kStop;
                    a.action.reason = "Theo đề nghị";
                    who = &desk;
                    break;
                default:
                    a.action.kind = ActionKind::kRefuse;
                    a.action.reason = "Không đủ điều kiện";
                    break;
            }
            if (app::ActOnDossier(ctx, *who, id, a).ok()) ++applied;
        } else if (what < 92) {
            const std::int64_t id =
                dossiers[static_cast<std::size_t>(pick(static_cast<int>(dossiers.size())))];
            app::DossierFactsUpdate u;
            u.synced_to_portal = pick(3) != 0;
            if (pick(2) == 0) u.population_data = pick(2) == 0;
            if (pick(2) == 0) u.pushed_to_store = true;
            if (app::RecordDossierFacts(ctx, specialist, id, u).ok()) ++applied;
        } else if (what < 95) {
            const std::int64_t id =
                dossiers[static_cast<std::size_t>(pick(static_cast<int>(dossiers.size())))];
            if (app::RecordDeskPayment(ctx, desk, id, app::DeskPaymentRequest{}).ok()) ++applied;
        } else if (what < 97) {
            auto code = [&] {
                auto tx = f.db().Begin(store::TxMode::kRead);
                auto d = store::dossiers::Get(**tx, dossiers.back());
                return d.ok() && *d ? (*d)->code : std::string();
            }();
            app::RatingRequest r;
            r.channel = domain::evaluation::RatingChannel::kPaper;
            r.answers.satisfaction = pick(3) == 0 ? domain::evaluation::Satisfaction::kDissatisfied
                                                  : domain::evaluation::Satisfaction::kSatisfied;
            if (app::RateDossier(ctx, desk, code, r).ok()) ++applied;
        } else {
            f.clock().Advance(std::chrono::hours{24 * (1 + pick(6))});
            auto swept = app::SweepDeadlines(ctx, std::chrono::hours{8});
            ASSERT_TRUE(swept.ok()) << swept.error().message;
        }
        if (step % 100 == 99) {
            check();
        }
    }
    check();
    EXPECT_GE(applied, 120);  // the stream did move dossiers
    EXPECT_GE(checks, 5);
    // … into a variety of states, late ones included.
    for (const char* sql :
         {"SELECT COUNT(*) FROM dossiers WHERE state = 'returned'",
          "SELECT COUNT(*) FROM dossiers WHERE finished_at IS NULL AND "
          "received_at IS NOT NULL",
          "SELECT COUNT(*) FROM dossiers WHERE late = 1", "SELECT COUNT(*) FROM dossier_facts",
          "SELECT COUNT(*) FROM dossiers WHERE received_at IS NULL"}) {
        auto tx = f.db().Begin(store::TxMode::kRead);
        auto row = (*tx)->QueryOne(sql, {});
        ASSERT_TRUE(row && *row);
        EXPECT_GT((*row)->Int(0), 0) << sql;
    }

    // Form 06 read from the aggregates equals the per-dossier classification.
    const std::vector<std::int64_t> units = SubtreeIds(f, "46");
    int windows_with_dossiers = 0;
    const int year = static_cast<int>(
        std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(f.clock().Now())}.year());
    for (int y : {year - 1, year}) {
        for (const std::string suffix : {"-Q1", "-Q2", "-Q3", "-Q4", "-H1", "-9M", ""}) {
            for (r06::WindowRule rule : {r06::WindowRule::kReporting, r06::WindowRule::kCalendar}) {
                const std::string period = std::to_string(y) + suffix;
                const app::SettlementReportQuery query{"46", period, rule};
                auto direct = app::internal::SettlementReportFromDossiers(ctx, query);
                ASSERT_TRUE(direct.ok()) << direct.error().message;
                EXPECT_EQ(CellsFromAggregates(f, units, direct->report.window),
                          direct->report.total.cells)
                    << period;
                // The whole report read from the aggregates: every row, every cell.
                auto aggregated = app::TthcSettlementReportAsSystem(ctx, query);
                ASSERT_TRUE(aggregated.ok()) << aggregated.error().message;
                EXPECT_EQ(aggregated->report.dossiers, direct->report.dossiers);
                ASSERT_EQ(aggregated->report.by_field.size(), direct->report.by_field.size());
                for (std::size_t i = 0; i < direct->report.by_field.size(); ++i) {
                    EXPECT_EQ(aggregated->report.by_field[i].label,
                              direct->report.by_field[i].label);
                    EXPECT_EQ(aggregated->report.by_field[i].cells,
                              direct->report.by_field[i].cells);
                }
                ASSERT_EQ(aggregated->report.by_unit.size(), direct->report.by_unit.size());
                for (std::size_t i = 0; i < direct->report.by_unit.size(); ++i) {
                    EXPECT_EQ(aggregated->report.by_unit[i].label, direct->report.by_unit[i].label);
                    EXPECT_EQ(aggregated->report.by_unit[i].cells, direct->report.by_unit[i].cells);
                }
                EXPECT_EQ(aggregated->report.total.cells, direct->report.total.cells);
                windows_with_dossiers += direct->report.total.cells.Received() > 0 ? 1 : 0;
            }
        }
    }
    EXPECT_GE(windows_with_dossiers, 2);
}

INSTANTIATE_TEST_SUITE_P(Seeds, AggregatesPropertyTest, ::testing::Values(1U, 766U, 2026U));

}  // namespace
}  // namespace motcua::testing
