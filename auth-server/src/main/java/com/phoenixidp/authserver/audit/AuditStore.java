package com.phoenixidp.authserver.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit events table ({@code phoenix_audit_event}, Flyway V4): batched inserts and queries. */
final class AuditStore {

    private final JdbcTemplate jdbc;

    AuditStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        this.jdbc.batchUpdate(
                "INSERT INTO phoenix_audit_event (event_time, event_type, actor, username, client_id, address, outcome,"
                        + " details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                events.stream()
                        .map((e) -> new Object[] {
                            Timestamp.from(e.time()),
                            e.type(),
                            e.actor(),
                            e.user(),
                            e.client(),
                            e.address(),
                            e.outcome(),
                            e.details()
                        })
                        .toList());
    }

    List<AuditEvent> query(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT id, event_time, event_type, actor, username, client_id, address,"
                + " outcome, details FROM phoenix_audit_event WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (query.user() != null) {
            sql.append(" AND LOWER(username) = LOWER(?)");
            parameters.add(query.user());
        }
        if (query.client() != null) {
            sql.append(" AND client_id = ?");
            parameters.add(query.client());
        }
        if (query.type() != null) {
            // a type or a type prefix: "user" matches user.created, user.disabled, ...
            sql.append(" AND (event_type = ? OR event_type LIKE ? ESCAPE '\\')");
            parameters.add(query.type());
            parameters.add(
                    query.type().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%");
        }
        if (query.since() != null) {
            sql.append(" AND event_time >= ?");
            parameters.add(Timestamp.from(query.since()));
        }
        if (query.until() != null) {
            sql.append(" AND event_time < ?");
            parameters.add(Timestamp.from(query.until()));
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        parameters.add(query.limit());
        return this.jdbc.query(
                sql.toString(),
                (rs, row) -> new AuditEvent(
                        rs.getLong("id"),
                        rs.getTimestamp("event_time").toInstant(),
                        rs.getString("event_type"),
                        rs.getString("actor"),
                        rs.getString("username"),
                        rs.getString("client_id"),
                        rs.getString("address"),
                        rs.getString("outcome"),
                        rs.getString("details")),
                parameters.toArray());
    }

    int deleteOlderThan(Instant cutoff) {
        return this.jdbc.update("DELETE FROM phoenix_audit_event WHERE event_time < ?", Timestamp.from(cutoff));
    }
}
