-- Several nodes on one database (README "Running in production"). Portable between H2 2.x and PostgreSQL.

-- ShedLock's table (net.javacrumbs.shedlock, JdbcTemplateLockProvider with database time): the
-- housekeeping job runs on one node at a time, whichever takes the lease first.
CREATE TABLE shedlock (
    name VARCHAR(64) NOT NULL,
    lock_until TIMESTAMP NOT NULL,
    locked_at TIMESTAMP NOT NULL,
    locked_by VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
);

-- Blocking cluster locks, one row each, held with SELECT ... FOR UPDATE in a transaction (released
-- by commit or by the end of a killed holder's connection): creating or rotating the signing keys
-- (crypto's JdbcSigningKeyRepository) and applying phoenix.bootstrap at start-up, so that nodes
-- starting at the same moment on an empty database create one key set and one set of users.
CREATE TABLE phoenix_lock (
    name VARCHAR(64) NOT NULL,
    PRIMARY KEY (name)
);
INSERT INTO phoenix_lock (name) VALUES ('signing-keys');
INSERT INTO phoenix_lock (name) VALUES ('bootstrap');

-- Optimistic concurrency for authorizations: every update is "UPDATE ... WHERE id = ? AND
-- row_version = <the version read>", so of concurrent requests with the same refresh token (or
-- authorization code) one wins and the others are refused, on one node or several.
ALTER TABLE oauth2_authorization ADD COLUMN row_version BIGINT DEFAULT 0 NOT NULL;

-- Housekeeping deletes by expiry in bounded batches.
CREATE INDEX ix_used_refresh_token_expires ON phoenix_used_refresh_token (expires_at);
