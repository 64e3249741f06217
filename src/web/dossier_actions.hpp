#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/dossiers.hpp"
#include "domain/dossier.hpp"
#include "domain/dossier_machine.hpp"
#include "domain/process.hpp"
#include "domain/unit.hpp"
#include "web/forms.hpp"
#include "web/render.hpp"
#include "web/views.hpp"

// The action forms of the dossier page (issue #4): one small form per action the use case
// allows, each with the fields that action needs, and the decoding of a posted action form into
// an app::ActionRequest. Field ids are "<action>-<field>" (e.g. "refuse-reason") so that error
// summary links reach the right form.
namespace motcua::web {

// What the forms need besides the dossier view.
struct ActionFormInput {
    const app::DossierView* view = nullptr;
    const std::vector<domain::Unit>* units = nullptr;
    // Officers the caller may assign (value: user id); empty when the list is not available.
    std::vector<Option> assignees;
    // After a failed post: the posted form and which action it was, so its values are kept and
    // its form is open.
    const Form* posted = nullptr;
    std::string posted_action;
};

// [{name, label, open, danger, intro, reason, result_summary, appointment, next_steps,
//   assignees, tasks, open_tasks, return_methods, completeness, components}] — every key set
// for every action (false when the action does not use it).
[[nodiscard]] Data ActionFormsData(const std::vector<domain::ActionKind>& allowed,
                                   const ActionFormInput& input, const FormErrors& errors);

// Decodes a posted action form for `view`'s dossier: the action, `version` and the fields the
// action needs; unit codes of consultations are resolved in `units`. Problems are added to
// `errors` (field ids as above) and nullopt returned.
[[nodiscard]] std::optional<app::ActionRequest> ParseActionForm(
    const Form& form, const app::DossierView& view, const std::vector<domain::Unit>& units,
    FormErrors& errors);

// The free-text field of an action (reason, note, answer), if it has one.
struct ActionReasonSpec {
    domain::ActionKind kind = domain::ActionKind::kReceive;
    std::string_view label;
    bool required = false;
    std::string_view missing;  // the message when required and empty
};
[[nodiscard]] const ActionReasonSpec* ActionReason(domain::ActionKind kind);

// The action a dossier's current state and step call for, offered open on the page (nullopt
// when none of `allowed` is the obvious next one).
[[nodiscard]] std::optional<domain::ActionKind> PrimaryAction(
    const app::DossierView& view, const std::vector<domain::ActionKind>& allowed);

}  // namespace motcua::web
