package com.phoenixidp.authserver.user;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A group, which is also a role: members of group {@code admin} carry role {@code admin} in the
 * {@code roles} claim of their access tokens. Names are unique ignoring case.
 */
public record PhoenixGroup(
        String id,
        String name,
        @Nullable String externalId,
        long version,
        @Nullable Instant createdAt,
        @Nullable Instant updatedAt) {}
