-- Organisation, people and sign-in (issue #3). Same semantics as postgres/0001_core.sql.
-- Instants are INTEGER Unix seconds, dates TEXT 'YYYY-MM-DD', booleans INTEGER 0/1.

CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL CHECK (type IN ('province', 'district', 'commune', 'agency',
                                              'service_centre', 'one_stop_desk')),
    name        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES units (id),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    merged_into INTEGER REFERENCES units (id),
    version     INTEGER NOT NULL DEFAULT 1,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX units_parent ON units (parent_id);

-- Who a unit belonged to, period by period (valid_to inclusive; NULL = open).
CREATE TABLE unit_parents (
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    parent_id  INTEGER REFERENCES units (id),
    valid_from TEXT NOT NULL,
    valid_to   TEXT,
    PRIMARY KEY (unit_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX unit_parents_parent ON unit_parents (parent_id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER,
    created_at    INTEGER NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('citizen', 'desk_officer', 'specialist', 'leader',
                                          'control_officer', 'admin')),
    unit_id INTEGER REFERENCES units (id),
    CHECK (role = 'citizen' OR unit_id IS NOT NULL)
);
CREATE UNIQUE INDEX user_roles_grant ON user_roles (user_id, role, COALESCE(unit_id, 0));
CREATE INDEX user_roles_unit ON user_roles (unit_id);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
