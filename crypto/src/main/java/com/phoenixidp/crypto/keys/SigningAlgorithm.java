package com.phoenixidp.crypto.keys;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * Token signing algorithms: RSA PKCS#1 v1.5 with 2048-bit keys and ECDSA on P-256 (RFC 7518 section
 * 3), EdDSA with Ed25519 keys (RFC 8037 section 3.1).
 */
public enum SigningAlgorithm {
    RS256(JWSAlgorithm.RS256),
    ES256(JWSAlgorithm.ES256),
    EdDSA(JWSAlgorithm.EdDSA);

    private final JWSAlgorithm jwsAlgorithm;

    SigningAlgorithm(JWSAlgorithm jwsAlgorithm) {
        this.jwsAlgorithm = jwsAlgorithm;
    }

    public JWSAlgorithm jwsAlgorithm() {
        return jwsAlgorithm;
    }
}
