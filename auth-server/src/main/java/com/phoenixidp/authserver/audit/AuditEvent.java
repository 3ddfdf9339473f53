package com.phoenixidp.authserver.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One audit event as stored and served by {@code GET /admin/audit}: {@code actor} is who acted
 * (an admin client, a user, {@code bootstrap}), {@code user} and {@code client} whom it concerns.
 * {@code details} holds the remaining attributes as {@code key=value} pairs; never a secret.
 */
public record AuditEvent(
        long id,
        Instant time,
        String type,
        @Nullable String actor,
        @Nullable String user,
        @Nullable String client,
        @Nullable String address,
        String outcome,
        @Nullable String details) {}
