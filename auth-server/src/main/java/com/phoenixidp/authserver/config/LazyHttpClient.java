package com.phoenixidp.authserver.config;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.util.function.SingletonSupplier;

/**
 * A JDK {@link HttpClient} for calls to other servers (back-channel logout, upstream discovery),
 * built on first use rather than at start-up: each client starts a selector thread, and the first
 * one initialises the JDK's default TLS context (its trust store parsed), about 60 ms of a start
 * for features most deployments never use. Redirects are never followed.
 */
public final class LazyHttpClient {

    private final SingletonSupplier<HttpClient> client;

    public LazyHttpClient(Duration connectTimeout) {
        this.client = SingletonSupplier.of(() -> HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /** The client, built by the first caller. */
    public HttpClient get() {
        return this.client.obtain();
    }
}
