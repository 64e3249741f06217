-- The citizen's evaluation (issue #5; REGULATIONS.md §2.10): one rating per dossier, entered
-- online by the applicant or from a paper form / rating device by a desk officer, stored against
-- the dossier, its receiving and settling units and the officers who handled it; and the facts
-- about a unit the dossiers do not hold (indices 5, 6 and 8). Instants are Unix seconds.

CREATE TABLE ratings (
    dossier_id        INTEGER PRIMARY KEY REFERENCES dossiers (id),
    rated_by_user_id  INTEGER REFERENCES users (id),  -- the applicant online, or the officer
    channel           TEXT NOT NULL CHECK (channel IN ('online', 'paper', 'device')),
    satisfaction      TEXT NOT NULL
                      CHECK (satisfaction IN ('very_satisfied', 'satisfied', 'dissatisfied')),
    contacts          INTEGER NOT NULL CHECK (contacts BETWEEN 0 AND 99),
    bodies_contacted  INTEGER NOT NULL CHECK (bodies_contacted BETWEEN 0 AND 99),
    complaint         INTEGER NOT NULL CHECK (complaint IN (0, 1)),
    comment           TEXT NOT NULL DEFAULT '',
    rated_at          INTEGER NOT NULL,
    settling_unit_id  INTEGER NOT NULL REFERENCES units (id),
    receiving_unit_id INTEGER NOT NULL REFERENCES units (id)
);
CREATE INDEX ratings_settling ON ratings (settling_unit_id, rated_at);
CREATE INDEX ratings_receiving ON ratings (receiving_unit_id, rated_at);

-- The officers a rating is stored against (those who acted on the dossier's events).
CREATE TABLE rating_officers (
    dossier_id INTEGER NOT NULL REFERENCES ratings (dossier_id),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (dossier_id, user_id)
);
CREATE INDEX rating_officers_user ON rating_officers (user_id);

-- Facts about a unit from `effective_from` on (NULL: not recorded, the index scores 0).
CREATE TABLE unit_evaluation_facts (
    unit_id                     INTEGER NOT NULL REFERENCES units (id),
    effective_from              TEXT NOT NULL,  -- 'YYYY-MM-DD'
    listed_procedures           INTEGER CHECK (listed_procedures >= 0),
    fully_at_desk_procedures    INTEGER CHECK (fully_at_desk_procedures >= 0),
    eligible_procedures         INTEGER CHECK (eligible_procedures >= 0),
    received_at_desk_procedures INTEGER CHECK (received_at_desk_procedures >= 0),
    published_posted            INTEGER CHECK (published_posted IN (0, 1)),
    published_electronic        INTEGER CHECK (published_electronic IN (0, 1)),
    pakn_received               INTEGER NOT NULL DEFAULT 0 CHECK (pakn_received >= 0),
    pakn_on_time                INTEGER NOT NULL DEFAULT 0 CHECK (pakn_on_time >= 0),
    recorded_by_user_id         INTEGER REFERENCES users (id),
    recorded_at                 INTEGER NOT NULL,
    PRIMARY KEY (unit_id, effective_from)
);
