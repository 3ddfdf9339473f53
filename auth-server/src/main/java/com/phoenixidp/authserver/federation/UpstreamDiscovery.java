package com.phoenixidp.authserver.federation;

import com.phoenixidp.authserver.config.LazyHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenID Connect Discovery 1.0 of an upstream provider, with timeouts: the provider metadata at
 * {@code <issuer>/.well-known/openid-configuration} (section 4), whose {@code issuer} must be
 * exactly the configured one (section 4.3), with the endpoints a code flow needs.
 */
final class UpstreamDiscovery {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LazyHttpClient http;

    private final Duration readTimeout;

    UpstreamDiscovery(Duration connectTimeout, Duration readTimeout) {
        this.http = new LazyHttpClient(connectTimeout);
        this.readTimeout = readTimeout;
    }

    /** The provider's metadata; {@link UpstreamUnavailableException} when it cannot be had or is unusable. */
    Map<String, Object> discover(String issuer) {
        String location = issuer.endsWith("/")
                ? issuer + ".well-known/openid-configuration"
                : issuer + "/.well-known/openid-configuration";
        HttpResponse<String> response;
        try {
            response = this.http
                    .get()
                    .send(
                            HttpRequest.newBuilder(URI.create(location))
                                    .timeout(this.readTimeout)
                                    .header("Accept", "application/json")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UpstreamUnavailableException(
                    location + " cannot be reached: " + ex.getClass().getSimpleName(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException(location + ": interrupted", ex);
        }
        if (response.statusCode() != 200) {
            throw new UpstreamUnavailableException(location + " answered " + response.statusCode(), null);
        }
        Map<String, Object> metadata;
        try {
            metadata = JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() {});
        } catch (RuntimeException ex) {
            throw new UpstreamUnavailableException(location + " is not JSON", ex);
        }
        if (!issuer.equals(metadata.get("issuer"))) {
            throw new UpstreamUnavailableException(
                    location + " names the issuer '" + metadata.get("issuer") + "', not '" + issuer + "'", null);
        }
        for (String required : new String[] {"authorization_endpoint", "token_endpoint", "jwks_uri"}) {
            if (!(metadata.get(required) instanceof String)) {
                throw new UpstreamUnavailableException(location + " has no " + required, null);
            }
        }
        return metadata;
    }
}
