-- The covering index of the dossier columns the indicators read (see the SQLite migration of
-- the same number); PostgreSQL can answer the rebuild's read from it by an index-only scan.
CREATE INDEX dossiers_indicator_inputs ON dossiers (id) INCLUDE (settling_unit_id,
    procedure_code, channel, received_at, finished_at, due_at, appointment_at, timing, late,
    result_kind, fee_amount);
