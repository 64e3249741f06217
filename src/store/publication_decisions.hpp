#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/database.hpp"

// Publication decisions (quyết định công bố TTHC; issue #8; migration
// 0017_publication_decisions.sql; docs/control.md "Publication decisions"): the decision, the
// legal documents it implements and its items. One SQL text for both dialects.
namespace motcua::store::publication_decisions {

struct LegalDocument {
    std::string number;  // "15/2026/NQ-HĐND"
    std::string title;
    std::string level = "province";                // who issued it: province, ministry
    std::optional<std::chrono::sys_days> adopted;  // shortened procedure: published or signed
    std::chrono::sys_days effective{};
    bool shortened = false;
};

struct Item {
    std::string procedure_code;
    std::string change;  // added, amended, replaced, abolished
    std::optional<std::string> replaced_code;
    int document = 0;            // index into the decision's legal documents
    std::string procedure_json;  // exchange-format fields of the new version; "" = none
    std::optional<std::chrono::sys_days> database_entered;   // national TTHC database
    std::optional<std::chrono::sys_days> catalogue_updated;  // centres / online catalogue
};

struct Decision {
    std::int64_t id = 0;
    std::int64_t issuing_unit_id = 0;
    std::string number;  // "1234/QĐ-UBND", unique per issuing unit
    std::string title;
    std::string issuer = "province";          // province, ministry (publication_rules Issuer)
    std::string convention = "working_days";  // working_days, calendar_days
    // True when the decision did not choose: `convention` is then the system setting in force on
    // its (planned) signature day, fixed when it is signed (app/settings.hpp; migration 0024).
    bool convention_from_setting = false;
    std::optional<std::chrono::sys_days> signed_on;
    std::string signer;
    std::string signer_position;
    std::string state = "draft";  // draft, signed, applied
    std::optional<std::chrono::sys_days> applied_on;
    std::int64_t version = 0;
    std::vector<LegalDocument> documents;
    std::vector<Item> items;
};

// Stores a new decision with its documents and items (state and version as given, usually
// draft / 1); returns its id. kAlreadyExists when the unit already has a decision with that
// number; kFailedPrecondition for an unknown unit.
[[nodiscard]] base::Result<std::int64_t> Create(Transaction& tx, const Decision& d,
                                                std::optional<std::int64_t> by,
                                                std::chrono::sys_seconds at);
// Replaces the decision's header, documents and items when the stored version is
// `expected_version` (kAborted otherwise, kNotFound for an unknown id); kAlreadyExists for a
// number taken by another decision of the unit. Returns the new version.
[[nodiscard]] base::Result<std::int64_t> Replace(Transaction& tx, const Decision& d,
                                                 std::int64_t expected_version,
                                                 std::chrono::sys_seconds at);
// Sets the state (and signed_on / applied_on / convention as in `d`) and the items' recorded days,
// version
// + 1, when the stored version is `expected_version` (kAborted; kNotFound). Returns the new
// version.
[[nodiscard]] base::Result<std::int64_t> SaveProgress(Transaction& tx, const Decision& d,
                                                      std::int64_t expected_version,
                                                      std::chrono::sys_seconds at);
// The decision with its documents and items, or nullopt.
[[nodiscard]] base::Result<std::optional<Decision>> Get(Transaction& tx, std::int64_t id);

struct ListQuery {
    std::vector<std::int64_t> unit_ids;  // issuing units; empty = none
    std::optional<std::string> state;
    // Signed (or, for drafts, created) on or after / before these days; unsigned drafts match
    // only when neither is set.
    std::optional<std::chrono::sys_days> from;
    std::optional<std::chrono::sys_days> to;
};
// Decisions of the units, newest signature first (drafts first), with documents and items.
[[nodiscard]] base::Result<std::vector<Decision>> List(Transaction& tx, const ListQuery& q);

// True if any decision (any state) of the units is stored.
[[nodiscard]] base::Result<bool> AnyOf(Transaction& tx, const std::vector<std::int64_t>& unit_ids);

}  // namespace motcua::store::publication_decisions
