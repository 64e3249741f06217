#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "store/documents.hpp"

// Documents of dossiers (issue #5): uploads of components and results into a content-addressed
// file store, digitisation, the citizen's holdings of digitised results and their reuse.
// docs/citizen.md "Documents". Each use case checks role and organisational scope here and runs
// in one transaction; every change to a dossier's documents is audited.
namespace motcua::app {

// The largest file accepted (10 MiB); also the body limit of the upload routes.
inline constexpr std::size_t kMaxUploadBytes = std::size_t{10} << 20;
// Longest display name kept for a file (code points).
inline constexpr std::size_t kMaxFileNameChars = 120;

// Why a file is refused before anything is stored.
enum class UploadProblem {
    kEmpty,        // no bytes (400)
    kTooLarge,     // more than kMaxUploadBytes (413)
    kUnsupported,  // the bytes are none of the accepted kinds (415)
    kMislabelled,  // the declared Content-Type is not what the bytes are (415)
};

struct UploadCheck {
    std::optional<UploadProblem> problem;  // nullopt: accepted
    std::string media_type;                // accepted: the sniffed type
    std::string message;                   // refused: Vietnamese explanation
};

// Content sniffing. Accepted kinds, recognised from their bytes: PDF ("%PDF-"), PNG, JPEG,
// DOCX and XLSX (a ZIP whose first entries hold [Content_Types].xml and word/ or xl/), and XML
// (signed electronic results: "<?xml" after an optional BOM). `declared_type` (the request's
// Content-Type, parameters ignored, case-insensitive; image/jpg and text/xml are aliases) must
// name the same kind.
[[nodiscard]] UploadCheck CheckUpload(std::string_view bytes, std::string_view declared_type);

// The client's file name made display text: the last path component (so "../../etc/passwd"
// becomes "passwd"), NFC, control characters and quotes dropped, at most kMaxFileNameChars
// code points; "tai-lieu" if nothing is left. Never used to build a path.
[[nodiscard]] std::string SanitiseFileName(std::string_view name);

// The content-addressed store: `<dir>/<sha[0:2]>/<sha256 hex>`, written through `<dir>/tmp`
// (write, fsync, rename, fsync of the directory), so a file is either whole or absent; the same
// bytes are stored once. Returns the lower-case hex SHA-256. kFailedPrecondition when `dir` is
// empty (uploads not configured), kInternal on I/O errors.
[[nodiscard]] base::Result<std::string> StoreFile(const std::filesystem::path& dir,
                                                  std::string_view bytes);
// The bytes stored under `sha256` (64 lower-case hex digits, else kInvalidArgument);
// kNotFound if absent.
[[nodiscard]] base::Result<std::string> ReadStoredFile(const std::filesystem::path& dir,
                                                       std::string_view sha256);
// Where `sha256` is stored (for tests and operators).
[[nodiscard]] std::filesystem::path StoredFilePath(const std::filesystem::path& dir,
                                                   std::string_view sha256);

struct UploadRequest {
    store::documents::Role role = store::documents::Role::kComponent;
    std::string component_name;  // the component (thành phần hồ sơ) or result it is
    std::string file_name;       // as the client named it (sanitised here)
    std::string declared_type;   // the request's Content-Type
    std::string_view bytes;
    std::optional<std::chrono::sys_days> valid_until;  // results only
};

// Uploads a document of dossier `dossier_id`:
//  - a component by the citizen who submitted it online, while the dossier is submitted,
//    awaiting supplement or returned for supplement (not digitised: the desk checks it);
//  - a component by a desk officer (or leader) of the receiving unit digitising a paper
//    component, at any time before the result is returned (digitised);
//  - a result by a desk officer of the receiving unit or an officer of the settling unit once
//    the dossier is approved, its result ready, or returned (digitised; owned by the applicant —
//    their account and identity number — so it lands in their holdings).
// Errors: the CheckUpload problems as kInvalidArgument / kResourceExhausted; kInvalidArgument
// for a missing component name or a validity date on a component; kUnauthenticated; kNotFound
// when the caller may not see the dossier; kPermissionDenied when they may see but not upload;
// kFailedPrecondition for the wrong state or no file store.
[[nodiscard]] base::Result<store::documents::Document> UploadDossierDocument(
    AppContext& ctx, const Actor& actor, std::int64_t dossier_id, const UploadRequest& request);

// Uploads a component to draft `draft_id` (its owner only; kNotFound for anyone else;
// kFailedPrecondition once submitted). Not digitised.
[[nodiscard]] base::Result<store::documents::Document> UploadDraftDocument(
    AppContext& ctx, const Actor& actor, std::int64_t draft_id, const UploadRequest& request);

// The documents of a dossier, for whoever may view the dossier (kNotFound otherwise).
[[nodiscard]] base::Result<std::vector<store::documents::Document>> ListDossierDocuments(
    AppContext& ctx, const Actor& actor, std::int64_t dossier_id);
// The documents of a draft, for its owner (kNotFound otherwise).
[[nodiscard]] base::Result<std::vector<store::documents::Document>> ListDraftDocuments(
    AppContext& ctx, const Actor& actor, std::int64_t draft_id);

struct DownloadedDocument {
    store::documents::Document document;
    std::string bytes;
};
// A document and its bytes, for whoever may view its dossier, the owner of its draft, and the
// citizen holding it (a digitised result issued to them). kNotFound for everyone else — the
// same answer as for an unknown id.
[[nodiscard]] base::Result<DownloadedDocument> DownloadDocument(AppContext& ctx, const Actor& actor,
                                                                std::int64_t document_id);

// A desk officer of the receiving unit marks a component of a dossier digitised (idempotent).
// kNotFound (cannot see it, or a draft's), kPermissionDenied, kFailedPrecondition (a result, or
// the dossier is finished).
[[nodiscard]] base::Result<store::documents::Document> MarkDocumentDigitised(
    AppContext& ctx, const Actor& actor, std::int64_t document_id);

// The caller's holdings: digitised, still valid results issued to their account or to the
// identity number of their citizen profile. Empty for staff.
[[nodiscard]] base::Result<std::vector<store::documents::Document>> ListHoldings(
    AppContext& ctx, const Actor& actor);

// Attaches holding `holding_id` as component `component_name` instead of a new upload: a new
// document pointing at the same file (no bytes copied) with reused_from set, digitised. Only
// the caller's own holdings (kNotFound otherwise); the dossier under the same rules as a
// citizen's component upload, the draft its owner's.
[[nodiscard]] base::Result<store::documents::Document> ReuseForDossier(
    AppContext& ctx, const Actor& actor, std::int64_t dossier_id, const std::string& component_name,
    std::int64_t holding_id);
[[nodiscard]] base::Result<store::documents::Document> ReuseForDraft(
    AppContext& ctx, const Actor& actor, std::int64_t draft_id, const std::string& component_name,
    std::int64_t holding_id);

}  // namespace motcua::app
