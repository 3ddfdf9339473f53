package com.phoenixidp.authserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** A client's DPoP key (EC P-256) and the proofs it signs (RFC 9449 section 4.2), for the tests. */
public final class DPoPKey {

    private final ECKey key;

    private DPoPKey(ECKey key) {
        this.key = key;
    }

    public static DPoPKey generate() {
        try {
            return new DPoPKey(new ECKeyGenerator(Curve.P_256).generate());
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** RFC 7638 SHA-256 thumbprint of the public key: what {@code cnf.jkt} must be. */
    public String thumbprint() {
        try {
            return this.key.toPublicJWK().computeThumbprint().toString();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A fresh proof (new jti, iat now) for a request with this method and URL. */
    public String proof(String htm, String htu) {
        return proof(htm, htu, UUID.randomUUID().toString(), Instant.now());
    }

    public String proof(String htm, String htu, String jti, Instant issuedAt) {
        return sign(new JOSEObjectType("dpop+jwt"), this.key.toPublicJWK(), htm, htu, jti, issuedAt);
    }

    /** A proof with another {@code typ} header (RFC 9449 4.2 requires dpop+jwt). */
    public String proofTyped(String typ, String htm, String htu) {
        return sign(
                new JOSEObjectType(typ),
                this.key.toPublicJWK(),
                htm,
                htu,
                UUID.randomUUID().toString(),
                Instant.now());
    }

    /**
     * A proof whose {@code jwk} header carries the private key too (RFC 9449 4.2 forbids it),
     * assembled by hand: Nimbus refuses to put a private key in a header.
     */
    public String proofWithPrivateJwk(String htm, String htu) {
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + this.key.toJSONString() + "}";
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .claim("htm", htm)
                .claim("htu", htu)
                .issueTime(new Date())
                .build();
        String signingInput = Base64URL.encode(header) + "." + Base64URL.encode(claims.toString());
        try {
            Base64URL signature = new ECDSASigner(this.key)
                    .sign(new JWSHeader(JWSAlgorithm.ES256), signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + signature;
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String sign(JOSEObjectType typ, JWK jwk, String htm, String htu, String jti, Instant issuedAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .jwtID(jti)
                .claim("htm", htm)
                .claim("htu", htu)
                .issueTime(Date.from(issuedAt))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).type(typ).jwk(jwk).build(), claims);
        try {
            jwt.sign(new ECDSASigner(this.key));
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }
}
