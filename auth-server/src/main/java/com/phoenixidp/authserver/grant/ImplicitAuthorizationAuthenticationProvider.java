package com.phoenixidp.authserver.grant;

import com.phoenixidp.authserver.settings.PhoenixClientSettings;
import java.security.Principal;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The implicit grant's authorization request (RFC 6749 section 4.2.1), legacy and discouraged
 * (RFC 9700 section 2.1.2): the client must be known and enabled, the redirect URI must exactly match a
 * registered one (else no redirect at all), the client must be registered with grant type
 * {@code implicit} ({@code unauthorized_client} otherwise), the scopes must be the client's, and
 * consent is asked as for the code flow. The access token is issued by {@link ImplicitTokenIssuer}.
 */
public final class ImplicitAuthorizationAuthenticationProvider implements AuthenticationProvider {

    static final String REDIRECT_URI_ATTRIBUTE = "phoenix.implicit.redirect_uri";

    static final String STATE_ATTRIBUTE = "phoenix.implicit.state";

    static final String SCOPES_ATTRIBUTE = "phoenix.implicit.scope";

    private static final Logger LOG = LoggerFactory.getLogger(ImplicitAuthorizationAuthenticationProvider.class);

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.2.2.1";

    private static final StringKeyGenerator STATE_GENERATOR = new Base64StringKeyGenerator(Base64.getUrlEncoder());

    private final RegisteredClientRepository clients;

    private final OAuth2AuthorizationService authorizations;

    private final OAuth2AuthorizationConsentService consents;

    private final ImplicitTokenIssuer issuer;

    ImplicitAuthorizationAuthenticationProvider(
            RegisteredClientRepository clients,
            OAuth2AuthorizationService authorizations,
            OAuth2AuthorizationConsentService consents,
            ImplicitTokenIssuer issuer) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        ImplicitAuthorizationAuthenticationToken request = (ImplicitAuthorizationAuthenticationToken) authentication;
        RegisteredClient client = this.clients.findByClientId(request.getClientId());
        if (client == null || !PhoenixClientSettings.isEnabled(client)) {
            // unknown or disabled: the error page, no redirect
            throw new ImplicitAuthorizationException(error(OAuth2ErrorCodes.INVALID_REQUEST, "client_id"), null, null);
        }
        String redirectUri = verifiedRedirectUri(client, request.getRedirectUri());
        String state = request.getState();
        if (!client.getAuthorizationGrantTypes().contains(LegacyGrantTypes.IMPLICIT)) {
            LOG.info("Implicit grant refused for client {}: not registered for it", client.getClientId());
            throw new ImplicitAuthorizationException(
                    new OAuth2Error(
                            OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
                            "The client is not allowed to use response_type=token.",
                            ERROR_URI),
                    redirectUri,
                    state);
        }
        for (String scope : request.getScopes()) {
            if (!client.getScopes().contains(scope)) {
                throw new ImplicitAuthorizationException(
                        error(OAuth2ErrorCodes.INVALID_SCOPE, "scope"), redirectUri, state);
            }
        }
        Authentication user = (Authentication) request.getPrincipal();
        if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
            throw new ImplicitAuthorizationException(error(OAuth2ErrorCodes.ACCESS_DENIED, "user"), redirectUri, state);
        }
        Set<String> scopes = new LinkedHashSet<>(request.getScopes());
        OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
                .principalName(user.getName())
                .authorizationGrantType(LegacyGrantTypes.IMPLICIT)
                .attribute(Principal.class.getName(), user);
        if (consentRequired(client, user, scopes)) {
            String consentState = STATE_GENERATOR.generateKey();
            authorization
                    .attribute(OAuth2ParameterNames.STATE, consentState)
                    .attribute(REDIRECT_URI_ATTRIBUTE, redirectUri)
                    .attribute(SCOPES_ATTRIBUTE, String.join(" ", scopes));
            if (state != null) {
                authorization.attribute(STATE_ATTRIBUTE, state);
            }
            this.authorizations.save(authorization.build());
            return ImplicitAuthorizationAuthenticationToken.consentRequired(
                    client.getClientId(), user, scopes, consentState);
        }
        OAuth2AccessToken token = this.issuer.issue(authorization, client, user, scopes, request);
        LOG.info("Implicit grant: access token issued to client {} for user {}", client.getClientId(), user.getName());
        return ImplicitAuthorizationAuthenticationToken.issued(client.getClientId(), user, redirectUri, state, token);
    }

    /** RFC 6749 section 3.1.2.3 / RFC 9700 section 4.1.3: exact string match, or the only one. */
    private static String verifiedRedirectUri(RegisteredClient client, @Nullable String requested) {
        if (requested == null && client.getRedirectUris().size() == 1) {
            return client.getRedirectUris().iterator().next();
        }
        if (requested == null || !client.getRedirectUris().contains(requested)) {
            throw new ImplicitAuthorizationException(
                    error(OAuth2ErrorCodes.INVALID_REQUEST, "redirect_uri"), null, null);
        }
        return requested;
    }

    private boolean consentRequired(RegisteredClient client, Authentication user, Set<String> scopes) {
        if (!client.getClientSettings().isRequireAuthorizationConsent()) {
            return false;
        }
        Set<String> needed = new LinkedHashSet<>(scopes);
        needed.remove(OidcScopes.OPENID);
        if (needed.isEmpty()) {
            return false;
        }
        OAuth2AuthorizationConsent previous = this.consents.findById(client.getId(), user.getName());
        return previous == null || !previous.getScopes().containsAll(needed);
    }

    private static OAuth2Error error(String code, String parameter) {
        return new OAuth2Error(code, "OAuth 2.0 Parameter: " + parameter, ERROR_URI);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ImplicitAuthorizationAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
