#include "app/catalogue_exchange.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>
#include <utility>

#include <boost/json.hpp>

#include "app/audit_util.hpp"
#include "app/authz.hpp"
#include "app/catalogue.hpp"
#include "app/posting.hpp"
#include "app/report_scope.hpp"
#include "demo/demo_data.hpp"
#include "demo/exchange.hpp"
#include "store/procedures.hpp"
#include "store/units.hpp"

namespace motcua::app {

namespace {

namespace json = boost::json;

std::string IsoInstant(std::chrono::sys_seconds at) {
    const auto day = std::chrono::floor<std::chrono::days>(at);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{at - day};
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02uT%02d:%02d:%02dZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return buf.data();
}

base::Error Refused(const std::vector<std::string>& problems) {
    std::string message = "Không nhập được tài liệu danh mục (" + std::to_string(problems.size()) +
                          " lỗi, chưa ghi gì):";
    for (const std::string& p : problems) {
        message += "\n- " + p;
    }
    return base::InvalidArgument(std::move(message));
}

// The message of ParseDemoProcedures without its "procedures.jsonl:1: " prefix, its English
// phrases (the demo data's parser) in Vietnamese.
std::string EntryMessage(const std::string& message) {
    const std::string prefix = "procedures.jsonl:1: ";
    std::string out = message.starts_with(prefix) ? message.substr(prefix.size()) : message;
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kPhrases = {{
        {"missing key ", "thiếu khóa "},
        {"unknown key ", "khóa không xác định "},
        {" must be a string", " phải là chuỗi ký tự"},
        {" must be an integer", " phải là số nguyên"},
        {" is not a date YYYY-MM-DD", " không phải ngày dạng YYYY-MM-DD"},
        {" must be an array of strings", " phải là mảng chuỗi ký tự"},
        {" must be an array of objects", " phải là mảng đối tượng"},
        {" in \"documents\"", " trong \"documents\""},
    }};
    for (const auto& [en, vi] : kPhrases) {
        if (const std::size_t pos = out.find(en); pos != std::string::npos) {
            out.replace(pos, en.size(), vi);
        }
    }
    return out;
}

}  // namespace

base::Result<std::string> ExportCatalogueDocument(AppContext& ctx, std::string_view unit_code) {
    const auto now = ctx.clock->Now();
    return InReadTransaction<std::string>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::string> {
            json::object doc;
            doc["format"] = kCatalogueFormat;
            doc["exported_at"] = IsoInstant(now);
            std::optional<std::string> level;
            if (unit_code.empty()) {
                doc["unit"] = nullptr;
            } else {
                auto unit = store::units::GetByCode(tx, unit_code);
                if (!unit) {
                    return std::move(unit).error();
                }
                if (!*unit) {
                    return base::NotFound("không có đơn vị mã " + std::string(unit_code));
                }
                auto l = internal::LevelOfUnit(tx, **unit);
                if (!l) {
                    return std::move(l).error();
                }
                level = *l;
                doc["unit"] = json::object{
                    {"code", (*unit)->code}, {"name", (*unit)->name}, {"level", *level}};
            }
            auto all = store::procedures::ListAll(tx);
            if (!all) {
                return std::move(all).error();
            }
            std::set<std::string> codes;
            if (level) {
                for (const domain::Procedure& p : *all) {
                    if (posting::InCompetence(p.levels, *level)) {
                        codes.insert(p.code);
                    }
                }
            }
            json::array procedures;
            for (const domain::Procedure& p : *all) {
                if (level && !codes.contains(p.code)) {
                    continue;
                }
                procedures.push_back(json::parse(demo::ProcedureToExchangeLine(p)));
            }
            doc["count"] = procedures.size();
            doc["procedures"] = std::move(procedures);
            return json::serialize(doc);
        });
}

namespace {

// The entries of a document, every bad one named; nothing read from the database.
base::Result<std::vector<domain::Procedure>> ParseDocument(std::string_view document) {
    boost::system::error_code ec;
    const json::value value = json::parse(json::string_view(document.data(), document.size()), ec);
    if (ec) {
        return base::InvalidArgument("tài liệu danh mục không phải JSON hợp lệ: " + ec.message());
    }
    const json::object* doc = value.if_object();
    if (doc == nullptr) {
        return base::InvalidArgument("tài liệu danh mục phải là một đối tượng JSON");
    }
    const json::value* format = doc->if_contains("format");
    if (format == nullptr || !format->is_string() || format->as_string() != kCatalogueFormat) {
        return base::InvalidArgument("tài liệu danh mục cần \"format\": \"" +
                                     std::string(kCatalogueFormat) + "\"");
    }
    for (const auto& [key, v] : *doc) {
        if (key != "format" && key != "exported_at" && key != "unit" && key != "count" &&
            key != "procedures") {
            return base::InvalidArgument("khóa không xác định trong tài liệu danh mục: \"" +
                                         std::string(key) + "\"");
        }
    }
    const json::value* list = doc->if_contains("procedures");
    if (list == nullptr || !list->is_array()) {
        return base::InvalidArgument("tài liệu danh mục cần \"procedures\" là một mảng");
    }
    if (list->as_array().empty()) {
        return base::InvalidArgument("tài liệu danh mục không có thủ tục nào (procedures rỗng)");
    }
    std::vector<std::string> problems;
    std::vector<domain::Procedure> rows;
    std::set<std::pair<std::string, std::chrono::sys_days>> seen;
    int index = 0;
    for (const json::value& entry : list->as_array()) {
        ++index;
        std::string where = "mục " + std::to_string(index);
        if (!entry.is_object()) {
            problems.push_back(where + ": mỗi thủ tục phải là một đối tượng JSON");
            continue;
        }
        if (const json::value* code = entry.as_object().if_contains("code");
            code != nullptr && code->is_string()) {
            where += " (" + std::string(code->as_string()) + ")";
        }
        auto parsed = demo::ParseDemoProcedures(json::serialize(entry));
        if (!parsed) {
            problems.push_back(where + ": " + EntryMessage(parsed.error().message));
            continue;
        }
        for (domain::Procedure& p : *parsed) {
            if (!seen.emplace(p.code, p.effective_from).second) {
                problems.push_back(where + ": phiên bản này đã có ở mục trước");
                continue;
            }
            rows.push_back(std::move(p));
        }
    }
    if (!problems.empty()) {
        return Refused(problems);
    }
    return rows;
}

// Adds the new versions of `rows` (ImportProcedures' rules), naming entries "mục N".
base::Result<ImportReport> ImportRows(store::Transaction& tx, const Actor& actor,
                                      std::chrono::sys_seconds now,
                                      const std::vector<domain::Procedure>& rows, bool dry_run) {
    ImportReport report;
    report.dry_run = dry_run;
    int index = 0;
    for (const domain::Procedure& p : rows) {
        ++index;
        const std::string where = "mục " + std::to_string(index) + " (" + p.code + "): ";
        auto history = store::procedures::History(tx, p.code);
        if (!history) {
            return std::move(history).error();
        }
        const auto same_day = std::find_if(
            history->begin(), history->end(),
            [&](const domain::Procedure& h) { return h.effective_from == p.effective_from; });
        if (same_day != history->end()) {
            // Equal in every exchanged field: the exchange line is the comparison.
            if (demo::ProcedureToExchangeLine(*same_day) == demo::ProcedureToExchangeLine(p)) {
                ++report.unchanged;
            } else {
                report.problems.push_back(where +
                                          "đã có phiên bản cùng ngày hiệu lực với nội dung khác; "
                                          "hãy sửa phiên bản đó");
            }
            continue;
        }
        if (!dry_run) {
            auto inserted = store::procedures::Insert(tx, p, ProcedureSearchKey(p));
            if (!inserted) {
                report.problems.push_back(where + inserted.error().message);
                continue;
            }
        }
        ++report.created;
    }
    if (!report.problems.empty()) {
        return Refused(report.problems);
    }
    if (!dry_run && report.created > 0) {
        if (base::Status a = Audit(tx, actor, now, "catalogue.import", "procedure", "",
                                   "{\"created\":" + std::to_string(report.created) + "}");
            !a) {
            return a.error();
        }
    }
    return report;
}

base::Result<ImportReport> Import(AppContext& ctx, const Actor* actor, std::string_view document,
                                  bool dry_run) {
    const auto now = ctx.clock->Now();
    if (actor != nullptr) {
        auto allowed =
            InReadTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
                if (base::Status s = Authorize(tx, *actor, Permission::kManageProcedures); !s) {
                    return s.error();
                }
                return true;
            });
        if (!allowed) {
            return std::move(allowed).error();
        }
    }
    auto rows = ParseDocument(document);
    if (!rows) {
        return std::move(rows).error();
    }
    const Actor system;
    const Actor& who = actor != nullptr ? *actor : system;
    auto run = [&](store::Transaction& tx) -> base::Result<ImportReport> {
        if (actor != nullptr) {
            if (base::Status s = Authorize(tx, *actor, Permission::kManageProcedures); !s) {
                return s.error();
            }
        }
        return ImportRows(tx, who, now, *rows, dry_run);
    };
    if (dry_run) {
        return InReadTransaction<ImportReport>(*ctx.db, run);
    }
    return InWriteTransaction<ImportReport>(*ctx.db, run);
}

}  // namespace

base::Result<ImportReport> ImportCatalogueDocument(AppContext& ctx, const Actor& actor,
                                                   std::string_view document, bool dry_run) {
    return Import(ctx, &actor, document, dry_run);
}

base::Result<ImportReport> ImportCatalogueDocumentAsSystem(AppContext& ctx,
                                                           std::string_view document,
                                                           bool dry_run) {
    return Import(ctx, nullptr, document, dry_run);
}

}  // namespace motcua::app
