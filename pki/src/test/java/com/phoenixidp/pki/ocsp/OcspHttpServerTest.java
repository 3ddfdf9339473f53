package com.phoenixidp.pki.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.export.Pem;
import com.phoenixidp.pki.issuance.CaUrls;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuanceRequest;
import com.phoenixidp.pki.issuance.IssuedCertificate;
import com.phoenixidp.pki.revocation.RevocationReason;
import com.phoenixidp.pki.support.Commands;
import com.phoenixidp.pki.support.TestCas;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process HTTP transport, exercised with openssl (POST) and curl (GET). */
class OcspHttpServerTest {

    @TempDir
    static Path dir;

    static CertificateAuthority ca;
    static OcspHttpServer server;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCas.open(dir.resolve("ca"));
        server = OcspHttpServer.start(ca.ocspResponder(), 0, CaUrls.OCSP_PATH);
    }

    @AfterAll
    static void stop() {
        server.close();
        ca.close();
    }

    private static IssuedCertificate issue(String name) throws Exception {
        IssuedCertificate issued = ca.issue(IssuanceRequest.of(name, CertificateProfile.SERVER));
        Files.writeString(dir.resolve(name + ".crt"), Pem.certificate(issued.certificate()));
        return issued;
    }

    private static Commands.Result ocsp(String cert, String path) {
        return Commands.openssl(
                dir,
                "ocsp",
                "-issuer",
                "ca/intermediate.crt",
                "-cert",
                cert,
                "-url",
                "http://127.0.0.1:" + server.port() + path,
                "-CAfile",
                "ca/root.crt");
    }

    @Test
    void postWhenOpensslAsksAtRootAndAiaPathThenGoodThenRevoked() throws Exception {
        IssuedCertificate issued = issue("leaf1");

        Commands.Result atRoot = ocsp("leaf1.crt", "/");
        Commands.Result atAia = ocsp("leaf1.crt", "/pki/ocsp");
        ca.revoke(issued.certificate().getSerialNumber(), RevocationReason.SUPERSEDED);
        Commands.Result afterRevoke = ocsp("leaf1.crt", "/pki/ocsp");

        assertThat(atRoot.output()).contains("Response verify OK", "leaf1.crt: good");
        assertThat(atAia.output()).contains("Response verify OK", "leaf1.crt: good");
        assertThat(afterRevoke.output()).contains("Response verify OK", "leaf1.crt: revoked", "Reason: superseded");
    }

    @Test
    void getWhenBase64UrlEncodedRequestInPathThenAnswered() throws Exception {
        IssuedCertificate issued = issue("leaf2");
        byte[] request = OcspResponderTest.request(
                ca.intermediateCertificate(), issued.certificate().getSerialNumber(), null);
        String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII);
        Path out = dir.resolve("get.der");

        Commands.Result curl = Commands.run(
                dir,
                Map.of(),
                List.of(
                        "curl",
                        "-s",
                        "-f",
                        "-o",
                        out.toString(),
                        "-w",
                        "%{content_type}",
                        "http://127.0.0.1:" + server.port() + "/pki/ocsp/" + encoded));

        assertThat(curl.exitCode()).as(curl.output()).isZero();
        assertThat(curl.output()).isEqualTo("application/ocsp-response");
        assertThat(OcspResponderTest.basic(Files.readAllBytes(out))
                        .getResponses()[0]
                        .getCertStatus())
                .isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void requestWhenWrongMethodOrTypeOrPathThenHttpError() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.port();

        int put = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/"))
                                .PUT(HttpRequest.BodyPublishers.ofString("x"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
        int wrongType = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/"))
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("x"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
        HttpResponse<byte[]> garbage = client.send(
                HttpRequest.newBuilder(URI.create(base + "/pki/ocsp"))
                        .header("Content-Type", "application/ocsp-request")
                        .POST(HttpRequest.BodyPublishers.ofString("garbage"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(put).isEqualTo(405);
        assertThat(wrongType).isEqualTo(415);
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(new org.bouncycastle.cert.ocsp.OCSPResp(garbage.body()).getStatus())
                .isEqualTo(1);
    }
}
