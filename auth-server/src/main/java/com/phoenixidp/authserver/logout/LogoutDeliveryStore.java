package com.phoenixidp.authserver.logout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The queue of logout tokens to deliver, {@code phoenix_logout_delivery} (Flyway V13), shared by
 * every node. A delivery is claimed by a compare-and-set on its lease ({@code locked_until}), so
 * two nodes never send the same attempt and a node that dies mid-delivery leaves it to the others
 * once the lease is over. Writes join the caller's transaction when there is one.
 */
@Repository
class LogoutDeliveryStore {

    /** One logout token to deliver. */
    record PendingLogout(String id, String clientId, String subject, String sid, Instant createdAt, int attempts) {}

    private final JdbcTemplate jdbc;

    LogoutDeliveryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void enqueue(String clientId, String subject, String sid, Instant now) {
        this.jdbc.update(
                "INSERT INTO phoenix_logout_delivery (id, client_id, subject, sid, created_at, next_attempt_at,"
                        + " attempts) VALUES (?, ?, ?, ?, ?, ?, 0)",
                UUID.randomUUID().toString(),
                clientId,
                subject,
                sid,
                utc(now),
                utc(now));
    }

    /** Claims up to {@code limit} due deliveries for {@code lease}; returns the ones this node got. */
    List<PendingLogout> claimDue(Instant now, Duration lease, int limit) {
        List<PendingLogout> due = this.jdbc.query(
                "SELECT id, client_id, subject, sid, created_at, attempts FROM phoenix_logout_delivery"
                        + " WHERE next_attempt_at <= ? AND (locked_until IS NULL OR locked_until < ?)"
                        + " ORDER BY next_attempt_at LIMIT ?",
                LogoutDeliveryStore::map,
                utc(now),
                utc(now),
                limit);
        List<PendingLogout> claimed = new ArrayList<>(due.size());
        for (PendingLogout pending : due) {
            int updated = this.jdbc.update(
                    "UPDATE phoenix_logout_delivery SET locked_until = ? WHERE id = ? AND next_attempt_at <= ?"
                            + " AND (locked_until IS NULL OR locked_until < ?)",
                    utc(now.plus(lease)),
                    pending.id(),
                    utc(now),
                    utc(now));
            if (updated == 1) {
                claimed.add(pending);
            }
        }
        return claimed;
    }

    /** Delivered, or given up: the row goes. */
    void remove(String id) {
        this.jdbc.update("DELETE FROM phoenix_logout_delivery WHERE id = ?", id);
    }

    /** A failed attempt: try again at {@code next}, lease released. */
    void retryAt(String id, int attempts, Instant next, String error) {
        this.jdbc.update(
                "UPDATE phoenix_logout_delivery SET attempts = ?, next_attempt_at = ?, locked_until = NULL,"
                        + " last_error = ? WHERE id = ?",
                attempts,
                utc(next),
                (error.length() > 200) ? error.substring(0, 200) : error,
                id);
    }

    private static PendingLogout map(ResultSet rs, int row) throws SQLException {
        return new PendingLogout(
                rs.getString("id"),
                rs.getString("client_id"),
                rs.getString("subject"),
                rs.getString("sid"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getInt("attempts"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
