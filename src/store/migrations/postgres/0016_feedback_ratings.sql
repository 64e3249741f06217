-- Citizens' feedback, second part (issue #9; docs/feedback.md "Storage"): the sender's rating of
-- the answer (indicator 5.3), a new feedback re-raising an earlier one (also 5.3), and the
-- escalations already sent for an overdue step (one per feedback, step and deadline).
-- Instants are Unix seconds (UTC).

-- The sender's rating of the answer, once, by code + key after it was answered or published.
CREATE TABLE feedback_ratings (
    feedback_id BIGINT PRIMARY KEY REFERENCES feedback (id),
    satisfied   BIGINT NOT NULL CHECK (satisfied IN (0, 1)),
    comment     TEXT NOT NULL DEFAULT '',
    rated_at    BIGINT NOT NULL
);

-- A feedback submitted as raising again an earlier one (the sender gave its code and key).
CREATE TABLE feedback_reraises (
    feedback_id BIGINT PRIMARY KEY REFERENCES feedback (id),
    earlier_id  BIGINT NOT NULL REFERENCES feedback (id),
    at          BIGINT NOT NULL
);
CREATE INDEX feedback_reraises_earlier ON feedback_reraises (earlier_id, at);

-- Escalations queued to the handling unit's leaders for an overdue step (once each).
CREATE TABLE feedback_escalations (
    feedback_id BIGINT NOT NULL REFERENCES feedback (id),
    step        TEXT NOT NULL,      -- acceptance, answer, publication
    due_at      BIGINT NOT NULL,
    unit_id     BIGINT NOT NULL REFERENCES units (id),
    sent_at     BIGINT NOT NULL,
    PRIMARY KEY (feedback_id, step, due_at)
);
