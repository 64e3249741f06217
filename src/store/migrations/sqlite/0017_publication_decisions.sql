-- Publication decisions (quyết định công bố TTHC; issue #8; REGULATIONS.md §5.1–5.2;
-- docs/control.md "Publication decisions"): a decision of an issuing unit (number unique per
-- unit), the legal documents it implements and its items (a procedure added, amended, replaced
-- or abolished), with the days each item was entered into the national TTHC database and the
-- catalogue at the centres/online was updated. state: draft → signed → applied (applying writes
-- the catalogue versions, store/procedures). Days are 'YYYY-MM-DD'; instants unix seconds.
CREATE TABLE publication_decisions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    issuing_unit_id  INTEGER NOT NULL REFERENCES units (id),
    number           TEXT NOT NULL,
    title            TEXT NOT NULL,
    issuer           TEXT NOT NULL CHECK (issuer IN ('province', 'ministry')),
    convention       TEXT NOT NULL CHECK (convention IN ('working_days', 'calendar_days')),
    signed_on        TEXT,
    signer           TEXT NOT NULL,
    signer_position  TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('draft', 'signed', 'applied')),
    applied_on       TEXT,
    version          INTEGER NOT NULL,
    created_by       INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (issuing_unit_id, number)
);
CREATE INDEX publication_decisions_signed ON publication_decisions (issuing_unit_id, signed_on);

-- level: who issued the legal document (province, ministry); shortened: made by the shortened
-- procedure and effective on adoption (adopted_on is then the day it was published or signed).
CREATE TABLE publication_legal_documents (
    decision_id  INTEGER NOT NULL REFERENCES publication_decisions (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    number       TEXT NOT NULL,
    title        TEXT NOT NULL,
    level        TEXT NOT NULL CHECK (level IN ('province', 'ministry')),
    adopted_on   TEXT,
    effective_on TEXT NOT NULL,
    shortened    INTEGER NOT NULL CHECK (shortened IN (0, 1)),
    PRIMARY KEY (decision_id, position)
);

-- change: added, amended, replaced (replaced_code: the procedure it replaces), abolished.
-- document_position: the position of the legal document whose effective day the new version takes.
-- procedure_fields: the new version's fields as an exchange-format JSON object (docs/exchange.md)
-- without code and effective_from; '' for abolished items and for a reference to a version
-- already imported into the catalogue.
CREATE TABLE publication_items (
    decision_id          INTEGER NOT NULL REFERENCES publication_decisions (id) ON DELETE CASCADE,
    position             INTEGER NOT NULL,
    procedure_code       TEXT NOT NULL,
    change               TEXT NOT NULL CHECK (change IN ('added', 'amended', 'replaced',
                                                         'abolished')),
    replaced_code        TEXT,
    document_position    INTEGER NOT NULL,
    procedure_fields     TEXT NOT NULL,
    database_entered_on  TEXT,
    catalogue_updated_on TEXT,
    PRIMARY KEY (decision_id, position)
);
CREATE INDEX publication_items_code ON publication_items (procedure_code);
