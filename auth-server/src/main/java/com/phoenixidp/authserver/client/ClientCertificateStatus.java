package com.phoenixidp.authserver.client;

import java.security.cert.X509Certificate;

/**
 * Revocation status of a client certificate presented for mutual-TLS client authentication.
 * With the built-in CA the answer comes from its ledger; without one, nothing is known to be
 * revoked.
 */
@FunctionalInterface
public interface ClientCertificateStatus {

    /** True when the certificate is known to be revoked. */
    boolean isRevoked(X509Certificate certificate);
}
