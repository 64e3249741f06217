-- TTHC-control plans as tracked work (issue #7; docs/plans.md "Storage"). A plan is issued by one
-- unit (decision number and date, year), may derive from its superior's plan (parent_plan_id:
-- cascading), and holds sections → tasks → deliverables as imported (domain::plan_import). Each
-- deliverable keeps its unit names as written and is assigned to unit ids (lead/cooperating);
-- names that matched no unit wait for a person (plan_unmatched_names), as do the lines the import
-- could not read (plan_problems). Progress reports are append-only history per deliverable and
-- unit. Instants are Unix seconds; dates 'YYYY-MM-DD' text; lists of dates comma-separated.
CREATE TABLE plans (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    issuing_unit_id INTEGER NOT NULL REFERENCES units (id),
    title           TEXT NOT NULL,
    decision_number TEXT NOT NULL,  -- '' when the text names none
    decision_date   TEXT NOT NULL,  -- 'YYYY-MM-DD' or ''
    year            INTEGER NOT NULL,
    parent_plan_id  INTEGER REFERENCES plans (id),
    plan_key        TEXT NOT NULL,  -- plan_target_sets.plan_key of its targets, or ''
    format          TEXT NOT NULL,  -- tsv, pipe_lines, markdown, cascade
    status          TEXT NOT NULL CHECK (status IN ('draft', 'issued')),
    version         INTEGER NOT NULL,
    created_by      INTEGER,
    created_at      INTEGER NOT NULL,
    updated_by      INTEGER,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX plans_unit ON plans (issuing_unit_id, year);
CREATE INDEX plans_parent ON plans (parent_plan_id);
-- One plan per decision of a unit (a second import of the same decision is a duplicate).
CREATE UNIQUE INDEX plans_decision ON plans (issuing_unit_id, decision_number)
    WHERE decision_number <> '';

CREATE TABLE plan_sections (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    number   TEXT NOT NULL,
    title    TEXT NOT NULL,
    line     INTEGER NOT NULL
);
CREATE INDEX plan_sections_plan ON plan_sections (plan_id, position);

CREATE TABLE plan_tasks (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id    INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    section_id INTEGER NOT NULL REFERENCES plan_sections (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    number     TEXT NOT NULL,
    task_group TEXT NOT NULL,
    content    TEXT NOT NULL,
    line       INTEGER NOT NULL
);
CREATE INDEX plan_tasks_section ON plan_tasks (section_id, position);

-- deadline_kind: date, recurring, event, unresolved, or '' for an empty deadline cell.
CREATE TABLE plan_deliverables (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id               INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    task_id               INTEGER NOT NULL REFERENCES plan_tasks (id) ON DELETE CASCADE,
    position              INTEGER NOT NULL,
    line                  INTEGER NOT NULL,
    product               TEXT NOT NULL,
    lead_raw              TEXT NOT NULL,
    lead_names            TEXT NOT NULL,  -- names as split, one per line
    cooperating_raw       TEXT NOT NULL,
    cooperating_names     TEXT NOT NULL,
    deadline_phrase       TEXT NOT NULL,
    deadline_kind         TEXT NOT NULL,
    due_dates             TEXT NOT NULL,  -- 'YYYY-MM-DD,…' sorted
    recurrence            TEXT NOT NULL,
    deadline_event        TEXT NOT NULL,
    deadline_note         TEXT NOT NULL,
    parent_deliverable_id INTEGER REFERENCES plan_deliverables (id)  -- inherited (cascading)
);
CREATE INDEX plan_deliverables_task ON plan_deliverables (task_id, position);
CREATE INDEX plan_deliverables_plan ON plan_deliverables (plan_id);

CREATE TABLE plan_assignments (
    deliverable_id INTEGER NOT NULL REFERENCES plan_deliverables (id) ON DELETE CASCADE,
    unit_id        INTEGER NOT NULL REFERENCES units (id),
    role           TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
    plan_id        INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    PRIMARY KEY (deliverable_id, unit_id, role)
);
CREATE INDEX plan_assignments_unit ON plan_assignments (unit_id, plan_id);

CREATE TABLE plan_unmatched_names (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id        INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    deliverable_id INTEGER NOT NULL REFERENCES plan_deliverables (id) ON DELETE CASCADE,
    role           TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
    name           TEXT NOT NULL,
    resolved       INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    resolved_by    INTEGER,
    resolved_at    INTEGER
);
CREATE INDEX plan_unmatched_plan ON plan_unmatched_names (plan_id, id);

CREATE TABLE plan_problems (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    line        INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    resolution  TEXT NOT NULL DEFAULT '',
    resolved_by INTEGER,
    resolved_at INTEGER
);
CREATE INDEX plan_problems_plan ON plan_problems (plan_id, line);

-- Append-only: the latest report of a (deliverable, unit) is its status.
CREATE TABLE plan_progress (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    deliverable_id  INTEGER NOT NULL REFERENCES plan_deliverables (id) ON DELETE CASCADE,
    unit_id         INTEGER NOT NULL REFERENCES units (id),
    status          TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
    percent         INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    note            TEXT NOT NULL,
    evidence_number TEXT NOT NULL,  -- document number, or ''
    evidence_date   TEXT NOT NULL,  -- 'YYYY-MM-DD' or ''
    evidence_files  TEXT NOT NULL,  -- document ids, comma-separated, or ''
    reported_by     INTEGER,
    reported_at     INTEGER NOT NULL
);
CREATE INDEX plan_progress_deliverable ON plan_progress (deliverable_id, unit_id, id);

-- A reminder sent before a due date (once per deliverable and date).
CREATE TABLE plan_reminders (
    deliverable_id INTEGER NOT NULL REFERENCES plan_deliverables (id) ON DELETE CASCADE,
    due_date       TEXT NOT NULL,
    sent_at        INTEGER NOT NULL,
    PRIMARY KEY (deliverable_id, due_date)
);
