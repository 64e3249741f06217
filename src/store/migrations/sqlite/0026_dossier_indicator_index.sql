-- A covering index of the dossier columns the indicators read (issue #6: the full rebuild no
-- slower than DuckDB; docs/indicators.md "Session 9"). `motcua rebuild-aggregates` recomputes
-- every dossier's inputs from the dossiers: through this index it reads about 60 bytes a dossier
-- instead of the 2 KB rows (the table does not fit in memory at a province's 10 M dossiers),
-- and SQLite keeps it in the same transaction as the rows, so it is the dossiers' own data.
CREATE INDEX dossiers_indicator_inputs ON dossiers (id, settling_unit_id, procedure_code,
    channel, received_at, finished_at, due_at, appointment_at, timing, late, result_kind,
    fee_amount);
