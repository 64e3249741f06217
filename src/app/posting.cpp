#include "app/posting.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>

#include "app/audit_util.hpp"
#include "app/authz.hpp"
#include "app/catalogue.hpp"
#include "app/dossier_access.hpp"
#include "app/dossiers.hpp"
#include "app/report_scope.hpp"
#include "calendar/civil_date.hpp"
#include "store/procedures.hpp"
#include "store/units.hpp"
#include "store/users.hpp"
#include "text/unicode.hpp"

namespace motcua::app::posting {

namespace {

using std::chrono::sys_days;
using store::posting::PostedItem;

constexpr std::size_t kMaxItems = 5000;
constexpr std::size_t kMaxNote = 1000;
constexpr int kMaxDaysBack = 366;

bool ValidOn(const domain::Unit& unit, sys_days day) {
    return unit.valid_from <= day && (!unit.valid_to || *unit.valid_to >= day);
}

base::Result<domain::Unit> DeskByCode(store::Transaction& tx, std::string_view code) {
    auto unit = store::units::GetByCode(tx, code);
    if (!unit) {
        return std::move(unit).error();
    }
    if (!*unit || !IsDesk(**unit)) {
        return base::NotFound(
            "không có bộ phận một cửa hoặc trung tâm phục vụ hành chính công mã " +
            std::string(code));
    }
    return std::move(**unit);
}

// Desk officers of the desk; leaders, TTHC-control officers and administrators covering it.
base::Status MayManage(store::Transaction& tx, const Actor& actor, std::int64_t unit_id) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    auto desk_officer = internal::HoldsRoleOn(tx, actor, domain::Role::kDeskOfficer, unit_id);
    if (!desk_officer) {
        return desk_officer.error();
    }
    if (*desk_officer) {
        return {};
    }
    return internal::MayReport(tx, actor, unit_id);
}

// What units of each level receive on one day (one catalogue read per level).
class ReceivedCache {
public:
    explicit ReceivedCache(sys_days day) : day_(day) {}
    base::Result<const std::vector<domain::Procedure>*> Of(store::Transaction& tx,
                                                           const domain::Unit& unit) {
        auto level = internal::LevelOfUnit(tx, unit);
        if (!level) {
            return std::move(level).error();
        }
        auto it = by_level_.find(*level);
        if (it == by_level_.end()) {
            auto list = ReceivedAtLevel(tx, *level);
            if (!list) {
                return std::move(list).error();
            }
            it = by_level_.emplace(*level, std::move(*list)).first;
        }
        return &it->second;
    }
    base::Result<std::vector<domain::Procedure>> ReceivedAtLevel(store::Transaction& tx,
                                                                 const std::string& level) const {
        std::vector<domain::Procedure> out;
        store::procedures::SearchQuery q;
        q.level = level;
        q.day = day_;
        q.limit = 500;
        for (int page = 0; page < 1000; ++page) {
            auto found = store::procedures::Search(tx, q);
            if (!found) {
                return std::move(found).error();
            }
            for (domain::Procedure& p : found->items) {
                out.push_back(std::move(p));
            }
            if (!found->next_cursor) {
                break;
            }
            q.after = found->next_cursor;
        }
        return out;
    }

private:
    sys_days day_;
    std::map<std::string, std::vector<domain::Procedure>> by_level_;
};

DeskCheck Compare(const domain::Unit& desk, sys_days day,
                  const std::vector<domain::Procedure>& received,
                  std::optional<store::posting::Posting> latest) {
    DeskCheck check;
    check.desk = desk;
    check.day = day;
    check.received = received;
    check.latest = std::move(latest);
    if (!check.latest) {
        return check;
    }
    std::map<std::string, sys_days> posted;
    for (const PostedItem& item : check.latest->items) {
        posted.emplace(item.procedure_code, item.effective_from);
    }
    std::vector<CheckItem> missing;
    std::vector<CheckItem> outdated;
    std::vector<CheckItem> gone;
    std::set<std::string> in_force;
    for (const domain::Procedure& p : received) {
        in_force.insert(p.code);
        auto it = posted.find(p.code);
        if (it == posted.end()) {
            missing.push_back(CheckItem{Finding::kMissing, p.code, p.name, {}, p.effective_from});
        } else if (it->second != p.effective_from) {
            outdated.push_back(
                CheckItem{Finding::kOutdated, p.code, p.name, it->second, p.effective_from});
        } else {
            ++check.posted_current;
        }
    }
    for (const auto& [code, from] : posted) {
        if (!in_force.contains(code)) {
            gone.push_back(CheckItem{Finding::kNotInForce, code, "", from, {}});
        }
    }
    for (auto* part : {&missing, &outdated, &gone}) {
        check.findings.insert(check.findings.end(), part->begin(), part->end());
    }
    return check;
}

base::Result<DeskCheck> CheckWith(store::Transaction& tx, ReceivedCache& cache,
                                  const domain::Unit& desk, sys_days day) {
    auto received = cache.Of(tx, desk);
    if (!received) {
        return std::move(received).error();
    }
    auto latest = store::posting::LatestOn(tx, desk.id, day);
    if (!latest) {
        return std::move(latest).error();
    }
    return Compare(desk, day, **received, std::move(*latest));
}

// The words of `text` folded; a procedure matches when each is a word prefix of its key.
bool Matches(const domain::Procedure& p, const std::vector<std::string>& terms) {
    if (terms.empty()) {
        return true;
    }
    const std::string key = " " + ProcedureSearchKey(p);
    return std::all_of(terms.begin(), terms.end(), [&](const std::string& t) {
        return key.find(" " + t) != std::string::npos;
    });
}

std::vector<std::string> Terms(std::string_view text) {
    std::vector<std::string> out;
    const std::string folded = text::SearchKey(text);
    std::size_t pos = 0;
    while (pos < folded.size()) {
        const std::size_t end = std::min(folded.find(' ', pos), folded.size());
        if (end > pos) {
            out.push_back(folded.substr(pos, end - pos));
        }
        pos = end + 1;
    }
    return out;
}

std::string ItemsJson(const std::vector<PostedItem>& items) {
    return "{\"items\":" + std::to_string(items.size()) + "}";
}

}  // namespace

bool IsDesk(const domain::Unit& unit) {
    return unit.type == domain::UnitType::kOneStopDesk ||
           unit.type == domain::UnitType::kServiceCentre;
}

bool InCompetence(const std::vector<std::string>& levels, std::string_view level) {
    return std::any_of(levels.begin(), levels.end(),
                       [&](const std::string& l) { return l == level; });
}

std::string_view FindingName(Finding finding) {
    switch (finding) {
        case Finding::kMissing:
            return "missing";
        case Finding::kOutdated:
            return "outdated";
        case Finding::kNotInForce:
            return "not_in_force";
    }
    return "missing";
}

std::string_view FindingLabel(Finding finding) {
    switch (finding) {
        case Finding::kMissing:
            return "Chưa niêm yết";
        case Finding::kOutdated:
            return "Niêm yết phiên bản cũ";
        case Finding::kNotInForce:
            return "Đã hết hiệu lực hoặc không thuộc bộ phận";
    }
    return "";
}

base::Result<std::vector<domain::Procedure>> ReceivedOn(store::Transaction& tx,
                                                        const domain::Unit& unit, sys_days day) {
    ReceivedCache cache(day);
    auto list = cache.Of(tx, unit);
    if (!list) {
        return std::move(list).error();
    }
    return **list;
}

base::Result<std::vector<domain::Unit>> DesksOf(store::Transaction& tx, const domain::Unit& unit) {
    std::vector<domain::Unit> out;
    if (IsDesk(unit)) {
        if (!unit.valid_to) {
            out.push_back(unit);
        }
        return out;
    }
    auto children = store::units::Children(tx, unit.id);
    if (!children) {
        return std::move(children).error();
    }
    for (const domain::Unit& c : *children) {
        if (IsDesk(c) && !c.valid_to) {
            out.push_back(c);
        }
    }
    if (!out.empty() || unit.valid_to) {
        return out;
    }
    auto routed = OnlineDeskFor(tx, unit.id);
    if (!routed) {
        if (routed.error().code == base::ErrorCode::kNotFound) {
            return out;
        }
        return std::move(routed).error();
    }
    auto desk = store::units::Get(tx, *routed);
    if (!desk) {
        return std::move(desk).error();
    }
    if (*desk) {
        out.push_back(std::move(**desk));
    }
    return out;
}

base::Result<DeskCheck> CheckDeskOn(store::Transaction& tx, const domain::Unit& desk,
                                    sys_days day) {
    ReceivedCache cache(day);
    return CheckWith(tx, cache, desk, day);
}

base::Result<DeskView> GetDesk(AppContext& ctx, const Actor& actor, std::string_view desk_code) {
    const sys_days today = TodayInVietnam(*ctx.clock);
    return InReadTransaction<DeskView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<DeskView> {
            auto desk = DeskByCode(tx, desk_code);
            if (!desk) {
                return std::move(desk).error();
            }
            if (base::Status s = MayManage(tx, actor, desk->id); !s) {
                return s.error();
            }
            auto check = CheckDeskOn(tx, *desk, today);
            if (!check) {
                return std::move(check).error();
            }
            auto history = store::posting::List(tx, desk->id, 20);
            if (!history) {
                return std::move(history).error();
            }
            return DeskView{std::move(*check), std::move(*history)};
        });
}

base::Result<std::vector<DeskCheck>> ListDesks(AppContext& ctx, const Actor& actor,
                                               std::string_view unit_code) {
    const sys_days today = TodayInVietnam(*ctx.clock);
    return InReadTransaction<std::vector<DeskCheck>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<DeskCheck>> {
            if (!actor.SignedIn()) {
                return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
            }
            const bool posts = std::any_of(
                actor.user->roles.begin(), actor.user->roles.end(), [](const domain::RoleGrant& g) {
                    return g.role != domain::Role::kCitizen && g.role != domain::Role::kSpecialist;
                });
            if (!posts) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Chỉ công chức một cửa, lãnh đạo, công chức kiểm soát TTHC và "
                                   "quản trị xem tình trạng niêm yết."};
            }
            std::vector<domain::Unit> roots;
            if (!unit_code.empty()) {
                auto unit = store::units::GetByCode(tx, unit_code);
                if (!unit) {
                    return std::move(unit).error();
                }
                if (!*unit) {
                    return base::NotFound("không có đơn vị mã " + std::string(unit_code));
                }
                if (base::Status s = MayManage(tx, actor, (*unit)->id); !s) {
                    return s.error();
                }
                roots.push_back(**unit);
            } else {
                std::set<std::int64_t> seen;
                for (const domain::RoleGrant& g : actor.user->roles) {
                    if (!g.unit_id || g.role == domain::Role::kCitizen ||
                        g.role == domain::Role::kSpecialist || !seen.insert(*g.unit_id).second) {
                        continue;
                    }
                    auto unit = store::units::Get(tx, *g.unit_id);
                    if (!unit) {
                        return std::move(unit).error();
                    }
                    if (*unit) {
                        roots.push_back(**unit);
                    }
                }
            }
            ReceivedCache cache(today);
            std::vector<DeskCheck> out;
            std::set<std::int64_t> listed;
            for (const domain::Unit& root : roots) {
                auto units = internal::Subtree(tx, root);
                if (!units) {
                    return std::move(units).error();
                }
                for (const domain::Unit& u : *units) {
                    if (!IsDesk(u) || !ValidOn(u, today) || listed.contains(u.id)) {
                        continue;
                    }
                    if (base::Status s = MayManage(tx, actor, u.id); !s) {
                        continue;  // e.g. a desk officer's grant does not reach the subtree
                    }
                    listed.insert(u.id);
                    auto check = CheckWith(tx, cache, u, today);
                    if (!check) {
                        return std::move(check).error();
                    }
                    out.push_back(std::move(*check));
                }
            }
            std::sort(out.begin(), out.end(), [](const DeskCheck& a, const DeskCheck& b) {
                return a.desk.code < b.desk.code;
            });
            return out;
        });
}

base::Result<store::posting::Posting> RecordPosting(AppContext& ctx, const Actor& actor,
                                                    std::string_view desk_code,
                                                    const NewPosting& input) {
    const auto now = ctx.clock->Now();
    const sys_days today = TodayInVietnam(*ctx.clock);
    return InWriteTransaction<store::posting::Posting>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<store::posting::Posting> {
            auto desk = DeskByCode(tx, desk_code);
            if (!desk) {
                return std::move(desk).error();
            }
            if (base::Status s = MayManage(tx, actor, desk->id); !s) {
                return s.error();
            }
            const sys_days day = input.posted_on.value_or(today);
            if (day > today) {
                return base::InvalidArgument("ngày niêm yết (posted_on) " +
                                             calendar::FormatVietnameseDate(day) + " ở tương lai");
            }
            if (day < today - std::chrono::days{kMaxDaysBack}) {
                return base::InvalidArgument("ngày niêm yết (posted_on) " +
                                             calendar::FormatVietnameseDate(day) +
                                             " cách hôm nay quá một năm");
            }
            if (input.layout != "a4" && input.layout != "board" && input.layout != "screen") {
                return base::InvalidArgument(
                    "hình thức niêm yết (layout) phải là a4, board hoặc screen");
            }
            auto note = text::Nfc(input.note);
            if (!note) {
                return base::InvalidArgument("ghi chú (note) không phải văn bản UTF-8 hợp lệ");
            }
            if (text::CodePointCount(*note) > kMaxNote) {
                return base::InvalidArgument("ghi chú (note) dài quá 1000 ký tự");
            }
            auto latest =
                store::posting::LatestOn(tx, desk->id, sys_days{std::chrono::year{9999} / 12 / 31});
            if (!latest) {
                return std::move(latest).error();
            }
            if (*latest && (*latest)->posted_on > day) {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "bộ phận đã ghi nhận lần niêm yết ngày " +
                                       calendar::FormatVietnameseDate((*latest)->posted_on) +
                                       ", sau ngày " + calendar::FormatVietnameseDate(day) +
                                       "; hãy ghi nhận ngày mới hơn"};
            }
            ReceivedCache cache(day);
            auto received = cache.Of(tx, *desk);
            if (!received) {
                return std::move(received).error();
            }
            std::map<std::string, const domain::Procedure*> in_force;
            for (const domain::Procedure& p : **received) {
                in_force.emplace(p.code, &p);
            }
            store::posting::Posting posting;
            posting.desk_unit_id = desk->id;
            posting.posted_on = day;
            posting.officer_user_id = actor.user->id;
            posting.officer_name = actor.user->display_name;
            posting.layout = input.layout;
            posting.note = std::move(*note);
            posting.recorded_at = now;
            if (!input.items) {
                for (const domain::Procedure& p : **received) {
                    posting.items.push_back(PostedItem{p.code, p.effective_from});
                }
            } else {
                if (input.items->empty()) {
                    return base::InvalidArgument("lần niêm yết không có thủ tục nào (items)");
                }
                if (input.items->size() > kMaxItems) {
                    return base::InvalidArgument("lần niêm yết có quá 5000 thủ tục");
                }
                std::vector<std::string> problems;
                std::set<std::string> seen;
                int index = 0;
                for (const PostedItem& item : *input.items) {
                    ++index;
                    const std::string where =
                        "mục " + std::to_string(index) + " (" + item.procedure_code + "): ";
                    if (!domain::IsProcedureCode(item.procedure_code)) {
                        problems.push_back(where + "mã thủ tục không hợp lệ");
                        continue;
                    }
                    if (!seen.insert(item.procedure_code).second) {
                        problems.push_back(where + "thủ tục đã có ở mục trước");
                        continue;
                    }
                    auto history = store::procedures::History(tx, item.procedure_code);
                    if (!history) {
                        return std::move(history).error();
                    }
                    if (history->empty()) {
                        problems.push_back(where + "không có thủ tục này trong danh mục");
                        continue;
                    }
                    const bool version_exists = std::any_of(
                        history->begin(), history->end(),
                        [&](const auto& h) { return h.effective_from == item.effective_from; });
                    if (!version_exists) {
                        problems.push_back(where + "không có phiên bản có hiệu lực từ ngày " +
                                           calendar::FormatVietnameseDate(item.effective_from));
                        continue;
                    }
                    auto it = in_force.find(item.procedure_code);
                    if (it == in_force.end()) {
                        auto current = store::procedures::GetInForce(tx, item.procedure_code, day);
                        if (!current) {
                            return std::move(current).error();
                        }
                        problems.push_back(where + (*current
                                                        ? "thủ tục không thuộc danh mục tiếp nhận "
                                                          "của bộ phận này"
                                                        : "thủ tục không còn hiệu lực ngày " +
                                                              calendar::FormatVietnameseDate(day)));
                        continue;
                    }
                    if (it->second->effective_from != item.effective_from) {
                        problems.push_back(
                            where + "phiên bản từ ngày " +
                            calendar::FormatVietnameseDate(item.effective_from) +
                            " đã được thay thế; phiên bản có hiệu lực ngày " +
                            calendar::FormatVietnameseDate(day) + " là phiên bản từ ngày " +
                            calendar::FormatVietnameseDate(it->second->effective_from));
                        continue;
                    }
                    posting.items.push_back(item);
                }
                if (!problems.empty()) {
                    std::string message = "lần niêm yết có " + std::to_string(problems.size()) +
                                          " mục không hợp lệ: ";
                    for (std::size_t i = 0; i < problems.size(); ++i) {
                        message += (i ? "; " : "") + problems[i];
                    }
                    return base::InvalidArgument(message);
                }
                std::sort(posting.items.begin(), posting.items.end(),
                          [](const PostedItem& a, const PostedItem& b) {
                              return a.procedure_code < b.procedure_code;
                          });
            }
            if (posting.items.empty()) {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "bộ phận không tiếp nhận thủ tục nào đang có hiệu lực"};
            }
            auto stored = store::posting::Insert(tx, posting);
            if (!stored) {
                return std::move(stored).error();
            }
            if (base::Status a = Audit(tx, actor, now, "posting.record", "posting",
                                       std::to_string(stored->id), ItemsJson(stored->items));
                !a) {
                return a.error();
            }
            return stored;
        });
}

base::Result<Sheet> PostingSheet(AppContext& ctx, std::string_view desk_code) {
    const sys_days today = TodayInVietnam(*ctx.clock);
    return InReadTransaction<Sheet>(*ctx.db, [&](store::Transaction& tx) -> base::Result<Sheet> {
        auto desk = DeskByCode(tx, desk_code);
        if (!desk) {
            return std::move(desk).error();
        }
        Sheet sheet;
        if (desk->parent_id) {
            auto parent = store::units::Get(tx, *desk->parent_id);
            if (!parent) {
                return std::move(parent).error();
            }
            if (*parent) {
                sheet.parent_name = (*parent)->name;
            }
        }
        auto received = ReceivedOn(tx, *desk, today);
        if (!received) {
            return std::move(received).error();
        }
        sheet.desk = std::move(*desk);
        sheet.day = today;
        sheet.procedures = std::move(*received);
        std::stable_sort(sheet.procedures.begin(), sheet.procedures.end(),
                         [](const domain::Procedure& a, const domain::Procedure& b) {
                             return a.field < b.field;
                         });
        return sheet;
    });
}

base::Result<PublicUnit> GetPublicUnit(AppContext& ctx, std::string_view unit_code,
                                       std::string_view text) {
    const sys_days today = TodayInVietnam(*ctx.clock);
    const std::vector<std::string> terms = Terms(text);
    return InReadTransaction<PublicUnit>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<PublicUnit> {
            auto unit = store::units::GetByCode(tx, unit_code);
            if (!unit) {
                return std::move(unit).error();
            }
            if (!*unit) {
                return base::NotFound("không có đơn vị mã " + std::string(unit_code));
            }
            PublicUnit out;
            out.unit = std::move(**unit);
            if (out.unit.parent_id) {
                auto parent = store::units::Get(tx, *out.unit.parent_id);
                if (!parent) {
                    return std::move(parent).error();
                }
                if (*parent) {
                    out.parent_name = (*parent)->name;
                    out.parent_code = (*parent)->code;
                }
            }
            auto desks = DesksOf(tx, out.unit);
            if (!desks) {
                return std::move(desks).error();
            }
            out.desks = std::move(*desks);
            if (!out.unit.valid_to) {
                auto received = ReceivedOn(tx, out.unit, today);
                if (!received) {
                    return std::move(received).error();
                }
                out.received_total = static_cast<std::int64_t>(received->size());
                for (domain::Procedure& p : *received) {
                    if (Matches(p, terms)) {
                        out.procedures.push_back(std::move(p));
                    }
                }
            }
            return out;
        });
}

base::Result<int> SeedDemoPostings(AppContext& ctx) {
    const sys_days today = TodayInVietnam(*ctx.clock);
    const sys_days outdated_day = today - std::chrono::days{75};
    struct Start {
        Actor actor;
        bool empty = true;
        std::vector<PostedItem> outdated_items;  // what the outdated desk put up
    };
    auto start =
        InReadTransaction<Start>(*ctx.db, [&](store::Transaction& tx) -> base::Result<Start> {
            Start out;
            auto any = tx.QueryOne("SELECT COUNT(*) FROM postings", {});
            if (!any) {
                return std::move(any).error();
            }
            out.empty = !*any || (*any)->Int(0) == 0;
            auto user = store::users::GetByUsername(tx, "kiemsoat");
            if (!user) {
                return std::move(user).error();
            }
            if (!*user) {
                return base::NotFound("demo user kiemsoat is missing");
            }
            out.actor.user = **user;
            out.actor.ip = "127.0.0.1";
            out.actor.user_agent = "motcua seed-demo";
            auto desk = DeskByCode(tx, kDemoOutdatedDesk);
            if (!desk) {
                return std::move(desk).error();
            }
            auto received = ReceivedOn(tx, *desk, outdated_day);
            if (!received) {
                return std::move(received).error();
            }
            for (const domain::Procedure& p : *received) {
                out.outdated_items.push_back(PostedItem{p.code, p.effective_from});
            }
            std::sort(out.outdated_items.begin(), out.outdated_items.end(),
                      [](const PostedItem& a, const PostedItem& b) {
                          return a.procedure_code < b.procedure_code;
                      });
            out.outdated_items.resize(out.outdated_items.size() -
                                      std::min<std::size_t>(3, out.outdated_items.size() / 2));
            return out;
        });
    if (!start) {
        return std::move(start).error();
    }
    if (!start->empty) {
        return 0;  // idempotent: only where nothing was posted yet
    }
    auto desks = ListDesks(ctx, start->actor, "46");
    if (!desks) {
        return std::move(desks).error();
    }
    int made = 0;
    for (const DeskCheck& desk : *desks) {
        if (desk.desk.code == kDemoUnpostedDesk) {
            continue;
        }
        NewPosting posting;
        posting.layout = made % 3 == 2 ? "board" : "a4";
        if (desk.desk.code == kDemoOutdatedDesk) {
            posting.posted_on = outdated_day;
            posting.items = start->outdated_items;
            posting.note = "Dữ liệu mẫu: bản niêm yết cũ, chưa cập nhật các thủ tục mới.";
        } else {
            posting.posted_on = today - std::chrono::days{2 + made % 5};
            posting.note = "Dữ liệu mẫu.";
        }
        auto recorded = RecordPosting(ctx, start->actor, desk.desk.code, posting);
        if (!recorded) {
            return std::move(recorded).error();
        }
        ++made;
    }
    return made;
}

}  // namespace motcua::app::posting
