package com.phoenixidp.resourceserver.revocation;

/** RFC 6960 section 2.2 certificate status as answered by the CA's OCSP responder. */
public enum RevocationStatus {
    GOOD,

    REVOKED,

    /** The responder does not know the certificate: treated like revoked (hard fail). */
    UNKNOWN
}
