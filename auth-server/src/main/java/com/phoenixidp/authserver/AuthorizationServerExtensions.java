package com.phoenixidp.authserver;

import com.phoenixidp.authserver.dpop.DPoPSupport;
import com.phoenixidp.authserver.token.ResourceIndicators;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

/**
 * What Phoenix adds to Spring Authorization Server's endpoints beyond the extra grants
 * ({@code AdditionalGrants}), through the configurer's hooks: RFC 8707 resource indicators at the
 * authorization endpoint, DPoP (RFC 9449) at the token endpoint ({@link DPoPSupport}). The
 * composition root ({@link AuthorizationServerConfiguration}) calls {@link #configure} and passes
 * the provider hooks on.
 */
@Component
public class AuthorizationServerExtensions {

    private final DPoPSupport dpop;

    public AuthorizationServerExtensions(DPoPSupport dpop) {
        this.dpop = dpop;
    }

    /** Endpoint settings beyond the provider hooks. */
    public void configure(OAuth2AuthorizationServerConfigurer as, AuthorizationServerSettings settings) {
        this.dpop.configure(as, settings.getTokenEndpoint());
    }

    /** The authorization endpoint's providers: RFC 8707 {@code resource} values must be registered. */
    public void authorizationProviders(List<AuthenticationProvider> providers) {
        for (AuthenticationProvider provider : providers) {
            if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider code) {
                // also used by SAS's early request validation (before sign-in), which asks the provider for it
                code.setAuthenticationValidator(new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                        .andThen(ResourceIndicators.authorizationRequestValidator()));
            }
        }
    }

    /** The token endpoint's providers: DPoP proofs and DPoP-bound refresh tokens of public clients. */
    public void tokenProviders(List<AuthenticationProvider> providers) {
        this.dpop.tokenProviders(providers);
    }
}
