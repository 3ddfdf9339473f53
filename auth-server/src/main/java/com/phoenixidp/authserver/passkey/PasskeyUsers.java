package com.phoenixidp.authserver.passkey;

import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserRepository;
import com.phoenixidp.webauthn.registration.UserIdentity;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Maps accounts to WebAuthn user handles (WebAuthn L3 §5.4.3 user.id: random, stable, no
 * personal data). Handles are stored base64url in {@code phoenix_user.user_handle}; an account
 * created without one gets one on first use.
 */
@Component
public class PasskeyUsers {

    private final UserRepository users;

    private final JdbcTemplate jdbc;

    private final SecureRandom random;

    public PasskeyUsers(UserRepository users, JdbcTemplate jdbc, SecureRandom random) {
        this.users = users;
        this.jdbc = jdbc;
        this.random = random;
    }

    /** The user's handle, creating and storing one if the account has none yet. */
    public byte[] userHandle(PhoenixUser user) {
        if (user.userHandle() != null && !user.userHandle().isBlank()) {
            return Base64.getUrlDecoder().decode(user.userHandle());
        }
        byte[] handle = UserIdentity.newUserHandle(this.random);
        this.jdbc.update(
                "UPDATE phoenix_user SET user_handle = ? WHERE id = ? AND user_handle IS NULL",
                encode(handle),
                user.id());
        return this.users
                .findById(user.id())
                .map((u) -> Base64.getUrlDecoder().decode(u.userHandle()))
                .orElseThrow(() -> new IllegalStateException("user vanished"));
    }

    public UserIdentity identity(PhoenixUser user) {
        String display =
                (user.displayName() != null && !user.displayName().isBlank()) ? user.displayName() : user.username();
        return new UserIdentity(userHandle(user), user.username(), display);
    }

    public Optional<PhoenixUser> findByUserHandle(byte[] handle) {
        return this.users.findByUserHandle(encode(handle));
    }

    static String encode(byte[] handle) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(handle);
    }
}
