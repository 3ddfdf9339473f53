package com.phoenixidp.authserver.config;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * How the admin JSON API and the admin console share the {@code /admin/...} paths: a request that
 * carries a bearer token ({@code Authorization: Bearer ...}, RFC 6750 section 2.1) is the API,
 * anything else (a browser with a session) is the console. Each side has its own security filter
 * chain, and the API controllers only map requests with an {@code Authorization} header.
 */
public final class AdminRequests {

    /** The paths both share. */
    public static final String PATHS = "/admin/**";

    private AdminRequests() {}

    /** {@code /admin/**} with a bearer token: the admin API (stateless, scope {@code phoenix.admin}). */
    public static RequestMatcher api() {
        return new AndRequestMatcher(paths(), AdminRequests::hasBearerToken);
    }

    /** {@code /admin/**} without a bearer token: the console pages (session, CSRF, role admin). */
    public static RequestMatcher console() {
        return new AndRequestMatcher(paths(), new NegatedRequestMatcher(AdminRequests::hasBearerToken));
    }

    static boolean hasBearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static RequestMatcher paths() {
        return PathPatternRequestMatcher.withDefaults().matcher(PATHS);
    }
}
