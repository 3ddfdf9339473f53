package com.phoenixidp.crypto.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Objects;
import java.util.Set;

/**
 * Nimbus {@link JWSVerifier} for Ed25519 (RFC 8037 section 3.1) on the JDK's {@code Signature
 * "Ed25519"}. Tokens naming critical header parameters (RFC 7515 section 4.1.11) are refused:
 * this verifier understands none.
 */
final class JdkEd25519Verifier implements JWSVerifier {

    private final PublicKey publicKey;

    private final JCAContext jca = new JCAContext();

    JdkEd25519Verifier(PublicKey publicKey) {
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!JdkEd25519Signer.ALGORITHMS.contains(header.getAlgorithm())) {
            throw new JOSEException("Ed25519 keys verify EdDSA only, not " + header.getAlgorithm());
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(Ed25519.JCA_NAME);
            verifier.initVerify(this.publicKey);
            verifier.update(signingInput);
            return verifier.verify(signature.decode());
        } catch (SignatureException ex) {
            return false;
        } catch (GeneralSecurityException ex) {
            throw new JOSEException("Ed25519 verification failed", ex);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return JdkEd25519Signer.ALGORITHMS;
    }

    @Override
    public JCAContext getJCAContext() {
        return this.jca;
    }

    @Override
    public String toString() {
        return "JdkEd25519Verifier";
    }
}
