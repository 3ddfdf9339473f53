-- Device authorization grant (RFC 8628 section 3.5): when each pending device code was last
-- polled, so a client polling faster than its interval gets "slow_down". Keyed by the
-- SHA-256 hash of the device code ("sha256:<base64url>"), never the code itself.
CREATE TABLE phoenix_device_poll (
    device_code_hash VARCHAR(100) NOT NULL,
    last_poll_at TIMESTAMP WITH TIME ZONE NOT NULL,
    interval_seconds BIGINT NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (device_code_hash)
);
CREATE INDEX ix_device_poll_expires ON phoenix_device_poll (expires_at);
