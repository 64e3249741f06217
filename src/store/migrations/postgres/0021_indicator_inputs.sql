-- A narrow row of facts per dossier for the indicator aggregates (issue #6; see the SQLite
-- migration of the same number for the design and the encoding).
DROP TABLE indicator_contributions;

CREATE TABLE indicator_inputs (
    dossier_id     BIGINT PRIMARY KEY,
    unit_id        BIGINT NOT NULL,
    procedure_code TEXT NOT NULL,
    received_at    BIGINT,
    finished_at    BIGINT,
    due_at         BIGINT,
    flags          BIGINT NOT NULL
);

UPDATE aggregate_meta SET value = '0' WHERE key = 'built';
DELETE FROM aggregate_meta WHERE key = 'inputs';
