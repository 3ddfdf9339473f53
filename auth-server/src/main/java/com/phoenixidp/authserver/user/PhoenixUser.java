package com.phoenixidp.authserver.user;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A user account: one local record whatever its {@code source} (local password, LDAP, an
 * upstream identity provider), so consents, passkeys, sessions and audit work the same for all.
 * {@code passwordHash} is the crypto module's self-describing hash ({@code {bcrypt-sha256}$2a$...});
 * it never appears in {@link #toString()}. {@code roles} are the names of the user's groups (a
 * group is a role). {@code version} grows with every change (SCIM {@code meta.version}).
 */
public record PhoenixUser(
        String id,
        String username,
        @Nullable String passwordHash,
        @Nullable String email,
        boolean emailVerified,
        @Nullable String displayName,
        @Nullable String givenName,
        @Nullable String familyName,
        @Nullable String externalId,
        List<String> roles,
        boolean enabled,
        @Nullable String mfa,
        String userHandle,
        int failedLogins,
        @Nullable Instant lockedUntil,
        String source,
        long version,
        @Nullable Instant createdAt,
        @Nullable Instant updatedAt) {

    /** The source of accounts created here (bootstrap, SCIM, admin API, console). */
    public static final String LOCAL = "local";

    /** The source of directory users, whose password only the directory checks and changes. */
    public static final String LDAP = "ldap";

    public PhoenixUser {
        roles = List.copyOf(roles);
        source = (source != null) ? source : LOCAL;
    }

    /** True while a lock from failed logins is in force. */
    public boolean isLocked(Instant now) {
        return this.lockedUntil != null && this.lockedUntil.isAfter(now);
    }

    /** The same user with other groups (roles). */
    public PhoenixUser withRoles(List<String> newRoles) {
        return new PhoenixUser(
                this.id,
                this.username,
                this.passwordHash,
                this.email,
                this.emailVerified,
                this.displayName,
                this.givenName,
                this.familyName,
                this.externalId,
                newRoles,
                this.enabled,
                this.mfa,
                this.userHandle,
                this.failedLogins,
                this.lockedUntil,
                this.source,
                this.version,
                this.createdAt,
                this.updatedAt);
    }

    @Override
    public String toString() {
        return "PhoenixUser[id=" + this.id + ", username=" + this.username + ", roles=" + this.roles + ", enabled="
                + this.enabled + ", mfa=" + this.mfa + ", source=" + this.source + "]";
    }
}
