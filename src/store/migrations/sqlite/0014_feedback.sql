-- Citizens' feedback and petitions (phản ánh, kiến nghị — PAKN; issue #9; REGULATIONS.md §4;
-- docs/feedback.md "Storage"). One row per feedback with its current state and the instants the
-- deadlines are counted from; the append-only history of the cycle; attachments (files in the
-- content-addressed store of 0006); the published answer, redacted, kept apart from the sender's
-- personal data. Instants are Unix seconds (UTC).

CREATE TABLE feedback (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    code                    TEXT NOT NULL UNIQUE,     -- PAKN-<unit code>-YYMMDD-NNNN
    follow_key              TEXT NOT NULL,            -- 8 random characters, with the code
    receiving_unit_id       INTEGER NOT NULL REFERENCES units (id),
    handling_unit_id        INTEGER NOT NULL REFERENCES units (id),
    channel                 TEXT NOT NULL CHECK (channel IN ('online', 'desk', 'post', 'phone')),
    subject                 TEXT NOT NULL
                            CHECK (subject IN ('unclassified', 'regulation', 'conduct')),
    state                   TEXT NOT NULL CHECK (state IN ('received', 'awaiting_supplement',
                            'in_handling', 'refused', 'answered', 'published', 'withdrawn')),
    title                   TEXT NOT NULL,
    content                 TEXT NOT NULL,
    -- Personal data: never returned to the public.
    sender_name             TEXT NOT NULL DEFAULT '',
    sender_address          TEXT NOT NULL DEFAULT '',
    sender_phone            TEXT NOT NULL DEFAULT '',
    sender_email            TEXT NOT NULL DEFAULT '',
    under_complaint         INTEGER NOT NULL DEFAULT 0 CHECK (under_complaint IN (0, 1)),
    submitted_at            INTEGER NOT NULL,
    started_at              INTEGER NOT NULL,         -- submission, or the latest forwarding
    supplement_requested_at INTEGER,
    supplement_pauses       TEXT NOT NULL DEFAULT '[]',  -- JSON [[from, to], …]
    accepted_at             INTEGER,
    answered_at             INTEGER,
    published_at            INTEGER,
    refused_at              INTEGER,
    forwards                INTEGER NOT NULL DEFAULT 0,
    supplement_requests     INTEGER NOT NULL DEFAULT 0,
    answer                  TEXT NOT NULL DEFAULT '',  -- as written (may hold personal data)
    refusal_reason          TEXT NOT NULL DEFAULT '',
    idempotency_key         TEXT,
    entered_by              INTEGER REFERENCES users (id),  -- the officer (desk, post, phone)
    version                 INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL
);
CREATE UNIQUE INDEX feedback_idempotency ON feedback (idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX feedback_handling ON feedback (handling_unit_id, state);
CREATE INDEX feedback_receiving ON feedback (receiving_unit_id, submitted_at);
CREATE INDEX feedback_submitted ON feedback (submitted_at);

-- The history of each feedback (append-only): who, when, what, from which state to which.
CREATE TABLE feedback_events (
    feedback_id INTEGER NOT NULL REFERENCES feedback (id),
    seq         INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    actor_id    INTEGER REFERENCES users (id),   -- NULL: the sender (public site)
    unit_id     INTEGER NOT NULL REFERENCES units (id),  -- where it happened
    action      TEXT NOT NULL,                   -- submit, accept, refuse, …
    from_state  TEXT NOT NULL DEFAULT '',
    to_state    TEXT NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    to_unit_id  INTEGER REFERENCES units (id),   -- forward
    PRIMARY KEY (feedback_id, seq)
);
CREATE TRIGGER feedback_events_no_update BEFORE UPDATE ON feedback_events
BEGIN
    SELECT RAISE(ABORT, 'feedback_events is append-only');
END;
CREATE TRIGGER feedback_events_no_delete BEFORE DELETE ON feedback_events
BEGIN
    SELECT RAISE(ABORT, 'feedback_events is append-only');
END;

-- Files sent with a feedback (bytes in the content-addressed store, `files` of 0006).
CREATE TABLE feedback_attachments (
    feedback_id INTEGER NOT NULL REFERENCES feedback (id),
    position    INTEGER NOT NULL,
    file_sha256 TEXT NOT NULL REFERENCES files (sha256),
    file_name   TEXT NOT NULL,   -- sanitised display text, never a path
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (feedback_id, position)
);

-- Published answers: the redacted text only, with what the public list shows.
CREATE TABLE feedback_publications (
    feedback_id      INTEGER PRIMARY KEY REFERENCES feedback (id),
    code             TEXT NOT NULL,
    title            TEXT NOT NULL,     -- redacted
    question         TEXT NOT NULL,     -- the content, redacted
    answer           TEXT NOT NULL,     -- redacted
    subject          TEXT NOT NULL,
    handling_unit_id INTEGER NOT NULL REFERENCES units (id),
    published_at     INTEGER NOT NULL
);
CREATE INDEX feedback_publications_at ON feedback_publications (published_at);
