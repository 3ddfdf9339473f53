package com.phoenixidp.resourceserver;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/** TLS contexts for tests: a fixed client identity (sent whatever CA names the server asks for) and the test root as trust. */
final class TestTls {

    private TestTls() {}

    static SSLContext context(TestPki.Identity identity, X509Certificate trustedRoot) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", trustedRoot);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                (identity != null) ? new KeyManager[] {new FixedKeyManager(identity)} : null,
                tmf.getTrustManagers(),
                null);
        return context;
    }

    static HttpClient client(TestPki.Identity identity, X509Certificate trustedRoot) throws Exception {
        return HttpClient.newBuilder()
                .sslContext(context(identity, trustedRoot))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Presents one identity, as client or server, regardless of the peer's acceptable issuers. */
    static final class FixedKeyManager extends X509ExtendedKeyManager {

        private final TestPki.Identity identity;

        FixedKeyManager(TestPki.Identity identity) {
            this.identity = identity;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"id"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "id";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "id";
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {"id"};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return "EC".equals(keyType) ? "id" : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return "EC".equals(keyType) ? "id" : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return this.identity.chain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return this.identity.key();
        }
    }
}
