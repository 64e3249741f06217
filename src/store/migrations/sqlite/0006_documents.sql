-- Documents of dossiers (issue #5): uploaded and digitised components and results. The bytes
-- live outside the database in a content-addressed store (<files dir>/<sha[0:2]>/<sha256 hex>,
-- app/documents.cpp); `files` records each distinct content once. A document is one use of a
-- file: a component of a draft or a dossier, or a result. The client's file name is display
-- text only. Instants are Unix seconds; dates 'YYYY-MM-DD'.

CREATE TABLE files (
    sha256     TEXT PRIMARY KEY,  -- lower-case hex
    size       INTEGER NOT NULL CHECK (size > 0),
    media_type TEXT NOT NULL,     -- as sniffed from the bytes
    created_at INTEGER NOT NULL
);

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_id      INTEGER REFERENCES dossiers (id),
    draft_id        INTEGER REFERENCES drafts (id) ON DELETE CASCADE,
    owner_user_id   INTEGER REFERENCES users (id),  -- the citizen whose document it is
    owner_id_number TEXT NOT NULL DEFAULT '',       -- applicant's identity number / tax code
    role            TEXT NOT NULL CHECK (role IN ('component', 'result')),
    component_name  TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL DEFAULT '',
    file_sha256     TEXT NOT NULL REFERENCES files (sha256),
    file_name       TEXT NOT NULL,                  -- sanitised display text, never a path
    media_type      TEXT NOT NULL,
    size            INTEGER NOT NULL,
    digitised       INTEGER NOT NULL DEFAULT 0 CHECK (digitised IN (0, 1)),
    reused_from     INTEGER REFERENCES documents (id),
    valid_until     TEXT,                           -- results: last day of validity
    uploaded_by     INTEGER REFERENCES users (id),
    created_at      INTEGER NOT NULL,
    CHECK (dossier_id IS NOT NULL OR draft_id IS NOT NULL)
);
CREATE INDEX documents_dossier ON documents (dossier_id, id);
CREATE INDEX documents_draft ON documents (draft_id, id);
CREATE INDEX documents_owner_user ON documents (owner_user_id, role, digitised);
CREATE INDEX documents_owner_number ON documents (owner_id_number, role, digitised);
