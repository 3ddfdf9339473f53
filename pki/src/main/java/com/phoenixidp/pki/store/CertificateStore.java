package com.phoenixidp.pki.store;

import com.phoenixidp.pki.revocation.RevocationReason;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The issuance ledger port (step-ca's {@code db.AuthDB}): every issued certificate, its status
 * and revocation. Implementations must be safe for concurrent use and must make a recorded
 * certificate or revocation durable (committed) before returning.
 */
public interface CertificateStore {

    /** Records a newly issued certificate. */
    void record(CertificateRecord record);

    /** The certificate with this serial, if the CA issued it. */
    Optional<CertificateRecord> find(BigInteger serial);

    /** Certificates in issuance order, optionally filtered by status at {@code now} ({@code null} = all). */
    List<CertificateRecord> list(@Nullable CertificateStatus status, Instant now);

    /**
     * Marks a certificate revoked.
     *
     * @throws UnknownCertificateException when the serial was never issued
     * @throws AlreadyRevokedException     when it is already revoked
     */
    CertificateRecord revoke(BigInteger serial, RevocationReason reason, Instant at);

    /** Revoked certificates that have not yet expired at {@code now} (the CRL's entries). */
    List<CertificateRecord> revokedUnexpired(Instant now);

    /** The next CRL number (strictly increasing, RFC 5280 section 5.2.3). */
    BigInteger nextCrlNumber();
}
