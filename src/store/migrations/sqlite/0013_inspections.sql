-- Inspections of TTHC-control work (issue #7 "Inspections"; docs/inspections.md;
-- domain/inspection.hpp). An inspection plan (kế hoạch kiểm tra) of an inspecting unit for a
-- year holds inspections of units (by quarter or dates, of a kind), each with its team, its
-- checklist (items of a template copied from the seeds, pre-filled with the unit's figures, and
-- the inspector's finding), the append-only history of its cycle, its conclusions and its
-- remediation report. Days are 'YYYY-MM-DD'; instants unix seconds.
CREATE TABLE inspection_plans (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    year               INTEGER NOT NULL,
    inspecting_unit_id INTEGER NOT NULL REFERENCES units (id),
    title              TEXT NOT NULL,
    decision_number    TEXT NOT NULL,
    decision_date      TEXT,
    checklist          TEXT NOT NULL,
    version            INTEGER NOT NULL,
    created_by         INTEGER,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX inspection_plans_unit ON inspection_plans (inspecting_unit_id, year);

-- state: domain::inspection::StateName; kind: KindName; quarter 0 when dated only.
CREATE TABLE inspections (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id                 INTEGER NOT NULL REFERENCES inspection_plans (id),
    inspected_unit_id       INTEGER NOT NULL REFERENCES units (id),
    kind                    TEXT NOT NULL,
    quarter                 INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),
    start_day               TEXT,
    end_day                 TEXT,
    follow_up_of            INTEGER REFERENCES inspections (id),
    state                   TEXT NOT NULL,
    notified_on             TEXT,
    report_submitted_on     TEXT,
    minutes_on              TEXT,
    concluded_on            TEXT,
    conclusion_received_on  TEXT,
    remediation_due         TEXT,
    remediation_reported_on TEXT,
    version                 INTEGER NOT NULL,
    created_at              INTEGER NOT NULL
);
CREATE INDEX inspections_plan ON inspections (plan_id);
CREATE INDEX inspections_unit ON inspections (inspected_unit_id);
CREATE INDEX inspections_due ON inspections (state, remediation_due);

CREATE TABLE inspection_team (
    inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    position_no   INTEGER NOT NULL,
    name          TEXT NOT NULL,
    position      TEXT NOT NULL,
    leader        INTEGER NOT NULL CHECK (leader IN (0, 1)),
    PRIMARY KEY (inspection_id, position_no)
);

-- prefilled: the system's figures for the item as JSON (app/inspections.cpp), '' when none.
CREATE TABLE inspection_checklist (
    inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    item_key      TEXT NOT NULL,
    position      INTEGER NOT NULL,
    number        TEXT NOT NULL,
    title         TEXT NOT NULL,
    figure        TEXT NOT NULL,
    prefilled     TEXT NOT NULL,
    finding       TEXT NOT NULL,
    updated_by    INTEGER,
    updated_at    INTEGER,
    PRIMARY KEY (inspection_id, item_key)
);

-- The cycle's history, append-only: who did what on which day, with the documents (a JSON array
-- of references: numbers of decisions, minutes, file hashes).
CREATE TABLE inspection_events (
    inspection_id INTEGER NOT NULL REFERENCES inspections (id),
    seq           INTEGER NOT NULL,
    action        TEXT NOT NULL,
    on_day        TEXT NOT NULL,
    at            INTEGER NOT NULL,
    actor_id      INTEGER,
    actor_name    TEXT NOT NULL,
    note          TEXT NOT NULL,
    documents     TEXT NOT NULL,
    PRIMARY KEY (inspection_id, seq)
);

-- kind 'draft' (dự thảo kết luận) or 'final' (kết luận kiểm tra, signed by a leader).
CREATE TABLE inspection_conclusions (
    inspection_id INTEGER NOT NULL REFERENCES inspections (id),
    kind          TEXT NOT NULL CHECK (kind IN ('draft', 'final')),
    number        TEXT NOT NULL,
    signed_on     TEXT NOT NULL,
    body          TEXT NOT NULL,
    by_user       INTEGER,
    at            INTEGER NOT NULL,
    PRIMARY KEY (inspection_id, kind)
);

CREATE TABLE inspection_remediations (
    inspection_id INTEGER PRIMARY KEY REFERENCES inspections (id),
    reported_on   TEXT NOT NULL,
    number        TEXT NOT NULL,
    body          TEXT NOT NULL,
    late          INTEGER NOT NULL CHECK (late IN (0, 1)),
    by_user       INTEGER,
    at            INTEGER NOT NULL
);
