package com.phoenixidp.authserver.ldap;

import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The one password provider of the login page and the legacy password grant: a local account
 * (source {@code local}, or an upstream-linked one) is checked against its stored hash; a
 * directory account, or a name unknown here while a directory is configured, is checked by the
 * directory. A local account therefore always wins over a directory entry of the same name.
 */
public final class PasswordSignInProvider implements AuthenticationProvider {

    private final AuthenticationProvider local;

    private final @Nullable AuthenticationProvider directory;

    private final UserRepository users;

    /** {@code directory} null: no directory is configured. */
    public PasswordSignInProvider(
            AuthenticationProvider local, @Nullable AuthenticationProvider directory, UserRepository users) {
        this.local = local;
        this.directory = directory;
        this.users = users;
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        if (this.directory != null) {
            PhoenixUser user =
                    this.users.findByUsername(authentication.getName()).orElse(null);
            if (user == null || LdapAccounts.SOURCE.equals(user.source())) {
                return this.directory.authenticate(authentication);
            }
        }
        return this.local.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
