package com.phoenixidp.authserver.par;

import com.phoenixidp.authserver.client.PublicClientAuthentication;
import com.phoenixidp.authserver.grant.ListValuedParametersConverter;
import com.phoenixidp.authserver.token.ResourceIndicators;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2PushedAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.stereotype.Component;

/**
 * Pushed authorization requests (RFC 9126) on Spring Authorization Server's built-in endpoint
 * ({@code POST /oauth2/par}, advertised as {@code pushed_authorization_request_endpoint}), with
 * Phoenix's rules: {@code request_uri} valid 60 seconds ({@link PushedRequestLifetime}) and single
 * use (SAS removes it when redeemed), RFC 8707 {@code resource} values checked when pushed,
 * public clients may push with PKCE ({@link PublicClientPushAuthentication}), and clients
 * registered with {@code require-pushed-authorization-requests} may not send plain
 * authorization requests ({@link PushedAuthorizationRequired}).
 */
@Component
public class PushedAuthorizationRequests {

    private final OAuth2AuthorizationService authorizations;

    private final RegisteredClientRepository clients;

    private final Clock clock;

    public PushedAuthorizationRequests(
            OAuth2AuthorizationService authorizations, RegisteredClientRepository clients, Clock clock) {
        this.authorizations = authorizations;
        this.clients = clients;
        this.clock = clock;
    }

    /** Turns the endpoint on and sets it up. */
    public void configure(OAuth2AuthorizationServerConfigurer as, String parEndpoint) {
        as.pushedAuthorizationRequestEndpoint((par) -> par.pushedAuthorizationRequestConverters(
                        (converters) -> converters.replaceAll((converter) ->
                                (converter instanceof OAuth2AuthorizationCodeRequestAuthenticationConverter)
                                        ? new ListValuedParametersConverter(converter)
                                        : converter))
                .authenticationProviders(this::pushProviders)
                .pushedAuthorizationResponseHandler(new PushedRequestResponseHandler(this.clock)));
        PublicClientAuthentication publicClients = PublicClientPushAuthentication.at(parEndpoint);
        as.clientAuthentication((clientAuthentication) -> clientAuthentication
                .authenticationConverter(publicClients.converter())
                .authenticationProvider(publicClients.provider(this.clients)));
    }

    /**
     * The authorization endpoint's request validation: a disabled client refused, then Spring's,
     * then RFC 8707 resources, then the PAR requirement.
     */
    public void authorizationProviders(List<AuthenticationProvider> providers) {
        for (AuthenticationProvider provider : providers) {
            if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider code) {
                // SAS also applies it before sign-in (it asks the provider for its validator)
                code.setAuthenticationValidator(new EnabledClientRequired()
                        .andThen(pushedRequestValidator())
                        .andThen(new PushedAuthorizationRequired()));
            }
        }
    }

    private void pushProviders(List<AuthenticationProvider> providers) {
        providers.replaceAll((provider) -> {
            if (provider instanceof OAuth2PushedAuthorizationRequestAuthenticationProvider push) {
                push.setAuthenticationValidator(pushedRequestValidator());
                return new PushedRequestLifetime(push, this.authorizations, this.clock);
            }
            return provider;
        });
    }

    private static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> pushedRequestValidator() {
        return new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                .andThen(ResourceIndicators.authorizationRequestValidator());
    }
}
