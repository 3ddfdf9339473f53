package com.phoenixidp.pki.revocation;

import com.phoenixidp.pki.PkiException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * Revocation reasons a leaf certificate may be revoked for (RFC 5280 section 5.3.1). The CA
 * reasons ({@code cACompromise}, {@code aACompromise}) and the hold mechanism
 * ({@code certificateHold}, {@code removeFromCRL}) are not offered for leaves.
 */
public enum RevocationReason {
    UNSPECIFIED("unspecified", CRLReason.unspecified),
    KEY_COMPROMISE("keyCompromise", CRLReason.keyCompromise),
    AFFILIATION_CHANGED("affiliationChanged", CRLReason.affiliationChanged),
    SUPERSEDED("superseded", CRLReason.superseded),
    CESSATION_OF_OPERATION("cessationOfOperation", CRLReason.cessationOfOperation),
    PRIVILEGE_WITHDRAWN("privilegeWithdrawn", CRLReason.privilegeWithdrawn);

    private final String rfcName;
    private final int code;

    RevocationReason(String rfcName, int code) {
        this.rfcName = rfcName;
        this.code = code;
    }

    /** The RFC 5280 name, e.g. {@code keyCompromise}. */
    public String rfcName() {
        return rfcName;
    }

    /** The CRLReason code. */
    public int code() {
        return code;
    }

    /** Parses the RFC name (case-insensitive) or the enum name. */
    public static RevocationReason parse(String text) {
        for (RevocationReason reason : values()) {
            if (reason.rfcName.equalsIgnoreCase(text) || reason.name().equalsIgnoreCase(text)) {
                return reason;
            }
        }
        throw new PkiException("unknown revocation reason '" + text + "' (expected one of "
                + Arrays.stream(values()).map(RevocationReason::rfcName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
