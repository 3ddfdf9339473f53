package com.phoenixidp.pki.revocation;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.keys.CaSigner;
import com.phoenixidp.pki.keys.Providers;
import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * Builds signed X.509 v2 CRLs (RFC 5280 section 5): issuer, thisUpdate, nextUpdate, one entry
 * per revoked certificate with its reason code (omitted for {@code unspecified}, as 5.3.1
 * recommends), and the authority key identifier and CRL number extensions.
 */
public final class CrlGenerator {

    private final X509Certificate issuer;
    private final CaSigner signer;

    public CrlGenerator(X509Certificate issuer, CaSigner signer) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /** A CRL listing {@code entries}, valid from {@code thisUpdate} for {@code validity}. */
    public X509CRL generate(List<RevokedEntry> entries, BigInteger crlNumber, Instant thisUpdate, Duration validity) {
        try {
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerHolder.getSubject(), Date.from(thisUpdate));
            Instant nextUpdate = thisUpdate.plus(validity);
            if (issuer.getNotAfter().toInstant().isBefore(nextUpdate)) {
                nextUpdate = issuer.getNotAfter().toInstant();
            }
            builder.setNextUpdate(Date.from(nextUpdate));
            for (RevokedEntry entry : entries) {
                builder.addCRLEntry(
                        entry.serial(),
                        Date.from(entry.revokedAt()),
                        entry.reason().code());
            }
            SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(issuerHolder.getExtensions());
            if (ski != null) {
                builder.addExtension(
                        Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            X509CRLHolder holder = builder.build(signer.contentSigner());
            return new JcaX509CRLConverter()
                    .setProvider(Providers.bouncyCastle())
                    .getCRL(holder);
        } catch (CertIOException | CRLException | java.security.cert.CertificateEncodingException e) {
            throw new PkiException("cannot build CRL: " + e.getMessage(), e);
        }
    }
}
