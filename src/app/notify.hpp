#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/dossier.hpp"
#include "domain/dossier_machine.hpp"
#include "store/citizens.hpp"
#include "store/database.hpp"

// Notifications to applicants and officers (issue #5). Use cases queue messages in the outbox
// (table notifications) in the same transaction as the change they announce; a dispatcher
// (`DeliverNotifications`, run by the server every few seconds) hands the due ones to a sender
// and records the outcome, retrying failures with back-off. Senders are pluggable: the log
// (default) and a JSON Lines file are built in; an e-mail or SMS gateway implements the same
// interface. docs/citizen.md "Notifications".
namespace motcua::app {

class NotificationSender {
public:
    virtual ~NotificationSender() = default;
    [[nodiscard]] virtual std::string_view Name() const = 0;
    // Delivers one message; an error is retried later.
    [[nodiscard]] virtual base::Status Send(const store::outbox::Message& message) = 0;
};

// Writes each message to the log (spdlog, info): for development and demonstrations.
class LogSender final : public NotificationSender {
public:
    [[nodiscard]] std::string_view Name() const override { return "log"; }
    [[nodiscard]] base::Status Send(const store::outbox::Message& message) override;
};

// Appends each message as one JSON object per line to a file (created if missing), flushed
// before Send returns: a hand-off to another delivery system, and what the tests read.
class FileSender final : public NotificationSender {
public:
    explicit FileSender(std::string path) : path_(std::move(path)) {}
    [[nodiscard]] std::string_view Name() const override { return "file"; }
    [[nodiscard]] base::Status Send(const store::outbox::Message& message) override;

private:
    std::string path_;
    std::mutex mutex_;
};

// "log" or "file:PATH"; kInvalidArgument otherwise.
[[nodiscard]] base::Result<std::unique_ptr<NotificationSender>> MakeSender(std::string_view spec);

// Sends up to `limit` due messages; returns how many were sent. A failed send is retried after
// 1, 2, 4, … minutes (at most 1 hour apart). One dispatcher per database.
[[nodiscard]] base::Result<int> DeliverNotifications(AppContext& ctx, NotificationSender& sender,
                                                     int limit = 100);

// The messages queued for the signed-in user (the citizen's notification list), newest first.
[[nodiscard]] base::Result<std::vector<store::outbox::Message>> MyNotifications(AppContext& ctx,
                                                                                const Actor& actor,
                                                                                int limit);

namespace internal {

// Queues the message that tells the applicant what `event` did to their dossier (received,
// supplement requested, returned for supplement, refused, apology, result ready, returned,
// stopped, withdrawn): the agency, the officer, the times (Decree 224/2026 Art. 15.1(g)). Sent
// to the online applicant's verified contact, else to the e-mail or phone the applicant gave at
// the desk; nothing when there is none or the event is not one the applicant needs.
[[nodiscard]] base::Status NotifyApplicant(store::Transaction& tx, const domain::Dossier& dossier,
                                           const domain::DossierEvent& event);

// Queues `message` for the account `user_id` at its e-mail (else phone; else in the portal only).
[[nodiscard]] base::Status NotifyAccount(store::Transaction& tx, std::int64_t user_id,
                                         std::optional<std::int64_t> dossier_id, std::string kind,
                                         std::string subject, std::string message,
                                         std::chrono::sys_seconds at);

}  // namespace internal

}  // namespace motcua::app
