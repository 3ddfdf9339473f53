-- One-time JWT identifiers already seen, so that a replay is refused on every node:
-- the "jti" of private_key_jwt client assertions (RFC 7523 section 3, per client) and of DPoP
-- proofs (RFC 9449 section 11.1, per key). A row lives until the JWT it came from expires
-- (a few minutes at most) and is then purged. The jti is kept as its SHA-256 hash.
CREATE TABLE phoenix_seen_jti (
    jti_scope VARCHAR(150) NOT NULL,
    jti_hash VARCHAR(100) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (jti_scope, jti_hash)
);
CREATE INDEX ix_seen_jti_expires ON phoenix_seen_jti (expires_at);
