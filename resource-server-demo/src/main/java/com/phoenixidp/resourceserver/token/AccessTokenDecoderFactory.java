package com.phoenixidp.resourceserver.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the access-token decoder (RFC 9068 JWT access tokens, RFC 7515 JWS):
 * <ul>
 * <li>signature from the IdP's JWK set: cached ({@code jwk-set-cache-ttl}), refreshed early when a
 * token names an unknown {@code kid}, refreshes rate-limited (Nimbus {@link JWKSourceBuilder});</li>
 * <li>algorithm allow-list RS256 and ES256 only (HS256 and {@code none} are refused); keys only from
 * the configured JWK set ({@code jku}, {@code x5u}, {@code jwk} and {@code x5c} headers are ignored);</li>
 * <li>{@code typ} {@code at+jwt} or {@code application/at+jwt} (RFC 9068 section 4; an ID token or
 * any other JWT signed by the IdP is refused), whatever the binding mode;</li>
 * <li>{@code iss}, {@code aud}, {@code exp} and {@code jti} (required) and {@code nbf} with clock skew;</li>
 * <li>not revoked by the IdP's revocation list: neither its {@code jti} listed nor its {@code client_id}
 * listed with a {@code not_before} after its {@code iat} ({@link RevokedTokenValidator});</li>
 * <li>RFC 8705 certificate binding ({@link CertificateBoundTokenValidator}); DPoP-bound tokens only
 * with the DPoP scheme (the {@link AccessTokenDecoders#dpop()} decoder, whose caller checks the proof).</li>
 * </ul>
 * Verified tokens are remembered briefly ({@link VerifiedTokenCache}); expiry, revocation and binding
 * are checked on every request.
 */
public final class AccessTokenDecoderFactory {

    private static final Logger logger = LoggerFactory.getLogger(AccessTokenDecoderFactory.class);

    static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private static final String MEDIA_TYPE_PREFIX = "application/";

    /**
     * The decoders of access tokens presented as {@code Authorization: Bearer} and as
     * {@code Authorization: DPoP}; they share the {@link VerifiedTokenCache}.
     */
    public record AccessTokenDecoders(JwtDecoder bearer, JwtDecoder dpop) {}

    private AccessTokenDecoderFactory() {}

    /** The IdP's revocation list as configured, not yet started; {@code null} when disabled. */
    public static @Nullable RevokedTokenList revocationList(ResourceServerProperties properties, SSLContext trust) {
        ResourceServerProperties.RevocationList list = properties.revocationList();
        if (!list.enabled()) {
            logger.warn(
                    "phoenix.resource.revocation-list.enabled=false: revoked access tokens are accepted until they expire");
            return null;
        }
        return new RevokedTokenList(
                new RevocationListEndpoint(properties.effectiveRevocationListUri(), trust, list.timeout()),
                list.interval(),
                list.maxStaleness(),
                list.failOpen(),
                Clock.systemUTC());
    }

    public static AccessTokenDecoders create(
            ResourceServerProperties properties,
            SSLContext trust,
            ClientCertificateResolver certificates,
            @Nullable RevokedTokenList revoked) {
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
        processor.setJWSTypeVerifier(AccessTokenDecoderFactory::verifyAccessTokenType);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED_ALGORITHMS, keys));
        // claims are checked by the Spring validators below (one place, one error format)
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder verifier = new NimbusJwtDecoder(processor);
        verifier.setJwtValidator(verifiedOnce(properties));
        Duration ttl = min(properties.verifiedTokenCache(), properties.jwkSetCacheTtl());
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, ttl, Clock.systemUTC());
        if (!properties.requireBoundTokens()) {
            logger.warn("phoenix.resource.require-bound-tokens=false: bearer tokens without cnf.x5t#S256 are accepted");
        }
        return new AccessTokenDecoders(
                logged(cache.validatingEach(perRequest(
                        properties,
                        revoked,
                        new CertificateBoundTokenValidator(certificates, properties.requireBoundTokens())))),
                logged(cache.validatingEach(
                        perRequest(properties, revoked, CertificateBoundTokenValidator.dpop(certificates)))));
    }

    private static JwtDecoder logged(JwtDecoder decoder) {
        return (token) -> {
            try {
                return decoder.decode(token);
            } catch (JwtException ex) {
                // the message names the failed check, never the token itself
                logger.info("Rejected access token: {}", ex.getMessage());
                if (!(ex instanceof BadJwtException) && isRateLimitedKeyLookup(ex)) {
                    // an unknown kid while JWK set refreshes are rate-limited: no key of the IdP signed
                    // this token as far as we know, so it is an invalid token, not a server failure
                    throw new BadJwtException("Signed JWT rejected: no matching key (kid unknown to the JWK set)", ex);
                }
                throw ex;
            }
        };
    }

    private static boolean isRateLimitedKeyLookup(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RateLimitReachedException) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9068 section 4: the resource server MUST verify that the {@code typ} header is {@code at+jwt}. */
    static void verifyAccessTokenType(JOSEObjectType type, SecurityContext context) throws BadJOSEException {
        if (type == null || !isAccessTokenType(type.getType())) {
            throw new BadJOSEException("JOSE header typ " + ((type != null) ? type : "(none)")
                    + " is not at+jwt: not an access token (RFC 9068 section 4)");
        }
    }

    static boolean isAccessTokenType(String typ) {
        String type = typ.regionMatches(true, 0, MEDIA_TYPE_PREFIX, 0, MEDIA_TYPE_PREFIX.length())
                ? typ.substring(MEDIA_TYPE_PREFIX.length())
                : typ;
        return ACCESS_TOKEN_TYPE.equalsIgnoreCase(type);
    }

    private static Duration min(Duration a, Duration b) {
        return (a.compareTo(b) <= 0) ? a : b;
    }

    /** Checks whose outcome is fixed once the signature is verified: issuer, audience, presence of exp and jti. */
    static OAuth2TokenValidator<Jwt> verifiedOnce(ResourceServerProperties properties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull));
        // RFC 9068 section 2.2: jti is required; without it a token could not be revoked
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.JTI, Objects::nonNull));
        validators.add(new JwtIssuerValidator(properties.issuer().toString()));
        if (properties.audiences().isEmpty()) {
            logger.warn("phoenix.resource.audiences is empty: access tokens are accepted whatever their 'aud'. "
                    + "Set it to this service's audience (e.g. the client_id tokens are issued for) in production.");
        } else {
            validators.add(new AudienceValidator(properties.audiences()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /**
     * Checks that depend on the clock, the revocation list or this request's TLS connection:
     * exp/nbf with skew, not revoked, RFC 8705 binding.
     */
    static OAuth2TokenValidator<Jwt> perRequest(
            ResourceServerProperties properties,
            @Nullable RevokedTokenList revoked,
            OAuth2TokenValidator<Jwt> binding) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(properties.clockSkew()));
        if (revoked != null) {
            validators.add(new RevokedTokenValidator(revoked));
        }
        validators.add(binding);
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
