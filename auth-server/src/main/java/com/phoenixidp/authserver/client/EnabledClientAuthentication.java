package com.phoenixidp.authserver.client;

import com.phoenixidp.authserver.settings.PhoenixClientSettings;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * A disabled client ({@link ClientService#setEnabled}) fails every client authentication with
 * {@code invalid_client} (401), as a wrong secret does. Wraps each of Spring Authorization
 * Server's client authentication providers (client secret, {@code private_key_jwt}, mutual TLS,
 * public clients, and Phoenix's device-flow and PAR public clients): every client authentication,
 * at the token, introspection, revocation, pushed authorization request and device authorization
 * endpoints, goes through them. The store itself still finds the client (the admin API and the
 * console show it, the authorization service reads its authorizations).
 * <p>
 * Spring's {@code ProviderManager} goes on to the next provider after one throws, and another may
 * answer the same request differently (SAS's public-client provider says {@code invalid_grant} to
 * a device-flow client), so each wrapper refuses a disabled client before its provider runs (by
 * the {@code client_id} the request names), and again on what its provider authenticated.
 */
public final class EnabledClientAuthentication implements AuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(EnabledClientAuthentication.class);

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2";

    private final AuthenticationProvider delegate;

    private final RegisteredClientRepository clients;

    EnabledClientAuthentication(AuthenticationProvider delegate, RegisteredClientRepository clients) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /** Wraps every client authentication provider in {@code providers} (after they are configured). */
    public static void wrap(List<AuthenticationProvider> providers, RegisteredClientRepository clients) {
        providers.replaceAll((provider) -> (provider instanceof EnabledClientAuthentication)
                ? provider
                : new EnabledClientAuthentication(provider, clients));
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (authentication instanceof OAuth2ClientAuthenticationToken request
                && request.getRegisteredClient() == null
                && request.getPrincipal() instanceof String clientId) {
            RegisteredClient named = this.clients.findByClientId(clientId);
            if (named != null && !PhoenixClientSettings.isEnabled(named)) {
                throw refused(named);
            }
        }
        Authentication result = this.delegate.authenticate(authentication);
        if (result instanceof OAuth2ClientAuthenticationToken client) {
            RegisteredClient registered = client.getRegisteredClient();
            if (registered != null && !PhoenixClientSettings.isEnabled(registered)) {
                throw refused(registered);
            }
        }
        return result;
    }

    private static OAuth2AuthenticationException refused(RegisteredClient client) {
        LOG.debug("Client authentication refused: client {} is disabled", client.getClientId());
        return new OAuth2AuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "The client is disabled.", ERROR_URI));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return this.delegate.supports(authentication);
    }
}
