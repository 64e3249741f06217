#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/database.hpp"

// The citizen's side (issue #5): account profiles, one-time verification codes, drafts of online
// dossiers, and the delivery side of the notification outbox. Migration 0005_citizens.sql.
namespace motcua::store::citizens {

struct Profile {
    std::int64_t user_id = 0;
    std::string kind;  // person, organisation
    std::string id_number;
    std::string address;
    std::string identity_provider = "self";
    std::optional<std::chrono::sys_seconds> verified_at;
    std::chrono::sys_seconds created_at{};
};

// kAlreadyExists if the user already has a profile.
[[nodiscard]] base::Status InsertProfile(Transaction& tx, const Profile& profile);
[[nodiscard]] base::Result<std::optional<Profile>> GetProfile(Transaction& tx,
                                                              std::int64_t user_id);
// The account registered with `id_number`, if any.
[[nodiscard]] base::Result<std::optional<std::int64_t>> UserWithIdNumber(
    Transaction& tx, std::string_view id_number);
[[nodiscard]] base::Status SetVerified(Transaction& tx, std::int64_t user_id,
                                       std::chrono::sys_seconds at);

struct Code {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string channel;  // email, sms
    std::string destination;
    std::string code_hash;  // hex SHA-256 of the code
    std::chrono::sys_seconds created_at{};
    std::chrono::sys_seconds expires_at{};
    int attempts = 0;
    std::optional<std::chrono::sys_seconds> used_at;
};
[[nodiscard]] base::Result<std::int64_t> InsertCode(Transaction& tx, const Code& code);
// The newest code of the user, used or not.
[[nodiscard]] base::Result<std::optional<Code>> LatestCode(Transaction& tx, std::int64_t user_id);
[[nodiscard]] base::Status CountAttempt(Transaction& tx, std::int64_t code_id);
[[nodiscard]] base::Status MarkCodeUsed(Transaction& tx, std::int64_t code_id,
                                        std::chrono::sys_seconds at);

// A saved draft of an online dossier; `body` is the e-form as JSON (app/drafts.cpp).
struct Draft {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string procedure_code;
    std::int64_t settling_unit_id = 0;
    std::string body;
    std::chrono::sys_seconds created_at{};
    std::chrono::sys_seconds updated_at{};
    std::int64_t version = 0;
    std::optional<std::int64_t> submitted_dossier_id;
};
// Returns the id; version 1.
[[nodiscard]] base::Result<std::int64_t> InsertDraft(Transaction& tx, const Draft& draft);
// Replaces procedure, unit and body if `draft.version` is the stored one (kAborted otherwise;
// kNotFound). Returns the new version.
[[nodiscard]] base::Result<std::int64_t> UpdateDraft(Transaction& tx, const Draft& draft);
[[nodiscard]] base::Result<std::optional<Draft>> GetDraft(Transaction& tx, std::int64_t id);
// The user's drafts not yet submitted, newest first.
[[nodiscard]] base::Result<std::vector<Draft>> ListDrafts(Transaction& tx, std::int64_t user_id);
[[nodiscard]] base::Status MarkDraftSubmitted(Transaction& tx, std::int64_t id,
                                              std::int64_t dossier_id, std::chrono::sys_seconds at);
// kNotFound if there is no such unsubmitted draft.
[[nodiscard]] base::Status DeleteDraft(Transaction& tx, std::int64_t id);

}  // namespace motcua::store::citizens

namespace motcua::store::outbox {

// A notification to deliver outside the system (e-mail, SMS). Notifications of channel "inbox"
// are shown in the application only and never picked here.
struct Message {
    std::int64_t id = 0;
    std::optional<std::int64_t> recipient_user_id;
    std::optional<std::int64_t> dossier_id;
    std::string kind;
    std::string channel;  // email, sms
    std::string destination;
    std::string subject;
    std::string message;
    std::chrono::sys_seconds created_at{};
    int attempts = 0;
};
// Queues a message; returns its id.
[[nodiscard]] base::Result<std::int64_t> Enqueue(Transaction& tx, const Message& message);
// Unsent messages due for an attempt at `now`, oldest first.
[[nodiscard]] base::Result<std::vector<Message>> Due(Transaction& tx, std::chrono::sys_seconds now,
                                                     int limit);
[[nodiscard]] base::Status MarkSent(Transaction& tx, std::int64_t id, std::chrono::sys_seconds at);
// Records a failed attempt; the next one is not before `retry_at`.
[[nodiscard]] base::Status MarkFailed(Transaction& tx, std::int64_t id,
                                      std::chrono::sys_seconds retry_at, std::string_view error);
// The messages sent or queued for a user, newest first (the citizen's notification list).
[[nodiscard]] base::Result<std::vector<Message>> ForUser(Transaction& tx, std::int64_t user_id,
                                                         int limit);

}  // namespace motcua::store::outbox
