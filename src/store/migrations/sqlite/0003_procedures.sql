-- The procedure catalogue, one row per version (issue #3). documents and levels are JSON text;
-- search_key is the folded text search matches (text::SearchKey), indexed by FTS5.

CREATE TABLE procedures (
    code                 TEXT NOT NULL,
    effective_from       TEXT NOT NULL,
    effective_to         TEXT,
    name                 TEXT NOT NULL,
    field                TEXT NOT NULL DEFAULT '',
    levels               TEXT NOT NULL DEFAULT '[]',
    implementing_units   TEXT NOT NULL DEFAULT '',
    processing_milli     INTEGER NOT NULL DEFAULT 0,
    time_unit            TEXT NOT NULL CHECK (time_unit IN ('working_days', 'days', 'hours',
                                                            'months')),
    fees                 TEXT NOT NULL DEFAULT '',
    fee_amount           INTEGER NOT NULL DEFAULT 0,
    online_level         TEXT NOT NULL CHECK (online_level IN ('none', 'partial', 'full')),
    documents            TEXT NOT NULL DEFAULT '[]',
    legal_basis          TEXT NOT NULL DEFAULT '',
    publication_decision TEXT NOT NULL DEFAULT '',
    steps                TEXT NOT NULL DEFAULT '',
    conditions           TEXT NOT NULL DEFAULT '',
    result               TEXT NOT NULL DEFAULT '',
    source_url           TEXT NOT NULL DEFAULT '',
    search_key           TEXT NOT NULL DEFAULT '',
    version              INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (code, effective_from),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX procedures_field ON procedures (field);

-- Word-prefix search over search_key. A regular (not external-content) FTS5 table keyed by
-- (code, effective_from): the rowids of a table without INTEGER PRIMARY KEY may change on VACUUM.
-- Kept in sync by the triggers below, so every writer (not only this repository) keeps it right.
CREATE VIRTUAL TABLE procedures_fts USING fts5(
    search_key, code UNINDEXED, effective_from UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4');

CREATE TRIGGER procedures_fts_insert AFTER INSERT ON procedures
BEGIN
    INSERT INTO procedures_fts (search_key, code, effective_from)
    VALUES (new.search_key, new.code, new.effective_from);
END;

CREATE TRIGGER procedures_fts_delete AFTER DELETE ON procedures
BEGIN
    DELETE FROM procedures_fts WHERE code = old.code AND effective_from = old.effective_from;
END;

CREATE TRIGGER procedures_fts_update AFTER UPDATE ON procedures
BEGIN
    DELETE FROM procedures_fts WHERE code = old.code AND effective_from = old.effective_from;
    INSERT INTO procedures_fts (search_key, code, effective_from)
    VALUES (new.search_key, new.code, new.effective_from);
END;
