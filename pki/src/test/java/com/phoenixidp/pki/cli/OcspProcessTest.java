package com.phoenixidp.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.export.Pem;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuanceRequest;
import com.phoenixidp.pki.issuance.IssuedCertificate;
import com.phoenixidp.pki.support.Commands;
import com.phoenixidp.pki.support.TestCas;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three processes on one CA directory: a standalone {@code pki ocsp} JVM serves, openssl asks,
 * a separate {@code pki revoke} JVM revokes through the shared H2 ledger (AUTO_SERVER), and the
 * very next openssl query sees the revocation.
 */
class OcspProcessTest {

    private static final Map<String, String> ENV = Map.of(PkiCommand.PASSWORD_ENV, TestCas.PASSPHRASE);

    @TempDir
    Path work;

    @Test
    void ocspWhenRevokedByAnotherProcessThenRunningResponderReportsRevoked() throws Exception {
        String serial;
        try (CertificateAuthority ca = TestCas.open(work.resolve("ca"))) {
            IssuedCertificate issued = ca.issue(IssuanceRequest.of("svc", CertificateProfile.SERVER));
            Files.writeString(work.resolve("leaf.crt"), Pem.certificate(issued.certificate()));
            serial = issued.certificate().getSerialNumber().toString(16);
        }
        ProcessBuilder builder = new ProcessBuilder(
                        Commands.pkiJvm("ocsp", "--dir", work.resolve("ca").toString(), "--port", "0"))
                .directory(work.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(ENV);
        Process responder = builder.start();
        try {
            int port = awaitPort(responder);
            String url = "http://127.0.0.1:" + port;

            Commands.Result before = ocsp(url + "/");
            Commands.Result beforeAia = ocsp(url + "/pki/ocsp");
            Commands.Result revoke = Commands.run(
                    work,
                    ENV,
                    Commands.pkiJvm(
                            "revoke",
                            "--dir",
                            work.resolve("ca").toString(),
                            "--serial",
                            serial,
                            "--reason",
                            "keyCompromise"));
            Commands.Result after = ocsp(url + "/");

            assertThat(before.output()).contains("Response verify OK", "leaf.crt: good");
            assertThat(beforeAia.output()).contains("leaf.crt: good");
            assertThat(revoke.exitCode()).as(revoke.output()).isZero();
            assertThat(after.output()).contains("Response verify OK", "leaf.crt: revoked", "Reason: keyCompromise");
        } finally {
            responder.destroy();
            if (!responder.waitFor(10, TimeUnit.SECONDS)) {
                responder.destroyForcibly();
            }
        }
    }

    private Commands.Result ocsp(String url) {
        return Commands.openssl(
                work,
                "ocsp",
                "-issuer",
                "ca/intermediate.crt",
                "-cert",
                "leaf.crt",
                "-url",
                url,
                "-CAfile",
                "ca/root.crt");
    }

    private static int awaitPort(Process process) throws Exception {
        Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    Matcher matcher = listening.matcher(line);
                    if (matcher.find()) {
                        return Integer.parseInt(matcher.group(1));
                    }
                    seen.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("pki ocsp exited: " + seen);
        });
        return port.get(60, TimeUnit.SECONDS);
    }
}
