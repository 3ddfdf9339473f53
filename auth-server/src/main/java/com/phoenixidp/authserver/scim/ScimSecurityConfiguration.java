package com.phoenixidp.authserver.scim;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Access to {@code /scim/**}: a bearer JWT from this server with scope {@code phoenix.admin}
 * (client credentials of a provisioning client), stateless, no CSRF (no cookies are used). A
 * missing or bad token is 401, another scope 403, each with the RFC 6750 {@code WWW-Authenticate}
 * challenge and a SCIM error body (RFC 7644 section 3.12).
 */
@Configuration(proxyBeanMethods = false)
class ScimSecurityConfiguration {

    /**
     * Before the page chain (order 3, which matches every request): 0 is free (the protocol chain
     * is first, the FIDO binding chain 1, the admin and CA chains 2), and the paths do not overlap.
     */
    @Bean
    @Order(0)
    SecurityFilterChain scimSecurityFilterChain(HttpSecurity http) throws Exception {
        ScimAuthenticationErrors errors = new ScimAuthenticationErrors();
        http.securityMatcher("/scim/**")
                .authorizeHttpRequests((authorize) -> authorize.anyRequest().hasAuthority("SCOPE_phoenix.admin"))
                .sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf((csrf) -> csrf.disable())
                .requestCache((cache) -> cache.disable())
                .exceptionHandling((exceptions) ->
                        exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .oauth2ResourceServer((resourceServer) -> resourceServer
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors)
                        .jwt(Customizer.withDefaults()));
        return http.build();
    }

    /** 401 and 403 as RFC 6750 says (status, challenge), with the SCIM error as body. */
    static final class ScimAuthenticationErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

        private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();

        private final BearerTokenAccessDeniedHandler deniedHandler = new BearerTokenAccessDeniedHandler();

        @Override
        public void commence(
                HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
                throws IOException {
            this.entryPoint.commence(request, response, exception);
            write(response, "a bearer token with scope phoenix.admin is required");
        }

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
                throws IOException {
            this.deniedHandler.handle(request, response, exception);
            write(response, "the token lacks scope phoenix.admin");
        }

        private static void write(HttpServletResponse response, String detail) throws IOException {
            response.setContentType(ScimSchemas.MEDIA_TYPE);
            response.getOutputStream().write(ScimResponses.errorBody(response.getStatus(), null, detail));
        }
    }
}
