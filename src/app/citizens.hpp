#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/auth.hpp"
#include "app/context.hpp"
#include "app/dossiers.hpp"
#include "base/result.hpp"
#include "domain/dossier.hpp"
#include "store/citizens.hpp"

// Citizen and business accounts and online submission (issue #5): sign-up with a one-time code
// sent to the e-mail address or phone through the notification outbox, drafts of online
// dossiers saved and resumed, submission. docs/citizen.md.
namespace motcua::app {

// Where a verified identity comes from. The national e-ID (VNeID) is not reachable here; a
// provider that is plugs in behind this interface and fills the profile's identity number and
// name from the assertion it verified (identity_provider names it in citizen_profiles).
class IdentityProvider {
public:
    virtual ~IdentityProvider() = default;
    [[nodiscard]] virtual std::string_view Name() const = 0;
    struct Identity {
        std::string id_number;
        std::string full_name;
    };
    // Verifies an assertion (token, signed document) and returns the identity it proves.
    [[nodiscard]] virtual base::Result<Identity> Verify(std::string_view assertion) const = 0;
};

struct SignUpRequest {
    domain::ApplicantKind kind = domain::ApplicantKind::kPerson;
    std::string full_name;  // person, or the organisation's name
    std::string id_number;  // 12-digit identity number, or tax code
    std::string email;
    std::string phone;
    std::string address;
    std::string password;
    std::string verify_by = "email";  // email, sms: where the code goes
};

struct SignUpResult {
    std::int64_t user_id = 0;
    std::string username;     // the e-mail address or phone number
    std::string destination;  // where the code went, partly masked ("ng***@example.vn")
};

// Creates an inactive citizen account (role citizen, profile with the identity number) and sends
// a 6-digit code valid for 15 minutes. Errors: kInvalidArgument (fields, password policy),
// kAlreadyExists (the e-mail/phone or the identity number already has an account),
// kResourceExhausted (too many sign-ups from the address).
[[nodiscard]] base::Result<SignUpResult> SignUpCitizen(AppContext& ctx,
                                                       const SignUpRequest& request,
                                                       const ClientInfo& client);
// Activates the account if `code` is its latest unexpired code; 5 wrong tries void a code.
// One message for every failure (unknown account, wrong, expired, used): kInvalidArgument.
[[nodiscard]] base::Status VerifyCitizen(AppContext& ctx, std::string_view username,
                                         std::string_view code, const ClientInfo& client);
// Sends a new code to an unverified account (at most one a minute). Succeeds silently for
// unknown or verified accounts (no account enumeration).
[[nodiscard]] base::Status ResendVerification(AppContext& ctx, std::string_view username,
                                              const ClientInfo& client);

struct CitizenProfile {
    domain::User user;
    store::citizens::Profile profile;
};
// The caller's own account and profile (kNotFound for staff accounts without one).
[[nodiscard]] base::Result<CitizenProfile> MyProfile(AppContext& ctx, const Actor& actor);

// A draft e-form. `body` is a JSON object: {"applicant": {...}, "components": [{"name",
// "provided", "note"}], "fields": {...}} — kept as given (≤ 64 KiB), validated at submission.
struct DraftInput {
    std::optional<std::int64_t> id;  // empty: a new draft
    std::int64_t version = 0;        // required when updating
    std::string procedure_code;
    std::int64_t settling_unit_id = 0;
    std::string body;
};
[[nodiscard]] base::Result<store::citizens::Draft> SaveDraft(AppContext& ctx, const Actor& actor,
                                                             const DraftInput& input);
// The caller's own draft (kNotFound otherwise, also for someone else's).
[[nodiscard]] base::Result<store::citizens::Draft> GetDraft(AppContext& ctx, const Actor& actor,
                                                            std::int64_t id);
[[nodiscard]] base::Result<std::vector<store::citizens::Draft>> ListDrafts(AppContext& ctx,
                                                                           const Actor& actor);
[[nodiscard]] base::Status DeleteDraft(AppContext& ctx, const Actor& actor, std::int64_t id);
// Submits the draft as an online dossier (SubmitOnline). Submitting a submitted draft again
// returns its dossier with created = false (a double click makes one dossier).
[[nodiscard]] base::Result<ReceiveResult> SubmitDraft(AppContext& ctx, const Actor& actor,
                                                      std::int64_t id, std::string idempotency_key);
// The applicant and components a draft would submit (body decoded, defaults from the profile
// and the procedure's required list), for the e-form page and the submission.
struct DraftContent {
    domain::Applicant applicant;
    std::vector<domain::Component> components;
};
[[nodiscard]] base::Result<DraftContent> DecodeDraftBody(std::string_view body);

// The dossiers the citizen submitted online, newest first.
[[nodiscard]] base::Result<std::vector<store::dossiers::Summary>> MyDossiers(AppContext& ctx,
                                                                             const Actor& actor,
                                                                             int limit);

}  // namespace motcua::app
