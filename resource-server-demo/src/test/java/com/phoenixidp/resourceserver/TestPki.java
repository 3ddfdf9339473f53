package com.phoenixidp.resourceserver;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test fixture: a root CA, an intermediate that issues server and client certificates (with the
 * OCSP responder in their AIA), and an unrelated second CA. EC P-256 keys keep generation fast.
 */
final class TestPki {

    record Identity(String name, X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {

        BigInteger serial() {
            return this.certificate.getSerialNumber();
        }

        /** Writes {@code name.pem} (leaf + issuers) and {@code name.key} (PKCS#8) into {@code dir}. */
        Identity writeTo(Path dir) throws IOException {
            Files.writeString(dir.resolve(this.name + ".pem"), pem(this.chain.toArray()));
            Files.writeString(
                    dir.resolve(this.name + ".key"),
                    pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(this.key, null)));
            return this;
        }
    }

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    final Identity root;

    final Identity intermediate;

    final Identity otherRoot;

    private final URI ocspUrl;

    TestPki(URI ocspUrl) throws Exception {
        this.ocspUrl = ocspUrl;
        this.root = ca("Phoenix Test Root CA", null);
        this.intermediate = ca("Phoenix Test Issuing CA", this.root);
        this.otherRoot = ca("Unrelated Root CA", null);
    }

    Identity server(String name) throws Exception {
        return leaf(name, this.intermediate, KeyPurposeId.id_kp_serverAuth, true);
    }

    Identity client(String name) throws Exception {
        return leaf(name, this.intermediate, KeyPurposeId.id_kp_clientAuth, false);
    }

    Identity clientOfOtherCa(String name) throws Exception {
        return leaf(name, this.otherRoot, KeyPurposeId.id_kp_clientAuth, false);
    }

    void writeRoot(Path dir) throws IOException {
        Files.writeString(dir.resolve("root.pem"), pem(this.root.certificate()));
    }

    private Identity ca(String cn, Identity issuer) throws Exception {
        KeyPair keys = ecKeys();
        X500Name subject = new X500Name("CN=" + cn + ",O=Phoenix Test");
        X509v3CertificateBuilder builder = builder(subject, keys, issuer, Duration.ofDays(30));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(issuer == null ? 1 : 0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate certificate = sign(builder, issuer == null ? keys.getPrivate() : issuer.key());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        return new Identity(cn, certificate, keys.getPrivate(), chain);
    }

    private Identity leaf(String name, Identity issuer, KeyPurposeId purpose, boolean server) throws Exception {
        KeyPair keys = ecKeys();
        X509v3CertificateBuilder builder =
                builder(new X500Name("CN=" + name + ",OU=services,O=Phoenix Test"), keys, issuer, Duration.ofDays(2));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        if (server) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
        }
        builder.addExtension(
                Extension.authorityInfoAccess,
                false,
                new AuthorityInformationAccess(
                        AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, this.ocspUrl.toString())));
        X509Certificate certificate = sign(builder, issuer.key());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        if (issuer != this.root && issuer != this.otherRoot) {
            chain.add(issuer.certificate());
        }
        return new Identity(name, certificate, keys.getPrivate(), chain);
    }

    private static X509v3CertificateBuilder builder(X500Name subject, KeyPair keys, Identity issuer, Duration validity)
            throws Exception {
        Instant now = Instant.now();
        X500Name issuerName = (issuer == null)
                ? subject
                : X500Name.getInstance(
                        issuer.certificate().getSubjectX500Principal().getEncoded());
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuerName,
                BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(validity)),
                subject,
                keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        if (issuer != null) {
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer.certificate()));
        }
        return builder;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    static String pem(Object... objects) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        return out.toString();
    }
}
