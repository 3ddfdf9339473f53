-- Passkeys (webauthn module): the module's reference DDL, db/webauthn/V1__passkeys.sql, verbatim,
-- plus an index for finding a ceremony by its challenge (the FIDO binding endpoints have no
-- session, so /attestation/result and /assertion/result find their ceremony that way).

CREATE TABLE webauthn_credential (
    credential_id      BYTEA                    NOT NULL,
    user_handle        BYTEA                    NOT NULL,
    public_key_cose    BYTEA                    NOT NULL,
    signature_count    BIGINT                   NOT NULL,
    transports         VARCHAR(200)             NOT NULL,
    backup_eligible    BOOLEAN                  NOT NULL,
    backup_state       BOOLEAN                  NOT NULL,
    uv_initialized     BOOLEAN                  NOT NULL,
    aaguid             BYTEA                    NOT NULL,
    attestation_format VARCHAR(32)              NOT NULL,
    name               VARCHAR(100)             NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at       TIMESTAMP WITH TIME ZONE,
    clone_suspected    BOOLEAN                  DEFAULT FALSE NOT NULL,
    CONSTRAINT webauthn_credential_pk PRIMARY KEY (credential_id),
    CONSTRAINT webauthn_credential_id_len CHECK (OCTET_LENGTH(credential_id) BETWEEN 1 AND 1023),
    CONSTRAINT webauthn_credential_user_len CHECK (OCTET_LENGTH(user_handle) BETWEEN 1 AND 64),
    CONSTRAINT webauthn_credential_key_len CHECK (OCTET_LENGTH(public_key_cose) BETWEEN 1 AND 2048),
    CONSTRAINT webauthn_credential_aaguid_len CHECK (OCTET_LENGTH(aaguid) = 16),
    CONSTRAINT webauthn_credential_count_range CHECK (signature_count BETWEEN 0 AND 4294967295)
);

CREATE INDEX webauthn_credential_user_idx ON webauthn_credential (user_handle);

CREATE TABLE webauthn_challenge (
    ceremony_id    VARCHAR(64)              NOT NULL,
    ceremony_type  VARCHAR(16)              NOT NULL,
    challenge_hash BYTEA                    NOT NULL,
    user_handle    BYTEA,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    consumed_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT webauthn_challenge_pk PRIMARY KEY (ceremony_id),
    CONSTRAINT webauthn_challenge_hash_len CHECK (OCTET_LENGTH(challenge_hash) = 32),
    CONSTRAINT webauthn_challenge_user_len CHECK (user_handle IS NULL OR OCTET_LENGTH(user_handle) BETWEEN 1 AND 64)
);

CREATE INDEX webauthn_challenge_expiry_idx ON webauthn_challenge (expires_at);

CREATE INDEX webauthn_challenge_hash_idx ON webauthn_challenge (challenge_hash);
