package com.phoenixidp.authserver.resilience;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * Error answers written by the servlet filters in front of every endpoint (malformed requests,
 * overload, storage failures), in the format of the protocol the path belongs to, so that a client
 * gets the same shape of error whether its request was refused at the edge or by the endpoint:
 * OAuth 2.0 JSON ({@code error}, {@code error_description}; RFC 6749 section 5.2) for the protocol
 * and admin APIs, the SCIM error schema (RFC 7644 section 3.12) under {@code /scim}, the FIDO2
 * transport binding's {@code status}/{@code errorMessage} for the passkey ceremonies, and a small
 * HTML page for everything a browser opens. Bodies are generic; details go to the server log.
 */
public final class ErrorAnswers {

    /** The error formats, by path. */
    public enum Format {
        OAUTH_JSON,
        SCIM,
        WEBAUTHN_STATUS,
        PAGE
    }

    private static final List<String> OAUTH_JSON_PREFIXES = List.of(
            "/oauth2/token",
            "/oauth2/introspect",
            "/oauth2/revoke",
            "/oauth2/device_authorization",
            "/oauth2/jwks",
            "/oauth2/revoked-tokens",
            "/userinfo",
            "/connect/register",
            "/admin/",
            "/.well-known/",
            "/pki/",
            "/actuator/");

    private static final List<String> WEBAUTHN_PREFIXES =
            List.of("/attestation/", "/assertion/", "/passkey/", "/account/passkeys/options");

    private ErrorAnswers() {}

    /** The format of errors for this request's path. */
    public static Format formatOf(HttpServletRequest request) {
        String path = path(request);
        if (path.equals("/scim") || path.startsWith("/scim/")) {
            return Format.SCIM;
        }
        if (path.equals("/account/passkeys") || WEBAUTHN_PREFIXES.stream().anyMatch(path::startsWith)) {
            return Format.WEBAUTHN_STATUS;
        }
        if (OAUTH_JSON_PREFIXES.stream().anyMatch(path::startsWith)) {
            return Format.OAUTH_JSON;
        }
        return Format.PAGE;
    }

    /**
     * Writes the error: {@code status}, an OAuth-style {@code error} code, a generic
     * {@code description} for people, and {@code Retry-After} when {@code retryAfter} is given.
     */
    public static void write(
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String error,
            String description,
            @Nullable Duration retryAfter)
            throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        if (retryAfter != null) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        String body;
        switch (formatOf(request)) {
            case SCIM -> {
                response.setContentType("application/scim+json");
                body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"" + status
                        + "\",\"detail\":" + json(description) + "}";
            }
            case WEBAUTHN_STATUS -> {
                response.setContentType("application/json");
                body = "{\"status\":\"failed\",\"errorMessage\":" + json(description) + "}";
            }
            case OAUTH_JSON -> {
                response.setContentType("application/json");
                body = "{\"error\":" + json(error) + ",\"error_description\":" + json(description) + "}";
            }
            default -> {
                response.setContentType("text/html");
                body = page(status, description);
            }
        }
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(bytes);
        }
        response.flushBuffer();
    }

    /** The request's path inside the application (no context path, no query), as sent. */
    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return (context != null && !context.isEmpty() && uri.startsWith(context))
                ? uri.substring(context.length())
                : uri;
    }

    private static String page(int status, String description) {
        String title = switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            case 413 -> "Request too large";
            case 415 -> "Unsupported content type";
            case 503 -> "Please try again in a moment";
            default -> "Something went wrong";
        };
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n"
                + "  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "  <title>" + title + " - Phoenix IdP</title>\n"
                + "  <link rel=\"stylesheet\" href=\"/css/phoenix.css\">\n</head>\n<body>\n<main class=\"card\">\n"
                + "  <h1>" + title + "</h1>\n"
                + "  <p id=\"error-status\">HTTP " + status + "</p>\n"
                + "  <p id=\"error-description\">" + HtmlUtils.htmlEscape(description) + "</p>\n"
                + "  <p><a href=\"/login\">Back to sign-in</a></p>\n</main>\n</body>\n</html>\n";
    }

    /** A JSON string literal (RFC 8259 section 7). */
    static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
