-- User federation (issue 14): directory (LDAP/AD) accounts and links to upstream OpenID Connect
-- providers. Both hang off the one local record (phoenix_user) and go with it. Portable between
-- H2 2.x and PostgreSQL.

-- A user whose password is checked by the directory (phoenix_user.source = 'ldap'): the entry's DN,
-- the roles the directory granted at the last check (so that they, and only they, are replaced at
-- the next one), and when the directory last confirmed the user (the refresh re-check).
CREATE TABLE phoenix_ldap_account (
    user_id VARCHAR(36) NOT NULL,
    dn VARCHAR(2000) NOT NULL,
    directory_roles VARCHAR(4000) DEFAULT '' NOT NULL,
    checked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT fk_ldap_account_user FOREIGN KEY (user_id) REFERENCES phoenix_user (id) ON DELETE CASCADE
);

-- An upstream identity (provider alias, its "sub") linked to a local user. upstream_roles: the roles
-- the provider's claims mapped to at the last sign-in (replaced, and only they, at the next one).
CREATE TABLE phoenix_federated_identity (
    provider VARCHAR(64) NOT NULL,
    subject VARCHAR(255) NOT NULL,
    user_id VARCHAR(36) NOT NULL,
    upstream_roles VARCHAR(4000) DEFAULT '' NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (provider, subject),
    CONSTRAINT fk_federated_identity_user FOREIGN KEY (user_id) REFERENCES phoenix_user (id) ON DELETE CASCADE
);
CREATE INDEX ix_federated_identity_user ON phoenix_federated_identity (user_id);
