package com.phoenixidp.resourceserver.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.phoenixidp.resourceserver.dpop.InvalidDpopProofException.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DpopProofVerifierTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private static final String URL = "https://api.example:8443/api/items";

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";

    private final DpopProofVerifier verifier = new DpopProofVerifier(
            List.of("ES256", "RS256", "EdDSA"), Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC));

    private final ECKey key = generate();

    @Test
    void verifyWhenEs256ProofMatchesTheRequestThenKeyThumbprintAndJti() throws Exception {
        DpopProof proof = this.verifier.verify(proof(this.key, (c) -> c.jwtID("j-1")), "GET", URI.create(URL), TOKEN);

        assertThat(proof.thumbprint())
                .isEqualTo(this.key.computeThumbprint("SHA-256").toString());
        assertThat(proof.jti()).isEqualTo("j-1");
        assertThat(proof.key().isPrivate()).isFalse();
    }

    @Test
    void verifyWhenRs256ProofThenAccepted() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt =
                new SignedJWT(header(JWSAlgorithm.RS256).jwk(rsa.toPublicJWK()).build(), claims((c) -> {}));
        jwt.sign(new RSASSASigner(rsa));

        assertThat(this.verifier
                        .verify(jwt.serialize(), "GET", URI.create(URL), TOKEN)
                        .thumbprint())
                .isEqualTo(rsa.computeThumbprint().toString());
    }

    @Test
    void verifyWhenEdDsaProofThenAcceptedAndATamperedOneRefused() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        OctetKeyPair jwk = new OctetKeyPair.Builder(
                        Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length)))
                .build();
        SignedJWT unsigned = new SignedJWT(header(JWSAlgorithm.EdDSA).jwk(jwk).build(), claims((c) -> {}));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(unsigned.getSigningInput());
        String signingInput = new String(unsigned.getSigningInput(), StandardCharsets.US_ASCII);
        byte[] signature = signer.sign();
        String proof = signingInput + "." + Base64URL.encode(signature);
        signature[0] ^= 1;
        String tampered = signingInput + "." + Base64URL.encode(signature);

        assertThat(this.verifier.verify(proof, "GET", URI.create(URL), TOKEN).thumbprint())
                .isEqualTo(jwk.computeThumbprint().toString());
        assertRefused(tampered, Reason.BAD_SIGNATURE);
    }

    @Test
    void verifyWhenUnsignedOrHmacThenRefused() throws Exception {
        String none = new PlainJWT(claims((c) -> {})).serialize();
        SignedJWT hmac = new SignedJWT(header(JWSAlgorithm.HS256).build(), claims((c) -> {}));
        hmac.sign(new MACSigner(new byte[32]));

        assertRefused(none, Reason.MALFORMED);
        assertRefused(hmac.serialize(), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void verifyWhenNotTypedDpopJwtThenRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(JOSEObjectType.JWT)
                        .jwk(this.key.toPublicJWK())
                        .build(),
                claims((c) -> {}));
        jwt.sign(new ECDSASigner(this.key));

        assertRefused(jwt.serialize(), Reason.WRONG_TYPE);
    }

    @Test
    void verifyWhenNoJwkOrKeyOfAnotherKindThenRefused() throws Exception {
        SignedJWT noKey = new SignedJWT(header(JWSAlgorithm.ES256).build(), claims((c) -> {}));
        noKey.sign(new ECDSASigner(this.key));
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();
        SignedJWT wrongCurve =
                new SignedJWT(header(JWSAlgorithm.ES256).jwk(p384.toPublicJWK()).build(), claims((c) -> {}));
        wrongCurve.sign(new ECDSASigner(this.key));

        assertRefused(noKey.serialize(), Reason.BAD_KEY);
        assertRefused(wrongCurve.serialize(), Reason.BAD_KEY);
    }

    @Test
    void verifyWhenSignedWithAnotherKeyThanTheJwkHeaderThenBadSignature() throws Exception {
        SignedJWT jwt = new SignedJWT(
                header(JWSAlgorithm.ES256).jwk(this.key.toPublicJWK()).build(), claims((c) -> {}));
        jwt.sign(new ECDSASigner(generate()));

        assertRefused(jwt.serialize(), Reason.BAD_SIGNATURE);
    }

    @Test
    void verifyWhenClaimMissingThenRefused() throws Exception {
        for (String claim : List.of("jti", "htm", "htu", "ath")) {
            assertRefused(proof(this.key, (c) -> c.claim(claim, null)), Reason.MISSING_CLAIM);
        }
        assertRefused(proof(this.key, (c) -> c.issueTime(null)), Reason.MISSING_CLAIM);
    }

    @Test
    void verifyWhenMethodOrUriOrTokenDifferThenRefused() throws Exception {
        assertRefused(proof(this.key, (c) -> c.claim("htm", "POST")), Reason.WRONG_METHOD);
        assertRefused(proof(this.key, (c) -> c.claim("htm", "get")), Reason.WRONG_METHOD);
        assertRefused(proof(this.key, (c) -> c.claim("htu", "https://api.example:8443/api/orders")), Reason.WRONG_URI);
        assertRefused(proof(this.key, (c) -> c.claim("htu", "https://other.example:8443/api/items")), Reason.WRONG_URI);
        assertRefused(proof(this.key, (c) -> c.claim("htu", "http://api.example:8443/api/items")), Reason.WRONG_URI);
        assertRefused(proof(this.key, (c) -> c.claim("ath", "x")), Reason.WRONG_ACCESS_TOKEN_HASH);
    }

    @Test
    void verifyWhenHtuDiffersOnlyByNormalizationOrQueryThenAccepted() throws Exception {
        for (String htu : List.of(
                "HTTPS://API.example:8443/api/items",
                "https://api.example:8443/api/./x/../items",
                "https://api.example:8443/api/%69tems",
                "https://api.example:8443/api/items?x=1#frag")) {
            assertThat(this.verifier.verify(
                            proof(this.key, (c) -> c.claim("htu", htu)), "GET", URI.create(URL + "?page=2"), TOKEN))
                    .as(htu)
                    .isNotNull();
        }
        assertThat(this.verifier.verify(
                        proof(this.key, (c) -> c.claim("htu", "https://api.example/x")),
                        "GET",
                        URI.create("https://api.example:443/x"),
                        TOKEN))
                .isNotNull();
    }

    @Test
    void verifyWhenIatOutsideTheWindowThenRefused() throws Exception {
        assertRefused(proof(this.key, (c) -> c.issueTime(Date.from(NOW.minusSeconds(61)))), Reason.NOT_FRESH);
        assertRefused(proof(this.key, (c) -> c.issueTime(Date.from(NOW.plusSeconds(61)))), Reason.NOT_FRESH);
        assertThat(this.verifier.verify(
                        proof(this.key, (c) -> c.issueTime(Date.from(NOW.minusSeconds(59)))),
                        "GET",
                        URI.create(URL),
                        TOKEN))
                .isNotNull();
    }

    @Test
    void constructorWhenSymmetricAlgorithmConfiguredThenRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new DpopProofVerifier(List.of("HS256"), Duration.ofSeconds(60), Clock.systemUTC()));
    }

    @Test
    void replayCacheWhenJtiSeenWithinItsWindowThenReplayedAndWhenFullThenRefusesRatherThanForgets() {
        SteppingClock clock = new SteppingClock();
        DpopReplayCache cache = new DpopReplayCache(2, clock);

        assertThat(cache.use("k.a", clock.instant().plusSeconds(60))).isEqualTo(DpopReplayCache.Use.FIRST);
        assertThat(cache.use("k.a", clock.instant().plusSeconds(60))).isEqualTo(DpopReplayCache.Use.REPLAYED);
        assertThat(cache.use("k.b", clock.instant().plusSeconds(10))).isEqualTo(DpopReplayCache.Use.FIRST);
        assertThat(cache.use("k.c", clock.instant().plusSeconds(60))).isEqualTo(DpopReplayCache.Use.FULL);
        clock.now = clock.now.plusSeconds(11);
        assertThat(cache.use("k.c", clock.instant().plusSeconds(60))).isEqualTo(DpopReplayCache.Use.FIRST);
        assertThat(cache.use("k.a", clock.instant().plusSeconds(60))).isEqualTo(DpopReplayCache.Use.REPLAYED);
    }

    private void assertRefused(String proof, Reason reason) {
        assertThatExceptionOfType(InvalidDpopProofException.class)
                .isThrownBy(() -> this.verifier.verify(proof, "GET", URI.create(URL), TOKEN))
                .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
    }

    private static String proof(ECKey key, Consumer<JWTClaimsSet.Builder> tweak) throws Exception {
        SignedJWT jwt =
                new SignedJWT(header(JWSAlgorithm.ES256).jwk(key.toPublicJWK()).build(), claims(tweak));
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static JWSHeader.Builder header(JWSAlgorithm algorithm) {
        return new JWSHeader.Builder(algorithm).type(new JOSEObjectType("dpop+jwt"));
    }

    private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> tweak) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .claim("htm", "GET")
                .claim("htu", URL)
                .issueTime(Date.from(NOW))
                .claim("ath", DpopProofVerifier.accessTokenHash(TOKEN));
        tweak.accept(claims);
        return claims.build();
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (com.nimbusds.jose.JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static final class SteppingClock extends Clock {

        Instant now = NOW;

        @Override
        public Instant instant() {
            return this.now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
