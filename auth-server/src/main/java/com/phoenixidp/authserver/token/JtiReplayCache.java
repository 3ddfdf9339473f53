package com.phoenixidp.authserver.token;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers one-time JWT identifiers ({@code jti}, RFC 7519 section 4.1.7) until the JWT they
 * came from expires, in the database so that every node refuses a replay: client assertions
 * (RFC 7523 section 3, scope "client_assertion:&lt;client_id&gt;") and DPoP proofs (RFC 9449
 * section 11.1, scope "dpop:&lt;jkt&gt;"). The jti is stored as its SHA-256 hash; rows expire
 * with their JWT and are purged by housekeeping, so the table stays bounded by the JWTs' short
 * lifetimes (minutes).
 */
@Component
public final class JtiReplayCache {

    /** Longest scope kept: prefix plus a client id (at most 100 characters) or a JWK thumbprint. */
    private static final int MAX_SCOPE = 150;

    private final JdbcOperations jdbc;

    private final Clock clock;

    public JtiReplayCache(JdbcOperations jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records {@code jti} within {@code scope} until {@code expiresAt}; false when it was already
     * recorded and has not expired (a replay). Atomic across nodes (primary key).
     */
    public boolean firstUse(String scope, String jti, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (scope.length() > MAX_SCOPE) {
            throw new IllegalArgumentException("jti scope too long");
        }
        String hash = TokenHashes.hash(jti);
        if (insert(scope, hash, expiresAt)) {
            return true;
        }
        // a row of an expired JWT does not block a new one (the purge may not have run yet)
        int expired = this.jdbc.update(
                "DELETE FROM phoenix_seen_jti WHERE jti_scope = ? AND jti_hash = ? AND expires_at < ?",
                scope,
                hash,
                Timestamp.from(this.clock.instant()));
        return expired == 1 && insert(scope, hash, expiresAt);
    }

    /** Deletes the rows of JWTs that expired before {@code now}; the number deleted. */
    public int purgeExpired(Instant now) {
        return this.jdbc.update("DELETE FROM phoenix_seen_jti WHERE expires_at < ?", Timestamp.from(now));
    }

    /** Every few minutes, on every node (idempotent; a row is only needed until its JWT expires). */
    @Scheduled(fixedDelay = 5, initialDelay = 5, timeUnit = TimeUnit.MINUTES)
    void purge() {
        purgeExpired(this.clock.instant());
    }

    private boolean insert(String scope, String hash, Instant expiresAt) {
        try {
            this.jdbc.update(
                    "INSERT INTO phoenix_seen_jti (jti_scope, jti_hash, expires_at) VALUES (?, ?, ?)",
                    scope,
                    hash,
                    Timestamp.from(expiresAt));
            return true;
        } catch (DuplicateKeyException ex) {
            return false;
        }
    }
}
