package com.phoenixidp.authserver.admin;

import com.phoenixidp.authserver.audit.AuditEvent;
import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.audit.AuditQuery;
import com.phoenixidp.authserver.management.ManagementException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/audit?user=&client=&type=&since=&limit=}: audit events from the database,
 * newest first, as {@code {"events": [{"time", "type", "actor", "user", "client", "address",
 * "outcome"}]}}. {@code since} is an RFC 3339 instant; {@code type} matches a type or a dotted
 * prefix; {@code limit} defaults to 100 (at most 1000).
 */
@RestController
@RequestMapping(path = "/admin/audit", produces = "application/json", headers = "Authorization")
public class AdminAuditController {

    private final AuditLog audit;

    public AdminAuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    public Map<String, Object> events(
            @RequestParam(required = false) @Nullable String user,
            @RequestParam(required = false) @Nullable String client,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String until,
            @RequestParam(required = false, defaultValue = "100") String limit) {
        AuditQuery query = new AuditQuery(
                blankToNull(user),
                blankToNull(client),
                blankToNull(type),
                instant("since", since),
                instant("until", until),
                limit(limit));
        List<Map<String, Object>> events = this.audit.query(query).stream()
                .map(AdminAuditController::describe)
                .toList();
        return Map.of("events", events);
    }

    static Map<String, Object> describe(AuditEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", event.time().toString());
        m.put("type", event.type());
        m.put("actor", event.actor());
        m.put("user", event.user());
        m.put("client", event.client());
        m.put("address", event.address());
        m.put("outcome", event.outcome());
        if (event.details() != null) {
            m.put("details", event.details());
        }
        return m;
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException ex) {
            throw ManagementException.invalid(name, "must be an RFC 3339 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static int limit(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= AuditQuery.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException ex) {
            // below
        }
        throw ManagementException.invalid("limit", "must be a number from 1 to " + AuditQuery.MAX_LIMIT);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value;
    }
}
