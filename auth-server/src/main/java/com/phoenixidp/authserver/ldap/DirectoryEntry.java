package com.phoenixidp.authserver.ldap;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user as the directory describes them: the entry's DN, the mapped attributes (null when the
 * entry has none) and the roles its groups map to.
 *
 * @param disabled true when the entry matches {@code phoenix.ldap.disabled-filter}
 */
public record DirectoryEntry(
        String dn,
        String username,
        @Nullable String email,
        @Nullable String displayName,
        @Nullable String givenName,
        @Nullable String familyName,
        List<String> roles,
        boolean disabled) {

    public DirectoryEntry {
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(username, "username");
        roles = List.copyOf(roles);
    }
}
