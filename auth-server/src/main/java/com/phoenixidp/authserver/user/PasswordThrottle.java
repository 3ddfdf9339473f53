package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.config.PhoenixProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The counters behind password throttling, in {@code phoenix_login_throttle} (Flyway V14), shared
 * by every node (OWASP ASVS 5.0 V6.3.1; the password grant too, RFC 9700 section 2.4):
 * <ul>
 * <li>per account (any username, existing or not, so the throttle tells nothing about which exist):
 * every failed attempt adds one in a single {@code UPDATE ... SET failures = failures + 1}, so
 * parallel attempts on one node or several are all counted; an attempt whose password was
 * compared also sets {@code blocked_until = now + min(2^(failures-1) s, max-backoff)}. Attempts
 * refused during the back-off count, but do not extend it. A success (or a new password) deletes
 * the row.</li>
 * <li>per client address: failures within {@code address-window}; at
 * {@code address-max-failures} the address may not try a password until the window ends.</li>
 * </ul>
 * For existing users the account's counter and the end of its back-off are copied to
 * {@code phoenix_user.failed_logins}/{@code locked_until} (what admins see), in the transaction that
 * counts. This class does not decide what a refused attempt looks like: see
 * {@link ThrottledAuthenticationProvider}.
 */
@Component
public class PasswordThrottle {

    private static final String ACCOUNT = "account:";

    private static final String ADDRESS = "address:";

    private static final int MAX_KEY = 300;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate tx;

    private final PhoenixProperties properties;

    private final Clock clock;

    public PasswordThrottle(JdbcTemplate jdbc, TransactionTemplate tx, PhoenixProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * How long password attempts for {@code username} from {@code address} (null: not known) must
     * wait, if they must: the longer of the account's back-off and the address's window.
     */
    public Optional<Duration> blocked(String username, @Nullable String address) {
        long now = this.clock.millis();
        long until = 0;
        for (Row row : rows(username, address)) {
            if (row.key().startsWith(ACCOUNT)) {
                until = Math.max(until, row.blockedUntil());
            } else if (row.failures() >= this.properties.getLogin().getAddressMaxFailures()) {
                until = Math.max(
                        until,
                        row.windowStart()
                                + this.properties.getLogin().getAddressWindow().toMillis());
            }
        }
        return (until > now) ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
    }

    /**
     * Counts one failed password attempt for the account and the address (null: not known);
     * {@code passwordChecked}: the password was compared and was wrong (or the account may not
     * sign in), which starts or extends the back-off; false for an attempt refused during it.
     */
    public void recordFailure(String username, @Nullable String address, boolean passwordChecked) {
        recordAccountFailure(accountKey(username), username, passwordChecked);
        if (address != null) {
            recordAddressFailure(addressKey(address));
        }
    }

    /** A successful sign-in or a new password: the account's back-off ends. */
    public void reset(String username) {
        this.tx.executeWithoutResult((status) -> {
            this.jdbc.update("DELETE FROM phoenix_login_throttle WHERE throttle_key = ?", accountKey(username));
            this.jdbc.update(
                    "UPDATE phoenix_user SET failed_logins = 0, locked_until = NULL WHERE username_key = ?"
                            + " AND (failed_logins <> 0 OR locked_until IS NOT NULL)",
                    username.toLowerCase(Locale.ROOT));
        });
    }

    /** Forgets counters nobody touched for a day (every back-off and window is over by then). */
    @Scheduled(fixedDelay = 10, initialDelay = 10, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
    public void purgeIdle() {
        long idle = Math.max(
                Duration.ofDays(1).toMillis(),
                2
                        * Math.max(
                                this.properties.getLogin().getMaxBackoff().toMillis(),
                                this.properties.getLogin().getAddressWindow().toMillis()));
        this.jdbc.update("DELETE FROM phoenix_login_throttle WHERE updated_at < ?", this.clock.millis() - idle);
    }

    private void recordAccountFailure(String key, String username, boolean passwordChecked) {
        long now = this.clock.millis();
        ensureRow(key, now);
        long maxBackoff = this.properties.getLogin().getMaxBackoff().toMillis();
        this.tx.executeWithoutResult((status) -> {
            // one statement: the increment, and the back-off from the count before it (2^(n-1) s for the
            // n-th failure), cannot lose an update, on H2 or PostgreSQL, one node or several; the row
            // stays locked until the copy onto the user row is written
            if (passwordChecked) {
                this.jdbc.update(
                        "UPDATE phoenix_login_throttle SET failures = failures + 1, blocked_until ="
                                + " GREATEST(blocked_until, ? + LEAST(CAST(1000 * POWER(2, LEAST(failures, 30))"
                                + " AS BIGINT), ?)), updated_at = ? WHERE throttle_key = ?",
                        now,
                        maxBackoff,
                        now,
                        key);
            } else {
                this.jdbc.update(
                        "UPDATE phoenix_login_throttle SET failures = failures + 1, updated_at = ?"
                                + " WHERE throttle_key = ?",
                        now,
                        key);
            }
            copyToUser(key, username);
        });
    }

    private void recordAddressFailure(String key) {
        long now = this.clock.millis();
        ensureRow(key, now);
        long windowStart = now - this.properties.getLogin().getAddressWindow().toMillis();
        this.jdbc.update(
                "UPDATE phoenix_login_throttle SET"
                        + " failures = CASE WHEN window_start <= ? THEN 1 ELSE failures + 1 END,"
                        + " window_start = CASE WHEN window_start <= ? THEN ? ELSE window_start END, updated_at = ?"
                        + " WHERE throttle_key = ?",
                windowStart,
                windowStart,
                now,
                now,
                key);
    }

    /**
     * The key's row, with no failures yet, unless it exists; outside any transaction, so that
     * losing the race to insert it (PostgreSQL aborts a transaction on a duplicate key) is harmless.
     */
    private void ensureRow(String key, long now) {
        Integer present = this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM phoenix_login_throttle WHERE throttle_key = ?", Integer.class, key);
        if (present != null && present > 0) {
            return;
        }
        try {
            this.jdbc.update(
                    "INSERT INTO phoenix_login_throttle (throttle_key, failures, blocked_until, window_start,"
                            + " updated_at) VALUES (?, 0, 0, 0, ?)",
                    key,
                    now);
        } catch (DuplicateKeyException ex) {
            // another attempt inserted it first
        }
    }

    /** Mirrors the account's counter onto the user row (admin pages), if the user exists. */
    private void copyToUser(String key, String username) {
        this.jdbc.query(
                "SELECT failures, blocked_until FROM phoenix_login_throttle WHERE throttle_key = ?",
                (java.sql.ResultSet rs) -> {
                    long blockedUntil = rs.getLong("blocked_until");
                    this.jdbc.update(
                            "UPDATE phoenix_user SET failed_logins = ?, locked_until = ? WHERE username_key = ?",
                            rs.getInt("failures"),
                            (blockedUntil > 0)
                                    ? Instant.ofEpochMilli(blockedUntil).atOffset(ZoneOffset.UTC)
                                    : null,
                            username.toLowerCase(Locale.ROOT));
                },
                key);
    }

    private record Row(String key, int failures, long blockedUntil, long windowStart) {}

    private java.util.List<Row> rows(String username, @Nullable String address) {
        String account = accountKey(username);
        String addressKey = (address != null) ? addressKey(address) : account;
        return this.jdbc.query(
                "SELECT throttle_key, failures, blocked_until, window_start FROM phoenix_login_throttle"
                        + " WHERE throttle_key IN (?, ?)",
                (rs, n) -> new Row(
                        rs.getString("throttle_key"),
                        rs.getInt("failures"),
                        rs.getLong("blocked_until"),
                        rs.getLong("window_start")),
                account,
                addressKey);
    }

    private static String accountKey(String username) {
        return truncate(ACCOUNT + ((username != null) ? username.toLowerCase(Locale.ROOT) : ""));
    }

    private static String addressKey(String address) {
        return truncate(ADDRESS + address);
    }

    private static String truncate(String key) {
        return (key.length() > MAX_KEY) ? key.substring(0, MAX_KEY) : key;
    }
}
