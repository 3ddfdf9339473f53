package com.phoenixidp.authserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throw-away X.509 material for TLS tests (RSA 2048, valid for a day): a CA, and server
 * certificates it issues, written as PEM files (keys as unencrypted PKCS#8, readable by the
 * owner only, as OpenLDAP/GnuTLS and most servers want them; RSA because GnuTLS cannot
 * read the PKCS#8 encoding of an EC key that Java writes).
 */
public final class TestCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {}

    /** A self-signed CA that can issue server certificates. */
    public record Authority(KeyPair keys, X509Certificate certificate) {

        /** Writes the CA certificate (PEM) to {@code file} and returns the file. */
        public Path writeCertificate(Path file) {
            write(file, pem("CERTIFICATE", encoded(this.certificate)), false);
            return file;
        }

        /**
         * Issues a TLS server certificate whose subject alternative names are exactly {@code
         * names} (IP addresses or DNS names), writing it and its key to the two files.
         */
        public void issueServer(Path certificateFile, Path keyFile, String... names) {
            KeyPair server = newKeyPair();
            GeneralName[] alternatives = new GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                boolean ip = names[i].matches("[0-9.]+") || names[i].contains(":");
                alternatives[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
            }
            try {
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder builder = builder(
                                this.certificate.getSubjectX500Principal(), new X500Principal("CN=" + names[0]), server)
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(
                                Extension.keyUsage,
                                true,
                                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                        .addExtension(
                                Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives))
                        .addExtension(
                                Extension.authorityKeyIdentifier,
                                false,
                                extensions.createAuthorityKeyIdentifier(this.certificate))
                        .addExtension(
                                Extension.subjectKeyIdentifier,
                                false,
                                extensions.createSubjectKeyIdentifier(server.getPublic()));
                X509Certificate issued = sign(builder, this.keys);
                write(certificateFile, pem("CERTIFICATE", encoded(issued)), false);
                write(keyFile, pem("PRIVATE KEY", server.getPrivate().getEncoded()), true);
            } catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
                throw new IllegalStateException("cannot issue a test server certificate", ex);
            }
        }
    }

    /** A new CA named {@code CN=<commonName>}. */
    public static Authority authority(String commonName) {
        KeyPair keys = newKeyPair();
        X500Principal name = new X500Principal("CN=" + commonName);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(name, name, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new Authority(keys, sign(builder, keys));
        } catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
            throw new IllegalStateException("cannot create a test CA", ex);
        }
    }

    private static X509v3CertificateBuilder builder(X500Principal issuer, X500Principal subject, KeyPair subjectKeys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))),
                subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String content, boolean secret) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content, StandardCharsets.US_ASCII);
            if (secret) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
