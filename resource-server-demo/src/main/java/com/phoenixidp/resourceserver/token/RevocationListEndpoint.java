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
 * <pre>
 * {"revoked":[{"jti":"…","exp":&lt;seconds&gt;}],
 *  "clients":[{"client_id":"…","not_before":&lt;seconds&gt;,"exp":&lt;seconds&gt;}],
 *  "generated_at":&lt;seconds&gt;}
 * </pre>
 * sent with {@code If-None-Match} so an unchanged list costs a {@code 304} without a body. HTTPS
 * trusting only the configured CA, like the JWK set. {@code revoked} lists revoked access tokens by
 * {@code jti}; the optional {@code clients} (absent from older auth-servers: no client entries) lists
 * disabled or deleted clients, whose access tokens issued before {@code not_before} are all revoked
 * (see {@link RevokedTokenList}). Every entry of both arrays must be well-formed, or the whole answer
 * is refused.
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

    /**
     * The revoked tokens (jti → exp) and clients; a malformed answer is an error as a whole (the last
     * good list is kept).
     */
    static RevokedTokenList.Entries parse(String json) throws IOException {
        try {
            Map<String, Object> document = JSONObjectUtils.parse(json);
            return new RevokedTokenList.Entries(tokens(document), clients(document));
        } catch (ParseException ex) {
            throw new IOException("the answer is not JSON", ex);
        }
    }

    private static Map<String, Instant> tokens(Map<String, Object> document) throws IOException {
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
    }

    /** Optional: absent means no client is listed; present, it must be an array of well-formed entries. */
    private static Map<String, RevokedTokenList.RevokedClient> clients(Map<String, Object> document)
            throws IOException {
        if (!document.containsKey("clients")) {
            return Map.of();
        }
        if (!(document.get("clients") instanceof List<?> clients)) {
            throw new IOException("'clients' is not an array");
        }
        Map<String, RevokedTokenList.RevokedClient> entries = new HashMap<>(clients.size() * 2);
        for (Object item : clients) {
            if (!(item instanceof Map<?, ?> entry)
                    || !(entry.get("client_id") instanceof String clientId)
                    || !(entry.get("not_before") instanceof Number notBefore)
                    || !(entry.get("exp") instanceof Number exp)) {
                throw new IOException("an entry of 'clients' is not "
                        + "{\"client_id\": string, \"not_before\": number, \"exp\": number}");
            }
            // a client listed twice: the later cut-off and expiry cover every token either entry revokes
            entries.merge(
                    clientId,
                    new RevokedTokenList.RevokedClient(
                            Instant.ofEpochSecond(notBefore.longValue()), Instant.ofEpochSecond(exp.longValue())),
                    (a, b) -> new RevokedTokenList.RevokedClient(
                            later(a.notBefore(), b.notBefore()), later(a.exp(), b.exp())));
        }
        return entries;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
