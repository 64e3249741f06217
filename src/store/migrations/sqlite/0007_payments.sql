-- Fees of dossiers (issue #5): one row per payment attempt (online through a gateway, or
-- recorded at the desk), and every gateway callback received, verified or not. Instants are
-- Unix seconds; amounts are VND.

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_id   INTEGER NOT NULL REFERENCES dossiers (id),
    order_ref    TEXT NOT NULL UNIQUE,  -- random, unguessable; sent to the gateway
    amount       INTEGER NOT NULL CHECK (amount > 0),
    status       TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'cancelled')),
    method       TEXT NOT NULL CHECK (method IN ('online', 'cash', 'transfer')),
    provider     TEXT NOT NULL,          -- gateway name ('sandbox', ...) or 'desk'
    provider_txn TEXT,                   -- the gateway's transaction id (or the desk's receipt)
    created_by   INTEGER REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    paid_at      INTEGER,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX payments_dossier ON payments (dossier_id, id);
-- At most one paid payment per dossier.
CREATE UNIQUE INDEX payments_one_paid ON payments (dossier_id) WHERE status = 'paid';
-- A gateway transaction settles one payment.
CREATE UNIQUE INDEX payments_provider_txn ON payments (provider, provider_txn)
    WHERE provider_txn IS NOT NULL;

-- Every callback (IPN) as received: kept whatever its outcome, for audit and disputes.
CREATE TABLE payment_callbacks (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    payment_id    INTEGER REFERENCES payments (id),
    order_ref     TEXT NOT NULL,
    provider_txn  TEXT NOT NULL,
    verified      INTEGER NOT NULL CHECK (verified IN (0, 1)),
    outcome       TEXT NOT NULL,  -- 'applied', 'duplicate' or 'rejected: <reason>'
    response_code TEXT NOT NULL,  -- the RspCode answered
    received_at   INTEGER NOT NULL,
    remote_ip     TEXT NOT NULL,
    raw_params    TEXT NOT NULL   -- the body as received (truncated to 4 KiB)
);
CREATE INDEX payment_callbacks_order ON payment_callbacks (order_ref, id);
