package com.phoenixidp.resourceserver.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * One conditional GET of the auth-server's revocation list ({@code phoenix_revocation_list_endpoint}):
 * {@code {"revoked":[{"jti":"…","exp":<seconds>}],"generated_at":<seconds>}}, sent with
 * {@code If-None-Match} so an unchanged list costs a {@code 304} without a body. HTTPS trusting only
 * the configured CA, like the JWK set.
 */
final class RevocationListEndpoint implements RevokedTokenList.Source {

    private static final int MAX_BYTES = 16 * 1024 * 1024;

    private final URI uri;

    private final HttpClient http;

    private final Duration timeout;

    RevocationListEndpoint(URI uri, SSLContext trust, Duration timeout) {
        this.uri = uri;
        this.http = HttpClient.newBuilder()
                .sslContext(trust)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.timeout = timeout;
    }

    @Override
    public URI uri() {
        return this.uri;
    }

    @Override
    public RevokedTokenList.Fetched fetch(@Nullable String etag) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(this.uri)
                .timeout(this.timeout)
                .header("Accept", "application/json")
                .GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<InputStream> response;
        try {
            response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while fetching " + this.uri, ex);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() == 304) {
                return RevokedTokenList.Fetched.unchanged();
            }
            if (response.statusCode() != 200) {
                throw new IOException("answered HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException("the list exceeds " + MAX_BYTES + " bytes");
            }
            return RevokedTokenList.Fetched.of(
                    parse(new String(bytes, StandardCharsets.UTF_8)),
                    response.headers().firstValue("ETag").orElse(null));
        }
    }

    /** jti → exp; a malformed answer is an error as a whole (the last good list is kept). */
    static Map<String, Instant> parse(String json) throws IOException {
        try {
            Map<String, Object> document = JSONObjectUtils.parse(json);
            if (!(document.get("revoked") instanceof List<?> revoked)) {
                throw new IOException("the answer has no 'revoked' array");
            }
            Map<String, Instant> entries = new HashMap<>(revoked.size() * 2);
            for (Object item : revoked) {
                if (!(item instanceof Map<?, ?> entry)
                        || !(entry.get("jti") instanceof String jti)
                        || !(entry.get("exp") instanceof Number exp)) {
                    throw new IOException("an entry of 'revoked' is not {\"jti\": string, \"exp\": number}");
                }
                entries.put(jti, Instant.ofEpochSecond(exp.longValue()));
            }
            return entries;
        } catch (ParseException ex) {
            throw new IOException("the answer is not JSON", ex);
        }
    }
}
