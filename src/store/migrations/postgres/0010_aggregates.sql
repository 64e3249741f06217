-- Incremental aggregates of the Decision 766 indicators and the Circular 01/2020 reports
-- (issue #6; see the SQLite migration of the same number for the design).

ALTER TABLE dossiers ADD COLUMN fee_amount BIGINT NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN result_kind TEXT NOT NULL DEFAULT '';
UPDATE dossiers SET
    fee_amount = COALESCE((body_json::jsonb ->> 'fee_amount')::BIGINT, 0),
    result_kind = COALESCE(body_json::jsonb ->> 'result_kind', '');

CREATE TABLE aggregates (
    unit_id        BIGINT NOT NULL,
    day            INTEGER NOT NULL,
    metric         INTEGER NOT NULL,
    procedure_code TEXT NOT NULL,
    value          BIGINT NOT NULL,
    PRIMARY KEY (unit_id, day, metric, procedure_code)
);

-- The same summed over procedures: what unit-level reads scan (about one row per unit, day and
-- metric, instead of one per procedure too).
CREATE TABLE aggregates_unit (
    unit_id BIGINT NOT NULL,
    day     INTEGER NOT NULL,
    metric  INTEGER NOT NULL,
    value   BIGINT NOT NULL,
    PRIMARY KEY (unit_id, day, metric)
);

-- Every change applied to aggregates_unit, in order, so that the servers' in-memory indexes
-- (app/indicator_index.hpp) catch up without rereading the table; pruned once old.
CREATE TABLE aggregate_changes (
    seq     BIGSERIAL PRIMARY KEY,
    unit_id BIGINT NOT NULL,
    day     INTEGER NOT NULL,
    metric  INTEGER NOT NULL,
    procedure_code TEXT NOT NULL,
    delta   BIGINT NOT NULL
);

CREATE TABLE indicator_contributions (
    dossier_id     BIGINT PRIMARY KEY,  -- derived data: no foreign key (bulk rebuilds)
    unit_id        BIGINT NOT NULL,
    procedure_code TEXT NOT NULL,
    items          TEXT NOT NULL
);

CREATE TABLE aggregate_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO aggregate_meta (key, value) VALUES ('built', '0');
