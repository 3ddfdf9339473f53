package com.phoenixidp.authserver.audit;

import java.time.Instant;

/**
 * One audit event as stored and served by {@code GET /admin/audit}: {@code actor} is who acted
 * (an admin client, a user, {@code bootstrap}), {@code user} and {@code client} whom it concerns.
 * {@code details} holds the remaining attributes as {@code key=value} pairs; never a secret.
 */
public record AuditEvent(
        long id,
        Instant time,
        String type,
        String actor,
        String user,
        String client,
        String address,
        String outcome,
        String details) {}
