package com.phoenixidp.resourceserver.dpop;

import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;

/**
 * A verified DPoP proof (RFC 9449 section 4): the public key that signed it, that key's RFC 7638
 * SHA-256 thumbprint (what a bound access token's {@code cnf.jkt} must equal), its {@code jti} and {@code iat}.
 */
public record DpopProof(JWK key, String thumbprint, String jti, Instant issuedAt) {}
