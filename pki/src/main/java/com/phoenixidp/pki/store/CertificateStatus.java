package com.phoenixidp.pki.store;

import com.phoenixidp.pki.PkiException;
import java.util.Locale;

/** Ledger status of an issued certificate. */
public enum CertificateStatus {
    VALID,
    REVOKED,
    EXPIRED;

    /** Parses {@code valid}, {@code revoked} or {@code expired} (any case). */
    public static CertificateStatus parse(String text) {
        for (CertificateStatus status : values()) {
            if (status.name().equalsIgnoreCase(text)) {
                return status;
            }
        }
        throw new PkiException("unknown status '" + text + "' (expected valid, revoked or expired)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
