-- A narrow row of facts per dossier for the indicator aggregates (issue #6: the full rebuild no
-- slower than DuckDB; docs/indicators.md "How it computes"). Replaces indicator_contributions:
-- the contribution last applied to the counters is domain::indicators::Contribute() of these
-- inputs. Written by every refresh in the same transaction as the change to the dossier; the
-- rebuild recounts from it (about 40 bytes a dossier) instead of the 2 KB dossier rows.
-- `aggregates` and `aggregates_unit` (0010) are unchanged.
--   flags: bits 0-3 channel, 4-7 timing, 8.. late, result_issued, fee_bearing, paid_online,
--          facts_known, synced, population_data, pushed_to_store, reused, digitised_component,
--          digitised_result, rated, dissatisfied (store/aggregates.cpp kFlagOrder).
DROP TABLE indicator_contributions;

CREATE TABLE indicator_inputs (
    dossier_id     INTEGER PRIMARY KEY,  -- derived data: no foreign key (bulk rebuilds)
    unit_id        INTEGER NOT NULL,
    procedure_code TEXT NOT NULL,
    received_at    INTEGER,
    finished_at    INTEGER,
    due_at         INTEGER,
    flags          INTEGER NOT NULL
);

-- Rebuilt from the dossiers at the server's start (kContributionVersion 3); 'inputs' = '1' once
-- a rebuild from the dossiers has filled indicator_inputs (absent: never).
UPDATE aggregate_meta SET value = '0' WHERE key = 'built';
DELETE FROM aggregate_meta WHERE key = 'inputs';
