-- Evidence files of plan progress reports (issue #7, docs/plans.md "Tracking"): a file a unit
-- attaches to its progress report on a deliverable. The bytes are in the content-addressed file
-- store of the documents (`files`, migration 0006); the client's file name is display text only.
-- plan_progress.evidence_files lists these ids.
CREATE TABLE plan_evidence (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    deliverable_id INTEGER NOT NULL REFERENCES plan_deliverables (id) ON DELETE CASCADE,
    unit_id        INTEGER NOT NULL REFERENCES units (id),
    file_sha256    TEXT NOT NULL REFERENCES files (sha256),
    file_name      TEXT NOT NULL,
    media_type     TEXT NOT NULL,
    size           INTEGER NOT NULL CHECK (size > 0),
    uploaded_by    INTEGER REFERENCES users (id),
    created_at     INTEGER NOT NULL
);
CREATE INDEX plan_evidence_deliverable ON plan_evidence (deliverable_id, unit_id, id);
