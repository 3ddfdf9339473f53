package com.phoenixidp.pki.issuance;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An issued leaf with its chain (leaf first, then the intermediate) and, when the CA
 * generated the key, the leaf's key pair (for export to the requester only).
 *
 * @param certificate the leaf
 * @param chain       leaf followed by the intermediate
 * @param keyPair     the generated key pair, or {@code null} when a CSR was signed
 */
public record IssuedCertificate(
        X509Certificate certificate,
        List<X509Certificate> chain,
        @Nullable KeyPair keyPair) {

    public IssuedCertificate {
        chain = List.copyOf(chain);
    }

    /** The generated key pair, absent for CSR signing. */
    public Optional<KeyPair> generatedKey() {
        return Optional.ofNullable(keyPair);
    }

    @Override
    public String toString() {
        return "IssuedCertificate[serial=" + certificate.getSerialNumber().toString(16) + ", subject="
                + certificate.getSubjectX500Principal().getName() + ", key=" + (keyPair == null ? "none" : "***") + "]";
    }
}
