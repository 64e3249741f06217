-- Dossiers (issue #4): internal processes, the current state of each dossier, and its
-- append-only event log (who, when, from-state, to-state, reason), which is the dossier's audit
-- trail and the source of indicators and reports. Instants are Unix seconds (UTC).

-- One version of a procedure's internal process; scope_unit_id 0 = every settling unit.
CREATE TABLE processes (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    procedure_code TEXT NOT NULL,
    scope_unit_id  INTEGER NOT NULL DEFAULT 0,
    version        INTEGER NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    steps_json     TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    created_by     INTEGER,
    UNIQUE (procedure_code, scope_unit_id, version)
);

CREATE TABLE dossiers (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    code              TEXT NOT NULL UNIQUE,
    state             TEXT NOT NULL,
    rule_set_id       TEXT NOT NULL,
    procedure_code    TEXT NOT NULL,
    receiving_unit_id INTEGER NOT NULL REFERENCES units (id),
    settling_unit_id  INTEGER NOT NULL REFERENCES units (id),
    current_unit_id   INTEGER NOT NULL REFERENCES units (id),
    channel           INTEGER NOT NULL CHECK (channel IN (1, 2, 3)),
    applicant_name    TEXT NOT NULL,
    applicant_id      TEXT NOT NULL DEFAULT '',
    citizen_user_id   INTEGER,
    assignee_id       INTEGER,
    received_at       INTEGER,
    due_at            INTEGER,
    appointment_at    INTEGER,
    finished_at       INTEGER,
    warned_at         INTEGER,
    late              INTEGER NOT NULL DEFAULT 0,
    timing            TEXT NOT NULL DEFAULT 'pending',
    step_kind         TEXT NOT NULL DEFAULT '',
    search_key        TEXT NOT NULL DEFAULT '',  -- folded code, applicant name and number
    idempotency_key   TEXT UNIQUE,
    body_json         TEXT NOT NULL,  -- the whole current state (store/dossiers.cpp codec)
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    version           INTEGER NOT NULL
);
CREATE INDEX dossiers_current ON dossiers (current_unit_id, state, due_at);
CREATE INDEX dossiers_settling ON dossiers (settling_unit_id, created_at);
CREATE INDEX dossiers_receiving ON dossiers (receiving_unit_id, created_at);
CREATE INDEX dossiers_assignee ON dossiers (assignee_id, state);
CREATE INDEX dossiers_open_due ON dossiers (due_at) WHERE finished_at IS NULL;
CREATE INDEX dossiers_citizen ON dossiers (citizen_user_id);

CREATE TABLE dossier_events (
    dossier_id       INTEGER NOT NULL REFERENCES dossiers (id),
    seq              INTEGER NOT NULL,
    at               INTEGER NOT NULL,
    actor_user_id    INTEGER,
    actor_name       TEXT NOT NULL DEFAULT '',
    action           TEXT NOT NULL,
    from_state       TEXT NOT NULL,
    to_state         TEXT NOT NULL,
    reason           TEXT NOT NULL DEFAULT '',
    unit_id          INTEGER NOT NULL,
    step_key         TEXT NOT NULL DEFAULT '',
    details_json     TEXT NOT NULL DEFAULT '{}',
    attachments_json TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (dossier_id, seq)
);
CREATE INDEX dossier_events_at ON dossier_events (at);

CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events
BEGIN
    SELECT RAISE(ABORT, 'dossier_events is append-only');
END;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
BEGIN
    SELECT RAISE(ABORT, 'dossier_events is append-only');
END;

-- The daily sequence of dossier codes per agency identifier (<agency>-YYMMDD-NNNN).
CREATE TABLE dossier_code_counters (
    prefix TEXT NOT NULL,
    day    TEXT NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (prefix, day)
);

-- Outbox of notifications to officers and applicants (deadline warnings; issue #5 adds senders).
CREATE TABLE notifications (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient_user_id INTEGER,
    recipient_unit_id INTEGER,
    dossier_id        INTEGER REFERENCES dossiers (id),
    kind              TEXT NOT NULL,
    message           TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    sent_at           INTEGER
);
CREATE INDEX notifications_unsent ON notifications (sent_at, id);
CREATE INDEX notifications_recipient ON notifications (recipient_user_id, id);
