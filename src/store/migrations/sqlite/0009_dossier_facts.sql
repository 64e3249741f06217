-- Facts about a dossier that come from outside systems (issue #6, REGULATIONS.md §1.4 indicators
-- 1.4, 4.4, 4.5): synced to the National Public Service Portal, data taken from the population
-- database (or a VNeID-verified account), the electronic result pushed to the citizen's data store
-- on the National Portal. Set by the integration (an API token) or by an officer, audited; an
-- unset fact is NULL (unknown), never silently false. Instants are Unix seconds.
CREATE TABLE dossier_facts (
    dossier_id          INTEGER PRIMARY KEY REFERENCES dossiers (id),
    synced_at           INTEGER,
    population_data_at  INTEGER,
    pushed_to_store_at  INTEGER,
    updated_by          INTEGER,
    updated_at          INTEGER NOT NULL
);
