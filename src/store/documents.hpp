#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/database.hpp"

// Documents of dossiers and drafts (issue #5, migration 0006): the `files` table (one row per
// distinct content, keyed by its SHA-256; the bytes live in app/documents.cpp's file store) and
// the `documents` table (one use of a file: a component or a result, uploaded, digitised or
// reused). Authorisation is the caller's (app/documents.cpp).
namespace motcua::store::documents {

enum class Role { kComponent, kResult };
[[nodiscard]] std::string_view RoleName(Role role);  // "component" / "result"
// kInvalidArgument (Vietnamese) for another name.
[[nodiscard]] base::Result<Role> ParseRole(std::string_view name);

struct Document {
    std::int64_t id = 0;
    std::optional<std::int64_t> dossier_id;
    std::optional<std::int64_t> draft_id;
    std::optional<std::int64_t> owner_user_id;  // the citizen whose document it is
    std::string owner_id_number;                // applicant's identity number / tax code
    Role role = Role::kComponent;
    std::string component_name;
    std::string title;
    std::string file_sha256;  // lower-case hex
    std::string file_name;    // display text only
    std::string media_type;
    std::int64_t size = 0;
    bool digitised = false;
    std::optional<std::int64_t> reused_from;
    std::optional<std::chrono::sys_days> valid_until;
    std::optional<std::int64_t> uploaded_by;
    std::chrono::sys_seconds created_at{};
};

// Records a file's content (idempotent: the same sha256 again changes nothing). Returns true if
// the row is new.
[[nodiscard]] base::Result<bool> InsertFile(Transaction& tx, std::string_view sha256,
                                            std::int64_t size, std::string_view media_type,
                                            std::chrono::sys_seconds at);

// Inserts a document (id ignored) and returns its id. kFailedPrecondition if its file, dossier,
// draft or reused_from is unknown or neither dossier nor draft is set.
[[nodiscard]] base::Result<std::int64_t> Insert(Transaction& tx, const Document& document);

[[nodiscard]] base::Result<std::optional<Document>> Get(Transaction& tx, std::int64_t id);

// A dossier's or a draft's documents, oldest first.
[[nodiscard]] base::Result<std::vector<Document>> ListForDossier(Transaction& tx,
                                                                 std::int64_t dossier_id);
[[nodiscard]] base::Result<std::vector<Document>> ListForDraft(Transaction& tx,
                                                               std::int64_t draft_id);

// The digitised results held for a citizen — owned by `user_id` or, when `id_number` is not
// empty, issued to that identity number — valid on `today` (no end of validity, or not before
// it); reused copies are not holdings themselves. Newest first, at most 200.
[[nodiscard]] base::Result<std::vector<Document>> Holdings(Transaction& tx,
                                                           std::optional<std::int64_t> user_id,
                                                           std::string_view id_number,
                                                           std::chrono::sys_days today);

// Marks a document digitised; returns whether it changed (false: it already was). kNotFound.
[[nodiscard]] base::Result<bool> MarkDigitised(Transaction& tx, std::int64_t id);

// At submission (app/drafts): moves the documents of `draft_id` to `dossier_id` (draft_id
// cleared, so deleting the draft later keeps them). Returns the number moved.
[[nodiscard]] base::Result<std::int64_t> MoveDraftToDossier(Transaction& tx, std::int64_t draft_id,
                                                            std::int64_t dossier_id);

// Counts for the evaluation indices (REGULATIONS.md §2.10; docs/citizen.md "Documents").
struct DossierStats {
    std::int64_t components = 0;            // component documents
    std::int64_t digitised_components = 0;  // of which digitised (including reused ones)
    std::int64_t reused_components = 0;     // of which reused from a holding
    std::int64_t results = 0;               // result documents
    std::int64_t digitised_results = 0;     // of which digitised
    [[nodiscard]] bool HasReusedComponent() const { return reused_components > 0; }
    [[nodiscard]] bool HasDigitisedResult() const { return digitised_results > 0; }
};
[[nodiscard]] base::Result<DossierStats> StatsFor(Transaction& tx, std::int64_t dossier_id);

// Reads of the citizen tables of migration 0005 that the document rules need.
struct DraftInfo {
    std::int64_t user_id = 0;
    bool submitted = false;  // submitted_dossier_id is set: its documents moved on
};
[[nodiscard]] base::Result<std::optional<DraftInfo>> GetDraftInfo(Transaction& tx,
                                                                  std::int64_t draft_id);
// The identity number in the citizen's profile when an identity provider vouched for it (not
// merely declared at sign-up: identity_provider is not 'self', and the account is verified);
// "" otherwise. Holdings are matched on it, so a declared number must never be enough.
[[nodiscard]] base::Result<std::string> VerifiedIdNumber(Transaction& tx, std::int64_t user_id);

}  // namespace motcua::store::documents
