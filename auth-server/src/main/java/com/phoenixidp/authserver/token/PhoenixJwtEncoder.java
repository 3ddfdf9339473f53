package com.phoenixidp.authserver.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.crypto.keys.SigningAlgorithm;
import com.phoenixidp.crypto.keys.SigningKeyManager;
import com.phoenixidp.crypto.keys.TokenSigner;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * Spring's {@link JwtEncoder} on top of the crypto module's signing handles (RFC 7515/7519): the
 * private key stays inside the key manager. The header's {@code alg} picks the key: RS256 (the
 * default), ES256 or EdDSA (Ed25519, RFC 8037; Spring has no constant for it, see
 * {@link PhoenixJwsAlgorithms#EdDSA}).
 */
public final class PhoenixJwtEncoder implements JwtEncoder {

    private final SigningKeyManager keys;

    public PhoenixJwtEncoder(SigningKeyManager keys) {
        this.keys = java.util.Objects.requireNonNull(keys, "keys");
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) throws JwtEncodingException {
        JwsHeader requested = parameters.getJwsHeader();
        SigningAlgorithm algorithm = algorithmOf(requested);
        TokenSigner signer = this.keys.signer(algorithm);
        JwtClaimsSet claims = parameters.getClaims();
        JWTClaimsSet nimbusClaims = toNimbus(claims.getClaims());
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm.jwsAlgorithm());
        Object typ = (requested != null) ? requested.getHeaders().get("typ") : null;
        if (typ != null) {
            header.type(new JOSEObjectType(typ.toString()));
        }
        String compact;
        try {
            compact = signer.sign(header, nimbusClaims);
        } catch (RuntimeException ex) {
            throw new JwtEncodingException("Failed to sign the JWT", ex);
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("alg", algorithm.name());
        headers.put("kid", signer.kid());
        if (typ != null) {
            headers.put("typ", typ.toString());
        }
        return new Jwt(compact, claims.getIssuedAt(), claims.getExpiresAt(), headers, claims.getClaims());
    }

    private static SigningAlgorithm algorithmOf(JwsHeader header) {
        if (header == null || header.getAlgorithm() == null) {
            return SigningAlgorithm.RS256;
        }
        String name = header.getAlgorithm().getName();
        if (SignatureAlgorithm.ES256.getName().equals(name)) {
            return SigningAlgorithm.ES256;
        }
        if (JWSAlgorithm.RS256.getName().equals(name)) {
            return SigningAlgorithm.RS256;
        }
        if (JWSAlgorithm.EdDSA.getName().equals(name)) {
            return SigningAlgorithm.EdDSA;
        }
        throw new JwtEncodingException(
                "Unsupported signing algorithm " + name + " (RS256, ES256 and EdDSA are supported)");
    }

    private static JWTClaimsSet toNimbus(Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach((name, value) -> builder.claim(name, convert(value)));
        return builder.build();
    }

    private static Object convert(Object value) {
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        if (value instanceof URL url) {
            return url.toExternalForm();
        }
        if (value instanceof Collection<?> collection) {
            ArrayList<Object> list = new ArrayList<>(collection.size());
            collection.forEach((v) -> list.add(convert(v)));
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), convert(v)));
            return out;
        }
        return value;
    }
}
