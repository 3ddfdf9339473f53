package com.phoenixidp.resourceserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Test fixture: an RFC 6960 OCSP responder (POST) signing with the issuing CA's key; can revoke and go down. */
final class FakeOcspResponder implements AutoCloseable {

    private final HttpServer server;

    private volatile X509Certificate issuer;

    private volatile PrivateKey issuerKey;

    private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();

    private final AtomicInteger requests = new AtomicInteger();

    private volatile boolean down;

    FakeOcspResponder() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/pki/ocsp", this::handle);
        this.server.start();
    }

    /** The responder is started before the CA exists (certificates carry its URL), then told who it answers for. */
    void answerFor(X509Certificate issuer, PrivateKey issuerKey) {
        this.issuer = issuer;
        this.issuerKey = issuerKey;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/pki/ocsp");
    }

    void revoke(BigInteger serial) {
        this.revoked.add(serial);
    }

    void setDown(boolean down) {
        this.down = down;
    }

    int requestCount() {
        return this.requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            this.requests.incrementAndGet();
            if (this.down) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            OCSPReq request = new OCSPReq(exchange.getRequestBody().readAllBytes());
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(this.issuer);
            BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(
                    this.issuer.getPublicKey(),
                    new JcaDigestCalculatorProviderBuilder()
                            .build()
                            .get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1));
            Instant now = Instant.now();
            for (Req single : request.getRequestList()) {
                CertificateStatus status =
                        this.revoked.contains(single.getCertID().getSerialNumber())
                                ? new RevokedStatus(Date.from(now.minusSeconds(1)), CRLReason.keyCompromise)
                                : CertificateStatus.GOOD;
                builder.addResponse(single.getCertID(), status, Date.from(now), Date.from(now.plusSeconds(3600)));
            }
            byte[] body = new OCSPRespBuilder()
                    .build(
                            OCSPRespBuilder.SUCCESSFUL,
                            builder.build(
                                    new JcaContentSignerBuilder("SHA256withECDSA").build(this.issuerKey),
                                    new X509CertificateHolder[] {issuerHolder},
                                    new Date()))
                    .getEncoded();
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (Exception ex) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
