package com.phoenixidp.samples.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * The few HTTP exchanges of an OAuth client: discovery (OIDC Discovery 1.0 / RFC 8414), form posts
 * to the token and device endpoints, and bearer calls — with every failure turned into a
 * {@link CliException} carrying a one-line message.
 */
public final class OAuthHttp {

    private final HttpClient http;

    private final boolean clientCertificate;

    public OAuthHttp() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), false);
    }

    /** @param clientCertificate whether {@code http} presents a TLS client certificate (mutual TLS) */
    public OAuthHttp(HttpClient http, boolean clientCertificate) {
        this.http = http;
        this.clientCertificate = clientCertificate;
    }

    /** An answer: status and the JSON object of the body (empty if the body was not JSON). */
    public record Answer(int status, Map<String, Object> json, String body) {

        public @Nullable String string(String name) {
            Object value = this.json.get(name);
            return (value != null) ? value.toString() : null;
        }

        public boolean ok() {
            return this.status / 100 == 2;
        }

        /** {@code error: description} of an OAuth error answer (RFC 6749 5.2). */
        public @Nullable String error() {
            return string("error");
        }

        public @Nullable String errorDescription() {
            return string("error_description");
        }
    }

    /** The issuer's metadata; fails with a clear message if this is not an issuer. */
    public Map<String, Object> discover(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        URI uri = uri(base + "/.well-known/openid-configuration", "--issuer");
        Answer answer = send(
                HttpRequest.newBuilder(uri).header("Accept", "application/json").GET(), uri);
        if (!answer.ok() || answer.json().isEmpty()) {
            throw new CliException(
                    ExitCodes.UNAVAILABLE,
                    "'" + issuer + "' is not an OpenID Connect issuer: discovery at " + uri + " answered HTTP "
                            + answer.status() + (answer.json().isEmpty() ? " without JSON metadata" : ""));
        }
        String advertised = answer.string("issuer");
        if (!base.equals(advertised)) {
            throw new CliException(
                    ExitCodes.UNAVAILABLE,
                    "issuer mismatch: " + uri + " describes the issuer '" + advertised + "', not '" + base
                            + "' (use exactly the issuer URL the server is configured with)");
        }
        return answer.json();
    }

    /** Metadata value that must be present. */
    public static String endpoint(Map<String, Object> metadata, String name) {
        Object value = metadata.get(name);
        if (value == null) {
            throw new CliException(
                    ExitCodes.UNAVAILABLE, "the issuer " + metadata.get("issuer") + " does not advertise " + name);
        }
        return value.toString();
    }

    /** POSTs a form, with HTTP Basic client authentication when {@code clientSecret} is set (RFC 6749 2.3.1). */
    public Answer postForm(String url, Map<String, String> form, String clientId, @Nullable String clientSecret) {
        URI uri = uri(url, "endpoint");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
        if (clientSecret != null && !clientSecret.isEmpty()) {
            String credentials = urlEncode(clientId) + ":" + urlEncode(clientSecret);
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return send(request, uri);
    }

    /** GET with a bearer token. */
    public Answer getWithBearer(String url, String accessToken) {
        URI uri = uri(url, "--api");
        return send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + accessToken)
                        .header("Accept", "application/json")
                        .GET(),
                uri);
    }

    private Answer send(HttpRequest.Builder request, URI uri) {
        HttpResponse<String> response;
        try {
            response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw unreachable(uri, ex, this.clientCertificate);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNAVAILABLE, "interrupted while calling " + uri);
        }
        String body = response.body();
        Map<String, Object> json = Map.of();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.contains("json") || body.startsWith("{")) {
            try {
                json = JSONObjectUtils.parse(body);
            } catch (ParseException ex) {
                json = Map.of();
            }
        }
        return new Answer(response.statusCode(), json, body);
    }

    /** The one-line reason an exchange with {@code uri} failed at the network or TLS level. */
    public static CliException unreachable(URI uri, IOException ex, boolean clientCertificate) {
        String where = uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
        Throwable cause = ex;
        while (cause != null) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                return new CliException(
                        ExitCodes.UNAVAILABLE,
                        "cannot reach " + where + " (" + describe(cause, "connection refused") + ")");
            }
            if (cause instanceof UnknownHostException) {
                return new CliException(ExitCodes.UNAVAILABLE, "cannot reach " + where + " (unknown host)");
            }
            if (cause instanceof SSLHandshakeException
                    && String.valueOf(cause.getMessage()).contains("PKIX")) {
                return new CliException(
                        ExitCodes.UNAVAILABLE,
                        "TLS with " + where
                                + " failed: the server's certificate is not issued by a trusted CA (check --ca)");
            }
            if (cause instanceof SSLException) {
                String message = String.valueOf(cause.getMessage());
                if (message.contains("bad_certificate")
                        || message.contains("certificate_required")
                        || message.contains("certificate_unknown")
                        || message.contains("unknown_ca")
                        || message.contains("access_denied")) {
                    return new CliException(
                            ExitCodes.REFUSED,
                            "TLS with " + where + " failed: the server refused the client certificate (" + message
                                    + ")");
                }
                return new CliException(ExitCodes.UNAVAILABLE, "TLS with " + where + " failed: " + message);
            }
            cause = cause.getCause();
        }
        if (clientCertificate && "https".equals(uri.getScheme())) {
            // TLS 1.3: the server checks the client certificate after the client has finished its side
            // of the handshake; a refusal then often arrives as a closed connection, not as an alert
            return new CliException(
                    ExitCodes.REFUSED,
                    "TLS with " + where + " failed: the server closed the connection"
                            + " after the handshake, so it most likely refused the client certificate (not issued by a CA it"
                            + " trusts, revoked, or expired) (" + describe(ex, "connection closed") + ")");
        }
        if (ex instanceof HttpTimeoutException) {
            return new CliException(ExitCodes.UNAVAILABLE, "no answer from " + where + " (timed out)");
        }
        return new CliException(
                ExitCodes.UNAVAILABLE, "cannot talk to " + where + " (" + describe(ex, "I/O error") + ")");
    }

    private static String describe(Throwable ex, String fallback) {
        String message = ex.getMessage();
        return (message == null || message.isBlank()) ? fallback : message;
    }

    private static URI uri(String value, String option) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException ex) {
            throw new CliException(ExitCodes.USAGE, option + ": '" + value + "' is not an http(s) URL");
        }
    }

    public static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .filter((e) -> e.getValue() != null)
                .map((e) -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
