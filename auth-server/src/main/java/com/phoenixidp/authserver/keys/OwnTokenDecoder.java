package com.phoenixidp.authserver.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.phoenixidp.crypto.jws.EdDsaKeySelector;
import com.phoenixidp.crypto.jws.EdDsaVerifierFactory;
import java.util.Set;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The decoder of this server's own resource-server endpoints (admin API, UserInfo, SCIM, client
 * registration): tokens it signed itself with a key of its JWK set, in any algorithm a client may
 * choose for its tokens: RS256, ES256 or EdDSA (Ed25519, RFC 8037, verified with the JDK through
 * the crypto module, as Nimbus would need Tink). Replaces Spring Authorization Server's
 * {@code OAuth2AuthorizationServerConfiguration.jwtDecoder}, which knows RSA, EC and HMAC only;
 * claims are checked by {@link NimbusJwtDecoder}'s default validators, as there.
 */
public final class OwnTokenDecoder {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

    private OwnTokenDecoder() {}

    public static JwtDecoder create(JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new EdDsaKeySelector<>(ALGORITHMS, keys));
        processor.setJWSVerifierFactory(new EdDsaVerifierFactory());
        // NimbusJwtDecoder checks the claims (one place, Spring's error format)
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        return new NimbusJwtDecoder(processor);
    }
}
