package com.phoenixidp.authserver.client;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
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
 * Identifies a public client (RFC 6749 section 2.1, client authentication method {@code none})
 * by its {@code client_id} alone, at one endpoint and for one kind of request where the protocol
 * allows it but Spring Authorization Server does not (it does so only at PKCE code exchanges). The
 * converter takes a {@code POST} to the endpoint that carries exactly one {@code client_id}, no
 * credentials of any kind (no {@code Authorization} header, {@code client_secret} or
 * {@code client_assertion}) and matches the request's own condition; it marks the token it makes,
 * and the provider takes only marked tokens. The provider accepts a client registered with method
 * {@code none} and the required grant type; any other client is {@code invalid_client}. Requests
 * the converter leaves alone go to the standard converters.
 */
public final class PublicClientAuthentication {

    private final String endpoint;

    private final Predicate<HttpServletRequest> condition;

    private final AuthorizationGrantType requiredGrantType;

    private final String marker;

    private final String errorUri;

    /**
     * @param endpoint          the endpoint's path, without the context path
     * @param condition         what else a request must show (a PKCE challenge, a grant type)
     * @param requiredGrantType the grant type the client must be registered for
     * @param marker            the name of the additional parameter that marks the converter's tokens
     * @param errorUri          the specification section an {@code invalid_client} answer points to
     */
    public PublicClientAuthentication(
            String endpoint,
            Predicate<HttpServletRequest> condition,
            AuthorizationGrantType requiredGrantType,
            String marker,
            String errorUri) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.condition = Objects.requireNonNull(condition, "condition");
        this.requiredGrantType = Objects.requireNonNull(requiredGrantType, "requiredGrantType");
        this.marker = Objects.requireNonNull(marker, "marker");
        this.errorUri = Objects.requireNonNull(errorUri, "errorUri");
    }

    public AuthenticationConverter converter() {
        return this::convert;
    }

    public AuthenticationProvider provider(RegisteredClientRepository clients) {
        return new Provider(Objects.requireNonNull(clients, "clients"));
    }

    private @Nullable Authentication convert(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!"POST".equals(request.getMethod())
                || !this.endpoint.equals(path)
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null
                || !this.condition.test(request)) {
            return null;
        }
        String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
        if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()) {
            return null;
        }
        return new OAuth2ClientAuthenticationToken(
                clientIds[0], ClientAuthenticationMethod.NONE, null, Map.of(this.marker, true));
    }

    private final class Provider implements AuthenticationProvider {

        private final RegisteredClientRepository clients;

        Provider(RegisteredClientRepository clients) {
            this.clients = clients;
        }

        @Override
        public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
            OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
            if (request.getRegisteredClient() != null
                    || !Boolean.TRUE.equals(request.getAdditionalParameters().get(marker))) {
                return null;
            }
            RegisteredClient client = this.clients.findByClientId((String) request.getPrincipal());
            if (client == null
                    || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                    || !client.getAuthorizationGrantTypes().contains(requiredGrantType)) {
                throw new OAuth2AuthenticationException(
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed", errorUri));
            }
            return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
