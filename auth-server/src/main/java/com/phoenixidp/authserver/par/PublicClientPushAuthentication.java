package com.phoenixidp.authserver.par;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A public client (auth method {@code none}) at the pushed authorization request endpoint: RFC
 * 9126 section 2.1 lets it push with its {@code client_id} alone; it must send a PKCE
 * {@code code_challenge} (checked again by Spring's request validation). Spring Authorization
 * Server identifies public clients only at PKCE code exchanges.
 */
final class PublicClientPushAuthentication {

    static final String MARKER = "phoenix.public_client_push";

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc9126#section-2.1";

    private PublicClientPushAuthentication() {}

    static AuthenticationConverter converter(String parEndpoint) {
        return (request) -> convert(request, parEndpoint);
    }

    static AuthenticationProvider provider(RegisteredClientRepository clients) {
        return new Provider(clients);
    }

    private static @Nullable Authentication convert(HttpServletRequest request, String parEndpoint) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!"POST".equals(request.getMethod())
                || !parEndpoint.equals(path)
                || request.getParameter(PkceParameterNames.CODE_CHALLENGE) == null
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
            return null;
        }
        String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
        if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()) {
            return null;
        }
        return new OAuth2ClientAuthenticationToken(
                clientIds[0], ClientAuthenticationMethod.NONE, null, Map.of(MARKER, true));
    }

    private static final class Provider implements AuthenticationProvider {

        private final RegisteredClientRepository clients;

        Provider(RegisteredClientRepository clients) {
            this.clients = Objects.requireNonNull(clients, "clients");
        }

        @Override
        public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
            OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
            if (request.getRegisteredClient() != null
                    || !Boolean.TRUE.equals(request.getAdditionalParameters().get(MARKER))) {
                return null;
            }
            RegisteredClient client = this.clients.findByClientId((String) request.getPrincipal());
            if (client == null
                    || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                    || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE)) {
                throw new OAuth2AuthenticationException(
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed", ERROR_URI));
            }
            return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
