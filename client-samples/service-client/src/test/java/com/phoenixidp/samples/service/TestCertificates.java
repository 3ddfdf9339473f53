package com.phoenixidp.samples.service;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test PKI made with BouncyCastle: a CA, server and client certificates, written as PEM files. */
final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    record Issued(KeyPair keys, X509Certificate certificate) {

        Path writeCertificate(Path file) throws IOException {
            return write(file, "CERTIFICATE", encoded(this.certificate));
        }

        /** PKCS#8, {@code BEGIN PRIVATE KEY}, as the Phoenix CA writes keys. */
        Path writeKey(Path file) throws IOException {
            return write(file, "PRIVATE KEY", this.keys.getPrivate().getEncoded());
        }
    }

    private TestCertificates() {}

    static Issued ca(String name) throws GeneralSecurityException {
        KeyPair keys = keyPair();
        return new Issued(
                keys,
                sign(
                        new X500Principal("CN=" + name),
                        keys,
                        new X500Principal("CN=" + name),
                        keys.getPrivate(),
                        true,
                        null));
    }

    static Issued server(Issued ca) throws GeneralSecurityException {
        KeyPair keys = keyPair();
        return new Issued(
                keys,
                sign(
                        new X500Principal("CN=localhost"),
                        keys,
                        ca.certificate().getSubjectX500Principal(),
                        ca.keys().getPrivate(),
                        false,
                        KeyPurposeId.id_kp_serverAuth));
    }

    static Issued client(Issued ca, String name) throws GeneralSecurityException {
        KeyPair keys = keyPair();
        return new Issued(
                keys,
                sign(
                        new X500Principal("CN=" + name),
                        keys,
                        ca.certificate().getSubjectX500Principal(),
                        ca.keys().getPrivate(),
                        false,
                        KeyPurposeId.id_kp_clientAuth));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(
            X500Principal subject,
            KeyPair keys,
            X500Principal issuer,
            PrivateKey issuerKey,
            boolean ca,
            KeyPurposeId purpose)
            throws GeneralSecurityException {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))),
                    subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                if (purpose == KeyPurposeId.id_kp_serverAuth) {
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                    }));
                }
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (org.bouncycastle.operator.OperatorCreationException | IOException ex) {
            throw new GeneralSecurityException(ex);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Path write(Path file, String type, byte[] der) throws IOException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
        return file;
    }
}
