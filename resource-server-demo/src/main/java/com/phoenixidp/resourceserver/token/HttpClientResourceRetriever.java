package com.phoenixidp.resourceserver.token;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Fetches the JWK set over HTTPS trusting only the configured CA (not the JDK's default trust store). */
final class HttpClientResourceRetriever implements ResourceRetriever {

    private static final int MAX_BYTES = 512 * 1024;

    private final HttpClient http;

    private final Duration timeout;

    HttpClientResourceRetriever(SSLContext trust, Duration timeout) {
        this.http = HttpClient.newBuilder()
                .sslContext(trust)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.timeout = timeout;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        try {
            HttpResponse<byte[]> response = this.http.send(
                    HttpRequest.newBuilder(url.toURI())
                            .timeout(this.timeout)
                            .header("Accept", "application/jwk-set+json, application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("JWK set " + url + " answered HTTP " + response.statusCode());
            }
            if (response.body().length > MAX_BYTES) {
                throw new IOException("JWK set " + url + " exceeds " + MAX_BYTES + " bytes");
            }
            String type = response.headers().firstValue("Content-Type").orElse(null);
            return new Resource(new String(response.body(), StandardCharsets.UTF_8), type);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while fetching " + url, ex);
        } catch (java.net.URISyntaxException ex) {
            throw new IOException(ex);
        }
    }
}
