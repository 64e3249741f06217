#include "store/ratings.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>

#include "store/codec.hpp"

namespace motcua::store::ratings {

namespace {

namespace ev = domain::evaluation;
using internal::Int;
using internal::OptInt;
using internal::Seconds;
using internal::Text;

constexpr std::string_view kColumns =
    "dossier_id, rated_by_user_id, channel, satisfaction, contacts, bodies_contacted, complaint, "
    "comment, rated_at, settling_unit_id, receiving_unit_id";

base::Result<Rating> Decode(const Row& row) {
    Rating r;
    r.dossier_id = row.Int(0);
    r.rated_by_user_id = row.OptInt(1);
    auto channel = ev::ParseRatingChannel(row.Text(2));
    if (!channel) {
        return internal::CorruptValue("ratings.channel", row.Text(2));
    }
    r.channel = *channel;
    auto satisfaction = ev::ParseSatisfaction(row.Text(3));
    if (!satisfaction) {
        return internal::CorruptValue("ratings.satisfaction", row.Text(3));
    }
    r.answers.satisfaction = *satisfaction;
    r.answers.contacts = static_cast<int>(row.Int(4));
    r.answers.bodies_contacted = static_cast<int>(row.Int(5));
    r.answers.complaint = row.Int(6) != 0;
    r.answers.comment = row.Text(7);
    r.rated_at = internal::ToSeconds(row.Int(8));
    r.settling_unit_id = row.Int(9);
    r.receiving_unit_id = row.Int(10);
    return r;
}

base::Status LoadOfficers(Transaction& tx, std::vector<Rating>& ratings) {
    if (ratings.empty()) {
        return {};
    }
    std::vector<Value> params;
    std::map<std::int64_t, Rating*> by_id;
    for (Rating& r : ratings) {
        params.push_back(Int(r.dossier_id));
        by_id[r.dossier_id] = &r;
    }
    const std::string sql =
        "SELECT dossier_id, user_id FROM rating_officers WHERE dossier_id IN (" +
        internal::Placeholders(1, params.size()) + ") ORDER BY dossier_id, user_id";
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    for (const Row& row : *rows) {
        by_id.at(row.Int(0))->officer_ids.push_back(row.Int(1));
    }
    return {};
}

}  // namespace

base::Status Insert(Transaction& tx, const Rating& r) {
    const std::array params{Int(r.dossier_id),
                            OptInt(r.rated_by_user_id),
                            Text(ev::RatingChannelName(r.channel)),
                            Text(ev::SatisfactionName(r.answers.satisfaction)),
                            Int(r.answers.contacts),
                            Int(r.answers.bodies_contacted),
                            internal::Bool(r.answers.complaint),
                            Text(r.answers.comment),
                            Seconds(r.rated_at),
                            Int(r.settling_unit_id),
                            Int(r.receiving_unit_id)};
    auto inserted = tx.Execute("INSERT INTO ratings (" + std::string(kColumns) +
                                   ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                               params);
    if (!inserted) {
        return internal::Rephrase(std::move(inserted).error(), base::ErrorCode::kAlreadyExists,
                                  "hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần");
    }
    const std::set<std::int64_t> officers(r.officer_ids.begin(), r.officer_ids.end());
    for (std::int64_t user_id : officers) {
        const std::array officer{Int(r.dossier_id), Int(user_id)};
        auto added = tx.Execute("INSERT INTO rating_officers (dossier_id, user_id) VALUES ($1, $2)",
                                officer);
        if (!added) {
            return std::move(added).error();
        }
    }
    return {};
}

base::Result<std::optional<Rating>> Get(Transaction& tx, std::int64_t dossier_id) {
    auto list = ForDossiers(tx, {dossier_id});
    if (!list) {
        return std::move(list).error();
    }
    if (list->empty()) {
        return std::optional<Rating>{};
    }
    return std::optional<Rating>{std::move(list->front())};
}

base::Result<std::vector<Rating>> ForDossiers(Transaction& tx,
                                              const std::vector<std::int64_t>& ids) {
    std::vector<Rating> out;
    // In chunks, to stay well below the backends' parameter limits.
    constexpr size_t kChunk = 500;
    for (size_t begin = 0; begin < ids.size(); begin += kChunk) {
        const size_t end = std::min(ids.size(), begin + kChunk);
        std::vector<Value> params;
        for (size_t i = begin; i < end; ++i) {
            params.push_back(Int(ids[i]));
        }
        const std::string sql = "SELECT " + std::string(kColumns) +
                                " FROM ratings WHERE dossier_id IN (" +
                                internal::Placeholders(1, params.size()) + ")";
        auto rows = tx.Query(sql, params);
        if (!rows) {
            return std::move(rows).error();
        }
        std::vector<Rating> chunk;
        for (const Row& row : *rows) {
            auto r = Decode(row);
            if (!r) {
                return std::move(r).error();
            }
            chunk.push_back(std::move(*r));
        }
        if (base::Status s = LoadOfficers(tx, chunk); !s) {
            return s.error();
        }
        for (Rating& r : chunk) {
            out.push_back(std::move(r));
        }
    }
    return out;
}

base::Result<std::vector<std::int64_t>> ReturnedDossiers(Transaction& tx,
                                                         const std::vector<std::int64_t>& unit_ids,
                                                         std::chrono::sys_seconds from,
                                                         std::chrono::sys_seconds to, int limit) {
    std::vector<std::int64_t> out;
    if (unit_ids.empty()) {
        return out;
    }
    std::vector<Value> params{Text(domain::DossierStateName(domain::DossierState::kReturned)),
                              Seconds(from), Seconds(to), Int(std::max(limit, 1))};
    for (std::int64_t id : unit_ids) {
        params.push_back(Int(id));
    }
    const std::string units = internal::Placeholders(5, unit_ids.size());
    const std::string sql =
        "SELECT id FROM dossiers WHERE state = $1 AND finished_at >= $2 AND finished_at < $3 "
        "AND (settling_unit_id IN (" +
        units + ") OR receiving_unit_id IN (" + units + ")) ORDER BY finished_at, id LIMIT $4";
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    for (const Row& row : *rows) {
        out.push_back(row.Int(0));
    }
    return out;
}

base::Status PutUnitFacts(Transaction& tx, const UnitFactsRecord& r) {
    const ev::UnitFacts& f = r.facts;
    auto opt_bool = [](std::optional<bool> b) { return b ? internal::Bool(*b) : Value{}; };
    auto opt_int = [](std::optional<int> v) { return v ? Int(*v) : Value{}; };
    const std::array params{Int(r.unit_id),
                            internal::Day(r.effective_from),
                            opt_int(f.listed_procedures),
                            opt_int(f.fully_at_desk_procedures),
                            opt_int(f.eligible_procedures),
                            opt_int(f.received_at_desk_procedures),
                            opt_bool(f.published_posted),
                            opt_bool(f.published_electronic),
                            Int(f.pakn_received),
                            Int(f.pakn_on_time),
                            OptInt(r.recorded_by_user_id),
                            Seconds(r.recorded_at)};
    auto done = tx.Execute(
        "INSERT INTO unit_evaluation_facts (unit_id, effective_from, listed_procedures, "
        "fully_at_desk_procedures, eligible_procedures, received_at_desk_procedures, "
        "published_posted, published_electronic, pakn_received, pakn_on_time, "
        "recorded_by_user_id, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
        "$12) ON CONFLICT (unit_id, effective_from) DO UPDATE SET "
        "listed_procedures = excluded.listed_procedures, "
        "fully_at_desk_procedures = excluded.fully_at_desk_procedures, "
        "eligible_procedures = excluded.eligible_procedures, "
        "received_at_desk_procedures = excluded.received_at_desk_procedures, "
        "published_posted = excluded.published_posted, "
        "published_electronic = excluded.published_electronic, "
        "pakn_received = excluded.pakn_received, pakn_on_time = excluded.pakn_on_time, "
        "recorded_by_user_id = excluded.recorded_by_user_id, recorded_at = excluded.recorded_at",
        params);
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

base::Result<std::optional<UnitFactsRecord>> UnitFactsOn(Transaction& tx, std::int64_t unit_id,
                                                         std::chrono::sys_days day) {
    const std::array params{Int(unit_id), internal::Day(day)};
    auto row = tx.QueryOne(
        "SELECT effective_from, listed_procedures, fully_at_desk_procedures, eligible_procedures, "
        "received_at_desk_procedures, published_posted, published_electronic, pakn_received, "
        "pakn_on_time, recorded_by_user_id, recorded_at FROM unit_evaluation_facts "
        "WHERE unit_id = $1 AND effective_from <= $2 ORDER BY effective_from DESC LIMIT 1",
        params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<UnitFactsRecord>{};
    }
    const Row& r = **row;
    UnitFactsRecord out;
    out.unit_id = unit_id;
    auto from = internal::ParseDay(r.Text(0));
    if (!from) {
        return std::move(from).error();
    }
    out.effective_from = *from;
    auto opt_int = [&](size_t i) -> std::optional<int> {
        if (r.IsNull(i)) {
            return std::nullopt;
        }
        return static_cast<int>(r.Int(i));
    };
    auto opt_bool = [&](size_t i) -> std::optional<bool> {
        if (r.IsNull(i)) {
            return std::nullopt;
        }
        return r.Int(i) != 0;
    };
    out.facts.listed_procedures = opt_int(1);
    out.facts.fully_at_desk_procedures = opt_int(2);
    out.facts.eligible_procedures = opt_int(3);
    out.facts.received_at_desk_procedures = opt_int(4);
    out.facts.published_posted = opt_bool(5);
    out.facts.published_electronic = opt_bool(6);
    out.facts.pakn_received = static_cast<int>(r.Int(7));
    out.facts.pakn_on_time = static_cast<int>(r.Int(8));
    out.recorded_by_user_id = r.OptInt(9);
    out.recorded_at = internal::ToSeconds(r.Int(10));
    return std::optional<UnitFactsRecord>{out};
}

}  // namespace motcua::store::ratings
