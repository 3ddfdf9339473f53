-- Phoenix IdP schema, owned by Flyway (portable between H2 2.x and PostgreSQL).
-- Based on Spring Authorization Server's schema files, with two changes:
--  * token value columns hold SHA-256 hashes ("sha256:<base64url>"), never the token itself,
--    so they are short VARCHARs with indexes for look-up;
--  * JSON columns are TEXT and timestamps carry a time zone.

CREATE TABLE oauth2_registered_client (
    id VARCHAR(100) NOT NULL,
    client_id VARCHAR(100) NOT NULL,
    client_id_issued_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret VARCHAR(200) DEFAULT NULL,
    client_secret_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    client_name VARCHAR(200) NOT NULL,
    client_authentication_methods VARCHAR(1000) NOT NULL,
    authorization_grant_types VARCHAR(1000) NOT NULL,
    redirect_uris VARCHAR(4000) DEFAULT NULL,
    post_logout_redirect_uris VARCHAR(4000) DEFAULT NULL,
    scopes VARCHAR(1000) NOT NULL,
    client_settings VARCHAR(4000) NOT NULL,
    token_settings VARCHAR(4000) NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_registered_client_client_id ON oauth2_registered_client (client_id);

CREATE TABLE oauth2_authorization (
    id VARCHAR(100) NOT NULL,
    registered_client_id VARCHAR(100) NOT NULL,
    principal_name VARCHAR(200) NOT NULL,
    authorization_grant_type VARCHAR(100) NOT NULL,
    authorized_scopes VARCHAR(1000) DEFAULT NULL,
    attributes TEXT DEFAULT NULL,
    state VARCHAR(500) DEFAULT NULL,
    authorization_code_value VARCHAR(100) DEFAULT NULL,
    authorization_code_issued_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    authorization_code_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    authorization_code_metadata TEXT DEFAULT NULL,
    access_token_value VARCHAR(100) DEFAULT NULL,
    access_token_issued_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    access_token_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    access_token_metadata TEXT DEFAULT NULL,
    access_token_type VARCHAR(100) DEFAULT NULL,
    access_token_scopes VARCHAR(1000) DEFAULT NULL,
    oidc_id_token_value VARCHAR(100) DEFAULT NULL,
    oidc_id_token_issued_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    oidc_id_token_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    oidc_id_token_metadata TEXT DEFAULT NULL,
    refresh_token_value VARCHAR(100) DEFAULT NULL,
    refresh_token_issued_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    refresh_token_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    refresh_token_metadata TEXT DEFAULT NULL,
    user_code_value VARCHAR(100) DEFAULT NULL,
    user_code_issued_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    user_code_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    user_code_metadata TEXT DEFAULT NULL,
    device_code_value VARCHAR(100) DEFAULT NULL,
    device_code_issued_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    device_code_expires_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
    device_code_metadata TEXT DEFAULT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_authorization_state ON oauth2_authorization (state);
CREATE INDEX ix_authorization_code ON oauth2_authorization (authorization_code_value);
CREATE INDEX ix_authorization_access ON oauth2_authorization (access_token_value);
CREATE INDEX ix_authorization_id_token ON oauth2_authorization (oidc_id_token_value);
CREATE INDEX ix_authorization_refresh ON oauth2_authorization (refresh_token_value);
CREATE INDEX ix_authorization_user_code ON oauth2_authorization (user_code_value);
CREATE INDEX ix_authorization_device_code ON oauth2_authorization (device_code_value);
CREATE INDEX ix_authorization_created ON oauth2_authorization (created_at);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id VARCHAR(100) NOT NULL,
    principal_name VARCHAR(200) NOT NULL,
    authorities VARCHAR(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);

-- Refresh tokens already exchanged (rotation). Presenting one again revokes its whole family.
CREATE TABLE phoenix_used_refresh_token (
    token_hash VARCHAR(100) NOT NULL,
    authorization_id VARCHAR(100) NOT NULL,
    used_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (token_hash)
);

CREATE TABLE phoenix_user (
    id VARCHAR(36) NOT NULL,
    username VARCHAR(200) NOT NULL,
    password_hash VARCHAR(200),
    email VARCHAR(320),
    email_verified BOOLEAN DEFAULT FALSE NOT NULL,
    display_name VARCHAR(200),
    roles VARCHAR(1000) DEFAULT '' NOT NULL,
    enabled BOOLEAN DEFAULT TRUE NOT NULL,
    mfa VARCHAR(32),
    user_handle VARCHAR(100),
    failed_logins INT DEFAULT 0 NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_user_username ON phoenix_user (username);

-- Token signing keys, private part AES-GCM encrypted under the master key (crypto module).
CREATE TABLE phoenix_signing_key (
    kid VARCHAR(64) PRIMARY KEY,
    algorithm VARCHAR(16) NOT NULL,
    status VARCHAR(16) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at TIMESTAMP WITH TIME ZONE,
    retired_at TIMESTAMP WITH TIME ZONE,
    public_jwk VARCHAR(4000) NOT NULL,
    private_key_enc BYTEA NOT NULL
);
