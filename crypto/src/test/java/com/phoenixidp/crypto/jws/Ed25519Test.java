package com.phoenixidp.crypto.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Ed25519Test {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JWTClaimsSet claims = new JWTClaimsSet.Builder()
            .subject("alice")
            .issuer("https://idp.example")
            .build();

    private static String sign(KeyPair pair, String kid, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(kid).build(), claims);
        jwt.sign(Ed25519.signer(pair.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void publicJwkWhenGeneratedThenOkpEd25519WithRawKeyAndNoPrivatePart() throws Exception {
        KeyPair pair = Ed25519.generate(RANDOM);

        OctetKeyPair jwk = Ed25519.publicJwk(pair.getPublic(), "k1");

        assertThat(jwk.getCurve()).isEqualTo(Curve.Ed25519);
        assertThat(jwk.getDecodedX()).hasSize(32);
        assertThat(jwk.isPrivate()).isFalse();
        assertThat(jwk.toJSONObject()).containsEntry("kty", "OKP").containsEntry("alg", "EdDSA");
        assertThat(Ed25519.publicKey(jwk).getEncoded())
                .isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void verifierWhenSignedWithMatchingKeyThenValidAndTamperedThenInvalid() throws Exception {
        KeyPair pair = Ed25519.generate(RANDOM);
        String jws = sign(pair, "k1", this.claims);
        OctetKeyPair jwk = Ed25519.publicJwk(pair.getPublic(), "k1");

        assertThat(SignedJWT.parse(jws).verify(Ed25519.verifier(jwk))).isTrue();
        String[] parts = jws.split("\\.");
        String otherPayload = Base64URL.encode("{\"sub\":\"mallory\"}").toString();
        SignedJWT tampered = SignedJWT.parse(parts[0] + "." + otherPayload + "." + parts[2]);
        assertThat(tampered.verify(Ed25519.verifier(jwk))).isFalse();
        KeyPair other = Ed25519.generate(RANDOM);
        assertThat(SignedJWT.parse(jws).verify(Ed25519.verifier(other.getPublic())))
                .isFalse();
    }

    @Test
    void signerWhenHeaderAlgIsNotEdDsaThenRefused() throws Exception {
        KeyPair pair = Ed25519.generate(RANDOM);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), this.claims);

        assertThatThrownBy(() -> jwt.sign(Ed25519.signer(pair.getPrivate()))).isInstanceOf(JOSEException.class);
    }

    @Test
    void publicKeyWhenOkpOnOtherCurveThenRefused() {
        OctetKeyPair x25519 = new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(new byte[32])).build();

        assertThatThrownBy(() -> Ed25519.publicKey(x25519)).isInstanceOf(JOSEException.class);
    }

    @Test
    void jwtProcessorWhenEdDsaKeySelectorAndVerifierFactoryThenVerifiesByKid() throws Exception {
        KeyPair first = Ed25519.generate(RANDOM);
        KeyPair second = Ed25519.generate(RANDOM);
        JWKSet keys = new JWKSet(java.util.List.<JWK>of(
                Ed25519.publicJwk(first.getPublic(), "first"), Ed25519.publicJwk(second.getPublic(), "second")));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(
                new EdDsaKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.EdDSA), new ImmutableJWKSet<>(keys)));
        processor.setJWSVerifierFactory(new EdDsaVerifierFactory());

        assertThat(processor.process(sign(second, "second", this.claims), null).getSubject())
                .isEqualTo("alice");
        assertThatThrownBy(() -> processor.process(sign(second, "first", this.claims), null))
                .isInstanceOf(com.nimbusds.jose.proc.BadJOSEException.class);
    }
}
