#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/citizens.hpp"
#include "domain/dossier.hpp"
#include "domain/dossier_machine.hpp"
#include "domain/procedure.hpp"
#include "domain/unit.hpp"
#include "store/dossiers.hpp"
#include "web/forms.hpp"
#include "web/render.hpp"
#include "web/views.hpp"

// View models of the citizen portal (issue #5): the online e-form (its values, the JSON body of a
// draft, the settling-unit choice), the sign-up form's field messages, and the applicant's view
// of a dossier (rows, timeline). Pure functions: no store, no request, no clock.
namespace motcua::web {

// One required component of the e-form: taken from the procedure, ticked by the applicant when
// it is attached or will be handed in.
struct EformComponent {
    std::string name;
    std::string note;
    bool provided = true;
};

// What the applicant typed into the e-form (kept as text so a failed post shows it again).
struct EformValues {
    std::string procedure_code;
    std::string settling_unit;  // unit code
    std::string applicant_kind = "person";
    std::string name;
    std::string id_number;
    std::string phone;
    std::string email;
    std::string address;
    std::string owner_name;
    std::string note;  // free note to the desk (fields.note of the draft body)
    std::string idempotency_key;
    std::int64_t version = 0;  // the draft's version (0: a new draft)
    std::vector<EformComponent> components;
};

// The procedure's required components, all ticked.
[[nodiscard]] std::vector<EformComponent> EformComponentsOf(const domain::Procedure& procedure);

// The values of a posted e-form. Components come from `procedure` (names and notes are never
// taken from the client); the ticks are read by position ("c1", "c2", …).
[[nodiscard]] EformValues EformValuesFromForm(const Form& form, const domain::Procedure& procedure);

// The values a new e-form starts with: the applicant block from the account's profile.
[[nodiscard]] EformValues EformValuesFromProfile(const app::CitizenProfile& profile,
                                                 const domain::Procedure& procedure);

// The values of a saved draft: applicant, ticks (matched by component name; components the
// procedure no longer lists are dropped, new ones start ticked), note.
[[nodiscard]] EformValues EformValuesFromDraft(const store::citizens::Draft& draft,
                                               const domain::Procedure& procedure,
                                               const std::vector<domain::Unit>& units);

// The draft body JSON ({"applicant":{…},"components":[…],"fields":{"note":…}}) of the values.
[[nodiscard]] std::string DraftBodyJson(const EformValues& values);

// Checks what the form can tell (settling unit chosen and known, applicant kind, lengths) and
// returns the draft to save; problems go to `errors` (field ids of page_eform) and nullopt is
// returned.
[[nodiscard]] std::optional<app::DraftInput> EformDraftInput(const EformValues& values,
                                                             const domain::Procedure& procedure,
                                                             const std::vector<domain::Unit>& units,
                                                             FormErrors& errors);

// The settling units a citizen may choose for `procedure`: communes for a commune-level
// procedure, provincial agencies for a provincial one (both when it lists both):
// {id, name, label, hint, error, describedby, none_selected, groups [{label, options}]}.
[[nodiscard]] Data EformSettlingData(const domain::Procedure& procedure,
                                     const std::vector<domain::Unit>& units,
                                     const std::string& selected, const FormErrors& errors);

// The default settling unit of a new e-form: the only unit when there is one, else the agency
// named in the procedure's implementing units; "" when unsure.
[[nodiscard]] std::string EformDefaultSettlingUnit(const domain::Procedure& procedure,
                                                   const std::vector<domain::Unit>& units);

// The component rows of page_eform: [{n, field, name, note, provided, upload_url}], upload_url
// only when `draft_id` is given (files attach to a saved draft).
// `attached`: the draft's files by component name (shown under each row's upload control).
[[nodiscard]] Data EformComponentRows(
    const std::vector<EformComponent>& components, std::optional<std::int64_t> draft_id,
    const std::map<std::string, std::vector<std::string>>& attached = {});

// The form field a message of app::SignUpCitizen or of the applicant's validation is about
// ("số định danh …" → id_number, "mật khẩu …" → password, "họ tên …" → name, phone, email,
// address, verify_by); "" for a message about the whole form.
[[nodiscard]] std::string ApplicantFieldFor(std::string_view message);

// One row of the citizen's dossier list: code, href (/cong-dan/ho-so/…), procedure_name,
// procedure_code, submitted/received, appointment, state_label, state_tone.
[[nodiscard]] Data CitizenDossierRow(const store::dossiers::Summary& summary);

// The applicant's timeline, oldest first: [{time, action_label, state_label, unit, reason}]. The
// administration's internal events (assignment, warnings, late marks) are left out, and the
// reason is shown only for events addressed to the applicant (supplement requests, refusals,
// stops, withdrawals, apologies, returns).
[[nodiscard]] Data CitizenTimelineData(const std::vector<domain::DossierEvent>& events,
                                       const std::vector<domain::Unit>& units);

// The reason of the open supplement request (the latest event that moved the dossier to
// awaiting / returned for supplement), "" when none.
[[nodiscard]] std::string SupplementReason(const domain::Dossier& dossier,
                                           const std::vector<domain::DossierEvent>& events);

}  // namespace motcua::web
