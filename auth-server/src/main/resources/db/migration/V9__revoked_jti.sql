-- Revoked JWT access tokens, by jti, until they expire: the list resource servers poll
-- (GET /oauth2/revoked-tokens) so a revoked access token stops working without introspection.
-- A row is useless once expires_at has passed (the token itself is expired); expired rows are purged.
-- The jti of an authorization's access token is read from its stored claims
-- (oauth2_authorization.access_token_metadata) when the authorization is revoked, so
-- oauth2_authorization itself is unchanged.

CREATE TABLE phoenix_revoked_jti (
    jti VARCHAR(100) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (jti)
);
CREATE INDEX ix_revoked_jti_expires_at ON phoenix_revoked_jti (expires_at);

-- revoking every token of a user or a client looks up their authorizations with a live access token
CREATE INDEX ix_oauth2_authz_principal_name ON oauth2_authorization (principal_name);
CREATE INDEX ix_oauth2_authz_registered_client ON oauth2_authorization (registered_client_id);
