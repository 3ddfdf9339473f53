package com.phoenixidp.pki.store;

import com.phoenixidp.pki.revocation.RevocationReason;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One ledger row: every certificate the CA issues is recorded before it is handed out
 * (serial, subject, SANs, profile, validity) and later its revocation time and reason.
 *
 * @param serial           serial number
 * @param subject          subject DN (RFC 4514 text)
 * @param subjectAltNames  SANs in {@code type:value} form
 * @param profile          issuance profile name
 * @param notBefore        start of validity
 * @param notAfter         end of validity
 * @param issuedAt         when the CA issued it
 * @param revokedAt        revocation time, or {@code null}
 * @param revocationReason revocation reason, or {@code null}
 * @param der              the DER certificate
 */
// The byte[] component is safe here: it is cloned in the constructor and the accessor, and equals,
// hashCode and toString are overridden, which is what ArrayRecordComponent asks for.
@SuppressWarnings("ArrayRecordComponent")
public record CertificateRecord(
        BigInteger serial,
        String subject,
        List<String> subjectAltNames,
        String profile,
        Instant notBefore,
        Instant notAfter,
        Instant issuedAt,
        @Nullable Instant revokedAt,
        @Nullable RevocationReason revocationReason,
        byte @Nullable [] der) {

    public CertificateRecord {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(subject, "subject");
        subjectAltNames = List.copyOf(subjectAltNames);
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(issuedAt, "issuedAt");
        der = der == null ? null : der.clone();
    }

    @Override
    public byte @Nullable [] der() {
        return der == null ? null : der.clone();
    }

    /** Status at {@code now}: revoked wins over expired. */
    public CertificateStatus status(Instant now) {
        if (revokedAt != null) {
            return CertificateStatus.REVOKED;
        }
        return now.isBefore(notAfter) ? CertificateStatus.VALID : CertificateStatus.EXPIRED;
    }

    /** Serial as lower-case hex, the form the CLI prints and accepts. */
    public String serialHex() {
        return hex(serial);
    }

    /** Lower-case hex of a serial. */
    public static String hex(BigInteger serial) {
        return serial.toString(16).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificateRecord r
                && r.serial.equals(serial)
                && Objects.equals(r.revokedAt, revokedAt);
    }

    @Override
    public int hashCode() {
        return serial.hashCode();
    }

    @Override
    public String toString() {
        return "CertificateRecord[serial=" + serialHex() + ", subject=" + subject + ", sans=" + subjectAltNames
                + ", profile=" + profile + ", notAfter=" + notAfter + ", revokedAt=" + revokedAt + "]";
    }
}
