-- Impact assessment of draft procedures and review/simplification plans (issue #8;
-- docs/control.md "Impact assessment" and "Review and simplification plans";
-- app/impact_assessments.hpp, app/review_plans.hpp). The Standard Cost Model inputs are stored as
-- the canonical JSON written by app/ (activities, income, costs, subjects, frequency); the
-- figures are recomputed with domain::compliance_cost when read. Instants unix seconds, days
-- 'YYYY-MM-DD'.

-- state: draft, submitted, reviewed, done. answers: JSON {question key: {answer, note}};
-- conclusions: JSON {necessity, reasonableness, legality, overall}.
CREATE TABLE impact_assessments (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id          INTEGER NOT NULL REFERENCES units (id),
    draft_name       TEXT NOT NULL,
    draft_number     TEXT NOT NULL,
    procedure_name   TEXT NOT NULL,
    procedure_field  TEXT NOT NULL,
    subjects         TEXT NOT NULL,
    frequency        TEXT NOT NULL,
    answers          TEXT NOT NULL,
    conclusions      TEXT NOT NULL,
    cost_inputs      TEXT NOT NULL,
    state            TEXT NOT NULL,
    reviewer_opinion TEXT NOT NULL,
    reviewed_by      INTEGER,
    reviewed_at      INTEGER,
    version          INTEGER NOT NULL,
    created_by       INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX impact_assessments_unit ON impact_assessments (unit_id, state);

-- state: proposed, approved, implemented.
CREATE TABLE review_plans (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id               INTEGER NOT NULL REFERENCES units (id),
    year                  INTEGER NOT NULL,
    title                 TEXT NOT NULL,
    decision_number       TEXT NOT NULL,
    state                 TEXT NOT NULL,
    approved_by           TEXT NOT NULL,
    approval_decision     TEXT NOT NULL,
    approved_on           TEXT,
    implemented_on        TEXT,
    publication_decision  TEXT NOT NULL,
    version               INTEGER NOT NULL,
    created_by            INTEGER,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
);
CREATE INDEX review_plans_unit ON review_plans (unit_id, year);

-- One selected procedure: changes JSON {documents_cut, days_cut, fee_change, online_level, text};
-- cost_before / cost_after: the SCM inputs (as impact_assessments.cost_inputs).
CREATE TABLE review_plan_items (
    plan_id        INTEGER NOT NULL REFERENCES review_plans (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    procedure_code TEXT NOT NULL,
    procedure_name TEXT NOT NULL,
    changes        TEXT NOT NULL,
    reason         TEXT NOT NULL,
    cost_before    TEXT NOT NULL,
    cost_after     TEXT NOT NULL,
    PRIMARY KEY (plan_id, position)
);
