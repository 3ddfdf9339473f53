package com.phoenixidp.authserver.registration;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security chain of the registration endpoints: stateless, no CSRF (no cookies are used).
 * {@code POST /connect/register} is a resource-server request whose bearer JWT must carry scope
 * {@code client.create} (RFC 7591 3, RFC 6750); the RFC 7592 endpoints below it carry a
 * registration access token, which is not a JWT and is checked by
 * {@link ClientRegistrationController} itself, so the bearer filter reads tokens of the POST only.
 */
@Configuration(proxyBeanMethods = false)
public class ClientRegistrationSecurity {

    @Bean
    @Order(4)
    SecurityFilterChain clientRegistrationSecurityFilterChain(HttpSecurity http) throws Exception {
        String path = ClientRegistrationController.PATH;
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher registration = paths.matcher(HttpMethod.POST, path);
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        BearerTokenResolver registrationOnly =
                (request) -> registration.matches(request) ? bearer.resolve(request) : null;
        http.securityMatcher(path, path + "/**")
                .authorizeHttpRequests((authorize) -> authorize
                        .requestMatchers(registration)
                        .hasAuthority("SCOPE_" + ClientRegistrationController.SCOPE)
                        .requestMatchers(paths.matcher(path + "/*"))
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf((csrf) -> csrf.disable())
                .requestCache((cache) -> cache.disable())
                .oauth2ResourceServer((resourceServer) -> resourceServer
                        .bearerTokenResolver(registrationOnly)
                        .accessDeniedHandler(insufficientScope())
                        .jwt(Customizer.withDefaults()));
        return http.build();
    }

    /** RFC 6750 3.1: 403 with the {@code insufficient_scope} challenge, and the error as JSON too. */
    private static AccessDeniedHandler insufficientScope() {
        BearerTokenAccessDeniedHandler challenge = new BearerTokenAccessDeniedHandler();
        return (request, response, denied) -> {
            challenge.handle(request, response, denied);
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter()
                    .write("{\"error\":\"insufficient_scope\",\"error_description\":"
                            + "\"the initial access token needs scope " + ClientRegistrationController.SCOPE + "\"}");
        };
    }
}
