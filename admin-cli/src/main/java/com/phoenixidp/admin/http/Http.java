package com.phoenixidp.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.AdminException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP exchange at a time, with every network or TLS failure turned into a one-line {@link
 * AdminException} (exit 3) that says what to check. Requests and their headers never appear in a
 * message.
 */
public final class Http {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;

    public Http(HttpClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** An answer: status, media type and body; {@link #json()} is null when the body is not JSON. */
    public record Answer(
            int status,
            String contentType,
            String body,
            @Nullable String wwwAuthenticate,
            @Nullable String location) {

        public boolean ok() {
            return this.status / 100 == 2;
        }

        /** The body as JSON, or null if it is empty or not JSON. */
        public @Nullable JsonNode json() {
            return Json.parseOrNull(this.body);
        }
    }

    public Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
        HttpResponse<String> response;
        try {
            response = this.client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw unreachable(built.uri(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw AdminException.unavailable("interrupted while talking to " + ServerUrl.origin(built.uri()));
        }
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body(),
                response.headers().firstValue("WWW-Authenticate").orElse(null),
                response.headers().firstValue("Location").orElse(null));
    }

    /**
     * Sends a request whose successful (2xx) answer body goes to {@code file} (which must exist:
     * it is written, not created, so it keeps its permissions); any other answer is read as text,
     * as {@link #send} does. The body of a 2xx answer is empty in the returned answer. {@code
     * timeout} bounds the wait for the answer's headers (a backup is made before they are sent).
     */
    public Answer download(HttpRequest.Builder request, Path file, Duration timeout) {
        HttpRequest built = request.timeout(timeout).build();
        HttpResponse<String> response;
        try {
            response = this.client.send(
                    built,
                    (info) -> (info.statusCode() / 100 == 2)
                            ? HttpResponse.BodySubscribers.mapping(
                                    HttpResponse.BodySubscribers.ofFile(
                                            file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                                    (written) -> "")
                            : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw unreachable(built.uri(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw AdminException.unavailable("interrupted while talking to " + ServerUrl.origin(built.uri()));
        }
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body(),
                response.headers().firstValue("WWW-Authenticate").orElse(null),
                response.headers().firstValue("Location").orElse(null));
    }

    /** The one-line reason an exchange with {@code uri} failed below HTTP. */
    static AdminException unreachable(URI uri, IOException ex) {
        String where = ServerUrl.origin(uri);
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return AdminException.unavailable("cannot reach " + where + ": no answer within "
                        + Tls.CONNECT_TIMEOUT.toSeconds() + " s (check --server, http or https, and the firewall)");
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return AdminException.unavailable("cannot reach " + where + ": "
                        + ((cause instanceof NoRouteToHostException) ? "no route to host" : "connection refused"));
            }
            if (cause instanceof UnknownHostException) {
                return AdminException.unavailable("cannot reach " + where + ": unknown host " + uri.getHost());
            }
            if (cause instanceof SSLHandshakeException || cause instanceof SSLException) {
                return tlsFailure(where, uri.getHost(), String.valueOf(cause.getMessage()));
            }
        }
        if (ex instanceof HttpTimeoutException) {
            return AdminException.unavailable(
                    "no answer from " + where + " within " + REQUEST_TIMEOUT.toSeconds() + " s");
        }
        String detail = (ex.getMessage() == null || ex.getMessage().isBlank()) ? "connection closed" : ex.getMessage();
        String hint = "http".equals(uri.getScheme()) ? " (is it an https server? then use --server https://...)" : "";
        return AdminException.unavailable("cannot talk to " + where + ": " + detail + hint);
    }

    private static AdminException tlsFailure(String where, String host, String message) {
        if (message.contains("PKIX") || message.contains("unable to find valid certification path")) {
            return AdminException.unavailable("TLS with " + where + " failed: the server's certificate is not issued"
                    + " by a trusted CA (pass the CA certificate that issued it with --cacert FILE)");
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return AdminException.unavailable("TLS with " + where + " failed: the server's certificate is not valid"
                    + " for the host name " + host + " (use the name in its certificate in --server)");
        }
        if (message.contains("Unsupported or unrecognized SSL message")) {
            return AdminException.unavailable("TLS with " + where + " failed: the server does not speak TLS on this"
                    + " port (use --server http://...?)");
        }
        return AdminException.unavailable(
                "TLS with " + where + " failed: " + message + " (check --server and --cacert)");
    }
}
