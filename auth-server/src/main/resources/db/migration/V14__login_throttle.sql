-- Password sign-in throttling (login page, password grant, the account page's current password),
-- shared by every node. One row per throttled key:
--   'account:<username, lower case>'  per-account exponential back-off: every failed password attempt
--      counts (failures + 1, one atomic UPDATE, so parallel attempts on one or several nodes are all
--      counted); one whose password was checked sets blocked_until = now + min(2^(failures-1) s,
--      phoenix.login.max-backoff). Unknown usernames get rows too, so a throttled account looks the same
--      whether it exists or not. A successful sign-in deletes the row.
--   'address:<client address>'  failures within a window (window_start): at
--      phoenix.login.address-max-failures the address may not try a password until the window ends.
-- Times are epoch milliseconds (BIGINT), so the arithmetic stays in portable SQL (H2 2.x, PostgreSQL).
-- phoenix_user.failed_logins / locked_until keep a copy of an existing account's counter and end of
-- back-off, for the admin pages; this table decides.

CREATE TABLE phoenix_login_throttle (
    throttle_key VARCHAR(300) NOT NULL,
    failures INT DEFAULT 0 NOT NULL,
    blocked_until BIGINT DEFAULT 0 NOT NULL,
    window_start BIGINT DEFAULT 0 NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (throttle_key)
);
CREATE INDEX ix_login_throttle_updated_at ON phoenix_login_throttle (updated_at);
