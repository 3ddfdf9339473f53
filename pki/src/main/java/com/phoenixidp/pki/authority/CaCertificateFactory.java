package com.phoenixidp.pki.authority;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.issuance.CaUrls;
import com.phoenixidp.pki.issuance.LeafCertificateFactory;
import com.phoenixidp.pki.issuance.SerialNumbers;
import com.phoenixidp.pki.keys.CaSigner;
import com.phoenixidp.pki.keys.Providers;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.jspecify.annotations.Nullable;

/**
 * Builds the two CA certificates (RFC 5280): a self-signed root (CA:true, keyCertSign/cRLSign)
 * and an intermediate (CA:true, pathLen 0, keyCertSign/cRLSign/digitalSignature for OCSP
 * responses) that carries the name policy's NameConstraints (critical, 4.2.1.10).
 */
final class CaCertificateFactory {

    private CaCertificateFactory() {}

    static X509Certificate root(
            String caName, CaSigner rootSigner, Instant now, Instant notAfter, SecureRandom random) {
        X500Name subject = name(caName + " Root CA", caName);
        SubjectPublicKeyInfo spki =
                SubjectPublicKeyInfo.getInstance(rootSigner.publicKey().getEncoded());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                subject, SerialNumbers.next(random), Date.from(now), Date.from(notAfter), subject, spki);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, LeafCertificateFactory.subjectKeyIdentifier(spki));
            return convert(builder, rootSigner);
        } catch (CertIOException e) {
            throw new PkiException("cannot build root certificate", e);
        }
    }

    static X509Certificate intermediate(
            String caName,
            X509Certificate root,
            CaSigner rootSigner,
            PublicKey intermediateKey,
            @Nullable NameConstraints constraints,
            @Nullable CaUrls urls,
            Instant now,
            Instant notAfter,
            SecureRandom random) {
        X500Name subject = name(caName + " Intermediate CA", caName);
        X500Name issuer = X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(intermediateKey.getEncoded());
        SubjectPublicKeyInfo rootSpki =
                SubjectPublicKeyInfo.getInstance(root.getPublicKey().getEncoded());
        Instant end = notAfter.isAfter(root.getNotAfter().toInstant())
                ? root.getNotAfter().toInstant()
                : notAfter;
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                issuer, SerialNumbers.next(random), Date.from(now), Date.from(end), subject, spki);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, LeafCertificateFactory.subjectKeyIdentifier(spki));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new AuthorityKeyIdentifier(LeafCertificateFactory.subjectKeyIdentifier(rootSpki)
                            .getKeyIdentifier()));
            if (constraints != null) {
                builder.addExtension(Extension.nameConstraints, true, constraints);
            }
            if (urls != null) {
                builder.addExtension(
                        Extension.cRLDistributionPoints,
                        false,
                        LeafCertificateFactory.crlDistributionPoint(urls.rootCrl()));
                builder.addExtension(
                        Extension.authorityInfoAccess,
                        false,
                        new AuthorityInformationAccess(
                                AccessDescription.id_ad_caIssuers,
                                new GeneralName(GeneralName.uniformResourceIdentifier, urls.rootCertificate())));
            }
            return convert(builder, rootSigner);
        } catch (CertIOException e) {
            throw new PkiException("cannot build intermediate certificate", e);
        }
    }

    private static X500Name name(String commonName, String organization) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static X509Certificate convert(X509v3CertificateBuilder builder, CaSigner signer) {
        try {
            return new JcaX509CertificateConverter()
                    .setProvider(Providers.bouncyCastle())
                    .getCertificate(builder.build(signer.contentSigner()));
        } catch (CertificateException e) {
            throw new PkiException("cannot encode CA certificate", e);
        }
    }
}
