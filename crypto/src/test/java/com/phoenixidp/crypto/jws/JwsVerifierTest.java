package com.phoenixidp.crypto.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JwsVerifierTest {

    private static RSAKey rsa;
    private static ECKey ec;
    private static ECKey ecWithoutAlg;
    private static JWKSet publicKeys;

    private final JwsVerifier verifier = new JwsVerifier(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256));
    private final JWTClaimsSet claims =
            new JWTClaimsSet.Builder().subject("alice").build();

    @BeforeAll
    static void generateKeys() throws Exception {
        rsa = new RSAKeyGenerator(2048)
                .keyID("rsa-1")
                .algorithm(JWSAlgorithm.RS256)
                .keyUse(KeyUse.SIGNATURE)
                .generate();
        ec = new ECKeyGenerator(Curve.P_256)
                .keyID("ec-1")
                .algorithm(JWSAlgorithm.ES256)
                .keyUse(KeyUse.SIGNATURE)
                .generate();
        ecWithoutAlg = new ECKeyGenerator(Curve.P_256).keyID("ec-no-alg").generate();
        publicKeys = new JWKSet(List.<JWK>of(rsa, ec, ecWithoutAlg)).toPublicJWKSet();
    }

    private static String sign(JWSAlgorithm alg, String kid, JWSSigner signer, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Test
    void verifyWhenValidRs256AndEs256ThenClaimsReturned() throws Exception {
        String rs = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims);
        String es = sign(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(ec), claims);

        assertThat(verifier.verify(rs, publicKeys).getSubject()).isEqualTo("alice");
        assertThat(verifier.verify(es, publicKeys).getSubject()).isEqualTo("alice");
    }

    @Test
    void verifyWhenEdDsaAllowedThenOkpEd25519KeyVerifiesAndOtherKeyTypesDoNot() throws Exception {
        java.security.KeyPair pair = Ed25519.generate(new java.security.SecureRandom());
        JWKSet keys = new JWKSet(List.<JWK>of(Ed25519.publicJwk(pair.getPublic(), "ed-1"), rsa.toPublicJWK()));
        JwsVerifier withEdDsa = new JwsVerifier(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.EdDSA));
        String ed = sign(JWSAlgorithm.EdDSA, "ed-1", Ed25519.signer(pair.getPrivate()), claims);

        assertThat(withEdDsa.verify(ed, keys).getSubject()).isEqualTo("alice");
        assertThatThrownBy(() -> verifier.verify(ed, keys)).isInstanceOf(DisallowedAlgorithmException.class);
        String edNamingRsaKey = sign(JWSAlgorithm.EdDSA, "rsa-1", Ed25519.signer(pair.getPrivate()), claims);
        assertThatThrownBy(() -> withEdDsa.verify(edNamingRsaKey, keys)).isInstanceOf(KeyMismatchException.class);
    }

    @Test
    void verifyWhenAlgNoneThenDisallowed() {
        String unsigned = new PlainJWT(claims).serialize();

        assertThatThrownBy(() -> verifier.verify(unsigned, publicKeys))
                .isInstanceOf(DisallowedAlgorithmException.class);
    }

    @Test
    void verifyWhenAlgNoneHeaderWithKidAndSignatureThenDisallowed() throws Exception {
        String valid = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims);
        String[] parts = valid.split("\\.");
        String noneHeader =
                Base64URL.encode("{\"alg\":\"none\",\"kid\":\"rsa-1\"}").toString();

        assertThatThrownBy(() -> verifier.verify(noneHeader + "." + parts[1] + "." + parts[2], publicKeys))
                .isInstanceOf(DisallowedAlgorithmException.class);
    }

    @Test
    void verifyWhenHs256SignedWithPublicKeyBytesThenDisallowed() throws Exception {
        byte[] publicKeyAsSecret = rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        String forged = sign(JWSAlgorithm.HS256, "rsa-1", new MACSigner(publicKeyAsSecret), claims);
        String forgedDer = sign(
                JWSAlgorithm.HS256, "rsa-1", new MACSigner(rsa.toPublicKey().getEncoded()), claims);

        assertThatThrownBy(() -> verifier.verify(forged, publicKeys)).isInstanceOf(DisallowedAlgorithmException.class);
        assertThatThrownBy(() -> verifier.verify(forgedDer, publicKeys))
                .isInstanceOf(DisallowedAlgorithmException.class);
    }

    @Test
    void verifyWhenAlgNotOnAllowListThenDisallowed() throws Exception {
        String rs384 = sign(JWSAlgorithm.RS384, "rsa-1", new RSASSASigner(rsa), claims);
        String es = sign(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(ec), claims);
        JwsVerifier rsaOnly = new JwsVerifier(Set.of(JWSAlgorithm.RS256));

        assertThatThrownBy(() -> verifier.verify(rs384, publicKeys)).isInstanceOf(DisallowedAlgorithmException.class);
        assertThatThrownBy(() -> rsaOnly.verify(es, publicKeys)).isInstanceOf(DisallowedAlgorithmException.class);
    }

    @Test
    void verifyWhenUnknownOrMissingKidThenUnknownKey() throws Exception {
        String unknown = sign(JWSAlgorithm.RS256, "rsa-2", new RSASSASigner(rsa), claims);
        String noKid = sign(JWSAlgorithm.RS256, null, new RSASSASigner(rsa), claims);

        assertThatThrownBy(() -> verifier.verify(unknown, publicKeys)).isInstanceOf(UnknownKeyException.class);
        assertThatThrownBy(() -> verifier.verify(noKid, publicKeys)).isInstanceOf(UnknownKeyException.class);
    }

    @Test
    void verifyWhenPayloadTamperedThenInvalidSignature() throws Exception {
        for (String jws : List.of(
                sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims),
                sign(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(ec), claims))) {
            String[] parts = jws.split("\\.");
            String admin = Base64URL.encode("{\"sub\":\"admin\"}").toString();

            assertThatThrownBy(() -> verifier.verify(parts[0] + "." + admin + "." + parts[2], publicKeys))
                    .isInstanceOf(InvalidSignatureException.class);
        }
    }

    @Test
    void verifyWhenSignedByOtherKeyWithSameKidThenInvalidSignature() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        String jws = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(impostor), claims);

        assertThatThrownBy(() -> verifier.verify(jws, publicKeys)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void verifyWhenKeyTypeDoesNotMatchAlgThenKeyMismatch() throws Exception {
        String rsaTokenPointingAtEcKey = sign(JWSAlgorithm.RS256, "ec-1", new RSASSASigner(rsa), claims);
        String rsaTokenPointingAtEcKeyWithoutAlg = sign(JWSAlgorithm.RS256, "ec-no-alg", new RSASSASigner(rsa), claims);
        String ecTokenPointingAtRsaKey = sign(JWSAlgorithm.ES256, "rsa-1", new ECDSASigner(ec), claims);

        assertThatThrownBy(() -> verifier.verify(rsaTokenPointingAtEcKey, publicKeys))
                .isInstanceOf(KeyMismatchException.class);
        assertThatThrownBy(() -> verifier.verify(rsaTokenPointingAtEcKeyWithoutAlg, publicKeys))
                .isInstanceOf(KeyMismatchException.class);
        assertThatThrownBy(() -> verifier.verify(ecTokenPointingAtRsaKey, publicKeys))
                .isInstanceOf(KeyMismatchException.class);
    }

    @Test
    void verifyWhenMalformedThenMalformedToken() {
        assertThatThrownBy(() -> verifier.verify("not-a-token", publicKeys))
                .isInstanceOf(MalformedTokenException.class);
        assertThatThrownBy(() -> verifier.verify("", publicKeys)).isInstanceOf(MalformedTokenException.class);
        assertThatThrownBy(() -> verifier.verify("%%%.e30.sig", publicKeys))
                .isInstanceOf(MalformedTokenException.class);
        assertThatThrownBy(() -> verifier.verify(null, publicKeys)).isInstanceOf(JwsVerificationException.class);
    }

    @Test
    void constructorWhenNoneOrHmacAllowedThenRejected() {
        assertThatThrownBy(() -> new JwsVerifier(Set.of(JWSAlgorithm.HS256)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwsVerifier(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.HS512)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwsVerifier(Set.of(JWSAlgorithm.parse("none"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwsVerifier(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requireTimeValidWhenExpiredOrNotYetValidThenRejectedOutsideSkew() {
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        Duration skew = Duration.ofSeconds(30);
        JWTClaimsSet expired = new JWTClaimsSet.Builder()
                .expirationTime(Date.from(now.minusSeconds(31)))
                .build();
        JWTClaimsSet expiredWithinSkew = new JWTClaimsSet.Builder()
                .expirationTime(Date.from(now.minusSeconds(29)))
                .build();
        JWTClaimsSet notYet = new JWTClaimsSet.Builder()
                .expirationTime(Date.from(now.plusSeconds(600)))
                .notBeforeTime(Date.from(now.plusSeconds(31)))
                .build();
        JWTClaimsSet noExp = new JWTClaimsSet.Builder().subject("x").build();

        assertThatThrownBy(() -> JwsVerifier.requireTimeValid(expired, clock, skew))
                .isInstanceOf(TokenExpiredException.class);
        assertThatThrownBy(() -> JwsVerifier.requireTimeValid(notYet, clock, skew))
                .isInstanceOf(TokenNotYetValidException.class);
        assertThatThrownBy(() -> JwsVerifier.requireTimeValid(noExp, clock, skew))
                .isInstanceOf(TokenExpiredException.class);
        JwsVerifier.requireTimeValid(expiredWithinSkew, clock, skew);
        JwsVerifier.requireTimeValid(notYet, Clock.fixed(now.plusSeconds(2), ZoneOffset.UTC), skew);
    }
}
