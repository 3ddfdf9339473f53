package com.phoenixidp.resourceserver.dpop;

import static com.phoenixidp.resourceserver.dpop.InvalidDpopProofException.Reason;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Verifies a DPoP proof JWT (RFC 9449 section 4.3) presented with an access token (section 7.1).
 * Stateless: replay ({@code jti} seen before) is checked by the caller once the access token is
 * known to be bound to the proof's key. One check per method, in the order of section 4.3.
 */
public final class DpopProofVerifier {

    static final String PROOF_TYPE = "dpop+jwt";

    /** Asymmetric algorithms this verifier can check; {@code EdDSA} is Ed25519 only. */
    static final Set<JWSAlgorithm> SUPPORTED =
            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private static final int MAX_PROOF_LENGTH = 8 * 1024;

    private static final int MAX_JTI_LENGTH = 256;

    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Set<JWSAlgorithm> algorithms;

    private final Duration maxAge;

    private final Clock clock;

    /**
     * @param algorithms accepted {@code alg} values (a subset of ES256, RS256, EdDSA/Ed25519)
     * @param maxAge how far {@code iat} may lie before or after now
     */
    public DpopProofVerifier(Collection<String> algorithms, Duration maxAge, Clock clock) {
        Set<JWSAlgorithm> accepted = new LinkedHashSet<>();
        for (String name : algorithms) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
            if (!SUPPORTED.contains(algorithm)) {
                throw new IllegalArgumentException(
                        "DPoP proof algorithm " + name + " is not supported (ES256, RS256, EdDSA)");
            }
            accepted.add(algorithm);
            if (JWSAlgorithm.EdDSA.equals(algorithm)) {
                accepted.add(JWSAlgorithm.Ed25519);
            }
        }
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException("At least one DPoP proof algorithm must be accepted");
        }
        this.algorithms = Set.copyOf(accepted);
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * The verified proof, or why not.
     *
     * @param proof the value of the {@code DPoP} header
     * @param method the request's HTTP method
     * @param uri the request's URI as the client addressed it (query and fragment are ignored)
     * @param accessToken the access token the proof must be made for ({@code ath})
     */
    public DpopProof verify(String proof, String method, URI uri, String accessToken) throws InvalidDpopProofException {
        SignedJWT jwt = parse(proof);
        JWSHeader header = jwt.getHeader();
        checkType(header);
        checkAlgorithm(header);
        JWK key = publicKey(header);
        checkSignature(jwt, key);
        JWTClaimsSet claims = claims(jwt);
        String jti = requiredString(claims, "jti");
        checkMethod(requiredString(claims, "htm"), method);
        checkUri(requiredString(claims, "htu"), uri);
        Instant issuedAt = checkFresh(claims);
        checkAccessTokenHash(requiredString(claims, "ath"), accessToken);
        if (jti.length() > MAX_JTI_LENGTH) {
            throw new InvalidDpopProofException(Reason.MISSING_CLAIM, "jti longer than " + MAX_JTI_LENGTH);
        }
        return new DpopProof(key, thumbprint(key), jti, issuedAt);
    }

    /** Section 4.3 step 2: a well-formed JWS (an unsecured JWT is not). */
    private static SignedJWT parse(String proof) throws InvalidDpopProofException {
        if (proof == null || proof.isBlank()) {
            throw new InvalidDpopProofException(Reason.MISSING, "empty DPoP header");
        }
        if (proof.length() > MAX_PROOF_LENGTH) {
            throw new InvalidDpopProofException(Reason.MALFORMED, "longer than " + MAX_PROOF_LENGTH);
        }
        try {
            return SignedJWT.parse(proof.trim());
        } catch (ParseException | RuntimeException ex) {
            throw new InvalidDpopProofException(Reason.MALFORMED, ex.getMessage());
        }
    }

    /** Step 4: {@code typ} is {@code dpop+jwt}. */
    private static void checkType(JWSHeader header) throws InvalidDpopProofException {
        if (header.getType() == null
                || !PROOF_TYPE.equalsIgnoreCase(header.getType().getType())) {
            throw new InvalidDpopProofException(Reason.WRONG_TYPE, "typ " + header.getType());
        }
    }

    /** Step 5: an asymmetric algorithm this server accepts ({@code none} and MACs never parse or pass). */
    private void checkAlgorithm(JWSHeader header) throws InvalidDpopProofException {
        if (!this.algorithms.contains(header.getAlgorithm())) {
            throw new InvalidDpopProofException(Reason.ALGORITHM_NOT_ALLOWED, "alg " + header.getAlgorithm());
        }
    }

    /** Steps 3 and 7: a {@code jwk} header holding a public key, of the kind {@code alg} needs. */
    private static JWK publicKey(JWSHeader header) throws InvalidDpopProofException {
        JWK key = header.getJWK();
        if (key == null) {
            throw new InvalidDpopProofException(Reason.BAD_KEY, "no jwk header");
        }
        if (key.isPrivate()) {
            throw new InvalidDpopProofException(Reason.BAD_KEY, "the jwk header holds a private key");
        }
        JWSAlgorithm alg = header.getAlgorithm();
        boolean fits = (JWSAlgorithm.ES256.equals(alg) && key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()))
                || (JWSAlgorithm.RS256.equals(alg) && key instanceof RSAKey rsa && rsa.size() >= 2048)
                || ((JWSAlgorithm.EdDSA.equals(alg) || JWSAlgorithm.Ed25519.equals(alg))
                        && key instanceof OctetKeyPair okp
                        && Curve.Ed25519.equals(okp.getCurve()));
        if (!fits) {
            throw new InvalidDpopProofException(
                    Reason.BAD_KEY, "a " + key.getKeyType() + " key does not fit alg " + alg);
        }
        return key;
    }

    /** Step 6: the signature verifies with the key in the header. */
    private static void checkSignature(SignedJWT jwt, JWK key) throws InvalidDpopProofException {
        boolean valid;
        try {
            if (key instanceof ECKey ec) {
                valid = jwt.verify(new ECDSAVerifier(ec));
            } else if (key instanceof RSAKey rsa) {
                valid = jwt.verify(new RSASSAVerifier(rsa));
            } else {
                valid = verifyEd25519(jwt, (OctetKeyPair) key);
            }
        } catch (JOSEException | GeneralSecurityException | RuntimeException ex) {
            throw new InvalidDpopProofException(Reason.BAD_SIGNATURE, ex.getMessage());
        }
        if (!valid) {
            throw new InvalidDpopProofException(Reason.BAD_SIGNATURE, "does not verify with the jwk header");
        }
    }

    /** Ed25519 (RFC 8037) with the JDK's provider: the raw key wrapped as SubjectPublicKeyInfo. */
    private static boolean verifyEd25519(SignedJWT jwt, OctetKeyPair key) throws GeneralSecurityException {
        byte[] x = key.getX().decode();
        byte[] encoded = new byte[ED25519_SPKI_PREFIX.length + x.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, encoded, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, encoded, ED25519_SPKI_PREFIX.length, x.length);
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(publicKey);
        signature.update(jwt.getSigningInput());
        return signature.verify(jwt.getSignature().decode());
    }

    private static JWTClaimsSet claims(SignedJWT jwt) throws InvalidDpopProofException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException ex) {
            throw new InvalidDpopProofException(Reason.MALFORMED, "claims are not a JSON object");
        }
    }

    /** Step 3: {@code jti}, {@code htm}, {@code htu} (and, with an access token, {@code ath}) are strings. */
    private static String requiredString(JWTClaimsSet claims, String name) throws InvalidDpopProofException {
        if (!(claims.getClaim(name) instanceof String value) || value.isEmpty()) {
            throw new InvalidDpopProofException(Reason.MISSING_CLAIM, "no " + name);
        }
        return value;
    }

    /** Step 8: {@code htm} is the request's method (method names are case-sensitive, RFC 9110 9.1). */
    private static void checkMethod(String htm, String method) throws InvalidDpopProofException {
        if (!htm.equals(method)) {
            throw new InvalidDpopProofException(Reason.WRONG_METHOD, "htm " + htm + ", request " + method);
        }
    }

    /** Step 9: {@code htu} is the request's URI without query and fragment, compared after normalization. */
    private static void checkUri(String htu, URI uri) throws InvalidDpopProofException {
        String expected = HttpUris.normalize(uri);
        String claimed;
        try {
            claimed = HttpUris.normalize(new URI(htu));
        } catch (java.net.URISyntaxException | IllegalArgumentException ex) {
            throw new InvalidDpopProofException(Reason.WRONG_URI, "htu is not a URI");
        }
        if (claimed == null || !claimed.equals(expected)) {
            throw new InvalidDpopProofException(Reason.WRONG_URI, "htu " + claimed + ", request " + expected);
        }
    }

    /** Step 11: {@code iat} within {@code max-age} of now, either way. */
    private Instant checkFresh(JWTClaimsSet claims) throws InvalidDpopProofException {
        if (claims.getIssueTime() == null) {
            throw new InvalidDpopProofException(Reason.MISSING_CLAIM, "no iat");
        }
        Instant issuedAt = claims.getIssueTime().toInstant();
        Instant now = this.clock.instant();
        if (issuedAt.isBefore(now.minus(this.maxAge)) || issuedAt.isAfter(now.plus(this.maxAge))) {
            throw new InvalidDpopProofException(Reason.NOT_FRESH, "iat " + issuedAt + ", now " + now);
        }
        return issuedAt;
    }

    /** Section 4.3 step 12 / 7.1: {@code ath} is base64url(SHA-256(access token)), compared in constant time. */
    private static void checkAccessTokenHash(String ath, String accessToken) throws InvalidDpopProofException {
        if (!MessageDigest.isEqual(
                ath.getBytes(StandardCharsets.US_ASCII),
                accessTokenHash(accessToken).getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidDpopProofException(Reason.WRONG_ACCESS_TOKEN_HASH, "ath does not match the access token");
        }
    }

    /** base64url(SHA-256(ASCII(access token))), RFC 9449 section 4.2. */
    public static String accessTokenHash(String accessToken) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

    /** RFC 7638 SHA-256 thumbprint, base64url: what {@code cnf.jkt} names (RFC 9449 section 6.1). */
    static String thumbprint(JWK key) throws InvalidDpopProofException {
        try {
            return key.computeThumbprint("SHA-256").toString();
        } catch (JOSEException ex) {
            throw new InvalidDpopProofException(Reason.BAD_KEY, "no thumbprint: " + ex.getMessage());
        }
    }
}
