package com.phoenixidp.authserver.federation;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * An upstream identity (its validated ID token and user info) together with the local user it
 * maps to: {@link #getName()} is the LOCAL username, so what follows the upstream round trip
 * (sign-in, sessions, tokens) is about the local user.
 */
final class FederatedOidcUser extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final String alias;

    private final String localUsername;

    FederatedOidcUser(
            OidcUser upstream, Collection<? extends GrantedAuthority> authorities, String alias, String localUsername) {
        super(authorities, upstream.getIdToken(), userInfoOf(upstream));
        this.alias = alias;
        this.localUsername = localUsername;
    }

    private static OidcUserInfo userInfoOf(OidcUser upstream) {
        return upstream.getUserInfo();
    }

    /** The provider alias. */
    String alias() {
        return this.alias;
    }

    @Override
    public String getName() {
        return this.localUsername;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FederatedOidcUser that
                && super.equals(that)
                && this.localUsername.equals(that.localUsername)
                && this.alias.equals(that.alias);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + this.localUsername.hashCode();
    }
}
