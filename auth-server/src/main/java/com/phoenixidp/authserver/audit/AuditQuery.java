package com.phoenixidp.authserver.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which audit events to read, newest first: each non-null criterion must match; {@code type}
 * matches the type or a dotted prefix ({@code user} finds {@code user.created}).
 */
public record AuditQuery(
        @Nullable String user,
        @Nullable String client,
        @Nullable String type,
        @Nullable Instant since,
        @Nullable Instant until,
        int limit) {

    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit <= 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
