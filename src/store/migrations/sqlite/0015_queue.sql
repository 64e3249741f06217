-- Queue tickets at the one-stop desk (issue #9; domain/queue.hpp, docs/feedback.md "Queue
-- storage"). A desk is a unit (one_stop_desk or service_centre). Instants are Unix seconds; days
-- are 'YYYY-MM-DD' (the desk's local day, Asia/Ho_Chi_Minh).

-- The kiosk's buttons: one service group per button, its letter prefix on the ticket numbers.
CREATE TABLE queue_groups (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    desk_unit_id INTEGER NOT NULL REFERENCES units (id),
    code         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    label        TEXT NOT NULL,
    position     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (desk_unit_id, code),
    UNIQUE (desk_unit_id, prefix)
);

-- The counters of a desk, the groups each serves, and the officer signed in at it.
CREATE TABLE queue_counters (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    desk_unit_id    INTEGER NOT NULL REFERENCES units (id),
    code            TEXT NOT NULL,
    label           TEXT NOT NULL,
    position        INTEGER NOT NULL DEFAULT 0,
    officer_user_id INTEGER REFERENCES users (id),
    signed_in_at    INTEGER,
    UNIQUE (desk_unit_id, code)
);
CREATE TABLE queue_counter_groups (
    counter_id INTEGER NOT NULL REFERENCES queue_counters (id) ON DELETE CASCADE,
    group_code TEXT NOT NULL,
    PRIMARY KEY (counter_id, group_code)
);

-- The day's last sequence per desk and prefix: incremented by one upsert (atomic on both
-- backends), so two kiosks never draw the same number.
CREATE TABLE queue_sequences (
    desk_unit_id INTEGER NOT NULL REFERENCES units (id),
    prefix       TEXT NOT NULL,
    day          TEXT NOT NULL,
    last_seq     INTEGER NOT NULL,
    PRIMARY KEY (desk_unit_id, prefix, day)
);

CREATE TABLE queue_tickets (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    desk_unit_id     INTEGER NOT NULL REFERENCES units (id),
    day              TEXT NOT NULL,
    prefix           TEXT NOT NULL,
    sequence         INTEGER NOT NULL CHECK (sequence > 0),
    number           TEXT NOT NULL,
    group_code       TEXT NOT NULL,
    state            TEXT NOT NULL
                     CHECK (state IN ('waiting', 'called', 'serving', 'served', 'skipped')),
    issued_at        INTEGER NOT NULL,
    first_called_at  INTEGER,
    called_at        INTEGER,
    serve_started_at INTEGER,
    serve_ended_at   INTEGER,
    counter_code     TEXT NOT NULL DEFAULT '',
    recalls          INTEGER NOT NULL DEFAULT 0,
    transfers        INTEGER NOT NULL DEFAULT 0,
    dossier_id       INTEGER REFERENCES dossiers (id),
    dossier_code     TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    UNIQUE (desk_unit_id, prefix, day, sequence)
);
-- "Call next": the earliest issued waiting ticket of the counter's groups.
CREATE INDEX queue_tickets_waiting ON queue_tickets (desk_unit_id, state, issued_at, id);
CREATE INDEX queue_tickets_day ON queue_tickets (desk_unit_id, day, id);

-- Every move of a ticket, append-only (the triggers reject UPDATE and DELETE). The highest id of
-- a desk is the display's version.
CREATE TABLE queue_ticket_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id     INTEGER NOT NULL REFERENCES queue_tickets (id),
    desk_unit_id  INTEGER NOT NULL REFERENCES units (id),
    action        TEXT NOT NULL,  -- issue, call, recall, start, finish, skip, requeue, transfer
    at            INTEGER NOT NULL,
    counter_code  TEXT NOT NULL DEFAULT '',
    actor_user_id INTEGER,
    detail        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX queue_ticket_events_desk ON queue_ticket_events (desk_unit_id, id);
CREATE INDEX queue_ticket_events_ticket ON queue_ticket_events (ticket_id, id);

CREATE TRIGGER queue_ticket_events_no_update BEFORE UPDATE ON queue_ticket_events
BEGIN
    SELECT RAISE(ABORT, 'queue_ticket_events is append-only');
END;

CREATE TRIGGER queue_ticket_events_no_delete BEFORE DELETE ON queue_ticket_events
BEGIN
    SELECT RAISE(ABORT, 'queue_ticket_events is append-only');
END;
