#include "app/event_export.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include "calendar/instant.hpp"
#include "domain/dossier.hpp"
#include "store/dossiers.hpp"

namespace motcua::app {

namespace {

// RFC 4180: quoted when the field holds a comma, a quote, CR or LF; quotes doubled.
void Field(std::ostream& out, std::string_view text, bool last = false) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        out << text;
    } else {
        out << '"';
        for (const char c : text) {
            if (c == '"') {
                out << '"';
            }
            out << c;
        }
        out << '"';
    }
    out << (last ? "\r\n" : ",");
}

}  // namespace

base::Result<std::int64_t> WriteEventsCsv(store::Database& db, std::ostream& out, int page_size) {
    page_size = std::max(page_size, 1);
    auto tx = db.Begin(store::TxMode::kRead);
    if (!tx) {
        return std::move(tx).error();
    }
    out << "dossier_id,dossier_code,procedure_code,receiving_unit,settling_unit,channel,seq,at,"
           "action,from_state,to_state,unit,actor_user_id,step_key,reason,details\r\n";
    std::int64_t written = 0;
    std::int64_t after_dossier = 0;
    std::int64_t after_seq = 0;
    for (;;) {
        auto page = store::dossiers::ExportEvents(**tx, after_dossier, after_seq, page_size);
        if (!page) {
            return std::move(page).error();
        }
        for (const store::dossiers::ExportedEvent& e : *page) {
            Field(out, std::to_string(e.dossier_id));
            Field(out, e.dossier_code);
            Field(out, e.procedure_code);
            Field(out, e.receiving_unit);
            Field(out, e.settling_unit);
            Field(out, domain::ChannelName(e.channel));
            Field(out, std::to_string(e.seq));
            Field(out, calendar::FormatInstant(e.at));
            Field(out, e.action);
            Field(out, e.from_state);
            Field(out, e.to_state);
            Field(out, e.unit);
            Field(out, e.actor_user_id ? std::to_string(*e.actor_user_id) : std::string());
            Field(out, e.step_key);
            Field(out, e.reason);
            Field(out, e.details_json, true);
            ++written;
        }
        if (!out) {
            return base::Error{base::ErrorCode::kInternal, "không ghi được tệp xuất"};
        }
        if (page->size() < static_cast<std::size_t>(page_size)) {
            break;
        }
        after_dossier = page->back().dossier_id;
        after_seq = page->back().seq;
    }
    out.flush();
    return written;
}

}  // namespace motcua::app
