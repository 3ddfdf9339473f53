package com.phoenixidp.authserver.console;

import com.phoenixidp.authserver.audit.AuditEvent;
import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.audit.AuditQuery;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Console page for the audit stream: events newest first, filtered by user, client, type (or a
 * dotted prefix such as {@code user}) and a time window given in UTC.
 */
@Controller
@RequestMapping(path = "/admin/audit", headers = "!Authorization")
public class AuditController {

    static final int DEFAULT_LIMIT = 200;

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    public String events(
            @RequestParam(name = "user", defaultValue = "") String user,
            @RequestParam(name = "client", defaultValue = "") String client,
            @RequestParam(name = "type", defaultValue = "") String type,
            @RequestParam(name = "since", defaultValue = "") String since,
            @RequestParam(name = "until", defaultValue = "") String until,
            @RequestParam(name = "limit", defaultValue = "" + DEFAULT_LIMIT) int limit,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("section", "audit");
        model.addAttribute("user", user.trim());
        model.addAttribute("client", client.trim());
        model.addAttribute("type", type.trim());
        model.addAttribute("since", since.trim());
        model.addAttribute("until", until.trim());
        int bounded = Math.max(1, Math.min(limit, AuditQuery.MAX_LIMIT));
        model.addAttribute("limit", bounded);
        Instant from;
        Instant to;
        try {
            from = instant(since);
            to = instant(until);
        } catch (DateTimeParseException ex) {
            response.setStatus(400);
            model.addAttribute("error", "Times are UTC, as 2026-01-31T12:00 (or an RFC 3339 instant).");
            model.addAttribute("errorField", instantOrNull(since) ? "until" : "since");
            model.addAttribute("events", List.<AuditEvent>of());
            return "admin/audit";
        }
        List<AuditEvent> events = this.audit.query(
                new AuditQuery(blankToNull(user), blankToNull(client), blankToNull(type), from, to, bounded));
        model.addAttribute("events", events);
        return "admin/audit";
    }

    /** {@code 2026-01-31T12:00} (a datetime-local field, read as UTC) or an RFC 3339 instant. */
    static @Nullable Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return java.time.OffsetDateTime.parse(text).toInstant();
        }
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }

    private static boolean instantOrNull(String value) {
        try {
            instant(value);
            return true;
        } catch (DateTimeParseException ex) {
            return false;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }
}
