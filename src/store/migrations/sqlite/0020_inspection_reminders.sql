-- Reminders of inspections (issue #7, engineer P; docs/inspections.md "Reminders"): one row per
-- inspection, kind and due day a reminder went out for, so that the server's sweep queues each
-- notification once — the notice due before a scheduled or sudden visit (S3 §II.2), the inspected
-- unit's report due before the visit (S3 §VII.3), the remediation report due 30 working days
-- after the conclusion was received (S3 §II.2).
CREATE TABLE inspection_reminders (
    inspection_id INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('notice', 'report', 'remediation')),
    due_date      TEXT NOT NULL,
    sent_at       INTEGER NOT NULL,
    PRIMARY KEY (inspection_id, kind, due_date)
);
