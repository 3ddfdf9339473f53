package com.phoenixidp.authserver.dpop;

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
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Identifies a public client (RFC 6749 section 2.1, auth method {@code none}) at a refresh token
 * request: {@code client_id} and no credentials. Spring Authorization Server identifies public
 * clients only at PKCE code exchanges; a public client's refresh token here is always bound to its
 * DPoP key (RFC 9449 section 5), which {@link DPoPTokenRequests} and SAS check, so the client id
 * alone is enough to name the client. Others are left to the standard converters.
 */
final class PublicClientRefreshAuthentication {

    /** Marks the tokens the converter makes, the only ones the provider takes. */
    static final String MARKER = "phoenix.public_client_refresh";

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-3.2.1";

    private PublicClientRefreshAuthentication() {}

    static AuthenticationConverter converter(String tokenEndpoint) {
        return (request) -> convert(request, tokenEndpoint);
    }

    static AuthenticationProvider provider(RegisteredClientRepository clients) {
        return new Provider(clients);
    }

    private static @Nullable Authentication convert(HttpServletRequest request, String tokenEndpoint) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!"POST".equals(request.getMethod())
                || !tokenEndpoint.equals(path)
                || !AuthorizationGrantType.REFRESH_TOKEN
                        .getValue()
                        .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
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

    /** Accepts a client registered with method none and grant type refresh_token; others are invalid_client. */
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
                    || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
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
