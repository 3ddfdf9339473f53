package com.phoenixidp.resourceserver.dpop;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * RFC 3986 section 6.2.2 and 6.2.3 normalization of an HTTP(S) URI for comparing a DPoP proof's
 * {@code htu} with the request (RFC 9449 section 4.3 step 9): scheme and host lower-cased, default
 * port dropped, empty path as {@code /}, dot segments removed, percent-encodings of unreserved
 * characters decoded and the others upper-cased; query and fragment dropped.
 */
final class HttpUris {

    private HttpUris() {}

    /** The normalized {@code scheme://host[:port]/path}, or {@code null} when not an absolute http(s) URI. */
    static @Nullable String normalize(@Nullable URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getRawAuthority() == null || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            return null;
        }
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        String path = uri.getRawPath();
        path = (path == null || path.isEmpty()) ? "/" : normalizePercentEncoding(path);
        String normalizedPath = URI.create("http://h" + path).normalize().getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port)
                + (normalizedPath.isEmpty() ? "/" : normalizedPath);
    }

    private static String normalizePercentEncoding(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                int value = Integer.parseInt(path.substring(i + 1, i + 3), 16);
                if (isUnreserved((char) value)) {
                    out.append((char) value);
                } else {
                    out.append('%').append(path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
