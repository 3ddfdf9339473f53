package com.phoenixidp.resourceserver.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.phoenixidp.resourceserver.ResourceServerProperties;
import com.phoenixidp.resourceserver.tls.ClientCertificateResolver;
import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the access-token decoder (RFC 9068 JWT access tokens, RFC 7515 JWS):
 * <ul>
 * <li>signature from the IdP's JWK set: cached ({@code jwk-set-cache-ttl}), refreshed early when a
 * token names an unknown {@code kid}, refreshes rate-limited (Nimbus {@link JWKSourceBuilder});</li>
 * <li>algorithm allow-list RS256 and ES256 only (HS256 and {@code none} are refused);</li>
 * <li>{@code typ} absent, {@code JWT} or {@code at+jwt};</li>
 * <li>{@code iss}, {@code aud}, {@code exp} (required) and {@code nbf} with clock skew;</li>
 * <li>RFC 8705 certificate binding ({@link CertificateBoundTokenValidator}).</li>
 * </ul>
 * Verified tokens are remembered briefly ({@link VerifiedTokenCache}); expiry and binding are checked on every request.
 */
public final class AccessTokenDecoderFactory {

    private static final Logger logger = LoggerFactory.getLogger(AccessTokenDecoderFactory.class);

    static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private AccessTokenDecoderFactory() {}

    public static JwtDecoder create(
            ResourceServerProperties properties, SSLContext trust, ClientCertificateResolver certificates) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(
                            properties.effectiveJwkSetUri().toURL(),
                            new HttpClientResourceRetriever(trust, Duration.ofSeconds(5)))
                    .cache(
                            properties.jwkSetCacheTtl().toMillis(),
                            Duration.ofSeconds(15).toMillis())
                    .rateLimited(properties.jwkSetRefreshMinInterval().toMillis())
                    .build();
        } catch (MalformedURLException ex) {
            throw new IllegalArgumentException("Invalid JWK set URI " + properties.effectiveJwkSetUri(), ex);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED_ALGORITHMS, keys));
        // claims are checked by the Spring validators below (one place, one error format)
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder verifier = new NimbusJwtDecoder(processor);
        verifier.setJwtValidator(verifiedOnce(properties));
        Duration ttl = min(properties.verifiedTokenCache(), properties.jwkSetCacheTtl());
        OAuth2TokenValidator<Jwt> perRequest = perRequest(properties, certificates);
        JwtDecoder decoder = ttl.isZero()
                ? (token) -> validate(verifier.decode(token), perRequest)
                : new VerifiedTokenCache(verifier, perRequest, ttl, Clock.systemUTC());
        return (token) -> {
            try {
                return decoder.decode(token);
            } catch (JwtException ex) {
                // the message names the failed check, never the token itself
                logger.info("Rejected access token: {}", ex.getMessage());
                throw ex;
            }
        };
    }

    private static Jwt validate(Jwt jwt, OAuth2TokenValidator<Jwt> validator) {
        var result = validator.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException(
                    "Access token rejected: "
                            + result.getErrors().iterator().next().getDescription(),
                    result.getErrors());
        }
        return jwt;
    }

    private static Duration min(Duration a, Duration b) {
        return (a.compareTo(b) <= 0) ? a : b;
    }

    /** Checks whose outcome is fixed once the signature is verified: issuer, audience, presence of exp. */
    static OAuth2TokenValidator<Jwt> verifiedOnce(ResourceServerProperties properties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull));
        validators.add(new JwtIssuerValidator(properties.issuer().toString()));
        if (properties.audiences().isEmpty()) {
            logger.warn("phoenix.resource.audiences is empty: access tokens are accepted whatever their 'aud'. "
                    + "Set it to this service's audience (e.g. the client_id tokens are issued for) in production.");
        } else {
            validators.add(new AudienceValidator(properties.audiences()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Checks that depend on the clock or on this request's TLS connection: exp/nbf with skew, RFC 8705 binding. */
    static OAuth2TokenValidator<Jwt> perRequest(
            ResourceServerProperties properties, ClientCertificateResolver certificates) {
        if (!properties.requireBoundTokens()) {
            logger.warn("phoenix.resource.require-bound-tokens=false: bearer tokens without cnf.x5t#S256 are accepted");
        }
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new CertificateBoundTokenValidator(certificates, properties.requireBoundTokens()));
    }
}
