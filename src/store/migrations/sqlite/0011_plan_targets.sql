-- Plan targets (issue #6; S0 §III; REGULATIONS.md §9 "store targets as a table (indicator,
-- period, level, value, source_document, article)"; docs/plan-targets.md). A target set belongs
-- to one plan (its key), issued by one unit for one year; each target keeps the words of the
-- document it comes from. Values: hundredths of a percent, whole minutes, or dossiers per staff
-- member and year (domain/plan_targets.hpp). Replacing a plan replaces its targets and areas.
CREATE TABLE plan_target_sets (
    plan_key        TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    year            INTEGER NOT NULL,
    issuing_unit_id INTEGER NOT NULL REFERENCES units (id),
    version         INTEGER NOT NULL,
    updated_by      INTEGER,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX plan_target_sets_unit ON plan_target_sets (issuing_unit_id);

-- area: '' for every area, else 'urban', 'rural' or 'remote' (the level of the target).
CREATE TABLE plan_targets (
    plan_key        TEXT NOT NULL REFERENCES plan_target_sets (plan_key) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    metric          TEXT NOT NULL,
    area            TEXT NOT NULL,
    comparator      TEXT NOT NULL CHECK (comparator IN ('>=', '<=')),
    value           INTEGER NOT NULL,
    source_document TEXT NOT NULL,
    source_section  TEXT NOT NULL,
    source_wording  TEXT NOT NULL,
    PRIMARY KEY (plan_key, metric, area)
);

-- The area of a one-stop desk under the plan (desks not listed are 'urban').
CREATE TABLE plan_unit_areas (
    plan_key  TEXT NOT NULL REFERENCES plan_target_sets (plan_key) ON DELETE CASCADE,
    unit_code TEXT NOT NULL,
    area      TEXT NOT NULL CHECK (area IN ('urban', 'rural', 'remote')),
    PRIMARY KEY (plan_key, unit_code)
);
