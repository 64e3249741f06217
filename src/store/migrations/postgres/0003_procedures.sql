-- The procedure catalogue, one row per version (issue #3). documents and levels are JSON text;
-- search_key is the folded text search matches (text::SearchKey). Search is word-prefix LIKE
-- over ' ' || search_key (the repository stores the key as single-space-separated words), the
-- same semantics as SQLite's FTS5 prefix queries; a catalogue of a few thousand rows scans fast.

CREATE TABLE procedures (
    code                 TEXT COLLATE "C" NOT NULL,
    effective_from       DATE NOT NULL,
    effective_to         DATE,
    name                 TEXT NOT NULL,
    field                TEXT COLLATE "C" NOT NULL DEFAULT '',
    levels               TEXT NOT NULL DEFAULT '[]',
    implementing_units   TEXT NOT NULL DEFAULT '',
    processing_milli     BIGINT NOT NULL DEFAULT 0,
    time_unit            TEXT NOT NULL CHECK (time_unit IN ('working_days', 'days', 'hours',
                                                            'months')),
    fees                 TEXT NOT NULL DEFAULT '',
    fee_amount           BIGINT NOT NULL DEFAULT 0,
    online_level         TEXT NOT NULL CHECK (online_level IN ('none', 'partial', 'full')),
    documents            TEXT NOT NULL DEFAULT '[]',
    legal_basis          TEXT NOT NULL DEFAULT '',
    publication_decision TEXT NOT NULL DEFAULT '',
    steps                TEXT NOT NULL DEFAULT '',
    conditions           TEXT NOT NULL DEFAULT '',
    result               TEXT NOT NULL DEFAULT '',
    source_url           TEXT NOT NULL DEFAULT '',
    search_key           TEXT NOT NULL DEFAULT '',
    version              BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (code, effective_from),
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX procedures_field ON procedures (field);
