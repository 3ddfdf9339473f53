package com.phoenixidp.samples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.phoenixidp.samples.cli.Cli;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service client over real mutual TLS, against an in-test HTTPS token endpoint and API that
 * both REQUIRE a client certificate from the test CA (made with BouncyCastle): the token endpoint
 * authenticates the client by its certificate (tls_client_auth) and binds the token to it
 * ({@code cnf.x5t#S256}); the API accepts the token only over a connection with that certificate.
 * The end-to-end run against the real auth-server and resource-server-demo needs the mTLS fleet.
 */
class ServiceClientTest {

    @TempDir
    static Path dir;

    static HttpsServer server;

    static Path caPem;

    static Path clientCert;

    static Path clientKey;

    static Path rogueCert;

    static Path rogueKey;

    static Path otherCaPem;

    static final Map<String, String> issued = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        TestCertificates.Issued ca = TestCertificates.ca("Phoenix Test CA");
        TestCertificates.Issued serverCert = TestCertificates.server(ca);
        TestCertificates.Issued client = TestCertificates.client(ca, "orders-service");
        TestCertificates.Issued otherCa = TestCertificates.ca("Someone Else's CA");
        TestCertificates.Issued rogue = TestCertificates.client(otherCa, "orders-service");
        caPem = ca.writeCertificate(dir.resolve("ca.pem"));
        otherCaPem = otherCa.writeCertificate(dir.resolve("other-ca.pem"));
        clientCert = client.writeCertificate(dir.resolve("client.pem"));
        clientKey = client.writeKey(dir.resolve("client.key"));
        rogueCert = rogue.writeCertificate(dir.resolve("rogue.pem"));
        rogueKey = rogue.writeKey(dir.resolve("rogue.key"));

        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(
                "server", serverCert.keys().getPrivate(), new char[0], new Certificate[] {serverCert.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

        ECKey signingKey = new ECKeyGenerator(Curve.P_256).keyID("test").generate();
        server = HttpsServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = tls.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/oauth2/token", (exchange) -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            X509Certificate peer = peer((HttpsExchange) exchange);
            if (form.contains("client_id=broken-idp")) {
                send(exchange, 502, "text/html", "<html><body>Bad gateway</body></html>");
                return;
            }
            if (!form.contains("grant_type=client_credentials")
                    || !form.contains("client_id=orders-service")
                    || !peer.getSubjectX500Principal().getName().equals("CN=orders-service")) {
                send(
                        exchange,
                        401,
                        "application/json",
                        "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed.\"}");
                return;
            }
            try {
                String thumbprint = ServiceClient.thumbprint(peer);
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("test").build(),
                        new JWTClaimsSet.Builder()
                                .subject("orders-service")
                                .claim("client_id", "orders-service")
                                .claim("scope", "api.read")
                                .claim("cnf", Map.of("x5t#S256", thumbprint))
                                .build());
                jwt.sign(new ECDSASigner(signingKey));
                String token = jwt.serialize();
                issued.put(token, thumbprint);
                send(
                        exchange,
                        200,
                        "application/json",
                        "{\"access_token\":\"" + token
                                + "\",\"token_type\":\"Bearer\",\"expires_in\":299,\"scope\":\"api.read\"}");
            } catch (com.nimbusds.jose.JOSEException ex) {
                send(exchange, 500, "text/plain", ex.toString());
            }
        });
        server.createContext("/api/items", (exchange) -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = (authorization != null) ? authorization.replaceFirst("^Bearer ", "") : "";
            String bound = issued.get(token);
            if (bound == null || !bound.equals(ServiceClient.thumbprint(peer((HttpsExchange) exchange)))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                send(exchange, 401, "application/json", "{}");
                return;
            }
            send(exchange, 200, "application/json", "[{\"id\":1,\"name\":\"passkey starter kit\"}]");
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void getsACertificateBoundTokenAndCallsTheApi() {
        Result result = run(
                "--client-id",
                "orders-service",
                "--cert",
                clientCert.toString(),
                "--key",
                clientKey.toString(),
                "--ca",
                caPem.toString(),
                "--api",
                url("/api/items"));
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("certificate-bound to this client certificate")
                .contains("answered HTTP 200")
                .contains("passkey starter kit")
                .doesNotContain("eyJ");
    }

    @Test
    void certificateFromAnotherCaIsRefusedInTheHandshake() {
        Result result = run(
                "--client-id",
                "orders-service",
                "--cert",
                rogueCert.toString(),
                "--key",
                rogueKey.toString(),
                "--ca",
                caPem.toString(),
                "--api",
                url("/api/items"));
        assertThat(result.code()).as(result.err()).isNotZero();
        assertThat(result.err())
                .contains("TLS with https://localhost:" + server.getAddress().getPort())
                .contains("client certificate")
                .hasLineCount(1);
    }

    @Test
    void serverNotTrustedByTheGivenCa() {
        Result result = run(
                "--client-id",
                "orders-service",
                "--cert",
                clientCert.toString(),
                "--key",
                clientKey.toString(),
                "--ca",
                otherCaPem.toString(),
                "--api",
                url("/api/items"));
        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err()).contains("not issued by a trusted CA").hasLineCount(1);
    }

    @Test
    void refusedClientAndBadTokenResponse() {
        Result refused = run(
                "--client-id",
                "someone-else",
                "--cert",
                clientCert.toString(),
                "--key",
                clientKey.toString(),
                "--ca",
                caPem.toString(),
                "--api",
                url("/api/items"));
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("[invalid_client]").hasLineCount(1);

        Result broken = run(
                "--client-id",
                "broken-idp",
                "--cert",
                clientCert.toString(),
                "--key",
                clientKey.toString(),
                "--ca",
                caPem.toString(),
                "--api",
                url("/api/items"));
        assertThat(broken.code()).isEqualTo(3);
        assertThat(broken.err()).contains("unexpected answer (HTTP 502)").hasLineCount(1);
    }

    @Test
    void missingOrWrongFilesAreUsageErrors() throws IOException {
        Result missing = run(
                "--client-id",
                "orders-service",
                "--cert",
                dir.resolve("nope.pem").toString(),
                "--key",
                clientKey.toString(),
                "--ca",
                caPem.toString(),
                "--api",
                url("/api/items"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--cert: no such file");

        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello\n");
        Result badKey = run(
                "--client-id",
                "orders-service",
                "--cert",
                clientCert.toString(),
                "--key",
                notAKey.toString(),
                "--ca",
                caPem.toString(),
                "--api",
                url("/api/items"));
        assertThat(badKey.code()).isEqualTo(2);
        assertThat(badKey.err()).contains("--key");

        Result noFlags = runRaw("--client-id", "orders-service");
        assertThat(noFlags.code()).isEqualTo(2);
        assertThat(noFlags.err()).contains("--token-endpoint");
    }

    static String url(String path) {
        return "https://localhost:" + server.getAddress().getPort() + path;
    }

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--token-endpoint";
        all[1] = url("/oauth2/token");
        System.arraycopy(args, 0, all, 2, args.length);
        return runRaw(all);
    }

    static Result runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out, true);
        int code = Cli.run(new ServiceClient(outWriter), outWriter, new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static X509Certificate peer(HttpsExchange exchange) {
        try {
            return (X509Certificate) exchange.getSSLSession().getPeerCertificates()[0];
        } catch (SSLPeerUnverifiedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
