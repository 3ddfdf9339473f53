package com.phoenixidp.authserver.passwordreset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * JDBC storage of reset links in {@code phoenix_password_reset} (Flyway V7): only the hash of
 * each link's token ({@code TokenHashes}), the user, the expiry and when it was used. A link is
 * consumed by one conditional UPDATE, so of two concurrent uses exactly one wins, on any node.
 */
@Repository
public class PasswordResetStore {

    private final JdbcTemplate jdbc;

    public PasswordResetStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String tokenHash, String userId, Instant expiresAt) {
        this.jdbc.update(
                "INSERT INTO phoenix_password_reset (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                tokenHash,
                userId,
                utc(expiresAt));
    }

    /** The user of an unused link that has not expired at {@code now}. */
    public Optional<String> findUsable(String tokenHash, Instant now) {
        List<String> users = this.jdbc.queryForList(
                "SELECT user_id FROM phoenix_password_reset WHERE token_hash = ? AND used_at IS NULL"
                        + " AND expires_at > ?",
                String.class,
                tokenHash,
                utc(now));
        return users.stream().findFirst();
    }

    /** Marks the link used if it is still usable at {@code now}; true for the one caller that did. */
    public boolean consume(String tokenHash, Instant now) {
        return this.jdbc.update(
                        "UPDATE phoenix_password_reset SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                                + " AND expires_at > ?",
                        utc(now),
                        tokenHash,
                        utc(now))
                == 1;
    }

    /** True when the user has an unused link expiring after {@code expiringAfter}. */
    public boolean hasUnusedExpiringAfter(String userId, Instant expiringAfter) {
        Integer n = this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM phoenix_password_reset WHERE user_id = ? AND used_at IS NULL AND expires_at > ?",
                Integer.class,
                userId,
                utc(expiringAfter));
        return n != null && n > 0;
    }

    /** Removes the user's unused links (a newer link, or a completed reset, replaces them). */
    public int deleteUnused(String userId) {
        return this.jdbc.update("DELETE FROM phoenix_password_reset WHERE user_id = ? AND used_at IS NULL", userId);
    }

    /** Housekeeping: removes links that expired before {@code cutoff}. */
    public int deleteExpiredBefore(Instant cutoff) {
        return this.jdbc.update("DELETE FROM phoenix_password_reset WHERE expires_at < ?", utc(cutoff));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
