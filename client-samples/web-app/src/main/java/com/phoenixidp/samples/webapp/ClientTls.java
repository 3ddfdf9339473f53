package com.phoenixidp.samples.webapp;

import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * Optional client TLS: the SSL context of the Spring Boot SSL bundle named by
 * {@code phoenix.client-tls.bundle} (its key store is the web-app's client certificate, its trust
 * store the CA of the IdP and the API), or none (the JVM's defaults, as before).
 *
 * <p>With a bundle, the token requests (mutual TLS, {@code tls_client_auth}) and the API calls use
 * it, so the API sees the same certificate the access token is bound to (RFC 8705). The bundle
 * also becomes the JVM's default for HTTPS, because Spring Security reads the issuer's discovery
 * document, JWK set and UserInfo with its own internal clients, which use those defaults.
 */
final class ClientTls {

    private final @Nullable SSLContext sslContext;

    private ClientTls(@Nullable SSLContext sslContext) {
        this.sslContext = sslContext;
    }

    static ClientTls none() {
        return new ClientTls(null);
    }

    /** Uses the SSL context for the clients of this app and as the JVM's default for HTTPS. */
    static ClientTls of(SSLContext sslContext) {
        SSLContext.setDefault(sslContext);
        HttpsURLConnection.setDefaultSSLSocketFactory(sslContext.getSocketFactory());
        return new ClientTls(sslContext);
    }

    boolean enabled() {
        return this.sslContext != null;
    }

    /** A request factory over the JDK's HTTP client, presenting the client certificate if there is one. */
    JdkClientHttpRequestFactory requestFactory() {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (this.sslContext != null) {
            client.sslContext(this.sslContext);
        }
        return new JdkClientHttpRequestFactory(client.build());
    }
}
