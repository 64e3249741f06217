-- Issue #9 (engineer N): request limiters shared by every server process on the database
-- (docs/feedback.md "Limiters"): one fixed-window counter per (purpose, key, window start),
-- incremented by one upsert per hit; windows that have ended are pruned.
CREATE TABLE rate_limit_hits (
    purpose TEXT NOT NULL,          -- feedback_submit, feedback_follow, kiosk
    key TEXT NOT NULL,              -- the client address (with the desk for the kiosk)
    window_start BIGINT NOT NULL,   -- Unix seconds, a multiple of the window's length
    hits INTEGER NOT NULL,
    PRIMARY KEY (purpose, key, window_start)
);
CREATE INDEX rate_limit_hits_window ON rate_limit_hits (window_start);
