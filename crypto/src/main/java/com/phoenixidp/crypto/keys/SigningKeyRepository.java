package com.phoenixidp.crypto.keys;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Storage port for signing keys (table {@code phoenix_signing_key}); shared by all nodes of a cluster. */
public interface SigningKeyRepository {

    List<StoredSigningKey> findAll();

    void insert(StoredSigningKey key);

    void updateStatus(String kid, KeyStatus status, @Nullable Instant activatedAt, @Nullable Instant retiredAt);

    void delete(String kid);

    /**
     * Runs {@code work} while holding the store's exclusive signing-key lock, so that of several
     * processes sharing the store (nodes starting at the same moment on an empty database, two
     * rotations at once) one changes the key set at a time; the others wait, then see its result.
     * The default suits a store that one process uses alone: it just runs {@code work}.
     */
    default <T> T withExclusiveLock(Supplier<T> work) {
        return work.get();
    }
}
