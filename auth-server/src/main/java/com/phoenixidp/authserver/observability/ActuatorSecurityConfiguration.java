package com.phoenixidp.authserver.observability;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call the actuator endpoints. Health probes ({@code /actuator/health/**}) and {@code
 * /actuator/info} are open. The rest ({@code /actuator/prometheus}) needs a bearer token with scope
 * {@code phoenix.admin} on the main port; on a separate {@code management.server.port} (bound to an
 * internal interface, where Prometheus scrapes without credentials) everything exposed is open.
 * Spring Boot serves that port from a child context that runs the same security filter chains, so
 * the rule looks at the port the request came in on.
 */
@Configuration(proxyBeanMethods = false)
public class ActuatorSecurityConfiguration {

    @Bean
    ManagementPort managementPort() {
        return new ManagementPort();
    }

    @Bean
    @Order(3)
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http, ManagementPort managementPort) throws Exception {
        http.securityMatcher("/actuator", "/actuator/**")
                .authorizeHttpRequests((authorize) -> authorize
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers(managementPort)
                        .permitAll()
                        .anyRequest()
                        .hasAuthority("SCOPE_phoenix.admin"))
                .sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache((cache) -> cache.disable())
                .csrf((csrf) -> csrf.disable())
                .oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
        return http.build();
    }

    /**
     * Matches requests that arrived on the separate management port, once that port's server has
     * started (its number is only known then when it is configured as 0).
     */
    static final class ManagementPort implements RequestMatcher, ApplicationListener<WebServerInitializedEvent> {

        private volatile int port = -1;

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            if ("management".equals(event.getApplicationContext().getServerNamespace())) {
                this.port = event.getWebServer().getPort();
            }
        }

        @Override
        public boolean matches(HttpServletRequest request) {
            int management = this.port;
            return management > 0 && request.getLocalPort() == management;
        }
    }
}
