#include "app/catalogue.hpp"

#include <algorithm>

#include "app/audit_util.hpp"
#include "app/authz.hpp"
#include "calendar/civil_date.hpp"
#include "text/unicode.hpp"

namespace motcua::app {

namespace {

base::Error UnknownProcedure(std::string_view code) {
    return base::Error{base::ErrorCode::kNotFound,
                       "Không tìm thấy thủ tục hành chính có mã " + std::string(code) + "."};
}

// Normalises the text fields of a procedure to NFC; rejects invalid UTF-8.
base::Status NormaliseText(domain::Procedure& p) {
    for (std::string* field : {&p.name, &p.field, &p.implementing_units, &p.fees, &p.legal_basis,
                               &p.publication_decision, &p.steps, &p.conditions, &p.result}) {
        auto nfc = text::Nfc(*field);
        if (!nfc) {
            return base::InvalidArgument("Văn bản không phải UTF-8 hợp lệ.");
        }
        *field = std::move(*nfc);
    }
    for (domain::RequiredDocument& d : p.documents) {
        auto name = text::Nfc(d.name);
        auto note = text::Nfc(d.note);
        if (!name || !note) {
            return base::InvalidArgument("Văn bản không phải UTF-8 hợp lệ.");
        }
        d.name = std::move(*name);
        d.note = std::move(*note);
    }
    return {};
}

}  // namespace

std::chrono::sys_days TodayInVietnam(const base::Clock& clock) {
    return std::chrono::floor<std::chrono::days>(clock.Now() + calendar::kVietnamOffset);
}

std::string ProcedureSearchKey(const domain::Procedure& procedure) {
    return text::SearchKey(procedure.code + " " + procedure.name + " " + procedure.field);
}

base::Result<store::procedures::SearchPage> SearchProcedures(AppContext& ctx,
                                                             const CatalogueQuery& query) {
    if (!text::IsValidUtf8(query.text) || query.text.size() > 500) {
        return base::InvalidArgument("Từ khóa tìm kiếm không hợp lệ.");
    }
    store::procedures::SearchQuery search;
    search.folded_terms = text::SearchKey(query.text);
    search.field = query.field;
    search.level = query.level;
    search.after = query.cursor;
    search.limit = std::clamp(query.limit, 1, 100);
    search.day = TodayInVietnam(*ctx.clock);
    return InReadTransaction<store::procedures::SearchPage>(
        *ctx.db, [&](store::Transaction& tx) { return store::procedures::Search(tx, search); });
}

base::Result<domain::Procedure> GetProcedure(AppContext& ctx, std::string_view code) {
    if (!domain::IsProcedureCode(code)) {
        return UnknownProcedure(code);
    }
    const auto day = TodayInVietnam(*ctx.clock);
    auto found = InReadTransaction<std::optional<domain::Procedure>>(
        *ctx.db,
        [&](store::Transaction& tx) { return store::procedures::GetInForce(tx, code, day); });
    if (!found) {
        return std::move(found).error();
    }
    if (!*found) {
        return UnknownProcedure(code);
    }
    return std::move(**found);
}

base::Result<std::vector<domain::Procedure>> ProcedureHistory(AppContext& ctx,
                                                              std::string_view code) {
    if (!domain::IsProcedureCode(code)) {
        return UnknownProcedure(code);
    }
    auto history = InReadTransaction<std::vector<domain::Procedure>>(
        *ctx.db, [&](store::Transaction& tx) { return store::procedures::History(tx, code); });
    if (history && history->empty()) {
        return UnknownProcedure(code);
    }
    return history;
}

base::Result<std::vector<std::pair<std::string, std::int64_t>>> ProcedureFields(AppContext& ctx) {
    const auto day = TodayInVietnam(*ctx.clock);
    return InReadTransaction<std::vector<std::pair<std::string, std::int64_t>>>(
        *ctx.db, [&](store::Transaction& tx) { return store::procedures::Fields(tx, day); });
}

namespace {

// Create and update share validation, authorisation and audit; only the store call differs.
base::Result<domain::Procedure> SaveProcedure(AppContext& ctx, const Actor& actor,
                                              domain::Procedure procedure, bool create) {
    if (const base::Status s = NormaliseText(procedure); !s) {
        return s.error();
    }
    if (const base::Status s = domain::ValidateProcedure(procedure); !s) {
        return s.error();
    }
    return InWriteTransaction<domain::Procedure>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<domain::Procedure> {
            if (const base::Status s = Authorize(tx, actor, Permission::kManageProcedures); !s) {
                return s.error();
            }
            const std::string key = ProcedureSearchKey(procedure);
            auto saved = create ? store::procedures::Insert(tx, procedure, key)
                                : store::procedures::Update(tx, procedure, key);
            if (!saved) {
                return saved;
            }
            if (const base::Status a = Audit(
                    tx, actor, ctx.clock->Now(), create ? "procedure.create" : "procedure.update",
                    "procedure", procedure.code,
                    "{\"effective_from\":" +
                        JsonQuote(calendar::FormatIsoDate(procedure.effective_from)) +
                        ",\"version\":" + std::to_string(saved->version) + "}");
                !a) {
                return a.error();
            }
            return saved;
        });
}

}  // namespace

base::Result<domain::Procedure> CreateProcedure(AppContext& ctx, const Actor& actor,
                                                domain::Procedure procedure) {
    return SaveProcedure(ctx, actor, std::move(procedure), true);
}

base::Result<domain::Procedure> UpdateProcedure(AppContext& ctx, const Actor& actor,
                                                domain::Procedure procedure) {
    return SaveProcedure(ctx, actor, std::move(procedure), false);
}

}  // namespace motcua::app
