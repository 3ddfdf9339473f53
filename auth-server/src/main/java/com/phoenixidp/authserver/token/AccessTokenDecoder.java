package com.phoenixidp.authserver.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Set;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The decoder of this server's own resource-server endpoints (the admin API, UserInfo): only the
 * access tokens it issued itself — signed RS256/ES256 with a key of its JWK set and typed
 * {@code at+jwt} (RFC 9068 section 4), so an ID token is refused as an access token — and the
 * default checks ({@code exp}/{@code nbf}, RFC 8705 certificate binding when present).
 * <p>
 * Replaces Spring Authorization Server's {@code OAuth2AuthorizationServerConfiguration.jwtDecoder},
 * whose Nimbus processor accepts only {@code typ} {@code JWT} or none.
 */
public final class AccessTokenDecoder {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private AccessTokenDecoder() {}

    public static JwtDecoder create(JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // typ is checked by JwtTypeValidator below; claims by the Spring validators
        processor.setJWSTypeVerifier((type, context) -> {});
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtTypeValidator(
                PhoenixTokenCustomizer.ACCESS_TOKEN_TYPE, "application/" + PhoenixTokenCustomizer.ACCESS_TOKEN_TYPE)));
        return decoder;
    }
}
