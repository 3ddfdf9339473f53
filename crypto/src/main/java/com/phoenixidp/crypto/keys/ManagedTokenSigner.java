package com.phoenixidp.crypto.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Map;
import java.util.Objects;

/** {@link TokenSigner} bound to one decrypted key. */
final class ManagedTokenSigner implements TokenSigner {
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

    @Override
    public String sign(JWSHeader.Builder header, JWTClaimsSet claims) {
        Objects.requireNonNull(claims, "claims");
        try {
            JWSHeader base = header == null ? new JWSHeader(algorithm.jwsAlgorithm()) : header.build();
            Map<String, Object> json = base.toJSONObject();
            json.put("alg", algorithm.jwsAlgorithm().getName());
            json.put("kid", kid);
            SignedJWT jwt = new SignedJWT(JWSHeader.parse(json), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot sign token with key " + kid, e);
        }
    }

    @Override
    public String toString() {
        return "TokenSigner[kid=" + kid + ", alg=" + algorithm + "]";
    }
}
