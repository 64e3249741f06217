#include "app/documents.hpp"

#include <algorithm>

#include "app/audit_util.hpp"
#include "app/dossier_access.hpp"
#include "app/indicators.hpp"
#include "store/dossiers.hpp"
#include "text/unicode.hpp"

namespace motcua::app {

namespace {

using domain::DossierState;
using domain::Role;
using store::documents::Document;
using DocRole = store::documents::Role;

constexpr std::size_t kMaxComponentChars = 300;
constexpr std::chrono::hours kVietnamOffset{7};

base::Error Unauthenticated() {
    return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
}
base::Error DossierNotFound() {
    return base::NotFound("Không tìm thấy hồ sơ.");
}
base::Error DocumentNotFound() {
    return base::NotFound("Không tìm thấy tài liệu.");
}
base::Error DraftNotFound() {
    return base::NotFound("Không tìm thấy hồ sơ nháp.");
}

std::chrono::sys_days Today(const AppContext& ctx) {
    return std::chrono::floor<std::chrono::days>(ctx.clock->Now() + kVietnamOffset);
}

bool CitizenMayEdit(DossierState state) {
    return state == DossierState::kSubmitted || state == DossierState::kAwaitingSupplement ||
           state == DossierState::kReturnedForSupplement;
}

bool ResultStage(DossierState state) {
    return state == DossierState::kApproved || state == DossierState::kResultReady ||
           state == DossierState::kReturned;
}

// The component (or result) name: trimmed, NFC, 1–300 characters.
base::Result<std::string> CleanComponent(std::string_view name) {
    auto nfc = text::Nfc(text::TrimAndCollapseSpaces(name));
    if (!nfc) {
        return base::InvalidArgument("Tên thành phần hồ sơ không phải UTF-8 hợp lệ.");
    }
    if (nfc->empty()) {
        return base::InvalidArgument("Cần ghi tên thành phần hồ sơ (tham số component).");
    }
    if (text::CodePointCount(*nfc) > kMaxComponentChars) {
        return base::InvalidArgument("Tên thành phần hồ sơ dài quá 300 ký tự.");
    }
    return std::move(*nfc);
}

base::Status CheckBytes(const UploadRequest& request) {
    const UploadCheck check = CheckUpload(request.bytes, request.declared_type);
    if (!check.problem) {
        return {};
    }
    if (*check.problem == UploadProblem::kTooLarge) {
        return base::Error{base::ErrorCode::kResourceExhausted, check.message};
    }
    return base::InvalidArgument(check.message);
}

// Who the new document belongs to and whether it counts as digitised.
struct Plan {
    bool digitised = false;
    std::optional<std::int64_t> owner_user_id;
    std::string owner_id_number;
};

base::Result<domain::Dossier> LoadDossier(store::Transaction& tx, std::int64_t id) {
    auto d = store::dossiers::Get(tx, id);
    if (!d) {
        return std::move(d).error();
    }
    if (!*d) {
        return DossierNotFound();
    }
    return std::move(**d);
}

// The dossier, if the actor may see it; kNotFound otherwise (no existence leak).
base::Result<domain::Dossier> LoadVisibleDossier(store::Transaction& tx, const Actor& actor,
                                                 std::int64_t id) {
    if (!actor.SignedIn()) {
        return Unauthenticated();
    }
    auto d = LoadDossier(tx, id);
    if (!d) {
        return d;
    }
    auto visible = internal::MayView(tx, actor, *d);
    if (!visible) {
        return std::move(visible).error();
    }
    if (!*visible) {
        return DossierNotFound();
    }
    return d;
}

base::Result<bool> HoldsAny(store::Transaction& tx, const Actor& actor,
                            std::initializer_list<std::pair<Role, std::int64_t>> grants) {
    for (const auto& [role, unit] : grants) {
        auto holds = internal::HoldsRoleOn(tx, actor, role, unit);
        if (!holds || *holds) {
            return holds;
        }
    }
    return false;
}

base::Error WrongState(const domain::Dossier& d, std::string_view what) {
    return base::Error{base::ErrorCode::kFailedPrecondition,
                       "Hồ sơ " + d.code + " đang ở trạng thái \"" +
                           std::string(domain::DossierStateLabel(d.state)) + "\"; không thể " +
                           std::string(what) + "."};
}

// Whether the actor may add a document of `role` to the visible dossier `d` now, and how.
base::Result<Plan> Decide(store::Transaction& tx, const Actor& actor, const domain::Dossier& d,
                          DocRole role) {
    Plan plan;
    plan.owner_user_id = d.citizen_user_id;
    plan.owner_id_number = d.applicant.id_number;
    if (role == DocRole::kComponent) {
        if (d.citizen_user_id && *d.citizen_user_id == actor.user->id) {
            if (!CitizenMayEdit(d.state)) {
                return WrongState(d, "bổ sung giấy tờ");
            }
            return plan;
        }
        auto desk = internal::HoldsRoleOn(tx, actor, Role::kDeskOfficer, d.receiving_unit_id);
        if (!desk) {
            return std::move(desk).error();
        }
        if (!*desk) {
            return base::Error{base::ErrorCode::kPermissionDenied,
                               "Chỉ người nộp hồ sơ hoặc cán bộ một cửa nơi tiếp nhận được tải "
                               "lên thành phần hồ sơ."};
        }
        if (domain::IsTerminal(d.state)) {
            return WrongState(d, "số hóa thêm thành phần hồ sơ");
        }
        plan.digitised = true;
        return plan;
    }
    auto officer = HoldsAny(tx, actor,
                            {{Role::kDeskOfficer, d.receiving_unit_id},
                             {Role::kDeskOfficer, d.settling_unit_id},
                             {Role::kSpecialist, d.settling_unit_id}});
    if (!officer) {
        return std::move(officer).error();
    }
    if (!*officer) {
        return base::Error{base::ErrorCode::kPermissionDenied,
                           "Chỉ cán bộ một cửa nơi tiếp nhận hoặc cán bộ của cơ quan giải quyết "
                           "được tải lên kết quả."};
    }
    if (!ResultStage(d.state)) {
        return WrongState(d, "tải lên kết quả (cần hồ sơ đã được phê duyệt)");
    }
    plan.digitised = true;
    return plan;
}

std::string AuditDetail(const Document& doc) {
    return "{\"document_id\":" + std::to_string(doc.id) +
           ",\"role\":" + JsonQuote(store::documents::RoleName(doc.role)) +
           ",\"component\":" + JsonQuote(doc.component_name) +
           ",\"sha256\":" + JsonQuote(doc.file_sha256) + ",\"size\":" + std::to_string(doc.size) +
           ",\"file_name\":" + JsonQuote(doc.file_name) +
           ",\"digitised\":" + (doc.digitised ? "true" : "false") +
           (doc.reused_from ? ",\"reused_from\":" + std::to_string(*doc.reused_from) : "") + "}";
}

// Inserts `doc` (its file row first) and audits it against `entity`/`entity_id`.
base::Result<Document> InsertAudited(AppContext& ctx, store::Transaction& tx, const Actor& actor,
                                     Document doc, std::string_view action, std::string_view entity,
                                     const std::string& entity_id) {
    auto file =
        store::documents::InsertFile(tx, doc.file_sha256, doc.size, doc.media_type, doc.created_at);
    if (!file) {
        return std::move(file).error();
    }
    auto id = store::documents::Insert(tx, doc);
    if (!id) {
        return std::move(id).error();
    }
    doc.id = *id;
    if (doc.dossier_id) {
        if (base::Status s = internal::RefreshIndicators(tx, *doc.dossier_id); !s) {
            return s.error();
        }
    }
    if (const base::Status audited = Audit(tx, actor, ctx.clock->Now(), std::string(action),
                                           std::string(entity), entity_id, AuditDetail(doc));
        !audited) {
        return audited.error();
    }
    return doc;
}

// The draft, if `actor` owns it; kNotFound otherwise.
base::Result<store::documents::DraftInfo> OwnDraft(store::Transaction& tx, const Actor& actor,
                                                   std::int64_t draft_id) {
    if (!actor.SignedIn()) {
        return Unauthenticated();
    }
    auto draft = store::documents::GetDraftInfo(tx, draft_id);
    if (!draft) {
        return std::move(draft).error();
    }
    if (!*draft || (*draft)->user_id != actor.user->id) {
        return DraftNotFound();
    }
    return **draft;
}

base::Result<std::vector<Document>> HoldingsIn(AppContext& ctx, store::Transaction& tx,
                                               const Actor& actor) {
    auto number = store::documents::VerifiedIdNumber(tx, actor.user->id);
    if (!number) {
        return std::move(number).error();
    }
    return store::documents::Holdings(tx, actor.user->id, *number, Today(ctx));
}

// The holding `holding_id` of the actor, as a new component document (no target yet).
base::Result<Document> ReusedCopy(AppContext& ctx, store::Transaction& tx, const Actor& actor,
                                  std::int64_t holding_id, const std::string& component) {
    auto holdings = HoldingsIn(ctx, tx, actor);
    if (!holdings) {
        return std::move(holdings).error();
    }
    const auto it = std::find_if(holdings->begin(), holdings->end(),
                                 [&](const Document& d) { return d.id == holding_id; });
    if (it == holdings->end()) {
        return base::NotFound("Không tìm thấy giấy tờ này trong kho dữ liệu của bạn.");
    }
    Document copy = *it;
    copy.id = 0;
    copy.dossier_id.reset();
    copy.draft_id.reset();
    copy.role = DocRole::kComponent;
    copy.component_name = component;
    copy.title = it->title.empty() ? it->component_name : it->title;
    copy.digitised = true;
    copy.reused_from = it->id;
    copy.valid_until.reset();
    copy.owner_user_id = actor.user->id;
    copy.uploaded_by = actor.user->id;
    copy.created_at = ctx.clock->Now();
    return copy;
}

Document NewDocument(AppContext& ctx, const Actor& actor, const UploadRequest& request,
                     const std::string& component, const std::string& sha,
                     const std::string& media_type) {
    Document doc;
    doc.role = request.role;
    doc.component_name = component;
    doc.title = component;
    doc.file_sha256 = sha;
    doc.file_name = SanitiseFileName(request.file_name);
    doc.media_type = media_type;
    doc.size = static_cast<std::int64_t>(request.bytes.size());
    doc.valid_until = request.valid_until;
    doc.uploaded_by = actor.user->id;
    doc.created_at = ctx.clock->Now();
    return doc;
}

}  // namespace

base::Result<Document> UploadDossierDocument(AppContext& ctx, const Actor& actor,
                                             std::int64_t dossier_id,
                                             const UploadRequest& request) {
    if (!actor.SignedIn()) {
        return Unauthenticated();
    }
    auto component = CleanComponent(request.component_name);
    if (!component) {
        return std::move(component).error();
    }
    if (request.valid_until && request.role != DocRole::kResult) {
        return base::InvalidArgument("Chỉ kết quả giải quyết mới có thời hạn hiệu lực.");
    }
    if (const base::Status bytes = CheckBytes(request); !bytes) {
        return bytes.error();
    }
    // Check access before any byte reaches the disk, then again in the write transaction.
    auto allowed =
        InReadTransaction<Plan>(*ctx.db, [&](store::Transaction& tx) -> base::Result<Plan> {
            auto d = LoadVisibleDossier(tx, actor, dossier_id);
            if (!d) {
                return std::move(d).error();
            }
            return Decide(tx, actor, *d, request.role);
        });
    if (!allowed) {
        return std::move(allowed).error();
    }
    auto sha = StoreFile(ctx.files_dir, request.bytes);
    if (!sha) {
        return std::move(sha).error();
    }
    const std::string media_type = CheckUpload(request.bytes, request.declared_type).media_type;
    return InWriteTransaction<Document>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<Document> {
            auto d = LoadVisibleDossier(tx, actor, dossier_id);
            if (!d) {
                return std::move(d).error();
            }
            auto plan = Decide(tx, actor, *d, request.role);
            if (!plan) {
                return std::move(plan).error();
            }
            Document doc = NewDocument(ctx, actor, request, *component, *sha, media_type);
            doc.dossier_id = d->id;
            doc.digitised = plan->digitised;
            doc.owner_user_id = plan->owner_user_id;
            doc.owner_id_number = plan->owner_id_number;
            return InsertAudited(ctx, tx, actor, std::move(doc), "document.upload", "dossier",
                                 d->code);
        });
}

base::Result<Document> UploadDraftDocument(AppContext& ctx, const Actor& actor,
                                           std::int64_t draft_id, const UploadRequest& request) {
    if (!actor.SignedIn()) {
        return Unauthenticated();
    }
    if (request.role != DocRole::kComponent) {
        return base::InvalidArgument("Hồ sơ nháp chỉ nhận thành phần hồ sơ.");
    }
    auto component = CleanComponent(request.component_name);
    if (!component) {
        return std::move(component).error();
    }
    if (request.valid_until) {
        return base::InvalidArgument("Chỉ kết quả giải quyết mới có thời hạn hiệu lực.");
    }
    if (const base::Status bytes = CheckBytes(request); !bytes) {
        return bytes.error();
    }
    const auto writable = [&](store::Transaction& tx) -> base::Status {
        auto draft = OwnDraft(tx, actor, draft_id);
        if (!draft) {
            return draft.error();
        }
        if (draft->submitted) {
            return base::Error{base::ErrorCode::kFailedPrecondition,
                               "Hồ sơ nháp đã được nộp; hãy bổ sung giấy tờ trên hồ sơ."};
        }
        return {};
    };
    auto allowed =
        InReadTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
            if (const base::Status ok = writable(tx); !ok) {
                return ok.error();
            }
            return true;
        });
    if (!allowed) {
        return std::move(allowed).error();
    }
    auto sha = StoreFile(ctx.files_dir, request.bytes);
    if (!sha) {
        return std::move(sha).error();
    }
    const std::string media_type = CheckUpload(request.bytes, request.declared_type).media_type;
    return InWriteTransaction<Document>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<Document> {
            if (const base::Status ok = writable(tx); !ok) {
                return ok.error();
            }
            auto number = store::documents::VerifiedIdNumber(tx, actor.user->id);
            if (!number) {
                return std::move(number).error();
            }
            Document doc = NewDocument(ctx, actor, request, *component, *sha, media_type);
            doc.draft_id = draft_id;
            doc.owner_user_id = actor.user->id;
            doc.owner_id_number = *number;
            return InsertAudited(ctx, tx, actor, std::move(doc), "document.upload", "draft",
                                 std::to_string(draft_id));
        });
}

base::Result<std::vector<Document>> ListDossierDocuments(AppContext& ctx, const Actor& actor,
                                                         std::int64_t dossier_id) {
    return InReadTransaction<std::vector<Document>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<Document>> {
            auto d = LoadVisibleDossier(tx, actor, dossier_id);
            if (!d) {
                return std::move(d).error();
            }
            return store::documents::ListForDossier(tx, dossier_id);
        });
}

base::Result<std::vector<Document>> ListDraftDocuments(AppContext& ctx, const Actor& actor,
                                                       std::int64_t draft_id) {
    return InReadTransaction<std::vector<Document>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<Document>> {
            auto draft = OwnDraft(tx, actor, draft_id);
            if (!draft) {
                return std::move(draft).error();
            }
            return store::documents::ListForDraft(tx, draft_id);
        });
}

base::Result<DownloadedDocument> DownloadDocument(AppContext& ctx, const Actor& actor,
                                                  std::int64_t document_id) {
    auto doc =
        InReadTransaction<Document>(*ctx.db, [&](store::Transaction& tx) -> base::Result<Document> {
            if (!actor.SignedIn()) {
                return Unauthenticated();
            }
            auto found = store::documents::Get(tx, document_id);
            if (!found) {
                return std::move(found).error();
            }
            if (!*found) {
                return DocumentNotFound();
            }
            const Document& d = **found;
            if (d.dossier_id) {
                auto dossier = LoadDossier(tx, *d.dossier_id);
                if (!dossier) {
                    return std::move(dossier).error();
                }
                auto visible = internal::MayView(tx, actor, *dossier);
                if (!visible) {
                    return std::move(visible).error();
                }
                if (*visible) {
                    return d;
                }
            } else if (d.draft_id) {
                auto draft = store::documents::GetDraftInfo(tx, *d.draft_id);
                if (!draft) {
                    return std::move(draft).error();
                }
                if (*draft && (*draft)->user_id == actor.user->id) {
                    return d;
                }
            }
            // A result issued to the caller (e.g. of a walk-in dossier) is theirs to download.
            if (d.role == DocRole::kResult) {
                auto holdings = HoldingsIn(ctx, tx, actor);
                if (!holdings) {
                    return std::move(holdings).error();
                }
                if (std::any_of(holdings->begin(), holdings->end(),
                                [&](const Document& h) { return h.id == d.id; })) {
                    return d;
                }
            }
            return DocumentNotFound();
        });
    if (!doc) {
        return std::move(doc).error();
    }
    auto bytes = ReadStoredFile(ctx.files_dir, doc->file_sha256);
    if (!bytes) {
        if (bytes.error().code == base::ErrorCode::kNotFound) {
            return base::Internal("file store: the bytes of document " + std::to_string(doc->id) +
                                  " (" + doc->file_sha256 + ") are missing");
        }
        return std::move(bytes).error();
    }
    return DownloadedDocument{std::move(*doc), std::move(*bytes)};
}

base::Result<Document> MarkDocumentDigitised(AppContext& ctx, const Actor& actor,
                                             std::int64_t document_id) {
    return InWriteTransaction<Document>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<Document> {
            if (!actor.SignedIn()) {
                return Unauthenticated();
            }
            auto found = store::documents::Get(tx, document_id);
            if (!found) {
                return std::move(found).error();
            }
            if (!*found || !(*found)->dossier_id) {
                return DocumentNotFound();
            }
            Document doc = std::move(**found);
            auto d = LoadDossier(tx, *doc.dossier_id);
            if (!d) {
                return std::move(d).error();
            }
            auto visible = internal::MayView(tx, actor, *d);
            if (!visible) {
                return std::move(visible).error();
            }
            if (!*visible) {
                return DocumentNotFound();
            }
            auto desk = internal::HoldsRoleOn(tx, actor, Role::kDeskOfficer, d->receiving_unit_id);
            if (!desk) {
                return std::move(desk).error();
            }
            if (!*desk) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Chỉ cán bộ một cửa nơi tiếp nhận được xác nhận số hóa."};
            }
            if (doc.role != DocRole::kComponent) {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Kết quả giải quyết được số hóa khi tải lên."};
            }
            if (domain::IsTerminal(d->state)) {
                return WrongState(*d, "xác nhận số hóa");
            }
            auto changed = store::documents::MarkDigitised(tx, doc.id);
            if (!changed) {
                return std::move(changed).error();
            }
            doc.digitised = true;
            if (*changed) {
                if (base::Status s = internal::RefreshIndicators(tx, d->id); !s) {
                    return s.error();
                }
                if (const base::Status audited =
                        Audit(tx, actor, ctx.clock->Now(), "document.digitise", "dossier", d->code,
                              AuditDetail(doc));
                    !audited) {
                    return audited.error();
                }
            }
            return doc;
        });
}

base::Result<std::vector<Document>> ListHoldings(AppContext& ctx, const Actor& actor) {
    return InReadTransaction<std::vector<Document>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<Document>> {
            if (!actor.SignedIn()) {
                return Unauthenticated();
            }
            return HoldingsIn(ctx, tx, actor);
        });
}

base::Result<Document> ReuseForDossier(AppContext& ctx, const Actor& actor, std::int64_t dossier_id,
                                       const std::string& component_name, std::int64_t holding_id) {
    auto component = CleanComponent(component_name);
    if (!component) {
        return std::move(component).error();
    }
    return InWriteTransaction<Document>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<Document> {
            auto d = LoadVisibleDossier(tx, actor, dossier_id);
            if (!d) {
                return std::move(d).error();
            }
            if (!d->citizen_user_id || *d->citizen_user_id != actor.user->id) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Chỉ người nộp hồ sơ được dùng lại giấy tờ của mình."};
            }
            if (!CitizenMayEdit(d->state)) {
                return WrongState(*d, "bổ sung giấy tờ");
            }
            auto copy = ReusedCopy(ctx, tx, actor, holding_id, *component);
            if (!copy) {
                return copy;
            }
            copy->dossier_id = d->id;
            copy->owner_id_number = d->applicant.id_number;
            return InsertAudited(ctx, tx, actor, std::move(*copy), "document.reuse", "dossier",
                                 d->code);
        });
}

base::Result<Document> ReuseForDraft(AppContext& ctx, const Actor& actor, std::int64_t draft_id,
                                     const std::string& component_name, std::int64_t holding_id) {
    auto component = CleanComponent(component_name);
    if (!component) {
        return std::move(component).error();
    }
    return InWriteTransaction<Document>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<Document> {
            auto draft = OwnDraft(tx, actor, draft_id);
            if (!draft) {
                return std::move(draft).error();
            }
            if (draft->submitted) {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Hồ sơ nháp đã được nộp; hãy bổ sung giấy tờ trên hồ sơ."};
            }
            auto copy = ReusedCopy(ctx, tx, actor, holding_id, *component);
            if (!copy) {
                return copy;
            }
            copy->draft_id = draft_id;
            return InsertAudited(ctx, tx, actor, std::move(*copy), "document.reuse", "draft",
                                 std::to_string(draft_id));
        });
}

}  // namespace motcua::app
