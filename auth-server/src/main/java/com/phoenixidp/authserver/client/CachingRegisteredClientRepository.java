package com.phoenixidp.authserver.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * A short-lived read cache in front of the JDBC client store: every token request looks its
 * client up (often twice), and parsing the stored JSON settings dominates that cost. Entries live
 * for {@link #TTL}, so a change made on another node is seen within that time; changes made
 * through this node are seen at once. An empty or blank id (from a request) finds no client,
 * where the JDBC store would throw.
 */
public final class CachingRegisteredClientRepository implements RegisteredClientRepository {

    static final Duration TTL = Duration.ofSeconds(5);

    private record Entry(RegisteredClient client, long expiresAtNanos) {}

    private final RegisteredClientRepository delegate;

    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, Entry> byClientId = new ConcurrentHashMap<>();

    public CachingRegisteredClientRepository(RegisteredClientRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        this.delegate.save(registeredClient);
        evictAll();
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        return lookup(this.byId, id, this.delegate::findById);
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        return lookup(this.byClientId, clientId, this.delegate::findByClientId);
    }

    /** Forgets everything cached (after an administrative change). */
    public void evictAll() {
        this.byId.clear();
        this.byClientId.clear();
    }

    private @Nullable RegisteredClient lookup(
            ConcurrentHashMap<String, Entry> cache,
            String key,
            java.util.function.Function<String, RegisteredClient> loader) {
        if (key == null || key.isBlank()) {
            // ids come from requests (forms, paths); the JDBC store asserts non-empty ones: no such client
            return null;
        }
        long now = System.nanoTime();
        Entry entry = cache.get(key);
        if (entry != null && now - entry.expiresAtNanos() < 0) {
            return entry.client();
        }
        RegisteredClient client = loader.apply(key);
        if (client != null) {
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(key, new Entry(client, now + TTL.toNanos()));
        } else {
            cache.remove(key);
        }
        return client;
    }
}
