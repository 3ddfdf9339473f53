package com.phoenixidp.pki.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One revoked certificate as it appears on a CRL (RFC 5280 section 5.1.2.6).
 *
 * @param serial    certificate serial number
 * @param revokedAt revocation time
 * @param reason    revocation reason
 */
public record RevokedEntry(BigInteger serial, Instant revokedAt, RevocationReason reason) {

    public RevokedEntry {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(reason, "reason");
    }
}
