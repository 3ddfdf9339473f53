package com.phoenixidp.authserver.config;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * CORS for browser apps (single-page apps) that are registered as PUBLIC clients
 * ({@code auth-methods: [none]}): a page served from the origin of one of their redirect URIs may
 * call the token, JWK set, UserInfo and revocation endpoints and read the discovery documents
 * from JavaScript. Nothing else is cross-origin: not the authorization endpoint or the pages
 * (those are navigations, not fetches), not introspection, not for confidential clients' origins,
 * and never with credentials (cookies): a SPA authenticates with PKCE and bearer tokens only.
 *
 * <p>Named {@code corsConfigurationSource} so that Spring Security's {@code http.cors()} finds it.
 */
@Component("corsConfigurationSource")
public class PublicClientCorsConfigurationSource implements CorsConfigurationSource {

    private static final Duration CACHE = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;

    private final Set<String> paths;

    private final Clock clock;

    private volatile @Nullable Snapshot snapshot;

    private record Snapshot(Set<String> origins, Instant readAt) {}

    public PublicClientCorsConfigurationSource(JdbcTemplate jdbc, AuthorizationServerSettings settings) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
        this.paths = Set.of(
                settings.getTokenEndpoint(),
                settings.getJwkSetEndpoint(),
                settings.getOidcUserInfoEndpoint(),
                settings.getTokenRevocationEndpoint(),
                settings.getPushedAuthorizationRequestEndpoint(),
                "/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server");
    }

    @Override
    public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (!StringUtils.hasText(origin)) {
            return null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!this.paths.contains(path) || !publicClientOrigins().contains(origin.toLowerCase(Locale.ROOT))) {
            return null;
        }
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(List.of(origin));
        configuration.setAllowedMethods(List.of("GET", "POST"));
        // DPoP: a browser app sends its proof in the DPoP header (RFC 9449 section 4.1)
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "DPoP"));
        configuration.setExposedHeaders(List.of(HttpHeaders.WWW_AUTHENTICATE));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(Duration.ofMinutes(10));
        return configuration;
    }

    /** The origins of the redirect URIs of public clients (read from the database, cached briefly). */
    Set<String> publicClientOrigins() {
        Snapshot current = this.snapshot;
        Instant now = this.clock.instant();
        if (current != null && current.readAt().plus(CACHE).isAfter(now)) {
            return current.origins();
        }
        Set<String> origins = new HashSet<>();
        this.jdbc.query("SELECT client_authentication_methods, redirect_uris FROM oauth2_registered_client", (row) -> {
            Set<String> methods = StringUtils.commaDelimitedListToSet(row.getString(1));
            if (methods.contains("none")) {
                for (String redirect : StringUtils.commaDelimitedListToSet(row.getString(2))) {
                    String origin = origin(redirect.trim());
                    if (origin != null) {
                        origins.add(origin);
                    }
                }
            }
        });
        Set<String> result = Set.copyOf(origins);
        this.snapshot = new Snapshot(result, now);
        return result;
    }

    private static @Nullable String origin(String uri) {
        try {
            URI parsed = URI.create(uri);
            if (parsed.getScheme() == null || parsed.getHost() == null) {
                return null;
            }
            return (parsed.getScheme() + "://" + parsed.getHost()
                            + ((parsed.getPort() != -1) ? ":" + parsed.getPort() : ""))
                    .toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
