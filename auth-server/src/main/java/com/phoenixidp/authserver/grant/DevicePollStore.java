package com.phoenixidp.authserver.grant;

import com.phoenixidp.authserver.token.TokenHashes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * When each device code was last polled (RFC 8628 section 3.5), in {@code phoenix_device_poll}
 * (Flyway V3), keyed by the hash of the device code so every node sees the same clock of polls.
 */
public final class DevicePollStore {

    /** The outcome of recording one poll. */
    public record Poll(boolean tooFast, long intervalSeconds) {}

    private final JdbcOperations jdbc;

    public DevicePollStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a poll at {@code now}; too fast when the previous poll was less than the current
     * interval ago, in which case the interval grows by 5 seconds (RFC 8628 section 3.5).
     */
    public Poll record(String deviceCode, Instant now, long baseIntervalSeconds, Instant expiresAt) {
        String hash = TokenHashes.hash(deviceCode);
        List<Object[]> rows = this.jdbc.query(
                "SELECT last_poll_at, interval_seconds FROM phoenix_device_poll WHERE device_code_hash = ?",
                (rs, i) -> new Object[] {rs.getObject(1, OffsetDateTime.class), rs.getLong(2)},
                hash);
        if (rows.isEmpty()) {
            this.jdbc.update("DELETE FROM phoenix_device_poll WHERE expires_at < ?", utc(now));
            try {
                this.jdbc.update(
                        "INSERT INTO phoenix_device_poll (device_code_hash, last_poll_at, interval_seconds, expires_at)"
                                + " VALUES (?, ?, ?, ?)",
                        hash,
                        utc(now),
                        baseIntervalSeconds,
                        utc(expiresAt));
                return new Poll(false, baseIntervalSeconds);
            } catch (org.springframework.dao.DataIntegrityViolationException ex) {
                // a concurrent poll of the same code inserted first: this one is too fast
                return new Poll(true, baseIntervalSeconds);
            }
        }
        OffsetDateTime last = (OffsetDateTime) rows.get(0)[0];
        long interval = (Long) rows.get(0)[1];
        boolean tooFast = last.toInstant().plusSeconds(interval).isAfter(now);
        long newInterval = tooFast ? interval + 5 : interval;
        // optimistic: only the poll that read this last_poll_at moves it on
        int updated = this.jdbc.update(
                "UPDATE phoenix_device_poll SET last_poll_at = ?, interval_seconds = ?"
                        + " WHERE device_code_hash = ? AND last_poll_at = ?",
                utc(now),
                newInterval,
                hash,
                last);
        return new Poll(tooFast || updated == 0, newInterval);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** Forgets a device code that is no longer pending. */
    public void forget(String deviceCode) {
        this.jdbc.update("DELETE FROM phoenix_device_poll WHERE device_code_hash = ?", TokenHashes.hash(deviceCode));
    }
}
