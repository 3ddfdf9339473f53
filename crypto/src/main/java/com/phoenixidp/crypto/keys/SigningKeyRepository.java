package com.phoenixidp.crypto.keys;

import java.time.Instant;
import java.util.List;

/** Storage port for signing keys (table {@code phoenix_signing_key}); shared by all nodes of a cluster. */
public interface SigningKeyRepository {

    List<StoredSigningKey> findAll();

    void insert(StoredSigningKey key);

    void updateStatus(String kid, KeyStatus status, Instant activatedAt, Instant retiredAt);

    void delete(String kid);
}
