package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.management.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads what a SCIM request carries besides its path: the JSON body (RFC 7644 section 3.1:
 * {@code application/scim+json}, or {@code application/json}; anything else is 415), the
 * {@code If-Match}/{@code If-None-Match} preconditions on weak ETags (section 3.14), the paging
 * parameters (section 3.4.2.4) and the acting client for the audit stream.
 */
final class ScimRequests {

    /** Largest request body accepted (413 beyond): far above any user or PATCH message. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    /** RFC 7644 3.4.2.4: the default page size, and the most one page holds (filter.maxResults). */
    static final int DEFAULT_COUNT = 100;

    static final int MAX_COUNT = 1000;

    /** "No If-Match": the service's "any version". */
    static final long ANY_VERSION = -1;

    private ScimRequests() {}

    static ObjectNode body(HttpServletRequest request) {
        checkContentType(request.getContentType());
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException ex) {
            throw ScimException.invalidSyntax("the request body could not be read");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ScimException(413, null, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return ScimJson.parseObject(bytes);
    }

    private static void checkContentType(String contentType) {
        MediaType type = null;
        try {
            type = (contentType != null) ? MediaType.parseMediaType(contentType) : null;
        } catch (InvalidMediaTypeException ex) {
            // unsupported below
        }
        boolean scim = type != null
                && "application".equalsIgnoreCase(type.getType())
                && ("scim+json".equalsIgnoreCase(type.getSubtype()) || "json".equalsIgnoreCase(type.getSubtype()));
        if (!scim) {
            throw new ScimException(415, null, "send the body as application/scim+json");
        }
    }

    /**
     * The version a change must find (RFC 7232 If-Match): {@link #ANY_VERSION} without the header,
     * {@code current} when one of its tags (or {@code *}) matches it, else 412.
     */
    static long expectedVersion(HttpServletRequest request, long current) {
        Enumeration<String> values = request.getHeaders(HttpHeaders.IF_MATCH);
        if (values == null || !values.hasMoreElements()) {
            return ANY_VERSION;
        }
        while (values.hasMoreElements()) {
            if (matches(values.nextElement(), current)) {
                return current;
            }
        }
        throw ScimException.preconditionFailed();
    }

    /** True when If-None-Match names the current version (GET answers 304 then). */
    static boolean notModified(HttpServletRequest request, long current) {
        Enumeration<String> values = request.getHeaders(HttpHeaders.IF_NONE_MATCH);
        while (values != null && values.hasMoreElements()) {
            if (matches(values.nextElement(), current)) {
                return true;
            }
        }
        return false;
    }

    /** Weak comparison (RFC 7232 section 2.3.2) of a list of entity tags with the version's tag. */
    private static boolean matches(String header, long version) {
        String wanted = "\"" + version + "\"";
        for (String tag : header.split(",", -1)) {
            String value = tag.trim();
            if ("*".equals(value)) {
                return true;
            }
            if (value.startsWith("W/") || value.startsWith("w/")) {
                value = value.substring(2);
            }
            if (value.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 7644 3.4.2.4: 1-based; anything below 1 is 1. */
    static int startIndex(@Nullable String value) {
        return (int) Math.max(1, Math.min(integer(value, 1, "startIndex"), Integer.MAX_VALUE));
    }

    /** RFC 7644 3.4.2.4: negative is 0 (totalResults only); at most {@link #MAX_COUNT}. */
    static int count(@Nullable String value) {
        return (int) Math.max(0, Math.min(integer(value, DEFAULT_COUNT, "count"), MAX_COUNT));
    }

    private static long integer(@Nullable String value, long defaultValue, String name) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        String text = value.trim();
        if (!text.matches("[+-]?[0-9]{1,100}")) {
            throw ScimException.invalidValue(name + " must be an integer");
        }
        boolean negative = text.startsWith("-");
        String digits = text.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
        if (digits.length() > 18) {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return Long.parseLong(text);
    }

    /** The admin client acting (the token's {@code client_id}), for the audit stream. */
    static Actor actor(Authentication caller, HttpServletRequest request) {
        String name = (caller != null) ? caller.getName() : "anonymous";
        if (caller instanceof JwtAuthenticationToken jwt && jwt.getToken().getClaimAsString("client_id") != null) {
            name = jwt.getToken().getClaimAsString("client_id");
        }
        return new Actor(name, "scim", request.getRemoteAddr());
    }
}
