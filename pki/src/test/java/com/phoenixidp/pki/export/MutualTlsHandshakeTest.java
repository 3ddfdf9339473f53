package com.phoenixidp.pki.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuanceRequest;
import com.phoenixidp.pki.issuance.IssuedCertificate;
import com.phoenixidp.pki.policy.SubjectAltName;
import com.phoenixidp.pki.support.TestCas;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real TLS 1.3 handshake on 127.0.0.1 with the JDK's JSSE, key and trust material loaded from
 * the exported PKCS#12 files: server and client certificates complete mutual TLS; a client
 * certificate from another CA, or one issued for the wrong purpose, is refused.
 */
class MutualTlsHandshakeTest {

    private static final char[] STORE_PASSWORD = "store-password".toCharArray();

    @TempDir
    static Path dir;

    static CertificateAuthority ca;
    static CertificateAuthority otherCa;

    @BeforeAll
    static void createCas() {
        ca = TestCas.open(dir.resolve("ca"));
        otherCa = TestCas.open(dir.resolve("other"));
    }

    @AfterAll
    static void closeCas() {
        ca.close();
        otherCa.close();
    }

    private static SSLContext context(
            CertificateAuthority issuer, CertificateProfile profile, CertificateAuthority trusted) throws Exception {
        IssuedCertificate issued = issuer.issue(IssuanceRequest.of(
                "localhost",
                profile,
                SubjectAltName.dns("localhost"),
                SubjectAltName.ip("127.0.0.1"),
                SubjectAltName.uri("spiffe://phoenix.local/ns/test/sa/" + profile)));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(
                new ByteArrayInputStream(
                        Pkcs12.keyStore(issued.keyPair().getPrivate(), issued.chain(), STORE_PASSWORD)),
                STORE_PASSWORD);
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(
                new ByteArrayInputStream(Pkcs12.trustStore(trusted.rootCertificate(), STORE_PASSWORD)), STORE_PASSWORD);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, STORE_PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** Runs one handshake; returns the client certificate subject the server saw. */
    private static String handshake(SSLContext server, SSLContext client) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket)
                server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(5000);
                    socket.startHandshake();
                    String peer = ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal()
                            .getName();
                    OutputStream out = socket.getOutputStream();
                    out.write('k');
                    out.flush();
                    return peer;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket)
                    client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(5000);
                var parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                InputStream in = socket.getInputStream();
                int read = in.read();
                if (read != 'k') {
                    throw new IOException("server closed the connection");
                }
            } catch (IOException e) {
                try {
                    serverSide.get(5, TimeUnit.SECONDS);
                } catch (Exception serverFailure) {
                    throw new IOException("handshake failed: " + serverFailure.getCause(), e);
                }
                throw e;
            }
            return serverSide.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void handshakeWhenServerAndClientCertificatesFromCaThenMutualTlsCompletes() throws Exception {
        SSLContext server = context(ca, CertificateProfile.SERVER, ca);
        SSLContext client = context(ca, CertificateProfile.CLIENT, ca);

        assertThat(handshake(server, client)).isEqualTo("CN=localhost");
    }

    @Test
    void handshakeWhenPeerCertificatesOnBothSidesThenMutualTlsCompletes() throws Exception {
        assertThat(handshake(context(ca, CertificateProfile.PEER, ca), context(ca, CertificateProfile.PEER, ca)))
                .isEqualTo("CN=localhost");
    }

    @Test
    void handshakeWhenClientCertificateFromAnotherCaThenRefused() throws Exception {
        SSLContext server = context(ca, CertificateProfile.SERVER, ca);
        SSLContext foreignClient = context(otherCa, CertificateProfile.CLIENT, ca);

        assertThatThrownBy(() -> handshake(server, foreignClient)).hasStackTraceContaining("PKIX path");
    }

    @Test
    void handshakeWhenClientPresentsServerOnlyCertificateThenRefused() throws Exception {
        SSLContext server = context(ca, CertificateProfile.SERVER, ca);
        SSLContext wrongPurpose = context(ca, CertificateProfile.SERVER, ca);

        assertThatThrownBy(() -> handshake(server, wrongPurpose))
                .isInstanceOf(Exception.class)
                .hasStackTraceContaining("Extended key usage does not permit use for TLS client authentication");
    }
}
