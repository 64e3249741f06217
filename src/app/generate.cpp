// `motcua generate` (issue #6; docs/generate.md): the days of the year and their dossier counts,
// each dossier's plan, and the batched writes.
#include "app/generate.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <span>
#include <unordered_map>

#include "app/dossier_access.hpp"
#include "app/dossiers.hpp"
#include "app/generate_model.hpp"
#include "app/indicators.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/lunar.hpp"
#include "store/dossiers.hpp"
#include "store/users.hpp"

namespace motcua::app {

namespace {

using generate::Catalogue;
using generate::DossierPlan;
using generate::Org;
using generate::Rng;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

constexpr seconds kVietnam{7 * 3600};
constexpr double kOnlineShare = 0.45;
constexpr double kPostalShare = 0.05;
constexpr double kCommuneShare = 0.62;
constexpr double kBoundaryFreeShare = 0.03;

// Relative volume per month (January … December): quieter around Tết, busier at year end.
constexpr std::array<double, 12> kMonthWeight{1.05, 0.85, 1.05, 1.0, 1.0,  1.0,
                                              1.05, 1.0,  0.95, 1.0, 1.05, 1.15};
// Online submissions per hour of the day (local time).
constexpr std::array<double, 24> kHourWeight{0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0,
                                             1.5, 1.5, 1.5, 1.3, 0.8, 1.2, 1.5, 1.5,
                                             1.4, 1.0, 0.8, 0.9, 0.9, 0.7, 0.5, 0.3};

sys_seconds LocalMidnight(sys_days day) {
    return sys_seconds{day} - kVietnam;
}

sys_days LocalDay(sys_seconds t) {
    return std::chrono::floor<std::chrono::days>(t + kVietnam);
}

struct Zipfs {
    std::vector<double> commune_all, commune_online, province_all, province_online;
};

// Per-day weights of desk and online submissions (docs/generate.md "Calendar").
struct DayWeights {
    std::vector<sys_days> days;
    std::vector<double> desk_cumulative, online_cumulative;
};

base::Result<DayWeights> WeighDays(int year, const calendar::WorkingCalendar& cal) {
    auto tet_ymd = calendar::TetOf(year);
    if (!tet_ymd) {
        return std::move(tet_ymd).error();
    }
    const sys_days tet{*tet_ymd};
    DayWeights w;
    double desk = 0;
    double online = 0;
    const sys_days first{std::chrono::year{year} / 1 / 1};
    const sys_days end{std::chrono::year{year + 1} / 1 / 1};
    for (sys_days d = first; d < end; d += std::chrono::days{1}) {
        const std::chrono::year_month_day ymd{d};
        double f = kMonthWeight[static_cast<unsigned>(ymd.month()) - 1];
        const auto from_tet = (d - tet).count();
        if (from_tet >= -14 && from_tet < 0) {
            f *= 1.25;  // the rush before Tết
        } else if (from_tet >= 0 && from_tet < 7) {
            f *= 0.15;  // Tết itself (desks are closed; a few online submissions)
        } else if (from_tet >= 7 && from_tet < 21) {
            f *= 0.6;  // slow restart after Tết
        }
        const bool open = cal.IsOpen(d);
        desk += open ? f : 0.0;
        online += open ? f : 0.35 * f;
        w.days.push_back(d);
        w.desk_cumulative.push_back(desk);
        w.online_cumulative.push_back(online);
    }
    return w;
}

// Dossiers of a channel on day i: the running target rounded, so the year's total is exact.
std::int64_t CountOn(const std::vector<double>& cumulative, size_t i, std::int64_t total) {
    const auto upto = [&](size_t k) {
        return std::llround(static_cast<double>(total) * cumulative[k] / cumulative.back());
    };
    return upto(i) - (i == 0 ? 0 : upto(i - 1));
}

DossierPlan DrawPlan(Rng& rng, const Org& org, const Catalogue& cat, const Zipfs& z,
                     domain::Channel channel, std::int64_t applicants) {
    DossierPlan p;
    p.channel = channel;
    const bool online = channel == domain::Channel::kOnline;
    const bool commune = rng.Chance(kCommuneShare);
    const auto& list = commune ? (online ? cat.commune_online : cat.commune_all)
                               : (online ? cat.province_online : cat.province_all);
    const auto& cum = commune ? (online ? z.commune_online : z.commune_all)
                              : (online ? z.province_online : z.province_all);
    p.procedure = list[rng.Pick(cum)];
    if (commune) {
        const size_t c = rng.Pick(org.commune_weights);
        p.settling = org.communes[c];
        p.desk = org.commune_desk[c];
        if (!online && rng.Chance(kBoundaryFreeShare)) {  // received at another commune's desk
            p.desk = org.commune_desk[static_cast<size_t>(
                rng.Between(0, static_cast<std::int64_t>(org.communes.size()) - 1))];
        }
    } else {
        p.settling = cat.procedures[static_cast<size_t>(p.procedure)].department;
        const auto pos = std::find(org.departments.begin(), org.departments.end(), p.settling) -
                         org.departments.begin();
        p.desk = online ? org.centre : org.department_desk[static_cast<size_t>(pos)];
    }
    p.applicant = rng.Between(0, applicants - 1);
    return p;
}

sys_seconds DrawTime(Rng& rng, sys_days day, bool online, const calendar::WorkingCalendar& cal) {
    if (online) {
        static const std::vector<double> hours = [] {
            std::vector<double> c;
            c.reserve(kHourWeight.size());
            double s = 0;
            for (double w : kHourWeight) {
                c.push_back(s += w);
            }
            return c;
        }();
        const auto hour = static_cast<std::int64_t>(rng.Pick(hours));
        return LocalMidnight(day) + seconds{hour * 3600 + rng.Between(0, 3599)};
    }
    const double len = static_cast<double>(cal.WorkingDayLength().count());
    auto t = cal.AddWorkingTime(LocalMidnight(day),
                                seconds{static_cast<std::int64_t>(rng.Range(0, 0.97 * len))});
    return t ? *t : LocalMidnight(day) + seconds{9 * 3600};
}

// Events appended in multi-row INSERTs (the same columns and values as
// store::dossiers::AppendEvent, 4 rows a statement): most of the rows generated are events, and a
// statement per event costs more than its row. Not more rows: the SQLite backend binds `$n` by
// name, a lookup linear in the number of parameters, so wide statements get slower again.
class EventRows final {
public:
    void Add(const domain::DossierEvent& e) {
        auto prepared = store::dossiers::PrepareEvent(e);
        for (store::Value& v : prepared.params) {
            params_.push_back(std::move(v));
        }
        ++rows_;
    }
    // Writes every full statement's worth of rows, or (all) every row.
    base::Status Flush(store::Transaction& tx, bool all) {
        size_t done = 0;
        while (rows_ - done >= kRowsPerStatement || (all && rows_ > done)) {
            const size_t n = std::min(kRowsPerStatement, rows_ - done);
            const std::span<const store::Value> chunk(params_.data() + done * kColumns,
                                                      n * kColumns);
            auto written = tx.Execute(Sql(n), chunk);
            if (!written) {
                return written.error();
            }
            done += n;
        }
        params_.erase(params_.begin(),
                      params_.begin() + static_cast<std::ptrdiff_t>(done * kColumns));
        rows_ -= done;
        return {};
    }

private:
    static constexpr size_t kColumns = 13;
    static constexpr size_t kRowsPerStatement = 4;

    const std::string& Sql(size_t n) {
        std::string& sql = sql_[n];
        if (sql.empty()) {
            sql =
                "INSERT INTO dossier_events (dossier_id, seq, at, actor_user_id, actor_name, "
                "action, from_state, to_state, reason, unit_id, step_key, details_json, "
                "attachments_json) VALUES ";
            for (size_t r = 0; r < n; ++r) {
                sql += r == 0 ? "(" : ", (";
                for (size_t c = 0; c < kColumns; ++c) {
                    sql += (c == 0 ? "$" : ", $") + std::to_string(r * kColumns + c + 1);
                }
                sql += ")";
            }
        }
        return sql;
    }

    std::vector<store::Value> params_;
    size_t rows_ = 0;
    std::map<size_t, std::string> sql_;
};

// Writes one batch: codes, citizen accounts, the played dossiers and what hangs off them.
class Writer final {
public:
    Writer(const Org& org, const Catalogue& cat, const calendar::WorkingCalendar& cal,
           sys_seconds cutoff, GenerateStats& stats)
        : org_(org), cat_(cat), cal_(cal), cutoff_(cutoff), stats_(stats) {}

    base::Status Write(store::Transaction& tx, Rng& rng, std::vector<DossierPlan>& plans);

private:
    base::Result<std::string> Code(store::Transaction& tx, int desk, sys_days day);
    base::Result<std::int64_t> Citizen(store::Transaction& tx, std::int64_t applicant,
                                       sys_seconds at);
    base::Status SaveCounters(store::Transaction& tx);

    const Org& org_;
    const Catalogue& cat_;
    const calendar::WorkingCalendar& cal_;
    sys_seconds cutoff_;
    GenerateStats& stats_;
    struct Counter {
        std::int64_t last = 0;
        bool dirty = false;
    };
    std::map<std::pair<int, int>, Counter> counters_;          // (desk, day number) → last number
    std::unordered_map<std::int64_t, std::int64_t> citizens_;  // applicant → user id
    EventRows events_;
};

base::Result<std::string> Writer::Code(store::Transaction& tx, int desk, sys_days day) {
    const std::string& prefix = org_.units[static_cast<size_t>(desk)].unit.code;
    const auto key = std::make_pair(desk, static_cast<int>(day.time_since_epoch().count()));
    auto it = counters_.find(key);
    if (it == counters_.end()) {
        const std::array<store::Value, 2> params{prefix, calendar::FormatIsoDate(day)};
        auto row = tx.QueryOne(
            "SELECT last FROM dossier_code_counters WHERE prefix = $1 AND day = $2", params);
        if (!row) {
            return std::move(row).error();
        }
        it = counters_.emplace(key, Counter{*row ? (*row)->Int(0) : 0, false}).first;
    }
    ++it->second.last;
    it->second.dirty = true;
    return FormatDossierCode(prefix, day, it->second.last);
}

base::Result<std::int64_t> Writer::Citizen(store::Transaction& tx, std::int64_t applicant,
                                           sys_seconds at) {
    if (auto it = citizens_.find(applicant); it != citizens_.end()) {
        return it->second;
    }
    const domain::Applicant a = generate::MakeApplicant(applicant);
    const std::string username =
        (a.kind == domain::ApplicantKind::kPerson ? "cd" : "dn") + a.id_number;
    auto found = store::users::GetByUsername(tx, username);
    if (!found) {
        return std::move(found).error();
    }
    std::int64_t id = 0;
    if (*found) {
        id = (*found)->id;
    } else {
        domain::User u;
        u.username = username;
        u.display_name = a.name;
        u.phone = a.phone;
        u.password_hash = "!generated";
        u.roles = {domain::RoleGrant{domain::Role::kCitizen, std::nullopt}};
        u.created_at = at;
        auto stored = store::users::Insert(tx, u);
        if (!stored) {
            return std::move(stored).error();
        }
        id = stored->id;
        ++stats_.citizens;
    }
    citizens_.emplace(applicant, id);
    return id;
}

base::Status Writer::SaveCounters(store::Transaction& tx) {
    for (auto& [key, counter] : counters_) {
        if (!counter.dirty) {
            continue;
        }
        const std::array<store::Value, 3> params{
            org_.units[static_cast<size_t>(key.first)].unit.code,
            calendar::FormatIsoDate(sys_days{std::chrono::days{key.second}}), counter.last};
        auto done = tx.Execute(
            "INSERT INTO dossier_code_counters (prefix, day, last) VALUES ($1, $2, $3) "
            "ON CONFLICT (prefix, day) DO UPDATE SET last = CASE WHEN excluded.last > "
            "dossier_code_counters.last THEN excluded.last ELSE dossier_code_counters.last END",
            params);
        if (!done) {
            return done.error();
        }
        counter.dirty = false;
    }
    return {};
}

base::Status Writer::Write(store::Transaction& tx, Rng& rng, std::vector<DossierPlan>& plans) {
    for (DossierPlan& plan : plans) {
        auto code = Code(tx, plan.desk, LocalDay(plan.start));
        if (!code) {
            return code.error();
        }
        plan.code = std::move(*code);
        if (plan.channel == domain::Channel::kOnline) {
            auto citizen = Citizen(tx, plan.applicant, plan.start);
            if (!citizen) {
                return citizen.error();
            }
            plan.citizen_user_id = *citizen;
        }
        auto out = generate::Play(rng, org_, cat_, cal_, plan, cutoff_);
        if (!out) {
            return out.error();
        }
        auto id = store::dossiers::Insert(tx, out->dossier);
        if (!id) {
            return id.error();
        }
        for (domain::DossierEvent& e : out->events) {
            e.dossier_id = *id;
            events_.Add(e);
        }
        if (base::Status s = events_.Flush(tx, false); !s) {
            return s;
        }
        if (out->payment) {
            out->payment->dossier_id = *id;
            auto paid = store::payments::Insert(tx, *out->payment);
            if (!paid) {
                return paid.error();
            }
            ++stats_.payments;
        }
        if (out->rating) {
            out->rating->dossier_id = *id;
            if (base::Status s = store::ratings::Insert(tx, *out->rating); !s) {
                return s;
            }
            ++stats_.ratings;
        }
        if (out->facts) {
            out->facts->dossier_id = *id;
            if (base::Status s = store::dossier_facts::Put(tx, *out->facts); !s) {
                return s;
            }
            ++stats_.facts;
        }
        ++stats_.dossiers;
        stats_.events += static_cast<std::int64_t>(out->events.size());
        stats_.refused_actions += out->refused_actions;
    }
    plans.clear();
    if (base::Status s = events_.Flush(tx, true); !s) {
        return s;
    }
    return SaveCounters(tx);
}

base::Result<std::int64_t> CountDossiers(store::Database& db) {
    return InReadTransaction<std::int64_t>(
        db, [](store::Transaction& tx) -> base::Result<std::int64_t> {
            auto row = tx.QueryOne("SELECT COUNT(*) FROM dossiers", {});
            if (!row) {
                return std::move(row).error();
            }
            return *row ? (*row)->Int(0) : 0;
        });
}

}  // namespace

base::Result<GenerateStats> Generate(AppContext& ctx, const GenerateOptions& o) {
    if (o.dossiers < 1) {
        return base::InvalidArgument("số hồ sơ (--dossiers) phải lớn hơn 0");
    }
    if (o.year < 2026 || o.year > 2100) {
        return base::InvalidArgument("năm (--year) phải từ 2026 đến 2100");
    }
    if (o.batch_size < 1) {
        return base::InvalidArgument("số hồ sơ mỗi giao dịch phải lớn hơn 0");
    }
    store::Database& db = *ctx.db;
    if (auto applied = store::Migrate(db); !applied) {
        return std::move(applied).error();
    }
    auto existing = CountDossiers(db);
    if (!existing) {
        return std::move(existing).error();
    }
    if (*existing > 0 && !o.append) {
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "cơ sở dữ liệu đã có " + std::to_string(*existing) +
                               " hồ sơ; dùng --append để sinh thêm"};
    }
    auto cal = internal::CalendarFor(0);
    if (!cal) {
        return std::move(cal).error();
    }
    const sys_seconds setup_at = LocalMidnight(sys_days{std::chrono::year{o.year} / 1 / 1});
    const sys_seconds cutoff = LocalMidnight(sys_days{std::chrono::year{o.year + 1} / 1 / 1});
    Org org;
    Catalogue cat;
    {
        auto tx = db.Begin(store::TxMode::kWrite);
        if (!tx) {
            return std::move(tx).error();
        }
        auto built = generate::BuildOrganisation(**tx, setup_at);
        if (!built) {
            return std::move(built).error();
        }
        org = std::move(*built);
        auto catalogue = generate::BuildCatalogue(**tx, org, setup_at);
        if (!catalogue) {
            return std::move(catalogue).error();
        }
        cat = std::move(*catalogue);
        if (base::Status s = (*tx)->Commit(); !s) {
            return s.error();
        }
    }
    GenerateStats stats;
    stats.units = static_cast<std::int64_t>(org.units.size());
    stats.procedures = static_cast<std::int64_t>(cat.procedures.size());
    stats.officers = org.officers;

    auto weights = WeighDays(o.year, **cal);
    if (!weights) {
        return std::move(weights).error();
    }
    const Zipfs z{generate::ZipfCumulative(cat.commune_all.size(), 1.0),
                  generate::ZipfCumulative(cat.commune_online.size(), 1.0),
                  generate::ZipfCumulative(cat.province_all.size(), 1.0),
                  generate::ZipfCumulative(cat.province_online.size(), 1.0)};
    const auto online_total = std::llround(static_cast<double>(o.dossiers) * kOnlineShare);
    const auto postal_total = std::llround(static_cast<double>(o.dossiers) * kPostalShare);
    const std::int64_t direct_total = o.dossiers - online_total - postal_total;
    const std::int64_t applicants = std::max<std::int64_t>(500, o.dossiers / 3);

    // Two streams: plans are drawn day by day, stories played batch by batch; separate engines keep
    // the data independent of the batch size.
    Rng rng(o.seed);
    Rng play_rng(generate::Mix(o.seed));
    Writer writer(org, cat, **cal, cutoff, stats);
    std::vector<DossierPlan> plans;
    std::int64_t planned = 0;
    const auto started = std::chrono::steady_clock::now();
    const auto flush = [&]() -> base::Status {
        auto tx = db.Begin(store::TxMode::kWrite);
        if (!tx) {
            return tx.error();
        }
        if ((*tx)->dialect() == store::Dialect::kSqlite) {
            // A batch touches many index pages: keep them in memory (256 MiB) instead of
            // spilling and re-reading them; a setting of this process's writer connection only.
            if (base::Status s = (*tx)->ExecuteScript("PRAGMA cache_size = -262144"); !s) {
                return s;
            }
        }
        if (base::Status s = writer.Write(**tx, play_rng, plans); !s) {
            return s;
        }
        if (base::Status s = (*tx)->Commit(); !s) {
            return s;
        }
        stats.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (o.on_progress) {
            o.on_progress(stats.dossiers, o.dossiers, stats.seconds);
        }
        return {};
    };
    for (size_t i = 0; i < weights->days.size(); ++i) {
        const sys_days day = weights->days[i];
        std::vector<DossierPlan> today;
        const std::array<std::pair<domain::Channel, std::int64_t>, 3> channels{{
            {domain::Channel::kOnline, CountOn(weights->online_cumulative, i, online_total)},
            {domain::Channel::kDirect, CountOn(weights->desk_cumulative, i, direct_total)},
            {domain::Channel::kPostal, CountOn(weights->desk_cumulative, i, postal_total)},
        }};
        for (const auto& [channel, count] : channels) {
            for (std::int64_t k = 0; k < count; ++k) {
                DossierPlan p = DrawPlan(rng, org, cat, z, channel, applicants);
                p.start = DrawTime(rng, day, channel == domain::Channel::kOnline, **cal);
                today.push_back(std::move(p));
            }
        }
        std::stable_sort(
            today.begin(), today.end(),
            [](const DossierPlan& a, const DossierPlan& b) { return a.start < b.start; });
        // Played in the order of the day, in batches of batch_size dossiers per transaction.
        for (DossierPlan& p : today) {
            plans.push_back(std::move(p));
            ++planned;
            if (static_cast<int>(plans.size()) >= o.batch_size) {
                if (base::Status s = flush(); !s) {
                    return s.error();
                }
            }
        }
    }
    if (!plans.empty()) {
        if (base::Status s = flush(); !s) {
            return s.error();
        }
    }
    // The incremental aggregates (app/indicators.hpp) are not kept per dossier while generating:
    // rebuilt once from everything stored.
    const auto rebuild_started = std::chrono::steady_clock::now();
    auto rebuilt = RebuildAggregates(ctx);
    if (!rebuilt) {
        return std::move(rebuilt).error();
    }
    stats.aggregate_cells = rebuilt->cells;
    stats.aggregate_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - rebuild_started).count();
    return stats;
}

}  // namespace motcua::app
