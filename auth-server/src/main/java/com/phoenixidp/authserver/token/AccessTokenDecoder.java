package com.phoenixidp.authserver.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.phoenixidp.crypto.jws.EdDsaKeySelector;
import com.phoenixidp.crypto.jws.EdDsaVerifierFactory;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The decoder of this server's own resource-server endpoints (the admin API, UserInfo): only the
 * access tokens it issued itself — signed RS256, ES256 or EdDSA (Ed25519, RFC 8037: a client may
 * choose it for its access tokens; verified with the JDK through the crypto module, as Nimbus
 * would need Tink) with a key of its JWK set and typed
 * {@code at+jwt} (RFC 9068 section 4), so an ID token is refused as an access token — and the
 * default checks ({@code exp}/{@code nbf}, RFC 8705 certificate binding when present); and not
 * revoked: the revocation list ({@link RevokedTokens}) applies to the server's own endpoints as to
 * any resource server, so a token taken back (RFC 7009, sign-out everywhere, a disabled client)
 * stops working at the admin API and SCIM too.
 * <p>
 * Replaces Spring Authorization Server's {@code OAuth2AuthorizationServerConfiguration.jwtDecoder},
 * whose Nimbus processor accepts only {@code typ} {@code JWT} or none.
 */
public final class AccessTokenDecoder {

    private static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

    private AccessTokenDecoder() {}

    /**
     * The decoder of the server's own resource endpoints: also refuses a token on the revocation
     * list ({@link RevokedTokens#isRevoked}), as resource servers do.
     */
    public static JwtDecoder create(JWKSource<SecurityContext> keys, RevokedTokens revoked) {
        NimbusJwtDecoder decoder = decoder(keys);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators(), (jwt) -> {
            Object clientId = jwt.getClaims().get("client_id");
            return revoked.isRevoked(jwt.getId(), (clientId != null) ? clientId.toString() : null, jwt.getIssuedAt())
                    ? OAuth2TokenValidatorResult.failure(
                            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The access token has been revoked", null))
                    : OAuth2TokenValidatorResult.success();
        }));
        return decoder;
    }

    /** Signature, type and time checks only (the caller checks revocation itself). */
    public static JwtDecoder create(JWKSource<SecurityContext> keys) {
        NimbusJwtDecoder decoder = decoder(keys);
        decoder.setJwtValidator(validators());
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> validators() {
        return JwtValidators.createDefaultWithValidators(new JwtTypeValidator(
                PhoenixTokenCustomizer.ACCESS_TOKEN_TYPE, "application/" + PhoenixTokenCustomizer.ACCESS_TOKEN_TYPE));
    }

    private static NimbusJwtDecoder decoder(JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new EdDsaKeySelector<>(ALGORITHMS, keys));
        processor.setJWSVerifierFactory(new EdDsaVerifierFactory());
        // typ is checked by JwtTypeValidator below; claims by the Spring validators
        processor.setJWSTypeVerifier((type, context) -> {});
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        return new NimbusJwtDecoder(processor);
    }
}
