package com.phoenixidp.authserver.console;

import com.phoenixidp.authserver.config.AdminRequests;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The admin console's filter chain: {@code /admin/**} requests without a bearer token (those
 * with one are the admin API, see {@link AdminRequests}). Only users with role {@code admin}
 * (group {@code admin}, authority {@code ROLE_admin}) get in; a signed-in user without it gets
 * 403, a browser without a session is sent to the sign-in page, and any other request without
 * credentials gets 401 with a {@code Bearer} challenge (RFC 6750 section 3), not a redirect. The
 * session, sign-in and sign-out are the page chain's; CSRF protection is on for every form.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

    /** The role the console requires. */
    public static final String ADMIN_ROLE = "admin";

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint entryPoint = entryPoint();
        http.securityMatcher(AdminRequests.console())
                .authorizeHttpRequests((authorize) -> authorize.anyRequest().hasRole(ADMIN_ROLE))
                .exceptionHandling((exceptions) ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied(entryPoint)));
        return http.build();
    }

    /** Browsers (asking for text/html) go to the sign-in page; anything else gets a 401. */
    static AuthenticationEntryPoint entryPoint() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        AuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        AuthenticationEntryPoint unauthorized = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) ->
                (html.matches(request) ? login : unauthorized).commence(request, response, exception);
    }

    /**
     * Denied (no role, or a missing/stale CSRF token): a signed-in user gets the 403 page; a
     * caller who is not signed in at all is asked to sign in (or gets 401) instead.
     */
    static AccessDeniedHandler accessDenied(AuthenticationEntryPoint entryPoint) {
        AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
        return (request, response, exception) -> {
            Authentication caller = SecurityContextHolder.getContextHolderStrategy()
                    .getContext()
                    .getAuthentication();
            if (caller == null || TRUST.isAnonymous(caller)) {
                entryPoint.commence(
                        request, response, new InsufficientAuthenticationException("sign-in required", exception));
            } else {
                forbidden.handle(request, response, exception);
            }
        };
    }
}
