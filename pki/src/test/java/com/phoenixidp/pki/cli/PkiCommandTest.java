package com.phoenixidp.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.pki.keys.KeyType;
import com.phoenixidp.pki.policy.SubjectAltName;
import com.phoenixidp.pki.support.CliRun;
import com.phoenixidp.pki.support.Commands;
import com.phoenixidp.pki.support.Csrs;
import com.phoenixidp.pki.support.TestCas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line run in process: the happy path of every command and one test per kind of bad input. */
class PkiCommandTest {

    private static final Map<String, String> ENV = Map.of(PkiCommand.PASSWORD_ENV, TestCas.PASSPHRASE);

    @TempDir
    static Path work;

    static String ca;

    @BeforeAll
    static void initCa() {
        ca = work.resolve("ca").toString();
        CliRun.Result init = CliRun.run(
                ENV,
                "init",
                "--dir",
                ca,
                "--name",
                "Test CA",
                "--base-url",
                "http://127.0.0.1:8888",
                "--allow-dns-suffix",
                "example.internal",
                "--allow-ip-range",
                "127.0.0.0/8",
                "--allow-uri-prefix",
                "spiffe://phoenix.local/");
        assertThat(init.exitCode()).as(init.err()).isZero();
    }

    private static CliRun.Result run(String... args) {
        return CliRun.run(ENV, args);
    }

    /** Every failure is exactly one "pki: error: ..." line on stderr, no stack trace, non-zero exit. */
    private static void assertOneLineError(CliRun.Result result, String expected) {
        assertThat(result.exitCode()).as(result.err()).isNotZero();
        assertThat(result.err()).startsWith("pki: error: ").contains(expected).doesNotContain("Exception", "\tat ");
        assertThat(result.err().strip().lines()).hasSize(1);
    }

    private String out(String name) {
        return work.resolve(name).toString();
    }

    @Test
    void initWhenRunThenRootAndIntermediatePemWritten() throws Exception {
        assertThat(Files.readString(work.resolve("ca/root.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(work.resolve("ca/intermediate.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Commands.openssl(work, "verify", "-CAfile", "ca/root.crt", "ca/intermediate.crt")
                        .exitCode())
                .isZero();
    }

    @Test
    void issueWhenValidThenChainKeyAndPkcs12FilesWritten() throws Exception {
        Path p12Password = Files.writeString(work.resolve("p12.pass"), "p12-secret\n");

        CliRun.Result result = run(
                "issue",
                "--dir",
                ca,
                "--cn",
                "api.example.internal",
                "--san",
                "dns:api.example.internal",
                "--san",
                "ip:127.0.0.1",
                "--san",
                "uri:spiffe://phoenix.local/ns/prod/sa/api",
                "--profile",
                "peer",
                "--days",
                "30",
                "--out",
                out("api"),
                "--p12-password-file",
                p12Password.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Issued peer certificate serial");
        assertThat(Files.readString(work.resolve("api.crt")).split("-----BEGIN CERTIFICATE-----"))
                .as("leaf then intermediate")
                .hasSize(3);
        assertThat(Files.readString(work.resolve("api.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("api.key"))))
                .isEqualTo("rw-------");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(work.resolve("api.p12"))) {
            keyStore.load(in, "p12-secret".toCharArray());
        }
        assertThat(keyStore.getCertificateChain("phoenix")).hasSize(2);
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(work.resolve("api-truststore.p12"))) {
            trustStore.load(in, "p12-secret".toCharArray());
        }
        assertThat(trustStore.isCertificateEntry("phoenix-root")).isTrue();
        Commands.Result verify = Commands.openssl(
                work,
                "verify",
                "-CAfile",
                "ca/root.crt",
                "-untrusted",
                "ca/intermediate.crt",
                "-purpose",
                "sslclient",
                "api.crt");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        Commands.Result p12 =
                Commands.openssl(work, "pkcs12", "-in", "api.p12", "-passin", "pass:p12-secret", "-nokeys");
        assertThat(p12.exitCode()).as(p12.output()).isZero();
    }

    @Test
    void issueWhenPasswordFromFileThenWorksWithoutEnvironment() throws Exception {
        Path passwordFile = Files.writeString(work.resolve("ca.pass"), TestCas.PASSPHRASE + "\n");

        CliRun.Result result = CliRun.run(
                Map.of(),
                "issue",
                "--dir",
                ca,
                "--password-file",
                passwordFile.toString(),
                "--cn",
                "file-pass",
                "--profile",
                "client",
                "--key-type",
                "ed25519",
                "--out",
                out("filepass"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        Commands.Result key = Commands.openssl(work, "pkey", "-in", "filepass.key", "-noout", "-text");
        assertThat(key.exitCode()).as(key.output()).isZero();
        assertThat(key.output()).contains("ED25519 Private-Key");
    }

    @Test
    void signRevokeCrlListWhenChainedThenRevokedSerialOnCrlAndInList() throws Exception {
        Path csr = Files.write(
                work.resolve("svc.csr"),
                Csrs.pem(
                        KeyType.EC.generate(new java.security.SecureRandom()),
                        "svc.example.internal",
                        SubjectAltName.dns("svc.example.internal")));
        CliRun.Result sign =
                run("sign", "--dir", ca, "--csr", csr.toString(), "--profile", "server", "--out", out("svc.crt"));
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        String serial = Commands.openssl(work, "x509", "-in", "svc.crt", "-noout", "-serial")
                .output()
                .trim()
                .substring("serial=".length());

        CliRun.Result revoke = run("revoke", "--dir", ca, "--serial", serial, "--reason", "superseded");
        CliRun.Result crl = run("crl", "--dir", ca, "--out", out("ca.crl"));
        CliRun.Result revoked = run("list", "--dir", ca, "--status", "revoked");
        CliRun.Result valid = run("list", "--dir", ca, "--status", "valid");

        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        assertThat(crl.exitCode()).as(crl.err()).isZero();
        assertThat(Commands.openssl(work, "crl", "-in", "ca.crl", "-noout", "-text")
                        .output())
                .contains("Serial Number: " + serial.toUpperCase(), "Superseded");
        assertThat(revoked.out()).contains(serial.toLowerCase() + "\trevoked\tserver");
        assertThat(valid.out()).doesNotContain(serial.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "issue", "sign", "revoke", "crl", "list", "ocsp"})
    void helpWhenAskedOnEveryCommandThenUsageAndExitZero(String command) {
        CliRun.Result result = run(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: pki " + command, "--help");
    }

    @Test
    void initWhenCaExistsThenRefusesAndKeepsFiles() throws Exception {
        byte[] before = Files.readAllBytes(work.resolve("ca/intermediate.key"));

        assertOneLineError(run("init", "--dir", ca), "refusing to overwrite");
        assertThat(Files.readAllBytes(work.resolve("ca/intermediate.key"))).isEqualTo(before);
    }

    @Test
    void issueWhenWrongPassphraseThenOneLineErrorAndNoOutput() {
        CliRun.Result result = CliRun.run(
                Map.of(PkiCommand.PASSWORD_ENV, "wrong-passphrase"),
                "issue",
                "--dir",
                ca,
                "--cn",
                "x",
                "--out",
                out("wrongpass"));

        assertOneLineError(result, "wrong CA passphrase");
        assertThat(Files.exists(work.resolve("wrongpass.crt"))).isFalse();
    }

    @Test
    void issueWhenNoPassphraseThenOneLineError() {
        assertOneLineError(
                CliRun.run(Map.of(), "issue", "--dir", ca, "--cn", "x", "--out", out("nopass")), "PHOENIX_CA_PASSWORD");
    }

    @Test
    void issueWhenCaMissingThenOneLineError() {
        assertOneLineError(run("issue", "--dir", out("no-such-ca"), "--cn", "x", "--out", out("x")), "no CA in");
        assertOneLineError(run("list", "--dir", out("no-such-ca")), "no CA in");
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo:bar", "dns:", "dns:bad_name", "ip:300.1.1.1", "uri:nope", "email:x"})
    void issueWhenSanSyntaxBadThenOneLineError(String san) {
        assertOneLineError(run("issue", "--dir", ca, "--cn", "x", "--san", san, "--out", out("badsan")), "invalid");
    }

    @Test
    void issueWhenNameOutsidePolicyThenOneLineErrorAndNothingRecorded() {
        int before = run("list", "--dir", ca).out().split("\n").length;

        assertOneLineError(
                run("issue", "--dir", ca, "--cn", "x", "--san", "dns:www.evil.com", "--out", out("evil")),
                "not allowed by the CA's name policy");
        assertOneLineError(
                run("issue", "--dir", ca, "--cn", "x", "--san", "ip:10.0.0.1", "--out", out("evil")), "ip:10.0.0.1");
        assertThat(run("list", "--dir", ca).out().split("\n")).hasSize(before);
    }

    @Test
    void issueWhenOutputUnwritableThenOneLineErrorBeforeIssuing() throws Exception {
        Path file = Files.writeString(work.resolve("a-file"), "x");
        int before = run("list", "--dir", ca).out().split("\n").length;

        assertOneLineError(
                run(
                        "issue",
                        "--dir",
                        ca,
                        "--cn",
                        "x",
                        "--out",
                        file.resolve("sub/leaf").toString()),
                "cannot write");
        assertOneLineError(
                run(
                        "crl",
                        "--dir",
                        ca,
                        "--out",
                        work.resolve("missing-dir/ca.crl").toString()),
                "cannot write");
        assertThat(run("list", "--dir", ca).out().split("\n")).hasSize(before);
    }

    @Test
    void issueWhenBadProfileKeyTypeOrDaysThenOneLineError() {
        assertOneLineError(
                run("issue", "--dir", ca, "--cn", "x", "--profile", "admin", "--out", out("p")), "unknown profile");
        assertOneLineError(
                run("issue", "--dir", ca, "--cn", "x", "--key-type", "dsa", "--out", out("p")), "unknown key type");
        assertOneLineError(
                run("issue", "--dir", ca, "--cn", "x", "--days", "0", "--out", out("p")), "validity must be positive");
        assertOneLineError(run("issue", "--dir", ca, "--cn", "x", "--days", "ten", "--out", out("p")), "--days");
    }

    @Test
    void signWhenCsrMalformedThenOneLineError() throws Exception {
        Path garbage = Files.writeString(work.resolve("garbage.csr"), "this is not a CSR");

        assertOneLineError(
                run("sign", "--dir", ca, "--csr", garbage.toString(), "--out", out("g.crt")),
                "malformed certificate request");
        assertOneLineError(
                run("sign", "--dir", ca, "--csr", out("absent.csr"), "--out", out("g.crt")), "cannot read CSR");
    }

    @Test
    void signWhenCsrSignatureForgedThenOneLineError() throws Exception {
        Path forged = Files.write(
                work.resolve("forged.csr"),
                Csrs.forged(
                        KeyType.EC.generate(new java.security.SecureRandom()),
                        "svc.example.internal",
                        "admin.example.internal"));

        assertOneLineError(
                run("sign", "--dir", ca, "--csr", forged.toString(), "--out", out("forged.crt")),
                "signature is invalid");
        assertThat(Files.exists(work.resolve("forged.crt"))).isFalse();
    }

    @Test
    void signWhenCsrNamesOutsidePolicyThenOneLineError() throws Exception {
        Path csr = Files.write(
                work.resolve("evil.csr"),
                Csrs.pem(
                        KeyType.EC.generate(new java.security.SecureRandom()),
                        "evil",
                        SubjectAltName.dns("evil.example.com")));

        assertOneLineError(
                run("sign", "--dir", ca, "--csr", csr.toString(), "--out", out("evil.crt")), "dns:evil.example.com");
    }

    @Test
    void revokeWhenSerialUnknownOrMalformedThenOneLineError() {
        assertOneLineError(
                run("revoke", "--dir", ca, "--serial", "0123456789abcdef"),
                "no certificate with serial 123456789abcdef");
        assertOneLineError(run("revoke", "--dir", ca, "--serial", "xyz"), "invalid serial");
        assertOneLineError(
                run("revoke", "--dir", ca, "--serial", "01", "--reason", "boredom"), "unknown revocation reason");
    }

    @Test
    void listWhenStatusUnknownThenOneLineError() {
        assertOneLineError(run("list", "--dir", ca, "--status", "weird"), "unknown status");
    }

    @Test
    void runWhenUnknownOptionOrMissingRequiredThenOneLineUsageError() {
        List<CliRun.Result> results = new ArrayList<>();
        results.add(run("issue", "--dir", ca, "--out", out("x")));
        results.add(run("issue", "--bogus"));
        results.add(run("frobnicate"));

        assertThat(results).allSatisfy(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("pki: error: ");
            assertThat(r.err().strip().lines()).hasSize(1);
        });
    }
}
