package com.phoenixidp.authserver.token;

import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * The JWS algorithms this server signs tokens with (RFC 7518 section 3.1, RFC 8037 section 3.1),
 * as Spring {@link JwsAlgorithm}s: Spring's {@link SignatureAlgorithm} has RS256 and ES256 but no
 * EdDSA, so {@link #EdDSA} stands in for it in a {@code JwsHeader}.
 */
public enum PhoenixJwsAlgorithms implements JwsAlgorithm {
    RS256,
    ES256,
    EdDSA;

    /** The names a client may choose, in the order metadata lists them. */
    public static final List<String> NAMES = List.of(RS256.getName(), ES256.getName(), EdDSA.getName());

    @Override
    public String getName() {
        return name();
    }

    /** The algorithm of this name (exact, case-sensitive as in RFC 7518), if supported. */
    public static Optional<PhoenixJwsAlgorithms> from(String name) {
        for (PhoenixJwsAlgorithms algorithm : values()) {
            if (algorithm.getName().equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** What a {@code JwsHeader} should carry: Spring's own constant where it has one. */
    public JwsAlgorithm toJwsAlgorithm() {
        return switch (this) {
            case RS256 -> SignatureAlgorithm.RS256;
            case ES256 -> SignatureAlgorithm.ES256;
            case EdDSA -> this;
        };
    }
}
