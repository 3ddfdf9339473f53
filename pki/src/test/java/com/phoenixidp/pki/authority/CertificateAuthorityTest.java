package com.phoenixidp.pki.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.InvalidCsrException;
import com.phoenixidp.pki.issuance.IssuanceRequest;
import com.phoenixidp.pki.issuance.IssuedCertificate;
import com.phoenixidp.pki.keys.KeyType;
import com.phoenixidp.pki.keys.WrongPassphraseException;
import com.phoenixidp.pki.policy.NameNotAllowedException;
import com.phoenixidp.pki.policy.NamePolicy;
import com.phoenixidp.pki.policy.SubjectAltName;
import com.phoenixidp.pki.store.CertificateRecord;
import com.phoenixidp.pki.store.CertificateStatus;
import com.phoenixidp.pki.support.Csrs;
import com.phoenixidp.pki.support.TestCas;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    @TempDir
    static Path shared;

    static CertificateAuthority ca;
    static CertificateAuthority policyCa;

    @BeforeAll
    static void createCas() {
        ca = TestCas.open(shared.resolve("plain"));
        policyCa = TestCas.withPolicy(shared.resolve("policy"));
    }

    @AfterAll
    static void closeCas() {
        ca.close();
        policyCa.close();
    }

    @Test
    void initWhenCreatedThenKeysEncryptedOwnerOnlyAndCertificatesWritten() throws Exception {
        Path dir = ca.directory();
        for (String key : List.of("root.key", "intermediate.key")) {
            assertThat(Files.readString(dir.resolve(key))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))))
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(Files.readString(dir.resolve("root.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(ca.intermediateCertificate().getBasicConstraints()).isZero();
        ca.intermediateCertificate().verify(ca.rootCertificate().getPublicKey());
        assertThat(ca.rootCertificate().getSubjectX500Principal().getName()).contains("Root CA");
    }

    @Test
    void initWhenCaAlreadyThereThenRefusesAndLeavesFilesUntouched() throws Exception {
        Path dir = ca.directory();
        byte[] rootBefore = Files.readAllBytes(dir.resolve("root.crt"));
        byte[] keyBefore = Files.readAllBytes(dir.resolve("root.key"));

        assertThatThrownBy(
                        () -> CertificateAuthority.init(dir, "another-passphrase".toCharArray(), CaOptions.defaults()))
                .isInstanceOf(CaAlreadyExistsException.class)
                .hasMessageContaining("refusing to overwrite");
        assertThat(Files.readAllBytes(dir.resolve("root.crt"))).isEqualTo(rootBefore);
        assertThat(Files.readAllBytes(dir.resolve("root.key"))).isEqualTo(keyBefore);
    }

    @Test
    void openWhenWrongPassphraseThenWrongPassphraseException() {
        assertThatThrownBy(() -> CertificateAuthority.open(ca.directory(), "not-the-passphrase".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessage("wrong CA passphrase (cannot decrypt intermediate.key)");
    }

    @Test
    void openWhenDirectoryHasNoCaThenCaNotFound() {
        assertThatThrownBy(() -> CertificateAuthority.open(shared.resolve("nothing-here"), TestCas.passphrase()))
                .isInstanceOf(CaNotFoundException.class)
                .hasMessageContaining("no CA in");
    }

    @Test
    void openWhenReopenedThenSameCertificatesAndLedger() {
        IssuedCertificate issued = ca.issue(IssuanceRequest.of("reopen", CertificateProfile.CLIENT));
        try (CertificateAuthority again = CertificateAuthority.open(ca.directory(), TestCas.passphrase())) {
            assertThat(again.rootCertificate()).isEqualTo(ca.rootCertificate());
            assertThat(again.find(issued.certificate().getSerialNumber())).isPresent();
        }
    }

    @Test
    void issueWhenDefaultsThenNinetyDaysRecordedWithRandomSerials() {
        Set<BigInteger> serials = new HashSet<>();
        IssuedCertificate issued = null;
        for (int i = 0; i < 20; i++) {
            issued = ca.issue(IssuanceRequest.of(
                    "svc" + i, CertificateProfile.SERVER, SubjectAltName.dns("svc.example.internal")));
            serials.add(issued.certificate().getSerialNumber());
        }
        X509Certificate leaf = issued.certificate();

        assertThat(serials)
                .hasSize(20)
                .allSatisfy(s -> assertThat(s.bitLength()).isGreaterThanOrEqualTo(64));
        assertThat(Duration.between(Instant.now(), leaf.getNotAfter().toInstant())
                        .toDays())
                .isBetween(89L, 90L);
        assertThat(issued.chain()).containsExactly(leaf, ca.intermediateCertificate());
        CertificateRecord record = ca.find(leaf.getSerialNumber()).orElseThrow();
        assertThat(record.subject()).isEqualTo("CN=svc19");
        assertThat(record.subjectAltNames()).containsExactly("dns:svc.example.internal");
        assertThat(record.profile()).isEqualTo("server");
        assertThat(record.status(Instant.now())).isEqualTo(CertificateStatus.VALID);
    }

    @Test
    void issueWhenValidityAbovePolicyMaximumThenCapped() {
        IssuedCertificate issued =
                ca.issue(IssuanceRequest.of("long", CertificateProfile.SERVER).withValidity(Duration.ofDays(5000)));

        assertThat(Duration.between(
                                Instant.now(),
                                issued.certificate().getNotAfter().toInstant())
                        .toDays())
                .isBetween(396L, 397L);
    }

    @Test
    void issueWhenNearIntermediateExpiryThenNeverPastIssuer(@TempDir Path dir) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        CaOptions options = CaOptions.defaults().withIntermediateValidity(Duration.ofDays(30));
        CertificateAuthority.init(
                        dir, TestCas.passphrase(), options, Clock.fixed(start, ZoneOffset.UTC), new SecureRandom())
                .close();
        Clock later = Clock.fixed(start.plus(Duration.ofDays(20)), ZoneOffset.UTC);
        try (CertificateAuthority shortLived =
                CertificateAuthority.open(dir, TestCas.passphrase(), later, new SecureRandom())) {
            IssuedCertificate issued = shortLived.issue(IssuanceRequest.of("late", CertificateProfile.SERVER));

            assertThat(issued.certificate().getNotAfter())
                    .isEqualTo(shortLived.intermediateCertificate().getNotAfter());
        }
    }

    @Test
    void issueWhenRsaOrEd25519RequestedThenKeyOfThatType() {
        IssuedCertificate rsa = ca.issue(IssuanceRequest.of("rsa", CertificateProfile.SERVER), KeyType.RSA);
        IssuedCertificate ed = ca.issue(IssuanceRequest.of("ed", CertificateProfile.CLIENT), KeyType.ED25519);

        assertThat(rsa.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(rsa.certificate().getKeyUsage()[2])
                .as("keyEncipherment for RSA server")
                .isTrue();
        assertThat(ed.certificate().getPublicKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
        assertThat(ed.certificate().getKeyUsage()[2]).isFalse();
    }

    @Test
    void signWhenCsrValidThenCertificateForCsrKeyWithProfileExtensions() throws Exception {
        KeyPair requester = KeyType.EC.generate(new SecureRandom());
        byte[] csr = Csrs.pem(
                requester,
                "api.example.internal",
                SubjectAltName.dns("api.example.internal"),
                SubjectAltName.uri("spiffe://phoenix.local/ns/prod/sa/api"));

        IssuedCertificate issued = policyCa.sign(csr, CertificateProfile.PEER, Duration.ofDays(10));

        X509Certificate leaf = issued.certificate();
        assertThat(leaf.getPublicKey()).isEqualTo(requester.getPublic());
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getSubjectAlternativeNames().stream()
                        .map(l -> (Object) l.get(1))
                        .toList())
                .containsExactly("api.example.internal", "spiffe://phoenix.local/ns/prod/sa/api");
        assertThat(issued.generatedKey()).isEmpty();
        leaf.verify(policyCa.intermediateCertificate().getPublicKey());
    }

    @Test
    void signWhenCsrSignatureForgedThenInvalidCsrAndNothingRecorded() {
        KeyPair requester = KeyType.EC.generate(new SecureRandom());
        int before = policyCa.list(null).size();

        assertThatThrownBy(() -> policyCa.sign(
                        Csrs.forged(requester, "api.example.internal", "admin.example.internal"),
                        CertificateProfile.SERVER,
                        null))
                .isInstanceOf(InvalidCsrException.class)
                .hasMessageContaining("proof of possession");
        assertThat(policyCa.list(null)).hasSize(before);
    }

    @Test
    void signWhenCsrMalformedThenInvalidCsr() {
        assertThatThrownBy(() -> policyCa.sign(
                        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n".getBytes(),
                        CertificateProfile.SERVER,
                        null))
                .isInstanceOf(InvalidCsrException.class);
        assertThatThrownBy(
                        () -> policyCa.sign(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, CertificateProfile.SERVER, null))
                .isInstanceOf(InvalidCsrException.class);
    }

    @Test
    void signWhenCsrNamesOutsidePolicyThenNameNotAllowedAndNothingRecorded() {
        KeyPair requester = KeyType.EC.generate(new SecureRandom());
        int before = policyCa.list(null).size();

        assertThatThrownBy(() -> policyCa.sign(
                        Csrs.pem(requester, "api.example.internal", SubjectAltName.dns("api.evil.com")),
                        CertificateProfile.SERVER,
                        null))
                .isInstanceOf(NameNotAllowedException.class)
                .hasMessageContaining("api.evil.com");
        assertThatThrownBy(() -> policyCa.issue(
                        IssuanceRequest.of("x", CertificateProfile.SERVER, SubjectAltName.ip("192.168.1.1"))))
                .isInstanceOf(NameNotAllowedException.class);
        assertThat(policyCa.list(null)).hasSize(before);
    }

    @Test
    void initWhenPolicySetThenIntermediateCarriesCriticalNameConstraints() throws Exception {
        X509Certificate intermediate = policyCa.intermediateCertificate();

        assertThat(intermediate.getCriticalExtensionOIDs()).contains(Extension.nameConstraints.getId());
        NameConstraints constraints = NameConstraints.getInstance(new JcaX509CertificateHolder(intermediate)
                .getExtensions()
                .getExtensionParsedValue(Extension.nameConstraints));
        assertThat(constraints).isNotNull();
        assertThat(constraints.getPermittedSubtrees())
                .extracting(s -> s.getBase().toString())
                .contains("2: example.internal", "6: phoenix.local");
        assertThat(ca.intermediateCertificate().getExtensionValue(Extension.nameConstraints.getId()))
                .isNull();
        assertThat(policyCa.namePolicy())
                .isEqualTo(NamePolicy.fromProperties(
                        Files.readString(policyCa.directory().resolve("policy.properties"))));
    }

    @Test
    void revokeWhenIssuedThenRecordRevokedAndOnNextCrl() {
        IssuedCertificate issued = ca.issue(IssuanceRequest.of("to-revoke", CertificateProfile.CLIENT));
        BigInteger serial = issued.certificate().getSerialNumber();

        ca.revoke(serial, com.phoenixidp.pki.revocation.RevocationReason.KEY_COMPROMISE);

        assertThat(ca.find(serial).orElseThrow().status(Instant.now())).isEqualTo(CertificateStatus.REVOKED);
        var crl = ca.currentCrl();
        assertThat(crl.getRevokedCertificate(serial)).isNotNull();
        assertThat(ca.currentCrl().getExtensionValue(Extension.cRLNumber.getId()))
                .isNotEqualTo(crl.getExtensionValue(Extension.cRLNumber.getId()));
    }

    @Test
    void initWhenPassphraseTooShortThenRejectedAndNoFilesWritten(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("ca");
        assertThatThrownBy(() -> CertificateAuthority.init(target, "short".toCharArray(), CaOptions.defaults()))
                .hasMessageContaining("at least 8");
        assertThat(Files.exists(target)).isFalse();
    }
}
