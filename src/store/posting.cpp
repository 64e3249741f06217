#include "store/posting.hpp"

#include <array>

#include "store/codec.hpp"

namespace motcua::store::posting {

namespace {

using internal::Int;
using internal::Text;

constexpr std::string_view kColumns =
    "p.id, p.desk_unit_id, p.posted_on, p.officer_user_id, COALESCE(u.display_name, ''), "
    "p.layout, p.note, p.recorded_at, (SELECT COUNT(*) FROM posting_items i WHERE i.posting_id = "
    "p.id) FROM postings p LEFT JOIN users u ON u.id = p.officer_user_id ";

base::Result<Posting> Decode(const Row& row) {
    auto day = internal::ParseDay(row.Text(2));
    if (!day) {
        return std::move(day).error();
    }
    Posting p;
    p.id = row.Int(0);
    p.desk_unit_id = row.Int(1);
    p.posted_on = *day;
    p.officer_user_id = row.Int(3);
    p.officer_name = row.Text(4);
    p.layout = row.Text(5);
    p.note = row.Text(6);
    p.recorded_at = internal::ToSeconds(row.Int(7));
    p.item_count = row.Int(8);
    return p;
}

base::Status ReadItems(Transaction& tx, Posting& posting) {
    const std::array params{Int(posting.id)};
    auto rows = tx.Query(
        "SELECT procedure_code, effective_from FROM posting_items WHERE posting_id = $1 ORDER BY "
        "procedure_code",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    posting.items.clear();
    posting.items.reserve(rows->size());
    for (const Row& row : *rows) {
        auto day = internal::ParseDay(row.Text(1));
        if (!day) {
            return std::move(day).error();
        }
        posting.items.push_back(PostedItem{row.Text(0), *day});
    }
    return {};
}

}  // namespace

base::Result<Posting> Insert(Transaction& tx, const Posting& posting) {
    const std::array params{Int(posting.desk_unit_id),    internal::Day(posting.posted_on),
                            Int(posting.officer_user_id), Text(posting.layout),
                            Text(posting.note),           internal::Seconds(posting.recorded_at)};
    auto inserted = internal::InsertReturningId(
        tx,
        "INSERT INTO postings (desk_unit_id, posted_on, officer_user_id, layout, note, "
        "recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        params);
    if (!inserted) {
        return std::move(inserted).error();
    }
    Posting out = posting;
    out.id = *inserted;
    for (const PostedItem& item : posting.items) {
        const std::array item_params{Int(out.id), Text(item.procedure_code),
                                     internal::Day(item.effective_from)};
        auto done = tx.Execute(
            "INSERT INTO posting_items (posting_id, procedure_code, effective_from) VALUES ($1, "
            "$2, $3)",
            item_params);
        if (!done) {
            return internal::Rephrase(
                std::move(done).error(), base::ErrorCode::kAlreadyExists,
                "thủ tục " + item.procedure_code + " có hai lần trong một lần niêm yết");
        }
    }
    out.item_count = static_cast<std::int64_t>(out.items.size());
    return out;
}

base::Result<std::optional<Posting>> LatestOn(Transaction& tx, std::int64_t desk_unit_id,
                                              std::chrono::sys_days day) {
    const std::array params{Int(desk_unit_id), internal::Day(day)};
    auto row = tx.QueryOne(std::string("SELECT ") + std::string(kColumns) +
                               "WHERE p.desk_unit_id = $1 AND p.posted_on <= $2 ORDER BY "
                               "p.posted_on DESC, p.id DESC LIMIT 1",
                           params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<Posting>{};
    }
    auto posting = Decode(**row);
    if (!posting) {
        return std::move(posting).error();
    }
    if (base::Status s = ReadItems(tx, *posting); !s) {
        return s.error();
    }
    return std::optional<Posting>{std::move(*posting)};
}

base::Result<std::vector<Posting>> List(Transaction& tx, std::int64_t desk_unit_id, int limit) {
    const std::array params{Int(desk_unit_id), Int(limit < 1 ? 1 : limit)};
    auto rows = tx.Query(std::string("SELECT ") + std::string(kColumns) +
                             "WHERE p.desk_unit_id = $1 ORDER BY p.posted_on DESC, p.id DESC "
                             "LIMIT $2",
                         params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Posting> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        auto p = Decode(row);
        if (!p) {
            return std::move(p).error();
        }
        out.push_back(std::move(*p));
    }
    return out;
}

base::Result<bool> AnyOn(Transaction& tx, const std::vector<std::int64_t>& desk_unit_ids,
                         std::chrono::sys_days day) {
    if (desk_unit_ids.empty()) {
        return false;
    }
    std::vector<Value> params{internal::Day(day)};
    const std::string ids = internal::BindIds(params, desk_unit_ids);
    auto row = tx.QueryOne(
        "SELECT 1 FROM postings WHERE posted_on <= $1 AND desk_unit_id IN (" + ids + ") LIMIT 1",
        params);
    if (!row) {
        return std::move(row).error();
    }
    return row->has_value();
}

}  // namespace motcua::store::posting
