-- The citizen's side (issue #5): citizen and business accounts with their verified contact and
-- identity number, one-time verification codes sent through the notification outbox, saved
-- drafts of online dossiers, and delivery bookkeeping for the outbox. Instants are Unix seconds.

-- One row per citizen account (users with the citizen role).
CREATE TABLE citizen_profiles (
    user_id           INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
    id_number         TEXT NOT NULL,  -- 12-digit identity number or tax code
    address           TEXT NOT NULL DEFAULT '',
    identity_provider TEXT NOT NULL DEFAULT 'self',  -- 'self' (declared) or an e-ID provider
    verified_at       INTEGER,                        -- contact verified; sign-in allowed
    created_at        INTEGER NOT NULL
);
CREATE INDEX citizen_profiles_id_number ON citizen_profiles (id_number);

-- One-time codes (only their SHA-256 is kept), for sign-up verification.
CREATE TABLE verification_codes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    destination TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    used_at     INTEGER
);
CREATE INDEX verification_codes_user ON verification_codes (user_id, id);

-- Drafts of online dossiers, saved and resumed by their owner; `body` is the e-form as JSON.
CREATE TABLE drafts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id             INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    procedure_code      TEXT NOT NULL,
    settling_unit_id    INTEGER NOT NULL REFERENCES units (id),
    body                TEXT NOT NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    submitted_dossier_id INTEGER REFERENCES dossiers (id)
);
CREATE INDEX drafts_user ON drafts (user_id, id);

-- Delivery of the outbox: the channel and address chosen when the notification was queued,
-- attempts and the last error (a failed send is retried with back-off).
ALTER TABLE notifications ADD COLUMN channel TEXT NOT NULL DEFAULT 'inbox';
ALTER TABLE notifications ADD COLUMN destination TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
