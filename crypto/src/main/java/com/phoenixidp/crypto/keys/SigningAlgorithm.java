package com.phoenixidp.crypto.keys;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * Token signing algorithms: RSA PKCS#1 v1.5 with 2048-bit keys and ECDSA on P-256 (RFC 7518 section
 * 3), EdDSA with Ed25519 keys (RFC 8037 section 3.1).
 */
public enum SigningAlgorithm {
    RS256,
    ES256,
    EdDSA;

    /** The Nimbus JOSE constant of the same name (no field: an enum holds no mutable-typed state). */
    public JWSAlgorithm jwsAlgorithm() {
        return switch (this) {
            case RS256 -> JWSAlgorithm.RS256;
            case ES256 -> JWSAlgorithm.ES256;
            case EdDSA -> JWSAlgorithm.EdDSA;
        };
    }
}
