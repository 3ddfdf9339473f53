package com.phoenixidp.authserver.ca;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuanceRequest;
import com.phoenixidp.pki.issuance.IssuedCertificate;
import com.phoenixidp.pki.policy.SubjectAltName;
import com.phoenixidp.pki.revocation.RevocationReason;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The CA's public endpoints served by the auth-server (issue 5): root and intermediate
 * certificates, CRL and OCSP over real HTTP; a revocation made through the CA shows up at once.
 */
class CaEndpointsIntegrationTest extends AuthServerIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private CertificateAuthorityHolder holder;

    private CertificateAuthority authority;

    @org.junit.jupiter.api.BeforeEach
    void resolveAuthority() {
        this.authority = this.holder.get();
    }

    @Test
    void rootWhenFetchedThenIsTheCaRootAndSelfSigned() throws Exception {
        X509Certificate root = certificate(get("/pki/root.crt").body());
        assertThat(root).isEqualTo(this.authority.rootCertificate());
        root.verify(root.getPublicKey());
        X509Certificate intermediate = certificate(get("/pki/intermediate.crt").body());
        intermediate.verify(root.getPublicKey());
        assertThat(intermediate.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void ocspWhenCertificateRevokedThenGoodBecomesRevokedAndCrlListsIt() throws Exception {
        IssuedCertificate leaf = this.authority.issue(IssuanceRequest.of(
                "ca-it-client", CertificateProfile.CLIENT, SubjectAltName.parse("dns:ca-it.example")));
        X509Certificate intermediate = this.authority.intermediateCertificate();
        assertThat(ocspStatus(leaf.certificate(), intermediate, true)).isEqualTo(CertificateStatus.GOOD);

        this.authority.revoke(leaf.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);

        assertThat(ocspStatus(leaf.certificate(), intermediate, false)).isInstanceOf(RevokedStatus.class);
        X509CRL crl = crlAfterRefresh(leaf.certificate().getSerialNumber());
        crl.verify(intermediate.getPublicKey());
        assertThat(crl.getRevokedCertificate(leaf.certificate().getSerialNumber()))
                .isNotNull();
    }

    @Test
    void ocspWhenGarbageThenMalformedRequestAnswerNotServerError() throws Exception {
        HttpResponse<byte[]> response = this.http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/pki/ocsp"))
                        .header("Content-Type", "application/ocsp-request")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new OCSPResp(response.body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    private Object ocspStatus(X509Certificate leaf, X509Certificate issuer, boolean usePost) throws Exception {
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new X509CertificateHolder(issuer.getEncoded()),
                leaf.getSerialNumber());
        OCSPReq request = new OCSPReqBuilder().addRequest(id).build();
        HttpResponse<byte[]> response;
        if (usePost) {
            response = this.http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/pki/ocsp"))
                            .header("Content-Type", "application/ocsp-request")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } else {
            String encoded = java.net.URLEncoder.encode(
                    Base64.getEncoder().encodeToString(request.getEncoded()), java.nio.charset.StandardCharsets.UTF_8);
            response = this.http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/pki/ocsp/" + encoded))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        OCSPResp ocsp = new OCSPResp(response.body());
        assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) ocsp.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey())))
                .isTrue();
        return basic.getResponses()[0].getCertStatus();
    }

    private X509CRL crlAfterRefresh(BigInteger serial) throws Exception {
        long deadline = System.nanoTime() + CaEndpointsController.CRL_REFRESH.toNanos() + 5_000_000_000L;
        while (true) {
            HttpResponse<byte[]> response = this.http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/pki/crl")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            X509CRL crl = (X509CRL)
                    CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.body()));
            if (crl.getRevokedCertificate(serial) != null || System.nanoTime() > deadline) {
                return crl;
            }
            Thread.sleep(1000);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> response = this.http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
}
