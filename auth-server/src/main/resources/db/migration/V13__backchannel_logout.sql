-- OpenID Connect Back-Channel Logout 1.0: the logout tokens still to be delivered. A row is written
-- in the same transaction as the change that ends the session (a user disabled or deleted, signed
-- out everywhere) or just before the session ends (RP-initiated logout, sign-out), one per client
-- of the session that registered a backchannel_logout_uri. Any node delivers it (LogoutDeliverer):
-- it claims a row by setting locked_until (a lease, so a node that dies mid-delivery leaves it to
-- the others once the lease is over), POSTs a freshly signed logout token, deletes the row on a 2xx
-- answer, and otherwise sets next_attempt_at with exponential back-off until give-up-after.
-- No token is stored: the token is signed at each attempt from (client_id, subject, sid).
-- Portable between H2 2.x and PostgreSQL (no SKIP LOCKED: the lease is a compare-and-set UPDATE).

CREATE TABLE phoenix_logout_delivery (
    id VARCHAR(36) NOT NULL,
    client_id VARCHAR(100) NOT NULL,
    subject VARCHAR(200) NOT NULL,
    sid VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts INT DEFAULT 0 NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE,
    last_error VARCHAR(200),
    PRIMARY KEY (id)
);
CREATE INDEX ix_logout_delivery_next_attempt ON phoenix_logout_delivery (next_attempt_at);
