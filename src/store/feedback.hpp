#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/feedback.hpp"
#include "store/database.hpp"

// Citizens' feedback and petitions (PAKN, issue #9; migration 0014_feedback.sql;
// docs/feedback.md "Storage"): the feedback rows, their append-only history, attachments and the
// published (redacted) answers. One SQL text for both dialects.
namespace motcua::store::feedback {

namespace fb = domain::feedback;

// The sender's rating of the answer (migration 0016; indicator 5.3).
struct Rating {
    bool satisfied = false;
    std::string comment;
    std::chrono::sys_seconds at{};
};

// A stored feedback: the state machine's record plus what the store keeps around it.
struct Record {
    std::int64_t id = 0;
    std::string code;           // PAKN-<unit code>-YYMMDD-NNNN
    std::string follow_key;     // 8 random characters given to the sender
    fb::Feedback feedback;      // state, subject, channel, units, instants, counts
    fb::Submission submission;  // title, content, the sender's contact (personal data)
    std::string answer;         // as written by the handling unit
    std::string refusal_reason;
    std::optional<std::string> idempotency_key;
    std::optional<std::int64_t> entered_by;  // the officer who entered it (desk, post, phone)
    std::int64_t version = 0;
    std::chrono::sys_seconds updated_at{};
    // Read only (migration 0016): the sender's rating, the earlier feedback this one raises
    // again (its code), and when this one was first raised again by a later feedback.
    std::optional<Rating> rating;
    std::optional<std::string> reraises_code;
    std::optional<std::chrono::sys_seconds> reraised_at;
};

// Stores a new feedback (id ignored, version 1); returns its id. kAlreadyExists for a duplicate
// code or idempotency key; kFailedPrecondition for an unknown unit.
[[nodiscard]] base::Result<std::int64_t> Insert(Transaction& tx, const Record& record);
[[nodiscard]] base::Result<std::optional<Record>> Get(Transaction& tx, std::int64_t id);
[[nodiscard]] base::Result<std::optional<Record>> GetByCode(Transaction& tx, std::string_view code);
[[nodiscard]] base::Result<std::optional<Record>> GetByIdempotencyKey(Transaction& tx,
                                                                      std::string_view key);
// Writes the state, subject, units, instants, counts, answer and refusal reason of `record`
// with version + 1 when the stored version is `record.version` (kAborted otherwise, kNotFound
// for an unknown id). Returns the new version.
[[nodiscard]] base::Result<std::int64_t> Save(Transaction& tx, const Record& record);

struct Filter {
    std::vector<std::int64_t> unit_ids;  // handling or receiving unit among these; empty: any
    std::vector<fb::State> states;       // empty: any
    std::optional<std::chrono::sys_seconds> submitted_from;  // inclusive
    std::optional<std::chrono::sys_seconds> submitted_to;    // exclusive
    bool open_only = false;                                  // not refused, published or withdrawn
    int limit = 500;
};
// Newest first.
[[nodiscard]] base::Result<std::vector<Record>> List(Transaction& tx, const Filter& filter);

// Stores the sender's rating (kAlreadyExists when already rated).
[[nodiscard]] base::Status Rate(Transaction& tx, std::int64_t feedback_id, const Rating& rating);
// Records that `feedback_id` raises `earlier_id` again.
[[nodiscard]] base::Status AddReraise(Transaction& tx, std::int64_t feedback_id,
                                      std::int64_t earlier_id, std::chrono::sys_seconds at);
// Records an escalation for (feedback, step, due); false when already recorded (nothing written).
[[nodiscard]] base::Result<bool> MarkEscalated(Transaction& tx, std::int64_t feedback_id,
                                               std::string_view step, std::chrono::sys_seconds due,
                                               std::int64_t unit_id, std::chrono::sys_seconds now);

// ---- History

struct Event {
    std::int64_t seq = 0;
    std::chrono::sys_seconds at{};
    std::optional<std::int64_t> actor_id;  // empty: the sender
    std::string actor_name;                // filled by Events (users.display_name)
    std::int64_t unit_id = 0;
    std::string action;  // submit, or fb::ActionName
    std::string from_state;
    std::string to_state;
    std::string text;
    std::optional<std::int64_t> to_unit_id;
};
// Appends `e` with the next sequence number (returned). Updates and deletes are refused by the
// database.
[[nodiscard]] base::Result<std::int64_t> AppendEvent(Transaction& tx, std::int64_t feedback_id,
                                                     const Event& e);
[[nodiscard]] base::Result<std::vector<Event>> Events(Transaction& tx, std::int64_t feedback_id);

// ---- Attachments

struct Attachment {
    int position = 0;
    std::string sha256;
    std::string file_name;
    std::string media_type;
    std::int64_t size = 0;
    std::chrono::sys_seconds created_at{};
};
// Records the attachment (its file row must exist: store::documents::InsertFile).
[[nodiscard]] base::Status AddAttachment(Transaction& tx, std::int64_t feedback_id,
                                         const Attachment& a);
[[nodiscard]] base::Result<std::vector<Attachment>> Attachments(Transaction& tx,
                                                                std::int64_t feedback_id);

// ---- Published answers (redacted text only)

struct Publication {
    std::int64_t feedback_id = 0;
    std::string code;
    std::string title;
    std::string question;
    std::string answer;
    fb::Subject subject = fb::Subject::kUnclassified;
    std::int64_t handling_unit_id = 0;
    std::string handling_unit_name;  // filled by reads
    std::chrono::sys_seconds published_at{};
};
// kAlreadyExists when the feedback is already published.
[[nodiscard]] base::Status Publish(Transaction& tx, const Publication& p);
[[nodiscard]] base::Result<std::optional<Publication>> GetPublication(Transaction& tx,
                                                                      std::int64_t feedback_id);
// Newest first; `unit_id` limits to one handling unit.
[[nodiscard]] base::Result<std::vector<Publication>> Publications(
    Transaction& tx, std::optional<std::int64_t> unit_id, int limit, int offset);

}  // namespace motcua::store::feedback
