package com.phoenixidp.pki.authority;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.phoenixidp.pki.export.Pem;
import com.phoenixidp.pki.export.Pkcs12;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuanceRequest;
import com.phoenixidp.pki.issuance.IssuedCertificate;
import com.phoenixidp.pki.keys.PrivateKeySigner;
import com.phoenixidp.pki.keys.Providers;
import com.phoenixidp.pki.policy.SubjectAltName;
import com.phoenixidp.pki.support.Commands;
import com.phoenixidp.pki.support.Commands.Result;
import com.phoenixidp.pki.support.NativeProvider;
import com.phoenixidp.pki.support.TestCas;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the native provider installed (as the auth-server installs it), the CA signs with its
 * keys read from the encrypted key files through AWS-LC and generates leaf keys there; PEM keys,
 * PKCS#12 files and OCSP responses pass the real {@code openssl} as they do on BouncyCastle (the
 * certificate and CRL checks are {@link OpensslInteropNativeTest}), and a CA directory made this
 * way opens and signs on BouncyCastle alone.
 */
@ExtendWith(NativeProvider.class)
class NativeIssuanceTest {

    private static final String P12_PASSWORD = "p12-secret";

    @TempDir
    static Path work;

    static CertificateAuthority ca;

    @BeforeAll
    static void createCa() {
        ca = TestCas.withPolicy(work.resolve("ca"));
    }

    @AfterAll
    static void closeCa() {
        ca.close();
    }

    private static IssuedCertificate issue(String name, CertificateProfile profile) {
        return ca.issue(IssuanceRequest.of(name, profile, SubjectAltName.dns(name), SubjectAltName.ip("127.0.0.1")));
    }

    @Test
    void loadWhenNativeInstalledThenCaKeysFromTheEncryptedFilesSignNatively() {
        CaKeys keys = CaKeys.load(new CaDirectory(work.resolve("ca")), TestCas.passphrase(), new SecureRandom());

        assertThat(((PrivateKeySigner) keys.rootSigner()).provider().getName()).isEqualTo(Providers.NATIVE);
        assertThat(((PrivateKeySigner) keys.intermediateSigner()).provider().getName())
                .isEqualTo(Providers.NATIVE);
    }

    @Test
    void pemWhenNativeLeafKeyThenAsBouncyCastleWritesItAndOpensslMatchesTheCertificate() throws Exception {
        IssuedCertificate issued = issue("k.example.internal", CertificateProfile.SERVER);
        PrivateKey key = issued.keyPair().getPrivate();
        PrivateKey asBouncyCastle =
                KeyFactory.getInstance("EC", Providers.BC).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        Files.writeString(work.resolve("k.key"), Pem.privateKey(key));
        Files.writeString(work.resolve("k.crt"), Pem.certificate(issued.certificate()));

        Result fromKey = Commands.openssl(work, "pkey", "-in", "k.key", "-pubout");
        Result fromCert = Commands.openssl(work, "x509", "-in", "k.crt", "-noout", "-pubkey");

        assertThat(key.getClass().getName()).startsWith("com.amazon.corretto.crypto.provider.");
        assertThat(Pem.privateKey(key)).isEqualTo(Pem.privateKey(asBouncyCastle));
        assertThat(fromKey.exitCode()).as(fromKey.output()).isZero();
        assertThat(fromKey.output()).isEqualTo(fromCert.output());
    }

    @Test
    void pkcs12WhenNativeLeafKeyThenOpensslAndJavaReadTheKeyOfTheCertificate() throws Exception {
        IssuedCertificate issued = issue("p.example.internal", CertificateProfile.CLIENT);
        byte[] p12 = Pkcs12.keyStore(issued.keyPair().getPrivate(), issued.chain(), P12_PASSWORD.toCharArray());
        Files.write(work.resolve("p.p12"), p12);
        Files.writeString(work.resolve("p.crt"), Pem.certificate(issued.certificate()));

        Result keyOut = Commands.openssl(
                work,
                "pkcs12",
                "-in",
                "p.p12",
                "-passin",
                "pass:" + P12_PASSWORD,
                "-nocerts",
                "-nodes",
                "-out",
                "p-from-p12.key");
        Result fromKey = Commands.openssl(work, "pkey", "-in", "p-from-p12.key", "-pubout");
        Result fromCert = Commands.openssl(work, "x509", "-in", "p.crt", "-noout", "-pubkey");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(p12), P12_PASSWORD.toCharArray());

        assertThat(keyOut.exitCode()).as(keyOut.output()).isZero();
        assertThat(fromKey.output()).isEqualTo(fromCert.output());
        assertThat(((ECPrivateKey) store.getKey(Pkcs12.KEY_ALIAS, P12_PASSWORD.toCharArray())).getS())
                .isEqualTo(((ECPrivateKey) issued.keyPair().getPrivate()).getS());
    }

    @Test
    void ocspWhenSignedNativelyThenOpensslVerifiesTheResponse() throws Exception {
        IssuedCertificate issued = issue("o.example.internal", CertificateProfile.SERVER);
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(ca.intermediateCertificate()),
                issued.certificate().getSerialNumber());
        Files.write(
                work.resolve("o.ocsp"),
                ca.ocspResponder()
                        .respond(new OCSPReqBuilder().addRequest(id).build().getEncoded()));

        Result result = Commands.openssl(
                work,
                "ocsp",
                "-respin",
                "o.ocsp",
                "-CAfile",
                "ca/root.crt",
                "-verify_other",
                "ca/intermediate.crt",
                "-no_nonce",
                "-resp_text");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Response verify OK", "Cert Status: good");
    }

    @Test
    void openWhenCaMadeNativelyAndNoNativeProviderThenBouncyCastleSignsWithItsKeys() throws Exception {
        Path dir = work.resolve("portable");
        TestCas.open(dir).close();
        Security.removeProvider(Providers.NATIVE);
        try (CertificateAuthority onBouncyCastle = CertificateAuthority.open(dir, TestCas.passphrase())) {
            IssuedCertificate issued = onBouncyCastle.issue(IssuanceRequest.of(
                    "bc.example.internal", CertificateProfile.SERVER, SubjectAltName.dns("bc.example.internal")));
            Files.writeString(work.resolve("bc.crt"), Pem.certificates(issued.chain()));

            Result result = Commands.openssl(
                    work,
                    "verify",
                    "-CAfile",
                    "portable/root.crt",
                    "-untrusted",
                    "portable/intermediate.crt",
                    "bc.crt");

            assertThat(issued.keyPair().getPrivate().getClass().getName()).startsWith("org.bouncycastle.");
            assertThat(result.exitCode()).as(result.output()).isZero();
        } finally {
            Security.insertProviderAt(AmazonCorrettoCryptoProvider.INSTANCE, 1);
        }
    }
}
