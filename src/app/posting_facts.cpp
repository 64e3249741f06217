#include <array>
#include <cstdio>
#include <map>

#include "app/control_facts.hpp"
#include "app/posting.hpp"
#include "calendar/civil_date.hpp"
#include "store/posting.hpp"
#include "store/units.hpp"

// Indicator 1.3 "TTHC công khai đầy đủ các bộ phận" from the postings at the desks (issue #8):
// see app/control_facts.hpp and docs/control.md "Indicator 1.3".
//
// A snapshot on the window's last day `to` (REGULATIONS.md §1.4: not period-based):
// - the desks: the one-stop desks and service centres among `unit_ids` valid on `to`;
// - denominator: the distinct procedures in force on `to` that at least one of those desks
//   receives (app::posting::ReceivedOn);
// - numerator: those of them that (a) every desk of the scope receiving them has on its latest
//   posting on or before `to` in the version in force, and (b) whose version in force holds the
//   constituent parts of Decree 63/2010 Art. 8.2 that the catalogue records: name, steps (trình
//   tự), dossier components, processing time and implementing agency;
// - no posting recorded on or before `to` at any desk of the scope → left empty ("Chưa có dữ
//   liệu").
namespace motcua::app::internal {

namespace {

bool HasAllParts(const domain::Procedure& p) {
    return !p.name.empty() && !p.steps.empty() && !p.documents.empty() && p.processing_milli > 0 &&
           !p.implementing_units.empty();
}

}  // namespace

base::Status FillPostingFacts(store::Transaction& tx, const std::vector<std::int64_t>& unit_ids,
                              domain::indicators::Day /*from*/, domain::indicators::Day to,
                              domain::indicators::ControlFacts& facts) {
    const std::chrono::sys_days day{std::chrono::days{to}};
    std::vector<domain::Unit> desks;
    std::vector<std::int64_t> desk_ids;
    for (const std::int64_t id : unit_ids) {
        auto unit = store::units::Get(tx, id);
        if (!unit) {
            return unit.error();
        }
        if (!*unit || !posting::IsDesk(**unit) || (*unit)->valid_from > day ||
            ((*unit)->valid_to && *(*unit)->valid_to < day)) {
            continue;
        }
        desk_ids.push_back(id);
        desks.push_back(std::move(**unit));
    }
    auto any = store::posting::AnyOn(tx, desk_ids, day);
    if (!any) {
        return any.error();
    }
    if (!*any) {
        return {};  // nothing posted in the scope yet: "Chưa có dữ liệu"
    }
    struct State {
        bool posted_everywhere = true;
        bool parts = true;
    };
    std::map<std::string, State> by_code;
    for (const domain::Unit& desk : desks) {
        auto check = posting::CheckDeskOn(tx, desk, day);
        if (!check) {
            return check.error();
        }
        for (const domain::Procedure& p : check->received) {
            State& s = by_code[p.code];
            s.parts = HasAllParts(p);
        }
        for (const posting::CheckItem& f : check->findings) {
            if (f.finding != posting::Finding::kNotInForce) {
                by_code[f.code].posted_everywhere = false;
            }
        }
        if (!check->latest) {
            for (const domain::Procedure& p : check->received) {
                by_code[p.code].posted_everywhere = false;
            }
        }
    }
    std::int64_t numerator = 0;
    std::int64_t not_posted = 0;
    std::int64_t lacking_parts = 0;
    for (const auto& [code, s] : by_code) {
        numerator += s.posted_everywhere && s.parts ? 1 : 0;
        not_posted += s.posted_everywhere ? 0 : 1;
        lacking_parts += s.parts ? 0 : 1;
    }
    domain::indicators::ControlRatio ratio;
    ratio.numerator = numerator;
    ratio.denominator = static_cast<std::int64_t>(by_code.size());
    ratio.note = "Ngày " + calendar::FormatVietnameseDate(day) + ", " +
                 std::to_string(desks.size()) + " bộ phận một cửa: " + std::to_string(not_posted) +
                 " TTHC chưa niêm yết đúng phiên bản tại mọi bộ phận tiếp nhận; " +
                 std::to_string(lacking_parts) +
                 " TTHC thiếu bộ phận bắt buộc (trình tự, thành phần hồ sơ, thời hạn, cơ quan "
                 "thực hiện).";
    facts.posted_complete = std::move(ratio);
    return {};
}

}  // namespace motcua::app::internal
