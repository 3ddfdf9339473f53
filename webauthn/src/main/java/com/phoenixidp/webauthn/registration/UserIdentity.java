package com.phoenixidp.webauthn.registration;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The user a passkey is created for (WebAuthn L3 §5.4.3 {@code PublicKeyCredentialUserEntity}).
 * The user handle must be random and stable per user, and must not contain personal data
 * (§14.6.1); {@link #newUserHandle(SecureRandom)} makes one.
 *
 * @param userHandle  user.id, 1..64 bytes
 * @param username    user.name, e.g. the login name
 * @param displayName user.displayName
 */
// The byte[] components are safe here: they are cloned in the constructor and the accessors, and
// equals, hashCode and toString are overridden, which is what ArrayRecordComponent asks for.
@SuppressWarnings("ArrayRecordComponent")
public record UserIdentity(byte[] userHandle, String username, String displayName) {

    /** Length of user handles made by {@link #newUserHandle(SecureRandom)}. */
    public static final int USER_HANDLE_LENGTH = 32;

    public UserIdentity {
        Objects.requireNonNull(userHandle, "userHandle");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        if (userHandle.length == 0 || userHandle.length > 64) {
            throw new IllegalArgumentException("userHandle must be 1..64 bytes");
        }
        if (username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        userHandle = userHandle.clone();
    }

    /** A new random 32-byte user handle; store it with the user and reuse it for all their passkeys. */
    public static byte[] newUserHandle(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] handle = new byte[USER_HANDLE_LENGTH];
        random.nextBytes(handle);
        return handle;
    }

    @Override
    public byte[] userHandle() {
        return userHandle.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserIdentity other
                && Arrays.equals(userHandle, other.userHandle)
                && username.equals(other.username)
                && displayName.equals(other.displayName);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(userHandle);
    }

    @Override
    public String toString() {
        return "UserIdentity[username=" + username + "]";
    }
}
