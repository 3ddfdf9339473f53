package com.phoenixidp.authserver;

import com.phoenixidp.authserver.token.ResourceIndicators;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.stereotype.Component;

/**
 * What Phoenix adds to Spring Authorization Server's endpoints beyond the extra grants
 * ({@code AdditionalGrants}), through the configurer's provider hooks: RFC 8707 resource
 * indicators at the authorization endpoint. The composition root ({@link AuthorizationServerConfiguration})
 * passes these hooks on.
 */
@Component
public class AuthorizationServerExtensions {

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

    /** The token endpoint's providers. */
    public void tokenProviders(List<AuthenticationProvider> providers) {}
}
