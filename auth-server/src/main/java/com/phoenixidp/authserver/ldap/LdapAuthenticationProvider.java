package com.phoenixidp.authserver.ldap;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.PhoenixUserDetailsService;
import com.phoenixidp.authserver.user.UserRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * Password sign-in of directory users: find the entry (service bind, escaped filter), bind as it
 * with the password, then create or refresh the local record ({@link LdapAccounts}). The result
 * looks like a local password sign-in (a {@link User} principal named by the local username, the
 * password factor), so the failed-login throttle, second factor, sessions and tokens treat both
 * alike. The local record's lock and disabled flag are honoured before the directory is asked.
 */
public final class LdapAuthenticationProvider implements AuthenticationProvider {

    private static final String BAD_CREDENTIALS = "Bad credentials";

    private final LdapDirectory directory;

    private final LdapAccounts accounts;

    private final UserRepository users;

    private final Clock clock;

    private final AuditLog audit;

    public LdapAuthenticationProvider(
            LdapDirectory directory, LdapAccounts accounts, UserRepository users, Clock clock, AuditLog audit) {
        this.directory = directory;
        this.accounts = accounts;
        this.users = users;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        try {
            return authenticateWithDirectory(authentication);
        } catch (DirectoryUnavailableException ex) {
            // Spring's event publisher has no event for this exception type: audit it here
            this.audit.event("login.failed", "username", authentication.getName(), "reason", "directory_unavailable");
            throw ex;
        }
    }

    private Authentication authenticateWithDirectory(Authentication authentication) {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        String password = (credentials != null) ? credentials.toString() : "";
        if (username == null || username.isBlank() || username.length() > 256 || password.isEmpty()) {
            throw new BadCredentialsException(BAD_CREDENTIALS);
        }
        PhoenixUser shadow = this.users.findByUsername(username).orElse(null);
        if (shadow != null && shadow.isLocked(this.clock.instant())) {
            throw new LockedException("User account is locked");
        }
        if (shadow != null && !shadow.enabled()) {
            throw new DisabledException("User is disabled");
        }
        DirectoryEntry entry =
                this.directory.findByUsername(username).orElseThrow(() -> new BadCredentialsException(BAD_CREDENTIALS));
        if (!this.directory.verifyPassword(entry.dn(), password)) {
            throw new BadCredentialsException(BAD_CREDENTIALS);
        }
        if (entry.disabled()) {
            throw new DisabledException("User is disabled in the directory");
        }
        PhoenixUser user =
                this.accounts.synchronize(entry).orElseThrow(() -> new BadCredentialsException(BAD_CREDENTIALS));
        if (!user.enabled()) {
            throw new DisabledException("User is disabled");
        }
        List<GrantedAuthority> authorities = new ArrayList<>(PhoenixUserDetailsService.authoritiesOf(user));
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
        User principal = new User(user.username(), "", authorities);
        principal.eraseCredentials();
        UsernamePasswordAuthenticationToken result =
                UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
