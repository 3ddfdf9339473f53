package com.phoenixidp.authserver.config;

import java.net.http.HttpClient;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A JDK {@link HttpClient} for calls to other servers (back-channel logout, upstream discovery),
 * built on first use rather than at start-up: each client starts a selector thread, and the first
 * one initialises the JDK's default TLS context (its trust store parsed), about 60 ms of a start
 * for features most deployments never use. Redirects are never followed.
 */
public final class LazyHttpClient {

    private final Duration connectTimeout;

    private volatile @Nullable HttpClient client;

    public LazyHttpClient(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** The client, built by the first caller. */
    public HttpClient get() {
        HttpClient built = this.client;
        if (built == null) {
            synchronized (this) {
                built = this.client;
                if (built == null) {
                    built = HttpClient.newBuilder()
                            .connectTimeout(this.connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    this.client = built;
                }
            }
        }
        return built;
    }
}
