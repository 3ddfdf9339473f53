package com.phoenixidp.resourceserver.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The TLS client certificate of the current connection and its RFC 8705 section 3.1 thumbprint
 * ({@code x5t#S256}: base64url of SHA-256 over the DER encoding).
 *
 * @param leaf the client's end-entity certificate
 * @param chain the chain as presented by the client, leaf first
 * @param thumbprint base64url(SHA-256(DER(leaf))) without padding
 */
public record ClientCertificate(X509Certificate leaf, List<X509Certificate> chain, String thumbprint) {

    public ClientCertificate {
        chain = List.copyOf(chain);
    }

    public String subject() {
        return this.leaf.getSubjectX500Principal().getName();
    }

    public String serialHex() {
        return this.leaf.getSerialNumber().toString(16);
    }
}
