package com.phoenixidp.resourceserver.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Loop-based equivalents of two regular expressions Spring Security runs on every request, which
 * dominate the CPU profile with ~1 KB certificate-bound tokens (the Authorization header is read and
 * re-validated several times per request). Same rules, no regex engine.
 */
final class FastPathHeaders {

    private FastPathHeaders() {}

    /**
     * {@code StrictHttpFirewall}'s header-value rule (Spring Security 7) {@code
     * [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}: every code point assigned and not a control
     * character, the horizontal tab excepted (RFC 9110 section 5.5).
     */
    static final Predicate<String> HEADER_VALUE = (value) -> {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c >= 0x20 && c < 0x7f) || c == '\t') {
                continue;
            }
            int codePoint = value.codePointAt(i);
            if (!Character.isDefined(codePoint) || Character.isISOControl(codePoint)) {
                return false;
            }
            if (Character.isSupplementaryCodePoint(codePoint)) {
                i++;
            }
        }
        return true;
    };

    /**
     * RFC 6750 section 2.1: {@code Authorization: Bearer b64token}, b64token = 1*( ALPHA / DIGIT /
     * "-" / "." / "_" / "~" / "+" / "/" ) *"="; tokens in the query or body are not accepted (section 2.2/2.3).
     */
    static final class HeaderBearerTokenResolver implements BearerTokenResolver {

        private static final String PREFIX = "Bearer ";

        @Override
        public @Nullable String resolve(HttpServletRequest request) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                return null;
            }
            String token = authorization.substring(PREFIX.length());
            if (!isB64Token(token)) {
                throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
            }
            return token;
        }

        static boolean isB64Token(String token) {
            int i = 0;
            int length = token.length();
            while (i < length && isTokenChar(token.charAt(i))) {
                i++;
            }
            if (i == 0) {
                return false;
            }
            while (i < length && token.charAt(i) == '=') {
                i++;
            }
            return i == length;
        }

        private static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '+'
                    || c == '/';
        }
    }
}
