package com.phoenixidp.crypto.keys;

import com.nimbusds.jose.JWSAlgorithm;

/** Token signing algorithms (RFC 7518 section 3): RSA PKCS#1 v1.5 with 2048-bit keys, ECDSA on P-256. */
public enum SigningAlgorithm {
    RS256(JWSAlgorithm.RS256),
    ES256(JWSAlgorithm.ES256);

    private final JWSAlgorithm jwsAlgorithm;

    SigningAlgorithm(JWSAlgorithm jwsAlgorithm) {
        this.jwsAlgorithm = jwsAlgorithm;
    }

    public JWSAlgorithm jwsAlgorithm() {
        return jwsAlgorithm;
    }
}
