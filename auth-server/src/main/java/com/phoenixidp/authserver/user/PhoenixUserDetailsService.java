package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.crypto.password.PasswordHasher;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.util.function.SingletonSupplier;

/**
 * Loads users for password login and stores re-hashed passwords after a successful login whose
 * stored hash used weaker parameters. A user without a password (passkeys only) gets the hash of
 * a random secret, so that checking a password against them takes as long as for anyone else.
 */
@Service
public class PhoenixUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final UserRepository users;

    private final Clock clock;

    private final AuditLog audit;

    private final Supplier<String> unusableHash;

    public PhoenixUserDetailsService(UserRepository users, Clock clock, AuditLog audit, PasswordHasher hasher) {
        this.users = users;
        this.clock = clock;
        this.audit = audit;
        this.unusableHash = SingletonSupplier.of(() -> hasher.hash(java.util.UUID.randomUUID() + "-no-password"));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        PhoenixUser user =
                this.users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return toUserDetails(user);
    }

    @Override
    public UserDetails updatePassword(UserDetails user, @Nullable String newPassword) {
        Objects.requireNonNull(newPassword, "the upgraded password hash must not be null");
        this.users.updatePasswordHash(user.getUsername(), newPassword);
        this.audit.event("user.password_rehashed", "username", user.getUsername());
        return User.withUserDetails(user).password(newPassword).build();
    }

    UserDetails toUserDetails(PhoenixUser user) {
        List<GrantedAuthority> authorities = authoritiesOf(user);
        return User.withUsername(user.username())
                .password((user.passwordHash() != null) ? user.passwordHash() : this.unusableHash.get())
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
