package com.phoenixidp.resourceserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Not a test: a throw-away environment for {@code bench/api-load.sh --local}. Creates a test CA,
 * server and client certificates, starts the fake OCSP responder and fake IdP (JWK set over HTTPS),
 * writes a certificate-bound access token and {@code bench.env} into the given directory, and runs
 * until killed.
 */
public final class BenchEnvironment {

    private BenchEnvironment() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(dir);
        FakeOcspResponder ocsp = new FakeOcspResponder();
        TestPki pki = new TestPki(ocsp.url());
        ocsp.answerFor(pki.intermediate.certificate(), pki.intermediate.key());
        pki.writeRoot(dir);
        FakeIdp idp = new FakeIdp(TestTls.context(pki.server("idp"), pki.root.certificate()));
        pki.server("catalog").writeTo(dir);
        TestPki.Identity client = pki.client("load-client").writeTo(dir);
        String token = idp.token()
                .boundTo(client.certificate())
                .claim("aud", java.util.List.of("load-client"))
                .claim("client_id", "load-client")
                .claim("sub", "load-client")
                .expiresIn(Duration.ofHours(2))
                .sign();
        Files.writeString(dir.resolve("token.jwt"), token);
        Files.writeString(
                dir.resolve("bench.env"),
                String.join(
                        "\n",
                        "ISSUER=" + idp.issuer(),
                        "CA_ROOT=" + dir.resolve("root.pem").toAbsolutePath(),
                        "SERVER_CERT=" + dir.resolve("catalog.pem").toAbsolutePath(),
                        "SERVER_KEY=" + dir.resolve("catalog.key").toAbsolutePath(),
                        "CLIENT_CERT=" + dir.resolve("load-client.pem").toAbsolutePath(),
                        "CLIENT_KEY=" + dir.resolve("load-client.key").toAbsolutePath(),
                        "TOKEN_FILE=" + dir.resolve("token.jwt").toAbsolutePath(),
                        "AUDIENCE=load-client",
                        ""));
        System.out.println("READY " + dir.resolve("bench.env").toAbsolutePath());
        Thread.currentThread().join();
    }
}
