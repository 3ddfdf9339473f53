package com.phoenixidp.authserver.resilience;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * One generated request: an endpoint, and what is wrong with it (or not): the method, a made-up
 * path id, the query, the content type, the body, extra headers and how it authenticates.
 */
record FuzzRequest(
        FuzzTarget target,
        String method,
        String id,
        String query,
        String contentType,
        byte[] body,
        List<String[]> headers,
        Credentials credentials) {

    /** How the request authenticates. */
    enum Credentials {
        /** The endpoint's own (client secret, admin token, signed-in browser with CSRF token). */
        VALID,
        NONE,
        BROKEN_BASIC,
        BROKEN_BEARER,
        FORGED_JWT
    }

    static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    /** RFC 9110 9.1 / 6.1: an unknown method or transfer coding may be answered 501. */
    boolean mayBeNotImplemented() {
        return !STANDARD_METHODS.contains(this.method)
                || this.headers.stream().anyMatch((h) -> h[0].equalsIgnoreCase("Transfer-Encoding"));
    }

    String path() {
        return this.target.path().replace("{id}", this.id);
    }

    @Override
    public String toString() {
        String shownBody = (this.body == null)
                ? "none"
                : this.body.length + " bytes: "
                        + abbreviate(new String(this.body, StandardCharsets.UTF_8)
                                .replace("\r", "\\r")
                                .replace("\n", "\\n"));
        StringBuilder shownHeaders = new StringBuilder();
        for (String[] header : this.headers) {
            shownHeaders
                    .append(header[0])
                    .append(": ")
                    .append(abbreviate(header[1]))
                    .append("; ");
        }
        return this.method + " " + abbreviate(path() + this.query) + " [auth " + this.credentials + ", content-type "
                + this.contentType + ", headers " + shownHeaders + "body " + shownBody + "]";
    }

    private static String abbreviate(String text) {
        return (text.length() <= 300) ? text : text.substring(0, 300) + "...(" + text.length() + " chars)";
    }
}
