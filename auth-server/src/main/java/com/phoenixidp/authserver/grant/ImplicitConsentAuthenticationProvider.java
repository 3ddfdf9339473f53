package com.phoenixidp.authserver.grant;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The consent page's answer for a pending implicit-grant authorization. It wraps Spring
 * Authorization Server's consent provider: it handles only authorizations of grant type
 * {@code implicit} (found by their consent {@code state}) and hands any other to SAS's provider,
 * so code-flow consent is untouched. Denial is {@code access_denied} in the fragment.
 */
public final class ImplicitConsentAuthenticationProvider implements AuthenticationProvider {

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.2.2.1";

    private final AuthenticationProvider delegate;

    private final RegisteredClientRepository clients;

    private final OAuth2AuthorizationService authorizations;

    private final OAuth2AuthorizationConsentService consents;

    private final ImplicitTokenIssuer issuer;

    ImplicitConsentAuthenticationProvider(
            AuthenticationProvider delegate,
            RegisteredClientRepository clients,
            OAuth2AuthorizationService authorizations,
            OAuth2AuthorizationConsentService consents,
            ImplicitTokenIssuer issuer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
        OAuth2AuthorizationConsentAuthenticationToken answer =
                (OAuth2AuthorizationConsentAuthenticationToken) authentication;
        OAuth2Authorization pending =
                (answer.getState() != null) ? this.authorizations.findByToken(answer.getState(), STATE) : null;
        if (pending == null || !LegacyGrantTypes.IMPLICIT.equals(pending.getAuthorizationGrantType())) {
            return this.delegate.authenticate(authentication);
        }
        Authentication user = (Authentication) answer.getPrincipal();
        RegisteredClient client = this.clients.findByClientId(answer.getClientId());
        if (user == null
                || !user.isAuthenticated()
                || !pending.getPrincipalName().equals(user.getName())
                || client == null
                || !client.getId().equals(pending.getRegisteredClientId())) {
            throw new ImplicitAuthorizationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "OAuth 2.0 Parameter: state", ERROR_URI),
                    null,
                    null);
        }
        String redirectUri = pending.getAttribute(ImplicitAuthorizationAuthenticationProvider.REDIRECT_URI_ATTRIBUTE);
        String clientState = pending.getAttribute(ImplicitAuthorizationAuthenticationProvider.STATE_ATTRIBUTE);
        String scope = pending.getAttribute(ImplicitAuthorizationAuthenticationProvider.SCOPES_ATTRIBUTE);
        Set<String> requested =
                new LinkedHashSet<>((scope == null || scope.isBlank()) ? Set.of() : Arrays.asList(scope.split(" ")));
        Set<String> approved = new LinkedHashSet<>();
        for (String s : requested) {
            if (answer.getScopes().contains(s) || OidcScopes.OPENID.equals(s)) {
                approved.add(s);
            }
        }
        Set<String> approvedNonOpenid = new LinkedHashSet<>(approved);
        approvedNonOpenid.remove(OidcScopes.OPENID);
        if (approvedNonOpenid.isEmpty()) {
            this.authorizations.remove(pending);
            throw new ImplicitAuthorizationException(
                    new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, "The user denied the request.", ERROR_URI),
                    redirectUri,
                    clientState);
        }
        OAuth2AuthorizationConsent previous = this.consents.findById(client.getId(), user.getName());
        OAuth2AuthorizationConsent.Builder consent = (previous != null)
                ? OAuth2AuthorizationConsent.from(previous)
                : OAuth2AuthorizationConsent.withId(client.getId(), user.getName());
        approvedNonOpenid.forEach(consent::scope);
        this.consents.save(consent.build());
        OAuth2Authorization.Builder authorization = OAuth2Authorization.from(pending)
                .attributes((attributes) -> {
                    attributes.remove(OAuth2ParameterNames.STATE);
                    attributes.remove(ImplicitAuthorizationAuthenticationProvider.REDIRECT_URI_ATTRIBUTE);
                    attributes.remove(ImplicitAuthorizationAuthenticationProvider.STATE_ATTRIBUTE);
                    attributes.remove(ImplicitAuthorizationAuthenticationProvider.SCOPES_ATTRIBUTE);
                });
        OAuth2AccessToken token = this.issuer.issue(authorization, client, user, approved, answer);
        return ImplicitAuthorizationAuthenticationToken.issued(
                client.getClientId(), user, redirectUri, clientState, token);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2AuthorizationConsentAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
