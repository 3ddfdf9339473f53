-- Forgotten-password links: one row per link sent by e-mail. Only the SHA-256 of the link's token
-- is stored (token/TokenHashes: sha256:<base64url>); a link is good once (used_at) and until
-- expires_at (phoenix.password-reset.ttl). Portable between H2 2.x and PostgreSQL.
CREATE TABLE phoenix_password_reset (
    token_hash VARCHAR(100) PRIMARY KEY,
    user_id VARCHAR(36) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT fk_password_reset_user FOREIGN KEY (user_id) REFERENCES phoenix_user (id) ON DELETE CASCADE
);
CREATE INDEX ix_password_reset_user ON phoenix_password_reset (user_id);
CREATE INDEX ix_password_reset_expires ON phoenix_password_reset (expires_at);
