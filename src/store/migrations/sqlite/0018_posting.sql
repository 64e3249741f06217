-- Public posting of the procedures at the desks (issue #8; REGULATIONS.md §5.3, docs/control.md
-- "Public posting"). A posting is what a one-stop desk or service centre put up on its board on a
-- day: the list of procedure versions (code + effective_from of the catalogue version). Postings
-- are append-only records: a new posting replaces the previous one on the board.
CREATE TABLE postings (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    desk_unit_id    INTEGER NOT NULL REFERENCES units (id),
    posted_on       TEXT NOT NULL,             -- 'YYYY-MM-DD', the day it was put up
    officer_user_id INTEGER NOT NULL REFERENCES users (id),
    layout          TEXT NOT NULL DEFAULT 'a4' CHECK (layout IN ('a4', 'board', 'screen')),
    note            TEXT NOT NULL DEFAULT '',
    recorded_at     INTEGER NOT NULL           -- Unix seconds
);
-- "The latest posting of a desk on or before a day".
CREATE INDEX postings_desk_day ON postings (desk_unit_id, posted_on, id);

CREATE TABLE posting_items (
    posting_id     INTEGER NOT NULL REFERENCES postings (id),
    procedure_code TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    PRIMARY KEY (posting_id, procedure_code)
);
