-- System settings versioned by effective day (session 8, engineer D; docs/control.md
-- "Settings"): one row per change of a key, never updated or deleted. The value in force on a
-- day D is the row of the key with the latest valid_from <= D (the latest change on a tie); no
-- row: the built-in default (app/settings.hpp). A change applies from a day after the day it is
-- made, so what was in force on any past day never changes. Days 'YYYY-MM-DD'; instants unix
-- seconds.
CREATE TABLE settings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    changed_by  INTEGER REFERENCES users (id),
    changed_at  INTEGER NOT NULL
);
CREATE INDEX settings_key ON settings (key, valid_from);

-- A publication decision that did not choose its days convention takes the setting
-- 'publication.day_convention' in force on its signature day (1 = from the setting).
ALTER TABLE publication_decisions ADD COLUMN convention_from_setting INTEGER NOT NULL DEFAULT 0;
