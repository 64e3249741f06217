#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "domain/unit.hpp"
#include "store/database.hpp"
#include "store/posting.hpp"

// Public posting of the procedures (công khai, niêm yết; issue #8, REGULATIONS.md §5.3,
// docs/control.md "Public posting"): what each one-stop desk or service centre receives, the
// posting sheets it prints, the postings it records, the check of the latest posting against the
// catalogue in force, and the public page of a unit.
namespace motcua::app::posting {

// ---- what a unit receives (shared by the check, the sheets, the public page, indicator 1.3) --

// One-stop desks and public-service centres: the units that receive dossiers and post.
[[nodiscard]] bool IsDesk(const domain::Unit& unit);

// True when a procedure of `levels` is in the competence of a unit of `level` ("province",
// "district", "commune"): one of its levels is the unit's (the rule of the indicators' catalogue
// figures, app/indicators.cpp). A procedure listing only "ministry" is received by no local unit.
[[nodiscard]] bool InCompetence(const std::vector<std::string>& levels, std::string_view level);

// The procedure versions in force on `day` that `unit` receives, by code: those in competence
// at the unit's level (its own, or the nearest ancestor's for desks and agencies: a commune's
// desk receives the commune's procedures, the province's service centre the province's). Reads
// the dated catalogue (store::procedures::Search), so versions created or closed by publication
// decisions show up on their effective dates.
[[nodiscard]] base::Result<std::vector<domain::Procedure>> ReceivedOn(store::Transaction& tx,
                                                                      const domain::Unit& unit,
                                                                      std::chrono::sys_days day);

// The desks through which `unit` receives: the unit itself when it is a desk, else its own desks
// (children that are desks), else the desk online submissions are routed to (the nearest
// ancestor's, app::OnlineDeskFor). Valid units only; may be empty.
[[nodiscard]] base::Result<std::vector<domain::Unit>> DesksOf(store::Transaction& tx,
                                                              const domain::Unit& unit);

// ---- the check -----------------------------------------------------------------------------

enum class Finding {
    kMissing,     // in force and received, not on the board
    kOutdated,    // on the board in another version than the one in force
    kNotInForce,  // on the board, no longer in force (or not received at this desk)
};
[[nodiscard]] std::string_view FindingName(Finding finding);   // missing, outdated, not_in_force
[[nodiscard]] std::string_view FindingLabel(Finding finding);  // Vietnamese

struct CheckItem {
    Finding finding = Finding::kMissing;
    std::string code;
    std::string name;                                    // of the version in force, else empty
    std::optional<std::chrono::sys_days> posted_from;    // the version on the board
    std::optional<std::chrono::sys_days> in_force_from;  // the version in force
};

struct DeskCheck {
    domain::Unit desk;
    std::chrono::sys_days day{};
    std::vector<domain::Procedure> received;        // in force, by code
    std::optional<store::posting::Posting> latest;  // with items; nullopt: never posted
    std::vector<CheckItem> findings;                // by finding, then code
    std::int64_t posted_current = 0;                // received and posted in the version in force
    // True when a posting exists and nothing is missing, outdated or no longer in force.
    [[nodiscard]] bool Complete() const { return latest && findings.empty(); }
};

// Compares the latest posting of `desk` on or before `day` with what it receives on `day`.
[[nodiscard]] base::Result<DeskCheck> CheckDeskOn(store::Transaction& tx, const domain::Unit& desk,
                                                  std::chrono::sys_days day);

// ---- use cases -----------------------------------------------------------------------------

// Desk officers of the desk, and leaders, TTHC-control officers and administrators whose scope
// covers it, see its posting status and record postings. kNotFound for an unknown desk code or a
// unit that is not a desk.
struct DeskView {
    DeskCheck check;
    std::vector<store::posting::Posting> history;  // newest first, at most 20
};
[[nodiscard]] base::Result<DeskView> GetDesk(AppContext& ctx, const Actor& actor,
                                             std::string_view desk_code);

// The desks of the actor's scope (or of `unit_code`'s subtree, which must be in it) with their
// check today. Empty unit_code: every desk the actor may see.
[[nodiscard]] base::Result<std::vector<DeskCheck>> ListDesks(AppContext& ctx, const Actor& actor,
                                                             std::string_view unit_code);

struct NewPosting {
    std::optional<std::chrono::sys_days> posted_on;  // default today; not in the future
    std::string layout = "a4";                       // a4, board, screen
    std::string note;                                // ≤ 1000 characters
    // The versions put up; absent: everything the desk receives that day, as the sheets print.
    std::optional<std::vector<store::posting::PostedItem>> items;
};
// Records a posting. Refused (kInvalidArgument naming every bad item): an unknown procedure or
// version, a version not in force on the posting day, a procedure the desk does not receive, a
// code listed twice, a day in the future or more than a year back, an unknown layout; a day
// before the desk's latest posting (kFailedPrecondition: that posting would never count). Audited.
[[nodiscard]] base::Result<store::posting::Posting> RecordPosting(AppContext& ctx,
                                                                  const Actor& actor,
                                                                  std::string_view desk_code,
                                                                  const NewPosting& input);

// The content of a posting sheet (public: it is the catalogue): the desk, its parent, the day and
// the procedures it receives, by field then code.
struct Sheet {
    domain::Unit desk;
    std::string parent_name;
    std::chrono::sys_days day{};
    std::vector<domain::Procedure> procedures;
};
[[nodiscard]] base::Result<Sheet> PostingSheet(AppContext& ctx, std::string_view desk_code);

// The public page of a unit (no account): the unit, its parent, its desks, the procedures it
// receives today (those matching `text` when not blank: every folded word a word prefix of the
// code, name or field). Holds no personal data.
struct PublicUnit {
    domain::Unit unit;
    std::string parent_name;
    std::string parent_code;
    std::vector<domain::Unit> desks;
    std::vector<domain::Procedure> procedures;  // matching `text`
    std::int64_t received_total = 0;            // before the text filter
};
[[nodiscard]] base::Result<PublicUnit> GetPublicUnit(AppContext& ctx, std::string_view unit_code,
                                                     std::string_view text);

// ---- demo ----------------------------------------------------------------------------------

// Demo desks whose postings `SeedDemoPostings` leaves incomplete: Phú Xuân's desk posted 75 days
// ago, leaving out the three procedures last by code (the demo desk officer motcuaxa finds them
// flagged), and Kim Long's desk with no posting at all.
inline constexpr std::string_view kDemoOutdatedDesk = "19753.BPMC";
inline constexpr std::string_view kDemoUnpostedDesk = "19774.BPMC";

// Issue #8: postings at the demo desks (as the control officer kiemsoat), so /cong-khai and
// indicator 1.3 show something real after `motcua seed-demo`: every desk of the province posted
// everything it receives a few days ago, except the two above. Only when no posting exists yet;
// returns how many postings were recorded. Run by SeedDemoDossiers.
[[nodiscard]] base::Result<int> SeedDemoPostings(AppContext& ctx);

}  // namespace motcua::app::posting
