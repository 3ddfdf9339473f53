package com.phoenixidp.authserver.user;

import java.time.Instant;
import java.util.List;

/**
 * A user account. {@code passwordHash} is the crypto module's self-describing hash
 * ({@code {bcrypt-sha256}$2a$...}); it never appears in {@link #toString()}.
 */
public record PhoenixUser(
        String id,
        String username,
        String passwordHash,
        String email,
        boolean emailVerified,
        String displayName,
        List<String> roles,
        boolean enabled,
        String mfa,
        String userHandle,
        int failedLogins,
        Instant lockedUntil) {

    public PhoenixUser {
        roles = List.copyOf(roles);
    }

    /** True while a lock from failed logins is in force. */
    public boolean isLocked(Instant now) {
        return this.lockedUntil != null && this.lockedUntil.isAfter(now);
    }

    @Override
    public String toString() {
        return "PhoenixUser[id=" + this.id + ", username=" + this.username + ", roles=" + this.roles + ", enabled="
                + this.enabled + ", mfa=" + this.mfa + "]";
    }
}
