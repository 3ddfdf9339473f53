package com.phoenixidp.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.AdminException;
import com.phoenixidp.admin.ExitCodes;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Calls the server's management APIs with the admin client's bearer token (RFC 6750): SCIM 2.0
 * under {@code /scim/v2} (media type {@code application/scim+json}, RFC 7644 3.1) and the JSON
 * admin API under {@code /admin}. A refused call becomes an {@link ApiException} (exit 1) carrying
 * the server's own message: the SCIM {@code detail} (RFC 7644 3.12) or the OAuth-style {@code
 * error_description}; a refused token is exit 3.
 */
public final class AdminApi {

    static final String SCIM_JSON = "application/scim+json";

    private static final Pattern BEARER_ERROR = Pattern.compile("error=\"([^\"]*)\"");

    private final Http http;

    private final URI server;

    private final TokenClient tokens;

    private @Nullable Secret accessToken;

    public AdminApi(Http http, URI server, TokenClient tokens) {
        this.http = Objects.requireNonNull(http, "http");
        this.server = Objects.requireNonNull(server, "server");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** An operation the server refused or failed, with the HTTP status. */
    public static final class ApiException extends AdminException {

        private final int status;

        ApiException(int status, String message) {
            super(ExitCodes.REFUSED, message);
            this.status = status;
        }

        public int status() {
            return this.status;
        }
    }

    /** GET; the JSON body of the answer. */
    public @Nullable JsonNode get(String path) {
        return call("GET", path, null);
    }

    /** POST with a JSON body (or none); the JSON answer, or null when it has no body. */
    public @Nullable JsonNode post(String path, @Nullable JsonNode body) {
        return call("POST", path, body);
    }

    public @Nullable JsonNode patch(String path, JsonNode body) {
        return call("PATCH", path, body);
    }

    public @Nullable JsonNode delete(String path) {
        return call("DELETE", path, null);
    }

    /**
     * POST without a body whose answer is a file (e.g. {@code /admin/backup}): a 2xx answer's body
     * is written into {@code file} (which exists) and its media type returned; a refusal is an
     * {@link ApiException} as for the other calls.
     */
    public String postForFile(String path, java.nio.file.Path file, java.time.Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.server + path))
                .header("Authorization", "Bearer " + accessToken().reveal())
                .header("Accept", "application/zip, application/json;q=0.9")
                .POST(HttpRequest.BodyPublishers.noBody());
        Http.Answer answer = this.http.download(request, file, timeout);
        if (answer.ok()) {
            return answer.contentType();
        }
        throw refusal(answer, "POST " + pathOnly(path));
    }

    /** A path segment, percent-encoded (a username may hold any character). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query parameter value, percent-encoded. */
    public static String query(String value) {
        return segment(value);
    }

    /** The access token, fetched on first use. */
    private Secret accessToken() {
        Secret token = this.accessToken;
        if (token == null) {
            token = this.tokens.accessToken();
            this.accessToken = token;
        }
        return token;
    }

    private @Nullable JsonNode call(String method, String path, @Nullable JsonNode body) {
        String mediaType = path.startsWith("/scim/") ? SCIM_JSON : "application/json";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.server + path))
                .header("Authorization", "Bearer " + accessToken().reveal())
                .header("Accept", mediaType + ", application/json;q=0.9");
        if (body != null) {
            request.header("Content-Type", mediaType)
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.compact(body), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        Http.Answer answer = this.http.send(request);
        String call = method + " " + pathOnly(path);
        if (answer.ok()) {
            JsonNode json = answer.json();
            if (json == null && !answer.body().isBlank()) {
                throw AdminException.unavailable("unexpected answer to " + call + " (HTTP " + answer.status()
                        + ", not JSON): is --server the base URL of a Phoenix IdP?");
            }
            return json;
        }
        throw refusal(answer, call);
    }

    private AdminException refusal(Http.Answer answer, String call) {
        JsonNode json = answer.json();
        String detail = Json.text(json, "detail");
        String error = Json.text(json, "error");
        String description = Json.text(json, "error_description");
        if (answer.status() == 401) {
            return AdminException.unavailable("the server did not accept the access token of '" + this.tokens.clientId()
                    + "' for " + call + " (HTTP 401)");
        }
        if (answer.status() == 403) {
            String reason = bearerError(answer.wwwAuthenticate());
            return new ApiException(
                    403,
                    "the client '" + this.tokens.clientId() + "' is not allowed to " + call + " (HTTP 403"
                            + ((reason != null) ? " " + reason : "") + ")");
        }
        if (detail != null) {
            return new ApiException(answer.status(), detail);
        }
        if (description != null) {
            return new ApiException(answer.status(), description + ((error != null) ? " (" + error + ")" : ""));
        }
        if (answer.status() / 100 == 3) {
            // not followed: the bearer token goes to --server only
            return new ApiException(
                    answer.status(),
                    "the server answered " + call + " with a redirect (HTTP "
                            + answer.status() + ((answer.location() != null) ? " to " + pathOf(answer.location()) : "")
                            + "): it does not serve this API to admin clients (an older Phoenix IdP, or --server is not"
                            + " its base URL)");
        }
        String what = (answer.status() >= 500) ? "the server failed" : "the server refused";
        return new ApiException(
                answer.status(),
                what + " " + call + ": HTTP " + answer.status() + ((error != null) ? " " + error : ""));
    }

    /** The {@code error} of a Bearer challenge (RFC 6750 3), e.g. {@code insufficient_scope}. */
    static @Nullable String bearerError(@Nullable String challenge) {
        if (challenge == null) {
            return null;
        }
        Matcher m = BEARER_ERROR.matcher(challenge);
        return m.find() ? m.group(1) : null;
    }

    private static String pathOf(String location) {
        try {
            String path = URI.create(location).getRawPath();
            return (path == null || path.isEmpty()) ? location : path;
        } catch (IllegalArgumentException ex) {
            return "an unreadable location";
        }
    }

    private static String pathOnly(String path) {
        int query = path.indexOf('?');
        return (query < 0) ? path : path.substring(0, query);
    }
}
