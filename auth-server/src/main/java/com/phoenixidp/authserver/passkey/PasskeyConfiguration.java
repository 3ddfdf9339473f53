package com.phoenixidp.authserver.passkey;

import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.webauthn.RelyingPartyConfig;
import com.phoenixidp.webauthn.authentication.AuthenticationService;
import com.phoenixidp.webauthn.challenge.ChallengeStore;
import com.phoenixidp.webauthn.challenge.JdbcChallengeStore;
import com.phoenixidp.webauthn.credential.JdbcPasskeyCredentialRepository;
import com.phoenixidp.webauthn.credential.PasskeyCredentialRepository;
import com.phoenixidp.webauthn.registration.RegistrationService;
import java.security.SecureRandom;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Wires the webauthn module (WebAuthn L3 relying party) into the auth-server: its JDBC stores on
 * the application's database (schema: Flyway V2), the two ceremony services, the stateless
 * filter chain of the FIDO2 server transport binding endpoints, and the purge of expired
 * challenges.
 */
@Configuration(proxyBeanMethods = false)
public class PasskeyConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PasskeyConfiguration.class);

    @Bean
    RelyingPartyConfig relyingPartyConfig(PasskeyProperties passkeys, PhoenixProperties phoenix) {
        RelyingPartyConfig config = passkeys.toRelyingPartyConfig(phoenix.getIssuer());
        LOG.info(
                "Passkeys: rp id {}, origins {}, user verification {}, attestation {}",
                config.rpId(),
                config.allowedOrigins(),
                config.userVerification().value(),
                config.attestation().value());
        return config;
    }

    @Bean
    ChallengeStore webauthnChallengeStore(DataSource dataSource) {
        return new JdbcChallengeStore(dataSource);
    }

    @Bean
    PasskeyCredentialRepository passkeyCredentialRepository(DataSource dataSource) {
        return new JdbcPasskeyCredentialRepository(dataSource);
    }

    @Bean
    RegistrationService passkeyRegistrationService(
            RelyingPartyConfig config,
            ChallengeStore challenges,
            PasskeyCredentialRepository credentials,
            Clock clock,
            SecureRandom random) {
        return new RegistrationService(config, challenges, credentials, clock, random);
    }

    @Bean
    AuthenticationService passkeyAuthenticationService(
            RelyingPartyConfig config,
            ChallengeStore challenges,
            PasskeyCredentialRepository credentials,
            Clock clock,
            SecureRandom random) {
        return new AuthenticationService(config, challenges, credentials, clock, random);
    }

    /**
     * FIDO2 server transport binding (the conformance tools' JSON API): no cookies, so no CSRF
     * token and no session; ordered before the page chain.
     */
    @Bean
    @Order(1)
    SecurityFilterChain fidoBindingSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(FidoBindingController.PATHS)
                .authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
                .sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache((cache) -> cache.requestCache(new NullRequestCache()))
                .csrf((csrf) -> csrf.disable());
        return http.build();
    }
}
