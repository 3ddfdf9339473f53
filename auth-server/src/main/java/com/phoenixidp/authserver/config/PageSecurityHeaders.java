package com.phoenixidp.authserver.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The response headers of every chain that serves pages (OWASP ASVS 5.0 V3.4, RFC 9700 section
 * 4.16), on top of Spring Security's defaults ({@code X-Content-Type-Options: nosniff},
 * {@code Cache-Control: no-store}, HSTS on HTTPS requests only):
 * <ul>
 * <li>{@code Content-Security-Policy}: scripts, styles, images, fonts and connections from this
 * origin only (no inline script or style anywhere: the templates have none), no plugins,
 * {@code base-uri 'none'}, {@code frame-ancestors 'none'} (no framing: clickjacking), and
 * {@code form-action 'self'} plus the origins of the redirect URIs registered for the client of the
 * authorization request under way. Chromium applies {@code form-action} to the redirects that
 * follow a form submission, so the sign-in and consent forms, whose answer ends in a redirect to
 * the client, must allow that client's origin, and only that one;</li>
 * <li>{@code X-Frame-Options: DENY} for browsers without CSP 2, {@code Referrer-Policy: no-referrer}
 * (authorization requests and codes never leak through {@code Referer}),
 * {@code Cross-Origin-Opener-Policy: same-origin}.</li>
 * </ul>
 */
public final class PageSecurityHeaders implements Customizer<HeadersConfigurer<HttpSecurity>> {

    /** The policy without the client origins that {@code form-action} may add. */
    public static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'; form-action 'self'";

    private static final String CSP = "Content-Security-Policy";

    /** A CSP source expression built from a redirect URI: scheme and host (and port) only. */
    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9+.-]*:(//[A-Za-z0-9.\\-]+(:[0-9]{1,5})?)?");

    private final RegisteredClientRepository clients;

    private final HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();

    public PageSecurityHeaders(RegisteredClientRepository clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    @Override
    public void customize(HeadersConfigurer<HttpSecurity> headers) {
        headers.frameOptions((frames) -> frames.deny())
                .referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .crossOriginOpenerPolicy(
                        (coop) -> coop.policy(CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy.SAME_ORIGIN))
                .addHeaderWriter(new ContentSecurityPolicy());
    }

    /** The CSP, with the pending authorization request's client origins in {@code form-action}. */
    private final class ContentSecurityPolicy implements HeaderWriter {

        @Override
        public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
            if (response.containsHeader(CSP)) {
                return;
            }
            StringBuilder policy = new StringBuilder(POLICY);
            for (String source : formTargets(request, response)) {
                policy.append(' ').append(source);
            }
            response.setHeader(CSP, policy.toString());
        }
    }

    /** The origins of the redirect URIs of the client whose authorization request this page serves. */
    Set<String> formTargets(HttpServletRequest request, HttpServletResponse response) {
        Set<String> sources = new LinkedHashSet<>();
        String clientId = clientIdOf(request, response);
        RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
        if (client != null) {
            for (String redirectUri : client.getRedirectUris()) {
                String source = sourceOf(redirectUri);
                if (source != null) {
                    sources.add(source);
                }
            }
        }
        return sources;
    }

    /** From this request's query (consent page) or the authorization request saved before sign-in. */
    private @Nullable String clientIdOf(HttpServletRequest request, HttpServletResponse response) {
        String query = request.getQueryString();
        if (query != null && query.contains("client_id=")) {
            String fromQuery = UriComponentsBuilder.newInstance()
                    .query(query)
                    .build()
                    .getQueryParams()
                    .getFirst("client_id");
            if (fromQuery != null) {
                return java.net.URLDecoder.decode(fromQuery, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        SavedRequest saved = this.savedRequests.getRequest(request, response);
        String[] values = (saved != null) ? saved.getParameterValues("client_id") : null;
        return (values != null && values.length > 0) ? values[0] : null;
    }

    static @Nullable String sourceOf(String redirectUri) {
        try {
            URI uri = URI.create(redirectUri);
            String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            String source = (uri.getHost() != null)
                    ? scheme + "://" + uri.getHost() + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "")
                    : scheme + ":";
            return SOURCE.matcher(source).matches() ? source : null;
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
