package com.phoenixidp.pki.issuance;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.keys.CaSigner;
import com.phoenixidp.pki.keys.KeyType;
import com.phoenixidp.pki.keys.Providers;
import com.phoenixidp.pki.policy.SubjectAltName;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.jspecify.annotations.Nullable;

/**
 * Builds and signs leaf certificates under the intermediate (RFC 5280 profile): BasicConstraints
 * CA:false (critical), KeyUsage (critical) and ExtendedKeyUsage from the profile, SKI/AKI, SANs,
 * and — when the CA has a base URL — a CRL distribution point and an OCSP/caIssuers AIA.
 * Thread-safe: the issuer-side extensions are computed once and shared.
 */
public final class LeafCertificateFactory {

    private final CaSigner signer;
    private final X500Name issuerName;
    private final AuthorityKeyIdentifier authorityKeyIdentifier;
    private final @Nullable CRLDistPoint crlDistPoint;
    private final @Nullable AuthorityInformationAccess authorityInfoAccess;
    private final JcaX509CertificateConverter converter =
            new JcaX509CertificateConverter().setProvider(Providers.bouncyCastle());

    public LeafCertificateFactory(X509Certificate issuer, CaSigner signer, @Nullable CaUrls urls) {
        this.signer = Objects.requireNonNull(signer, "signer");
        try {
            X509CertificateHolder holder = new JcaX509CertificateHolder(issuer);
            this.issuerName = holder.getSubject();
            this.authorityKeyIdentifier = new AuthorityKeyIdentifier(
                    SubjectKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifier());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new PkiException("unreadable issuer certificate", e);
        }
        if (urls == null) {
            this.crlDistPoint = null;
            this.authorityInfoAccess = null;
        } else {
            this.crlDistPoint = crlDistributionPoint(urls.crl());
            this.authorityInfoAccess = new AuthorityInformationAccess(new AccessDescription[] {
                new AccessDescription(AccessDescription.id_ad_ocsp, uri(urls.ocsp())),
                new AccessDescription(AccessDescription.id_ad_caIssuers, uri(urls.intermediateCertificate()))
            });
        }
    }

    /** Builds and signs one leaf. */
    public X509Certificate build(
            BigInteger serial,
            String commonName,
            SubjectPublicKeyInfo publicKey,
            List<SubjectAltName> sans,
            CertificateProfile profile,
            Instant notBefore,
            Instant notAfter) {
        KeyType keyType = keyTypeOf(publicKey);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .build();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                issuerName, serial, Date.from(notBefore), Date.from(notAfter), subject, publicKey);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, profile.keyUsage(keyType));
            builder.addExtension(Extension.extendedKeyUsage, false, profile.extendedKeyUsage());
            builder.addExtension(Extension.subjectKeyIdentifier, false, subjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier);
            if (!sans.isEmpty()) {
                builder.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(
                                sans.stream().map(SubjectAltName::toGeneralName).toArray(GeneralName[]::new)));
            }
            if (crlDistPoint != null) {
                builder.addExtension(Extension.cRLDistributionPoints, false, crlDistPoint);
                builder.addExtension(Extension.authorityInfoAccess, false, authorityInfoAccess);
            }
            return converter.getCertificate(builder.build(signer.contentSigner()));
        } catch (CertIOException | CertificateException e) {
            throw new PkiException("cannot build certificate: " + e.getMessage(), e);
        }
    }

    /** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bit string. */
    public static SubjectKeyIdentifier subjectKeyIdentifier(SubjectPublicKeyInfo publicKey) {
        try {
            return new SubjectKeyIdentifier(MessageDigest.getInstance("SHA-1")
                    .digest(publicKey.getPublicKeyData().getBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRL distribution point extension with one full-name URI. */
    public static CRLDistPoint crlDistributionPoint(String url) {
        return new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(uri(url))), null, null)
        });
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }

    private static KeyType keyTypeOf(SubjectPublicKeyInfo info) {
        String oid = info.getAlgorithm().getAlgorithm().getId();
        return switch (oid) {
            case "1.2.840.10045.2.1" -> KeyType.EC;
            case "1.2.840.113549.1.1.1" -> KeyType.RSA;
            case "1.3.101.112" -> KeyType.ED25519;
            default -> throw new PkiException("unsupported key algorithm " + oid);
        };
    }
}
