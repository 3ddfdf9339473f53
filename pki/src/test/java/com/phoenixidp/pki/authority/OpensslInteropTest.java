package com.phoenixidp.pki.authority;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.pki.export.Pem;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuanceRequest;
import com.phoenixidp.pki.issuance.IssuedCertificate;
import com.phoenixidp.pki.policy.SubjectAltName;
import com.phoenixidp.pki.revocation.RevocationReason;
import com.phoenixidp.pki.support.Commands;
import com.phoenixidp.pki.support.Commands.Result;
import com.phoenixidp.pki.support.TestCas;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks issued certificates and CRLs with the real {@code openssl} binary. */
class OpensslInteropTest {

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

    private static Path write(String name, IssuedCertificate issued) throws Exception {
        Path file = work.resolve(name);
        Files.writeString(file, Pem.certificates(issued.chain()));
        return file;
    }

    private static Result verify(String purpose, String leaf) {
        return Commands.openssl(
                work,
                "verify",
                "-CAfile",
                "ca/root.crt",
                "-untrusted",
                "ca/intermediate.crt",
                "-purpose",
                purpose,
                leaf);
    }

    @ParameterizedTest
    @CsvSource({
        "server,sslserver,0",
        "server,sslclient,1",
        "client,sslclient,0",
        "client,sslserver,1",
        "peer,sslserver,0",
        "peer,sslclient,0"
    })
    void verifyWhenPurposeMatchesProfileThenOkElseRejected(String profile, String purpose, int expectedFailure)
            throws Exception {
        IssuedCertificate issued = ca.issue(IssuanceRequest.of(
                "svc.example.internal",
                CertificateProfile.parse(profile),
                SubjectAltName.dns("svc.example.internal"),
                SubjectAltName.ip("127.0.0.1")));
        write(profile + "-" + purpose + ".crt", issued);

        Result result = verify(purpose, profile + "-" + purpose + ".crt");

        if (expectedFailure == 0) {
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains(": OK");
        } else {
            assertThat(result.exitCode()).as(result.output()).isNotZero();
            assertThat(result.output()).contains("unsuitable certificate purpose");
        }
    }

    @Test
    void verifyWhenCertificateFromOtherCaThenRejected(@TempDir Path otherDir) throws Exception {
        try (CertificateAuthority other = TestCas.open(otherDir)) {
            write("foreign.crt", other.issue(IssuanceRequest.of("svc.example.internal", CertificateProfile.SERVER)));
        }

        Result result = verify("sslserver", "foreign.crt");

        assertThat(result.exitCode()).isNotZero();
    }

    @Test
    void x509TextWhenServerCertificateThenShowsEveryExtension() throws Exception {
        IssuedCertificate issued = ca.issue(IssuanceRequest.of(
                "api.example.internal",
                CertificateProfile.SERVER,
                SubjectAltName.dns("api.example.internal"),
                SubjectAltName.ip("127.0.0.1"),
                SubjectAltName.uri("spiffe://phoenix.local/ns/prod/sa/api")));
        write("api.crt", issued);

        Result text = Commands.openssl(work, "x509", "-in", "api.crt", "-noout", "-text");

        assertThat(text.exitCode()).isZero();
        assertThat(text.output())
                .contains(
                        "X509v3 Basic Constraints: critical",
                        "CA:FALSE",
                        "X509v3 Key Usage: critical",
                        "Digital Signature",
                        "X509v3 Extended Key Usage",
                        "TLS Web Server Authentication",
                        "X509v3 Subject Key Identifier",
                        "X509v3 Authority Key Identifier",
                        "X509v3 CRL Distribution Points",
                        "URI:http://127.0.0.1:8888/pki/crl",
                        "OCSP - URI:http://127.0.0.1:8888/pki/ocsp",
                        "CA Issuers - URI:http://127.0.0.1:8888/pki/intermediate.crt",
                        "DNS:api.example.internal",
                        "IP Address:127.0.0.1",
                        "URI:spiffe://phoenix.local/ns/prod/sa/api",
                        "Signature Algorithm: ecdsa-with-SHA256",
                        "ASN1 OID: prime256v1");
        assertThat(text.output()).doesNotContain("Key Encipherment", "TLS Web Client Authentication");
    }

    @Test
    void x509TextWhenIntermediateThenNameConstraintsAndPathLengthZero() {
        Result text = Commands.openssl(work, "x509", "-in", "ca/intermediate.crt", "-noout", "-text");

        assertThat(text.output())
                .contains(
                        "CA:TRUE, pathlen:0",
                        "X509v3 Name Constraints: critical",
                        "DNS:example.internal",
                        "IP:127.0.0.0/255.0.0.0",
                        "URI:phoenix.local",
                        "Certificate Sign, CRL Sign");
    }

    @Test
    void verifyWhenLeafNameOutsideIntermediateNameConstraintsThenOpensslRejects() throws Exception {
        // A copy of the CA whose stored policy was loosened after init: it signs evil.com, but the
        // intermediate still carries the original NameConstraints, so relying parties refuse the leaf.
        Path loosened = work.resolve("loosened");
        Files.createDirectories(loosened);
        for (String name : java.util.List.of(
                "ca.properties", "root.crt", "root.key", "intermediate.crt", "intermediate.key", "ledger.password")) {
            Files.copy(work.resolve("ca").resolve(name), loosened.resolve(name));
        }
        Files.writeString(
                loosened.resolve("policy.properties"), com.phoenixidp.pki.policy.NamePolicy.ALLOW_ALL.toProperties());
        IssuedCertificate inside = ca.issue(IssuanceRequest.of(
                "in.example.internal", CertificateProfile.SERVER, SubjectAltName.dns("in.example.internal")));
        write("inside.crt", inside);
        try (CertificateAuthority rogue = CertificateAuthority.open(loosened, TestCas.passphrase())) {
            write(
                    "outside.crt",
                    rogue.issue(
                            IssuanceRequest.of("evil", CertificateProfile.SERVER, SubjectAltName.dns("www.evil.com"))));
        }

        Result insideResult = verify("sslserver", "inside.crt");
        Result outsideResult = verify("sslserver", "outside.crt");

        assertThat(insideResult.exitCode()).as(insideResult.output()).isZero();
        assertThat(outsideResult.exitCode()).isNotZero();
        assertThat(outsideResult.output()).contains("permitted subtree violation");
    }

    @Test
    void crlWhenCertificateRevokedThenOpensslListsSerialAndVerifiesSignature() throws Exception {
        IssuedCertificate issued = ca.issue(IssuanceRequest.of("gone.example.internal", CertificateProfile.CLIENT));
        BigInteger serial = issued.certificate().getSerialNumber();
        ca.revoke(serial, RevocationReason.KEY_COMPROMISE);
        Files.writeString(work.resolve("crl.pem"), Pem.crl(ca.currentCrl()));
        Files.writeString(work.resolve("chain.pem"), Pem.certificates(ca.chain()));
        write("gone.crt", issued);

        Result crl = Commands.openssl(work, "crl", "-in", "crl.pem", "-noout", "-text", "-CAfile", "chain.pem");
        Result crlCheck = Commands.openssl(
                work,
                "verify",
                "-crl_check",
                "-CRLfile",
                "crl.pem",
                "-CAfile",
                "ca/root.crt",
                "-untrusted",
                "ca/intermediate.crt",
                "gone.crt");

        assertThat(crl.exitCode()).as(crl.output()).isZero();
        assertThat(crl.output())
                .contains(
                        "verify OK",
                        "Serial Number: " + serial.toString(16).toUpperCase(),
                        "Key Compromise",
                        "X509v3 CRL Number",
                        "Next Update");
        assertThat(crlCheck.exitCode()).isNotZero();
        assertThat(crlCheck.output()).contains("certificate revoked");
    }

    @Test
    void pkeyWhenLeafKeyExportedThenMatchesCertificate() throws Exception {
        IssuedCertificate issued = ca.issue(IssuanceRequest.of("k.example.internal", CertificateProfile.SERVER));
        Files.writeString(work.resolve("k.key"), Pem.privateKey(issued.keyPair().getPrivate()));
        write("k.crt", issued);

        Result fromKey = Commands.openssl(work, "pkey", "-in", "k.key", "-pubout");
        Result fromCert = Commands.openssl(work, "x509", "-in", "k.crt", "-noout", "-pubkey");

        assertThat(fromKey.exitCode()).isZero();
        assertThat(fromKey.output()).isEqualTo(fromCert.output());
        X509Certificate leaf = issued.certificate();
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    }
}
