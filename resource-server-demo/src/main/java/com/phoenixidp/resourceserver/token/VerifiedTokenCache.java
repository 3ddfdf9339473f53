package com.phoenixidp.resourceserver.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers access tokens whose signature and request-independent claims ({@code iss}, {@code aud},
 * {@code typ}, algorithm) were verified, so a client repeating the same token on keep-alive
 * connections does not pay a signature verification and JSON parse per request. What can change
 * between requests is validated every time, by the decoders {@link #validatingEach} hands out:
 * {@code exp}/{@code nbf}, the revocation list and the RFC 8705 certificate binding. Entries live at
 * most {@code ttl} (no longer than the JWK set cache, so a key removed from the JWK set stops being
 * trusted no later than without this cache) and never past the token's expiry; {@code ttl} zero
 * turns the cache off.
 */
final class VerifiedTokenCache {

    private static final int MAX_ENTRIES = 10_000;

    private final JwtDecoder verifier;

    private final Duration ttl;

    private final Clock clock;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Jwt jwt, Instant until) {}

    VerifiedTokenCache(JwtDecoder verifier, Duration ttl, Clock clock) {
        this.verifier = verifier;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * A decoder taking verified tokens from this cache (verifying them on a miss) and running
     * {@code perRequest} on every call.
     */
    JwtDecoder validatingEach(OAuth2TokenValidator<Jwt> perRequest) {
        return (token) -> {
            Jwt jwt = verified(token);
            OAuth2TokenValidatorResult result = perRequest.validate(jwt);
            if (result.hasErrors()) {
                throw new JwtValidationException(
                        "Access token rejected: "
                                + result.getErrors().iterator().next().getDescription(),
                        result.getErrors());
            }
            return jwt;
        };
    }

    /** The token with its signature and request-independent claims verified, from the cache if possible. */
    Jwt verified(String token) throws JwtException {
        if (this.ttl.isZero()) {
            return this.verifier.decode(token);
        }
        Instant now = this.clock.instant();
        Entry entry = this.entries.get(token);
        if (entry != null && now.isBefore(entry.until())) {
            return entry.jwt();
        }
        Jwt jwt = this.verifier.decode(token);
        remember(token, jwt, now);
        return jwt;
    }

    private void remember(String token, Jwt jwt, Instant now) {
        Instant until = now.plus(this.ttl);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (this.entries.size() >= MAX_ENTRIES) {
            this.entries.clear();
        }
        this.entries.put(token, new Entry(jwt, until));
    }
}
