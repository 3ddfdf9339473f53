package com.phoenixidp.authserver.client;

import com.phoenixidp.authserver.token.JtiReplayCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The claims of a {@code private_key_jwt} client assertion (RFC 7523 section 3, OIDC Core 9), each
 * check in spec order; any failure makes the assertion, and so the client authentication, fail
 * ({@code 401 invalid_client}):
 * <ol>
 * <li>{@code iss} and {@code sub} are the client id;</li>
 * <li>{@code aud} names this server: its issuer identifier (RFC 7523bis, FAPI 2.0 5.3.2.1), or, for
 * older clients, the token endpoint URL, or the pushed authorization request endpoint URL where
 * RFC 9126 section 2 asks for it; not any other endpoint;</li>
 * <li>{@code exp} present and not passed, {@code nbf} reached (60 s skew);</li>
 * <li>{@code iat} present, not in the future, and at most 5 minutes before {@code exp}: a
 * long-lived assertion is a replayable credential;</li>
 * <li>{@code jti} present and never seen before for this client until the assertion expires
 * ({@link JtiReplayCache}, shared by every node). Checked last, so that only an otherwise valid
 * assertion consumes its jti.</li>
 * </ol>
 */
final class ClientAssertionValidator implements OAuth2TokenValidator<Jwt> {

    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    private static final Duration SKEW = Duration.ofSeconds(60);

    private final String clientId;

    private final JtiReplayCache jtis;

    private final Clock clock;

    private final List<OAuth2TokenValidator<Jwt>> standard;

    ClientAssertionValidator(RegisteredClient client, JtiReplayCache jtis, Clock clock) {
        this.clientId = client.getClientId();
        this.jtis = Objects.requireNonNull(jtis, "jtis");
        this.clock = Objects.requireNonNull(clock, "clock");
        JwtTimestampValidator timestamps = new JwtTimestampValidator(SKEW);
        timestamps.setClock(clock);
        this.standard = List.of(
                new JwtClaimValidator<String>(JwtClaimNames.ISS, this.clientId::equals),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, this.clientId::equals),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, ClientAssertionValidator::namesThisServer),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                timestamps);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt assertion) {
        for (OAuth2TokenValidator<Jwt> validator : this.standard) {
            OAuth2TokenValidatorResult result = validator.validate(assertion);
            if (result.hasErrors()) {
                return result;
            }
        }
        Instant issuedAt = assertion.getIssuedAt();
        Instant expiresAt = assertion.getExpiresAt();
        if (issuedAt == null) {
            return failure("iat is required");
        }
        if (issuedAt.isAfter(this.clock.instant().plus(SKEW))) {
            return failure("iat is in the future");
        }
        if (Duration.between(issuedAt, expiresAt).compareTo(MAX_LIFETIME) > 0) {
            return failure("exp - iat exceeds " + MAX_LIFETIME.toMinutes() + " minutes");
        }
        String jti = assertion.getId();
        if (jti == null || jti.isBlank()) {
            return failure("jti is required");
        }
        if (!this.jtis.firstUse("client_assertion:" + this.clientId, jti, expiresAt.plus(SKEW))) {
            return failure("jti was already used");
        }
        return OAuth2TokenValidatorResult.success();
    }

    /**
     * Spring's claim conversion with one change: a missing {@code iat} stays missing (Spring fills
     * in {@code exp - 1s}, which would let an assertion without iat pass the lifetime check).
     */
    static Converter<Map<String, Object>, Map<String, Object>> claimsAsSent() {
        MappedJwtClaimSetConverter spring = MappedJwtClaimSetConverter.withDefaults(Map.of());
        return (claims) -> {
            Map<String, Object> converted = new HashMap<>(spring.convert(claims));
            if (!claims.containsKey(JwtClaimNames.IAT)) {
                converted.remove(JwtClaimNames.IAT);
            }
            return converted;
        };
    }

    /** The issuer, the token endpoint URL, or the PAR endpoint URL (RFC 9126 section 2) of this server. */
    private static boolean namesThisServer(List<String> audience) {
        AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
        if (audience == null || context == null || context.getIssuer() == null) {
            return false;
        }
        String issuer = context.getIssuer();
        List<String> accepted = List.of(
                issuer,
                url(issuer, context.getAuthorizationServerSettings().getTokenEndpoint()),
                url(issuer, context.getAuthorizationServerSettings().getPushedAuthorizationRequestEndpoint()));
        return audience.stream().anyMatch(accepted::contains);
    }

    private static String url(String issuer, String endpoint) {
        return UriComponentsBuilder.fromUriString(issuer).path(endpoint).build().toUriString();
    }

    private static OAuth2TokenValidatorResult failure(String reason) {
        // the reason goes to the server log through the JwtValidationException, not to the client
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_CLIENT,
                "Client assertion rejected: " + reason,
                "https://datatracker.ietf.org/doc/html/rfc7523#section-3"));
    }
}
