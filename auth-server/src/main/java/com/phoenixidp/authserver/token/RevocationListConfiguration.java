package com.phoenixidp.authserver.token;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/** The revocation list endpoint is public (see {@link RevokedTokensController}): a chain of its own, no session. */
@Configuration(proxyBeanMethods = false)
class RevocationListConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain revocationListSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, RevokedTokensController.PATH))
                .authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
                .sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable)
                // the controller sets Cache-Control: no-cache (revalidate with If-None-Match), not no-store
                .headers((headers) -> headers.cacheControl((cache) -> cache.disable()));
        return http.build();
    }
}
