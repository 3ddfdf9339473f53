package com.phoenixidp.crypto.keys;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Signing handle for one key (RFC 7515 JWS compact serialization); the private key never leaves as bytes.
 * A handle is bound to the key that was ACTIVE when it was obtained; ask the key manager for a fresh
 * handle per token so rotations take effect.
 */
public interface TokenSigner {

    String kid();

    SigningAlgorithm algorithm();

    /** Signs {@code claims}; {@code alg} and {@code kid} of {@code header} (may be null) are set by the signer. */
    String sign(JWSHeader.Builder header, JWTClaimsSet claims);
}
