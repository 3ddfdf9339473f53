package com.phoenixidp.authserver.token;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the token customizer reads what it says about a signed-in user (roles in access tokens,
 * profile and e-mail claims in ID tokens); the user package implements it, so tokens do not
 * depend on how users are stored.
 */
public interface TokenSubjects {

    /** What tokens may say about a user: the {@code roles} claim and the OIDC profile/email claims. */
    record TokenSubject(
            String username,
            @Nullable String displayName,
            @Nullable String email,
            boolean emailVerified,
            List<String> roles) {

        public TokenSubject {
            roles = List.copyOf(roles);
        }
    }

    Optional<TokenSubject> find(String username);
}
