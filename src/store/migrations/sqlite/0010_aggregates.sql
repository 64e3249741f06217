-- Incremental aggregates of the Decision 766 indicators and the Circular 01/2020 reports
-- (issue #6; docs/indicators.md; src/domain/indicators.hpp). Every dossier contributes unit
-- counters dated by a civil day (days since 1970-01-01, Vietnam time); `aggregates` holds their
-- sums per settling unit, procedure, day and metric, updated in the same transaction as every
-- change to the dossier; `indicator_contributions` remembers each dossier's last contribution so
-- that a change subtracts it and adds the new one. `motcua rebuild-aggregates` recomputes both.

-- Facts the indicators need that were only in body_json.
ALTER TABLE dossiers ADD COLUMN fee_amount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN result_kind TEXT NOT NULL DEFAULT '';
UPDATE dossiers SET
    fee_amount = COALESCE(json_extract(body_json, '$.fee_amount'), 0),
    result_kind = COALESCE(json_extract(body_json, '$.result_kind'), '');

CREATE TABLE aggregates (
    unit_id        INTEGER NOT NULL,
    day            INTEGER NOT NULL,
    metric         INTEGER NOT NULL,
    procedure_code TEXT NOT NULL,
    value          INTEGER NOT NULL,
    PRIMARY KEY (unit_id, day, metric, procedure_code)
) WITHOUT ROWID;

-- The same summed over procedures: what unit-level reads scan (about one row per unit, day and
-- metric, instead of one per procedure too).
CREATE TABLE aggregates_unit (
    unit_id INTEGER NOT NULL,
    day     INTEGER NOT NULL,
    metric  INTEGER NOT NULL,
    value   INTEGER NOT NULL,
    PRIMARY KEY (unit_id, day, metric)
) WITHOUT ROWID;

-- Every change applied to aggregates_unit, in order, so that the servers' in-memory indexes
-- (app/indicator_index.hpp) catch up without rereading the table; pruned once old.
CREATE TABLE aggregate_changes (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id INTEGER NOT NULL,
    day     INTEGER NOT NULL,
    metric  INTEGER NOT NULL,
    procedure_code TEXT NOT NULL,
    delta   INTEGER NOT NULL
);

CREATE TABLE indicator_contributions (
    dossier_id     INTEGER PRIMARY KEY,  -- derived data: no foreign key (bulk rebuilds)
    unit_id        INTEGER NOT NULL,
    procedure_code TEXT NOT NULL,
    items          TEXT NOT NULL  -- "day:metric;…" (domain::indicators::EncodeItems)
);

-- 'built' = the version of domain::indicators::Contribute the aggregates were built with; '0'
-- until the first rebuild (dossiers that existed before this migration have no contribution
-- yet). The server rebuilds at start when it differs from the code's kContributionVersion.
CREATE TABLE aggregate_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO aggregate_meta (key, value) VALUES ('built', '0');
