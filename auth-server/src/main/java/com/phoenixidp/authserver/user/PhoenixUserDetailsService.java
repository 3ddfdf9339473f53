package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.audit.AuditLog;
import java.time.Clock;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Loads users for password login and stores re-hashed passwords after a successful login whose
 * stored hash used weaker parameters.
 */
@Service
public class PhoenixUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final UserRepository users;

    private final Clock clock;

    private final AuditLog audit;

    public PhoenixUserDetailsService(UserRepository users, Clock clock, AuditLog audit) {
        this.users = users;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        PhoenixUser user =
                this.users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return toUserDetails(user);
    }

    @Override
    public UserDetails updatePassword(UserDetails user, String newPassword) {
        this.users.updatePasswordHash(user.getUsername(), newPassword);
        this.audit.event("user.password_rehashed", "username", user.getUsername());
        return User.withUserDetails(user).password(newPassword).build();
    }

    UserDetails toUserDetails(PhoenixUser user) {
        List<GrantedAuthority> authorities = authoritiesOf(user);
        return User.withUsername(user.username())
                .password((user.passwordHash() != null) ? user.passwordHash() : "{none}")
                .authorities(authorities)
                .disabled(!user.enabled())
                .accountLocked(user.isLocked(this.clock.instant()))
                .build();
    }

    /** Roles as {@code ROLE_<name>} authorities. */
    public static List<GrantedAuthority> authoritiesOf(PhoenixUser user) {
        return user.roles().stream()
                .map((r) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r))
                .toList();
    }
}
