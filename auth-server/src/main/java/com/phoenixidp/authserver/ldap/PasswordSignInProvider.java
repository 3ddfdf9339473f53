package com.phoenixidp.authserver.ldap;

import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserRepository;
import com.phoenixidp.crypto.password.PasswordHasher;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.util.function.SingletonSupplier;

/**
 * The one password provider of the login page and the legacy password grant: a local account
 * (source {@code local}, or an upstream-linked one) is checked against its stored hash; a
 * directory account, or a name unknown here while a directory is configured, is checked by the
 * directory. A local account therefore always wins over a directory entry of the same name.
 *
 * <p>A refusal by the directory (no such entry, wrong password, disabled) also costs one password
 * hash, compared against the hash of a random secret: a local wrong password costs one, and so does
 * an unknown name without a directory (Spring's dummy hash), so the time of a refusal does not tell
 * which kind of account a name is, or whether it exists.
 */
public final class PasswordSignInProvider implements AuthenticationProvider {

    private final AuthenticationProvider local;

    private final @Nullable AuthenticationProvider directory;

    private final UserRepository users;

    private final PasswordHasher hasher;

    private final SingletonSupplier<String> unusableHash;

    /** {@code directory} null: no directory is configured. */
    public PasswordSignInProvider(
            AuthenticationProvider local,
            @Nullable AuthenticationProvider directory,
            UserRepository users,
            PasswordHasher hasher) {
        this.local = local;
        this.directory = directory;
        this.users = users;
        this.hasher = hasher;
        this.unusableHash = SingletonSupplier.of(() -> hasher.hash(UUID.randomUUID() + "-never-a-password"));
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        if (this.directory != null) {
            PhoenixUser user =
                    this.users.findByUsername(authentication.getName()).orElse(null);
            if (user == null || LdapAccounts.SOURCE.equals(user.source())) {
                try {
                    return this.directory.authenticate(authentication);
                } catch (AccountStatusException
                        | org.springframework.security.authentication.BadCredentialsException ex) {
                    this.hasher.matches(String.valueOf(authentication.getCredentials()), this.unusableHash.obtain());
                    throw ex;
                }
            }
        }
        return this.local.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
