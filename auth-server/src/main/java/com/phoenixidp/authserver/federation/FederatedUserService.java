package com.phoenixidp.authserver.federation;

import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.PhoenixUserDetailsService;
import java.util.Objects;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Runs after Spring Security validated the upstream ID token (signature with the provider's JWK
 * set, {@code iss}, {@code aud}, {@code exp}, {@code nonce}): loads the upstream user (the user
 * info endpoint when the scopes ask for it), then maps it to the local user. A refusal is an
 * {@link OAuth2AuthenticationException}, which sends the browser back to the sign-in page.
 */
final class FederatedUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OAuth2UserService<OidcUserRequest, OidcUser> upstream;

    private final FederatedAccounts accounts;

    private final UpstreamProviders providers;

    FederatedUserService(
            OAuth2UserService<OidcUserRequest, OidcUser> upstream,
            FederatedAccounts accounts,
            UpstreamProviders providers) {
        this.upstream = upstream;
        this.accounts = accounts;
        this.providers = providers;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = this.upstream.loadUser(request);
        String alias = request.getClientRegistration().getRegistrationId();
        PhoenixUser local = this.accounts.signIn(
                alias,
                Objects.requireNonNull(
                        this.providers.provider(alias), "registrations exist for configured providers only"),
                user);
        return new FederatedOidcUser(user, PhoenixUserDetailsService.authoritiesOf(local), alias, local.username());
    }
}
