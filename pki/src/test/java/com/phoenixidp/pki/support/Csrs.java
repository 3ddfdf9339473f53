package com.phoenixidp.pki.support;

import com.phoenixidp.pki.keys.KeyType;
import com.phoenixidp.pki.policy.SubjectAltName;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Builds PKCS#10 requests for tests, including forged ones. */
public final class Csrs {

    private Csrs() {}

    /** A correctly signed CSR for {@code cn} and {@code sans}, as PEM bytes. */
    public static byte[] pem(KeyPair keyPair, String cn, SubjectAltName... sans) {
        return pem(request(keyPair, cn, sans));
    }

    /** A correctly signed CSR. */
    public static PKCS10CertificationRequest request(KeyPair keyPair, String cn, SubjectAltName... sans) {
        try {
            JcaPKCS10CertificationRequestBuilder builder =
                    new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keyPair.getPublic());
            if (sans.length > 0) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                GeneralName[] names = new GeneralName[sans.length];
                for (int i = 0; i < sans.length; i++) {
                    names[i] = sans[i].toGeneralName();
                }
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return builder.build(
                    new JcaContentSignerBuilder(KeyType.of(keyPair.getPublic()).signatureAlgorithm())
                            .setProvider("BC")
                            .build(keyPair.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A forged CSR: signed by {@code keyPair} for {@code signedCn}, then its subject replaced by
     * {@code forgedCn} while keeping the original signature.
     */
    public static byte[] forged(KeyPair keyPair, String signedCn, String forgedCn) {
        CertificationRequest original = request(keyPair, signedCn).toASN1Structure();
        CertificationRequestInfo info = original.getCertificationRequestInfo();
        CertificationRequestInfo tampered = new CertificationRequestInfo(
                new X500Name("CN=" + forgedCn),
                info.getSubjectPublicKeyInfo(),
                info.getAttributes() == null ? new DERSet() : info.getAttributes());
        CertificationRequest forged =
                new CertificationRequest(tampered, original.getSignatureAlgorithm(), (DERBitString)
                        DERBitString.convert(original.getSignature()));
        return pem(new PKCS10CertificationRequest(forged));
    }

    private static byte[] pem(PKCS10CertificationRequest request) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(request);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
