#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/dossier.hpp"
#include "domain/dossier_machine.hpp"
#include "domain/process.hpp"
#include "domain/rule_set.hpp"
#include "domain/unit.hpp"
#include "store/dossiers.hpp"
#include "web/render.hpp"

// View models of the dossier pages (issue #4): dossier values → the strings, lists and flags the
// logic-free templates show. Pure functions: no store, no request, no clock (the caller passes
// "now" and the due-soon horizon).
namespace motcua::web {

// "27/11/2026 10:00" (Vietnam local time).
[[nodiscard]] std::string FormatDateTime(std::chrono::sys_seconds t);
// FormatDateTime, or false when empty (templates show "—" or a note).
[[nodiscard]] Data OptionalDateTime(const std::optional<std::chrono::sys_seconds>& t);
// "2026-11-27T10:00", the value of an <input type="datetime-local"> (Vietnam local time).
[[nodiscard]] std::string DateTimeLocalValue(std::chrono::sys_seconds t);

// A number of days in thousandths as people write it: 7000 → "7", 1500 → "1,5", 125 → "0,125".
[[nodiscard]] std::string MilliText(std::int64_t milli);
// "7", "1,5", "1.5", "0,25" → thousandths; nullopt for anything else (negative, > 3 decimals).
[[nodiscard]] std::optional<std::int64_t> ParseMilli(std::string_view text);

// A non-negative decimal index ("0", "12"), or nullopt.
[[nodiscard]] std::optional<int> ParseIndex(std::string_view text);

// What a dossier's time is to the officer: when it is due soon (due before `due_soon_before`
// and not late) or late.
struct Urgency {
    std::chrono::sys_seconds now{};
    std::chrono::sys_seconds due_soon_before{};
};

// CSS modifier of a state badge: "open", "waiting", "ready", "done", "closed".
[[nodiscard]] std::string_view StateTone(domain::DossierState state);

// Vietnamese label of a result return method ("direct", "postal", "online").
[[nodiscard]] std::string ReturnMethodLabel(std::string_view method);

// Copies of a component as the procedure's document note gives them ("1 bản chính",
// "0 bản chính, 1 bản sao", "02 bản sao có chứng thực"); one original when the note says nothing.
struct ComponentCounts {
    int originals = 1;
    int certified_copies = 0;
    int copies = 0;
};
[[nodiscard]] ComponentCounts CountsFromNote(std::string_view note);

// One row of an inbox table: code, href, procedure_name, procedure_code, applicant, received,
// appointment, state_label, state_tone, late, due_soon.
[[nodiscard]] Data DossierRowData(const store::dossiers::Summary& summary, const Urgency& urgency);

// The dossier page's header: identification, units, rule set, state, deadlines and timing.
[[nodiscard]] Data DossierHeaderData(const domain::Dossier& dossier,
                                     const std::vector<domain::Unit>& units,
                                     const domain::RuleSet* rules,
                                     const std::optional<domain::Process>& process,
                                     const Urgency& urgency);

// The components table: [{index, name, originals, certified_copies, copies, provided,
// status, note}].
[[nodiscard]] Data ComponentsData(const std::vector<domain::Component>& components);

// Consultations and inter-agency legs: [{number, kind_label, unit, order, request, days, opened,
// due, answered, answer, late, open}].
[[nodiscard]] Data TasksData(const std::vector<domain::Task>& tasks,
                             const std::vector<domain::Unit>& units);

// The facts an event established, as Vietnamese label/value pairs ("Hạn giải quyết",
// "04/12/2026 10:00"); unknown details are left out.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> EventDetailTexts(
    const domain::DossierEvent& event, const std::vector<domain::Unit>& units);

// The timeline, newest last: [{time, actor, action_label, from_label, to_label, changed,
// step (the step it moved to, when it moved), reason, details [{label, value}]}].
[[nodiscard]] Data TimelineData(const std::vector<domain::DossierEvent>& events,
                                const std::vector<domain::Unit>& units,
                                const std::optional<domain::Process>& process);

// The print links of every per-dossier form of the rule set (not the register):
// [{number, label, pdf_href, html_href}].
[[nodiscard]] Data PrintFormsData(const domain::Dossier& dossier, const domain::RuleSet* rules);

// The name of the unit with `id`, or "Đơn vị số <id>" when unknown.
[[nodiscard]] std::string UnitName(const std::vector<domain::Unit>& units, std::int64_t id);

}  // namespace motcua::web
