package com.phoenixidp.crypto.password;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Routes password hashes by their {@code {id}} prefix, so new schemes (argon2id, PBKDF2) can be added
 * without migrating stored data (the upgrade happens through {@link #needsRehash(String)} on login).
 *
 * <p>Delegates produce and consume values that include their own {@code {id}} prefix; this class only
 * routes. A stored value without a prefix that starts with {@code $2} is a legacy bcrypt hash and is
 * routed to the id {@value #LEGACY_BCRYPT_ID}.
 */
public final class DelegatingPasswordHasher implements PasswordHasher {

    /** Id under which plain (un-prefixed) {@code $2a$/$2b$/$2y$} bcrypt hashes are routed. */
    public static final String LEGACY_BCRYPT_ID = "bcrypt";

    private final String defaultId;
    private final Map<String, PasswordHasher> byId;
    private final PasswordHasher defaultHasher;

    public DelegatingPasswordHasher(String defaultId, Map<String, PasswordHasher> byId) {
        this.defaultId = Objects.requireNonNull(defaultId, "defaultId");
        this.byId = Map.copyOf(Objects.requireNonNull(byId, "byId"));
        PasswordHasher hasher = this.byId.get(defaultId);
        if (hasher == null) {
            throw new IllegalArgumentException("no hasher registered for default id '" + defaultId + "'");
        }
        this.defaultHasher = hasher;
    }

    @Override
    public String hash(CharSequence rawPassword) {
        String encoded = defaultHasher.hash(rawPassword);
        if (!defaultId.equals(idOf(encoded))) {
            throw new IllegalStateException("hasher registered as '" + defaultId + "' produced another id");
        }
        return encoded;
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedHash) {
        if (rawPassword == null || encodedHash == null) {
            return false;
        }
        PasswordHasher delegate = delegateFor(encodedHash);
        return delegate != null && delegate.matches(rawPassword, encodedHash);
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        if (encodedHash == null || !defaultId.equals(idOf(encodedHash))) {
            return true;
        }
        return defaultHasher.needsRehash(encodedHash);
    }

    private @Nullable PasswordHasher delegateFor(String encodedHash) {
        String id = idOf(encodedHash);
        return id == null ? null : byId.get(id);
    }

    /** The {@code {id}} of an encoded value, {@code bcrypt} for legacy {@code $2…}, else null. */
    static @Nullable String idOf(@Nullable String encoded) {
        if (encoded == null) {
            return null;
        }
        if (encoded.startsWith("{")) {
            int end = encoded.indexOf('}');
            return end > 1 ? encoded.substring(1, end) : null;
        }
        return encoded.startsWith("$2") ? LEGACY_BCRYPT_ID : null;
    }
}
