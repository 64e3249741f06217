#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/dossiers.hpp"
#include "domain/procedure.hpp"
#include "domain/unit.hpp"
#include "domain/user.hpp"
#include "web/forms.hpp"
#include "web/render.hpp"
#include "web/views.hpp"

// The desk's intake form (/ho-so/tiep-nhan, issue #4): its values, the checklist of components,
// the unit choices and the decoding into app::ReceiveRequest. Pure functions.
namespace motcua::web {

// One line of the components checklist.
struct IntakeComponent {
    std::string name;
    std::string note;
    bool provided = true;
    std::string originals = "1";
    std::string certified_copies = "0";
    std::string copies = "0";
};

// What the officer typed (kept as text so a failed post shows it again unchanged).
struct IntakeValues {
    std::string procedure_code;
    std::string settling_unit;   // unit code
    std::string receiving_unit;  // unit code of the desk
    std::string channel = "direct";
    std::string applicant_kind = "person";
    std::string name;
    std::string id_number;
    std::string phone;
    std::string email;
    std::string address;
    std::string owner_name;
    std::string completeness = "complete";
    std::string reason;
    std::string idempotency_key;
    std::vector<IntakeComponent> components;
};

// The checklist of a procedure's required components, all ticked, counts from the notes.
[[nodiscard]] std::vector<IntakeComponent> ComponentsOf(const domain::Procedure& procedure);

// The values of a posted intake form (trimmed, NFC by Form).
[[nodiscard]] IntakeValues IntakeValuesFromForm(const Form& form);

// Checks what the form can tell and builds the request; problems go to `errors` (field ids of
// page_intake) and nullopt is returned.
[[nodiscard]] std::optional<app::ReceiveRequest> IntakeRequest(
    const IntakeValues& values, const std::vector<domain::Unit>& units, FormErrors& errors);

// Desks the actor may receive at: units where they are desk officers, and for leaders their
// unit and the service centres and one-stop desks under it (ReceiveDossier authorises).
[[nodiscard]] std::vector<Option> ReceivingDeskOptions(const std::vector<domain::RoleGrant>& grants,
                                                       const std::vector<domain::Unit>& units);

// The settling unit a desk officer most likely wants: for a commune-level procedure the commune
// of the desk; otherwise the agency named in the procedure's implementing units ("Sở Tư pháp"
// → "Sở Tư pháp thành phố Huế"); "" when unsure.
[[nodiscard]] std::string DefaultSettlingUnit(const domain::Procedure& procedure,
                                              const std::vector<domain::Unit>& units,
                                              const std::string& desk_code);

// The settling-unit select of part_intake_procedure: {id, name, label, error, describedby,
// groups [{label, options [{value, label, selected}]}]}: agencies, then communes.
// The applicant block shared by the desk's intake and the citizen's e-form: `kinds` (person /
// organisation radios) and the fields name (under `name_key`), id_number, phone, email, address,
// owner_name. `own`: the signed-in person's own particulars (browser autocomplete on), not
// someone else's typed by an officer.
struct ApplicantFieldValues {
    std::string kind;
    std::string name;
    std::string id_number;
    std::string phone;
    std::string email;
    std::string address;
    std::string owner_name;
};
void SetApplicantFields(Data& data, const std::string& name_key, const ApplicantFieldValues& values,
                        bool own, const FormErrors& errors);

// The <optgroup>s of a unit select: one per (type, label), the valid units of that type in tree
// order, `selected` marked.
[[nodiscard]] DataList UnitOptionGroups(
    const std::vector<domain::Unit>& units,
    const std::vector<std::pair<domain::UnitType, const char*>>& types,
    const std::string& selected);
[[nodiscard]] Data SettlingSelectData(const std::vector<domain::Unit>& units,
                                      const std::string& selected, const FormErrors& errors);

// The checklist rows: [{n, name, note, provided, originals, certified_copies, copies, ids…}].
[[nodiscard]] Data ComponentRowsData(const std::vector<IntakeComponent>& components);

}  // namespace motcua::web
