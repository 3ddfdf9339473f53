package com.phoenixidp.crypto.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/** {@link TokenSigner} bound to one decrypted key. */
final class ManagedTokenSigner implements TokenSigner {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private final String kid;
    private final SigningAlgorithm algorithm;
    private final JWSSigner signer;

    ManagedTokenSigner(String kid, SigningAlgorithm algorithm, JWSSigner signer) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.signer = signer;
    }

    @Override
    public String kid() {
        return kid;
    }

    @Override
    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * The compact serialization (RFC 7515 section 7.1) built here rather than through Nimbus's
     * {@code SignedJWT}: the header and the claims are public, so they are Base64url-encoded with the
     * JDK's encoder instead of Nimbus's constant-time one (made for secrets, several times slower),
     * and the header is not serialised, parsed and serialised again. Only the signature comes from
     * Nimbus's signer.
     */
    @Override
    public String sign(JWSHeader.Builder header, JWTClaimsSet claims) {
        Objects.requireNonNull(claims, "claims");
        JWSHeader jwsHeader = (header == null
                        ? new JWSHeader.Builder(algorithm.jwsAlgorithm())
                        : new JWSHeader.Builder(header.build()))
                .keyID(kid)
                .build();
        if (!algorithm.jwsAlgorithm().equals(jwsHeader.getAlgorithm())) {
            // the caller asked for another algorithm: this key's own is used
            Map<String, Object> json = jwsHeader.toJSONObject();
            json.put("alg", algorithm.jwsAlgorithm().getName());
            try {
                jwsHeader = JWSHeader.parse(json);
            } catch (ParseException e) {
                throw new IllegalStateException("cannot sign token with key " + kid, e);
            }
        }
        String signingInput = BASE64URL.encodeToString(
                        JSONObjectUtils.toJSONString(jwsHeader.toJSONObject()).getBytes(StandardCharsets.UTF_8))
                + '.'
                + BASE64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            return signingInput + '.' + signer.sign(jwsHeader, signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token with key " + kid, e);
        }
    }

    @Override
    public String toString() {
        return "TokenSigner[kid=" + kid + ", alg=" + algorithm + "]";
    }
}
