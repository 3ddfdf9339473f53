-- RFC 7591 / RFC 7592 dynamic client registration: the registration access token of each
-- dynamically registered client, as its SHA-256 hash ("sha256:<base64url>"), never the token.
-- A client registered by bootstrap or the admin API has no row here (no RFC 7592 access).
CREATE TABLE phoenix_client_registration (
    client_id VARCHAR(100) PRIMARY KEY,
    token_hash VARCHAR(100) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
