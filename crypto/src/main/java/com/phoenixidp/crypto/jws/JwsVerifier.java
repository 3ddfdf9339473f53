package com.phoenixidp.crypto.jws;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies JWS compact tokens (RFC 7515) against a JWK set with an algorithm allow-list, following the
 * JWT Best Current Practices (RFC 8725 section 3.1): {@code none} and HMAC algorithms are never accepted
 * with public keys, the key is selected by {@code kid} and must belong to the token's algorithm family
 * (RSA, EC P-256, or OKP Ed25519 for {@code EdDSA}, RFC 8037).
 * Claims (exp, iss, aud) are not checked here; see {@link #requireTimeValid}.
 */
public final class JwsVerifier {

    private final Set<JWSAlgorithm> allowed;

    public JwsVerifier(Set<JWSAlgorithm> allowed) {
        Objects.requireNonNull(allowed, "allowed");
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("at least one algorithm must be allowed");
        }
        for (JWSAlgorithm alg : allowed) {
            Objects.requireNonNull(alg, "allowed algorithm");
            if ("none".equalsIgnoreCase(alg.getName()) || JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
                throw new IllegalArgumentException("algorithm " + alg + " is never allowed with public keys");
            }
            if (!JWSAlgorithm.Family.RSA.contains(alg)
                    && !JWSAlgorithm.Family.EC.contains(alg)
                    && !JWSAlgorithm.EdDSA.equals(alg)) {
                throw new IllegalArgumentException("algorithm " + alg + " is not supported");
            }
        }
        this.allowed = Set.copyOf(allowed);
    }

    /** Verifies the signature and returns the claims; see the exception types for each failure reason. */
    public JWTClaimsSet verify(String compactJws, JWKSet keys) {
        Objects.requireNonNull(keys, "keys");
        SignedJWT jwt = parse(compactJws);
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        if (!allowed.contains(alg)) {
            throw new DisallowedAlgorithmException("algorithm " + alg + " is not allowed");
        }
        JWK jwk = selectKey(header, keys);
        JWSVerifier verifier = verifierFor(alg, jwk);
        boolean valid;
        try {
            valid = jwt.verify(verifier);
        } catch (JOSEException e) {
            throw new InvalidSignatureException("signature cannot be verified with key " + jwk.getKeyID(), e);
        }
        if (!valid) {
            throw new InvalidSignatureException("invalid signature for key " + jwk.getKeyID());
        }
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new MalformedTokenException("payload is not a JWT claims set", e);
        }
    }

    /**
     * Checks {@code exp} (required) and {@code nbf} (optional) against {@code clock}, allowing {@code skew}
     * (RFC 7519 sections 4.1.4, 4.1.5).
     */
    public static void requireTimeValid(JWTClaimsSet claims, Clock clock, Duration skew) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(skew, "skew");
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new TokenExpiredException("token has no exp claim");
        }
        if (!now.isBefore(exp.toInstant().plus(skew))) {
            throw new TokenExpiredException("token expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
            throw new TokenNotYetValidException("token not valid before " + nbf.toInstant());
        }
    }

    private static SignedJWT parse(String compactJws) {
        if (compactJws == null || compactJws.isBlank()) {
            throw new MalformedTokenException("token is empty");
        }
        int dot = compactJws.indexOf('.');
        if (dot <= 0) {
            throw new MalformedTokenException("token is not a JWS compact serialization");
        }
        Header header;
        try {
            header = Header.parse(new Base64URL(compactJws.substring(0, dot)));
        } catch (ParseException e) {
            throw new MalformedTokenException("token header cannot be parsed", e);
        }
        if (header instanceof PlainHeader) {
            throw new DisallowedAlgorithmException("unsigned tokens (alg none) are never accepted");
        }
        if (!(header instanceof JWSHeader)) {
            throw new MalformedTokenException("token is not a JWS");
        }
        try {
            return SignedJWT.parse(compactJws);
        } catch (ParseException e) {
            throw new MalformedTokenException("token cannot be parsed as a signed JWT", e);
        }
    }

    private static JWK selectKey(JWSHeader header, JWKSet keys) {
        String kid = header.getKeyID();
        if (kid == null) {
            throw new UnknownKeyException("token has no kid");
        }
        JWK jwk = keys.getKeyByKeyId(kid);
        if (jwk == null) {
            throw new UnknownKeyException("no key with kid " + kid);
        }
        if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(header.getAlgorithm())) {
            throw new KeyMismatchException(
                    "key " + kid + " is for " + jwk.getAlgorithm() + ", not " + header.getAlgorithm());
        }
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            throw new KeyMismatchException("key " + kid + " is not a signature key");
        }
        return jwk;
    }

    private static JWSVerifier verifierFor(JWSAlgorithm alg, JWK jwk) {
        try {
            if (JWSAlgorithm.Family.RSA.contains(alg)) {
                if (!(jwk instanceof RSAKey rsa)) {
                    throw new KeyMismatchException("key " + jwk.getKeyID() + " is not an RSA key, but alg is " + alg);
                }
                return new RSASSAVerifier(rsa.toPublicJWK());
            }
            if (JWSAlgorithm.EdDSA.equals(alg)) {
                if (!(jwk instanceof OctetKeyPair okp) || !Curve.Ed25519.equals(okp.getCurve())) {
                    throw new KeyMismatchException(
                            "key " + jwk.getKeyID() + " is not an OKP key on Ed25519, but alg is EdDSA");
                }
                return Ed25519.verifier(okp.toPublicJWK());
            }
            if (!(jwk instanceof ECKey ec) || !Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
                throw new KeyMismatchException("key " + jwk.getKeyID() + " is not an EC key on the curve of " + alg);
            }
            ECDSAVerifier verifier = new ECDSAVerifier(ec.toPublicJWK());
            verifier.getJCAContext().setProvider(BouncyCastleProviderSingleton.getInstance());
            return verifier;
        } catch (JOSEException e) {
            throw new KeyMismatchException("key " + jwk.getKeyID() + " cannot verify " + alg, e);
        }
    }

    @Override
    public String toString() {
        return "JwsVerifier" + allowed;
    }
}
