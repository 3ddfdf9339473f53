package com.phoenixidp.authserver.federation;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.passkey.SecondFactorLoginSuccessHandler;
import com.phoenixidp.authserver.user.UserRepository;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;

/**
 * Beans of identity brokering. At start-up the configuration is checked and, for each provider,
 * the redirect URI to register upstream is logged; the providers themselves are contacted only
 * when someone signs in through them.
 */
@Configuration(proxyBeanMethods = false)
public class FederationConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(FederationConfiguration.class);

    @Bean
    UpstreamProviders upstreamProviders(FederationProperties properties, PhoenixProperties phoenix) {
        UpstreamProviders providers = new UpstreamProviders(properties, phoenix.getIssuer());
        for (UpstreamProviders.Option option : providers.options()) {
            LOG.info(
                    "Upstream identity provider '{}' ({}): register the redirect URI {} at {}",
                    option.alias(),
                    option.displayName(),
                    providers.redirectUri(option.alias()),
                    Objects.requireNonNull(providers.provider(option.alias()), "an option of a configured provider")
                            .getIssuerUri());
        }
        return providers;
    }

    @Bean
    FederationWebSecurity federationWebSecurity(
            UpstreamProviders providers,
            FederatedAccounts accounts,
            FederationProperties properties,
            UserRepository users,
            SecondFactorLoginSuccessHandler passwordLoginSuccess,
            AuditLog audit) {
        return new FederationWebSecurity(
                providers, accounts, new FederationLoginHandlers(users, passwordLoginSuccess, audit), properties);
    }

    /** Found by oauth2Login as a bean: how upstream ID tokens are checked. */
    @Bean
    JwtDecoderFactory<ClientRegistration> upstreamIdTokenDecoders(FederationWebSecurity federation) {
        return federation.idTokenDecoders();
    }
}
