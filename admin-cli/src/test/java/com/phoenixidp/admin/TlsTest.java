package com.phoenixidp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https with a private CA: refused without {@code --cacert}, accepted with it (a real TLS handshake). */
class TlsTest {

    static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    static StubServer server;

    static Path certificate;

    @BeforeAll
    static void startHttpsStub() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        certificate = dir.resolve("ca.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=phoenix-test",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                keyStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "server",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                "changeit",
                "-file",
                certificate.toString());
        server = StubServer.https(keyStore, PASSWORD);
        server.onJson("GET", "/admin/keys", 200, "{\"keys\":[]}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void runWhenCertificateFromUnknownCaThenExit3MentioningCacert() {
        AdminRunner.Result result = AdminRunner.against(server).run("keys", "list");

        assertThat(result.status()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.error())
                .startsWith("phoenix-admin: error: TLS with " + server.url()
                        + " failed: the server's certificate is not" + " issued by a trusted CA")
                .contains("--cacert FILE");
    }

    @Test
    void runWhenCacertGivenThenTrustedAndAnswered() {
        AdminRunner.Result result = AdminRunner.against(server).run("--cacert", certificate.toString(), "keys", "list");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("No signing keys.\n");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
