package com.phoenixidp.crypto.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Nimbus {@link JWSKeySelector} over a JWK source for an algorithm allow-list that may include
 * {@code EdDSA}: RSA and EC keys are selected as {@link JWSVerificationKeySelector} does; OKP keys on
 * Ed25519 (RFC 8037), which Nimbus cannot turn into JCA keys without Tink, through {@link Ed25519}.
 * Use it with {@link EdDsaVerifierFactory} in a {@code DefaultJWTProcessor}.
 */
public final class EdDsaKeySelector<C extends SecurityContext> implements JWSKeySelector<C> {

    private final Set<JWSAlgorithm> allowed;

    private final JWKSource<C> keys;

    private final JWSVerificationKeySelector<C> others;

    public EdDsaKeySelector(Set<JWSAlgorithm> allowed, JWKSource<C> keys) {
        this.allowed = Set.copyOf(Objects.requireNonNull(allowed, "allowed"));
        this.keys = Objects.requireNonNull(keys, "keys");
        this.others = new JWSVerificationKeySelector<>(this.allowed, keys);
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, C context) throws KeySourceException {
        JWSAlgorithm alg = header.getAlgorithm();
        if (!this.allowed.contains(alg)) {
            return List.of();
        }
        if (!JWSAlgorithm.Family.ED.contains(alg)) {
            return this.others.selectJWSKeys(header, context);
        }
        List<Key> selected = new ArrayList<>();
        for (JWK jwk : this.keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), context)) {
            if (jwk instanceof OctetKeyPair okp && !okp.isPrivate()) {
                try {
                    selected.add(Ed25519.publicKey(okp));
                } catch (JOSEException ex) {
                    // not an Ed25519 key: not a candidate
                }
            }
        }
        return selected;
    }
}
