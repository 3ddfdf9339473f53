package com.phoenixidp.resourceserver.orders;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains this service's own access token with the client-credentials grant (RFC 6749 section 4.4),
 * authenticating with its TLS client certificate ({@code tls_client_auth}, RFC 8705 section 2.1:
 * {@code client_id} in the body, no secret), and caches it until shortly before it expires.
 */
public final class ServiceTokenClient {

    private static final Logger logger = LoggerFactory.getLogger(ServiceTokenClient.class);

    /** Renew this long before {@code expires_in} runs out (and never use a token in its last tenth). */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final HttpClient http;

    private final ServiceClientProperties properties;

    private final Clock clock;

    private volatile @Nullable CachedToken cached;

    public ServiceTokenClient(HttpClient http, ServiceClientProperties properties, Clock clock) {
        if (properties.tokenEndpoint() == null || properties.clientId() == null) {
            throw new IllegalArgumentException(
                    "phoenix.client.token-endpoint and phoenix.client.client-id must be set");
        }
        this.http = http;
        this.properties = properties;
        this.clock = clock;
    }

    record CachedToken(String value, Instant renewAt) {}

    public String clientId() {
        return this.properties.clientId();
    }

    /** A valid access token, fetched from the token endpoint when none is cached or it is about to expire. */
    public String accessToken() throws IOException, InterruptedException {
        CachedToken current = this.cached;
        if (current != null && this.clock.instant().isBefore(current.renewAt())) {
            return current.value();
        }
        synchronized (this) {
            current = this.cached;
            if (current != null && this.clock.instant().isBefore(current.renewAt())) {
                return current.value();
            }
            CachedToken fetched = fetch();
            this.cached = fetched;
            return fetched.value();
        }
    }

    private CachedToken fetch() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + encode(this.properties.clientId()) + "&scope="
                + encode(this.properties.scope());
        HttpResponse<String> response = this.http.send(
                HttpRequest.newBuilder(this.properties.tokenEndpoint())
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            // the body of an error answer holds no token; log only the status and the RFC error code
            throw new IOException(
                    "Token endpoint answered HTTP " + response.statusCode() + " " + errorCode(response.body()));
        }
        try {
            Map<String, Object> json = JSONObjectUtils.parse(response.body());
            String token = JSONObjectUtils.getString(json, "access_token");
            if (token == null) {
                throw new IOException("Token endpoint answer has no access_token");
            }
            Object expiresIn = json.get("expires_in");
            long seconds = (expiresIn instanceof Number n) ? n.longValue() : 60;
            Duration margin = Duration.ofSeconds(Math.min(RENEW_BEFORE.toSeconds(), seconds / 10));
            Instant renewAt = this.clock.instant().plusSeconds(seconds).minus(margin);
            logger.info(
                    "Obtained access token for client_id {} (expires in {} s)", this.properties.clientId(), seconds);
            return new CachedToken(token, renewAt);
        } catch (ParseException ex) {
            throw new IOException("Token endpoint answer is not JSON", ex);
        }
    }

    private static String errorCode(String body) {
        try {
            return String.valueOf(JSONObjectUtils.parse(body).get("error"));
        } catch (ParseException | RuntimeException ex) {
            return "";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
