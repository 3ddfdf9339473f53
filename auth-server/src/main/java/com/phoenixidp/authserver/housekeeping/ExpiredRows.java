package com.phoenixidp.authserver.housekeeping;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes expired rows in bounded batches, {@code DELETE ... WHERE key IN (SELECT key ... LIMIT n)}
 * (portable between H2 and PostgreSQL), each batch a short statement of its own, so a large
 * backlog never holds locks for long and a run can stop between batches.
 */
final class ExpiredRows {

    /**
     * Authorizations without any token yet (an authorization request waiting for sign-in or
     * consent) count as expired this long after they were created.
     */
    static final Duration PENDING_AUTHORIZATION_LIFETIME = Duration.ofHours(1);

    private static final String EXPIRED_AUTHORIZATION = "(authorization_code_expires_at IS NULL"
            + " OR authorization_code_expires_at < ?) AND (access_token_expires_at IS NULL OR access_token_expires_at < ?)"
            + " AND (oidc_id_token_expires_at IS NULL OR oidc_id_token_expires_at < ?)"
            + " AND (refresh_token_expires_at IS NULL OR refresh_token_expires_at < ?)"
            + " AND (user_code_expires_at IS NULL OR user_code_expires_at < ?)"
            + " AND (device_code_expires_at IS NULL OR device_code_expires_at < ?)"
            + " AND (created_at < ? OR authorization_code_expires_at IS NOT NULL OR access_token_expires_at IS NOT NULL"
            + " OR oidc_id_token_expires_at IS NOT NULL OR refresh_token_expires_at IS NOT NULL"
            + " OR user_code_expires_at IS NOT NULL OR device_code_expires_at IS NOT NULL)";

    private final JdbcTemplate jdbc;

    private final int batchSize;

    private final BooleanSupplier keepGoing;

    ExpiredRows(JdbcTemplate jdbc, int batchSize, BooleanSupplier keepGoing) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("phoenix.housekeeping.batch-size must be at least 1");
        }
        this.jdbc = jdbc;
        this.batchSize = batchSize;
        this.keepGoing = keepGoing;
    }

    /** Authorizations whose every token expired before {@code cutoff} (pending ones: see above). */
    int authorizations(Instant cutoff) {
        OffsetDateTime t = utc(cutoff);
        return deleteInBatches(
                "oauth2_authorization",
                "id",
                EXPIRED_AUTHORIZATION,
                t,
                t,
                t,
                t,
                t,
                t,
                utc(cutoff.minus(PENDING_AUTHORIZATION_LIFETIME)));
    }

    /** Reuse markers of rotated-away refresh tokens that have expired anyway. */
    int usedRefreshTokens(Instant cutoff) {
        return deleteInBatches("phoenix_used_refresh_token", "token_hash", "expires_at < ?", utc(cutoff));
    }

    /** Poll clocks of device codes (RFC 8628) that have expired. */
    int devicePolls(Instant cutoff) {
        return deleteInBatches("phoenix_device_poll", "device_code_hash", "expires_at < ?", utc(cutoff));
    }

    /** Passkey ceremony challenges (consumed ones are kept until expiry to tell a replay apart). */
    int challenges(Instant cutoff) {
        return deleteInBatches("webauthn_challenge", "ceremony_id", "expires_at < ?", utc(cutoff));
    }

    /** HTTP sessions (Spring Session JDBC; their attributes go by ON DELETE CASCADE). */
    int sessions(Instant cutoff) {
        return deleteInBatches("spring_session", "primary_id", "expiry_time < ?", cutoff.toEpochMilli());
    }

    /** Entries of the JWT revocation list (jtis and clients) whose tokens have expired (refused anyway). */
    int revokedTokens(Instant cutoff) {
        return deleteInBatches("phoenix_revoked_jti", "jti", "expires_at < ?", utc(cutoff))
                + deleteInBatches("phoenix_revoked_client", "client_id", "expires_at < ?", utc(cutoff));
    }

    /** Forgotten-password links that have expired, used or not. */
    int passwordResets(Instant cutoff) {
        return deleteInBatches("phoenix_password_reset", "token_hash", "expires_at < ?", utc(cutoff));
    }

    /** Audit events older than the retention. */
    int auditEvents(Instant cutoff) {
        return deleteInBatches("phoenix_audit_event", "id", "event_time < ?", utc(cutoff));
    }

    private int deleteInBatches(String table, String key, String condition, Object... parameters) {
        String sql = "DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + table + " WHERE "
                + condition + " LIMIT " + this.batchSize + ")";
        int total = 0;
        int removed;
        do {
            removed = this.jdbc.update(sql, parameters);
            total += removed;
        } while (removed >= this.batchSize && this.keepGoing.getAsBoolean());
        return total;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
