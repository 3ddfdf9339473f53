-- Client-credentials access tokens have no row in oauth2_authorization (they are stateless JWTs),
-- so disabling or deleting a client cannot list their jtis: instead every access token of the
-- client issued before not_before counts as revoked (checked by introspection and published on
-- GET /oauth2/revoked-tokens for resource servers). A row is useless after expires_at (every such
-- token has expired: not_before + the longer of the client's access-token lifetime and a day);
-- expired rows are purged.

CREATE TABLE phoenix_revoked_client (
    client_id VARCHAR(100) NOT NULL,
    not_before TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_id)
);
CREATE INDEX ix_revoked_client_expires_at ON phoenix_revoked_client (expires_at);
