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
 * between requests is validated every time: {@code exp}/{@code nbf} and the RFC 8705 certificate
 * binding. Entries live at most {@code ttl} (no longer than the JWK set cache, so a key removed from
 * the JWK set stops being trusted no later than without this cache) and never past the token's expiry.
 */
final class VerifiedTokenCache implements JwtDecoder {

    private static final int MAX_ENTRIES = 10_000;

    private final JwtDecoder verifier;

    private final OAuth2TokenValidator<Jwt> perRequest;

    private final Duration ttl;

    private final Clock clock;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Jwt jwt, Instant until) {}

    VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> perRequest, Duration ttl, Clock clock) {
        this.verifier = verifier;
        this.perRequest = perRequest;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = this.clock.instant();
        Entry entry = this.entries.get(token);
        Jwt jwt;
        if (entry != null && now.isBefore(entry.until())) {
            jwt = entry.jwt();
        } else {
            jwt = this.verifier.decode(token);
            remember(token, jwt, now);
        }
        OAuth2TokenValidatorResult result = this.perRequest.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException(
                    "Access token rejected: "
                            + result.getErrors().iterator().next().getDescription(),
                    result.getErrors());
        }
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
