package com.phoenixidp.crypto.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Owns the token signing keys: generation, encryption at rest, rotation with overlap and the public JWK set
 * (RFC 7517; OpenID Connect Core 10.1.1 "publish before use, keep until tokens expire").
 * Per algorithm there is one ACTIVE key (signs) and one NEXT key (published, signs after the next
 * {@link #rotate()}); RETIRED keys stay published for {@code retiredRetention} (set it to at least the
 * longest token lifetime), then are deleted. Private keys stay in memory as {@link PrivateKey} objects
 * behind {@link TokenSigner} handles and are never exposed as bytes.
 */
public final class SigningKeyManager {

    private static final System.Logger LOG = System.getLogger(SigningKeyManager.class.getName());

    private final SigningKeyRepository repo;
    private final Clock clock;
    private final Duration retiredRetention;
    private final SigningKeyMaterial material;
    private volatile List<LoadedSigningKey> keys = List.of();

    public SigningKeyManager(
            SigningKeyRepository repo,
            KeyEncryptor encryptor,
            Clock clock,
            Duration retiredRetention,
            SecureRandom random) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retiredRetention = Objects.requireNonNull(retiredRetention, "retiredRetention");
        this.material = new SigningKeyMaterial(
                Objects.requireNonNull(encryptor, "encryptor"), Objects.requireNonNull(random, "random"));
        if (retiredRetention.isNegative()) {
            throw new IllegalArgumentException("retiredRetention must not be negative");
        }
    }

    /**
     * Loads and decrypts every stored key (a wrong master key fails here with {@link KeyDecryptionException}
     * naming the kid, before anything is written), then ensures an ACTIVE and a NEXT key per algorithm and
     * prunes expired RETIRED keys. The changes are made holding the repository's exclusive lock, after
     * reading the keys again: of several nodes starting at once on an empty store, one creates the keys and
     * the others use them.
     */
    public synchronized void initialize() {
        keys = load();
        repo.withExclusiveLock(() -> {
            List<LoadedSigningKey> loaded = load();
            Instant now = now();
            for (SigningAlgorithm alg : SigningAlgorithm.values()) {
                if (find(loaded, alg, KeyStatus.ACTIVE).isEmpty()) {
                    insert(material.generate(alg, KeyStatus.ACTIVE, now));
                }
                if (find(loaded, alg, KeyStatus.NEXT).isEmpty()) {
                    insert(material.generate(alg, KeyStatus.NEXT, now));
                }
            }
            prune(loaded, now);
            return null;
        });
        keys = load();
    }

    /**
     * Per algorithm: the (already published) NEXT key becomes ACTIVE, the ACTIVE key becomes RETIRED and a
     * fresh NEXT key is generated. Holds the repository's exclusive lock and re-reads the keys first, since
     * another node may have rotated. If an algorithm has no NEXT key, one is only created (never promoted
     * unpublished).
     */
    public synchronized void rotate() {
        keys = load();
        repo.withExclusiveLock(() -> {
            List<LoadedSigningKey> loaded = load();
            Instant now = now();
            for (SigningAlgorithm alg : SigningAlgorithm.values()) {
                rotate(loaded, alg, now);
            }
            prune(loaded, now);
            return null;
        });
        keys = load();
    }

    private void rotate(List<LoadedSigningKey> loaded, SigningAlgorithm alg, Instant now) {
        List<LoadedSigningKey> next = find(loaded, alg, KeyStatus.NEXT);
        if (next.isEmpty()) {
            insert(material.generate(alg, KeyStatus.NEXT, now));
            return;
        }
        StoredSigningKey promoted = next.get(0).meta();
        // activate first, then retire: there is never a moment without an ACTIVE key in the store
        repo.updateStatus(promoted.kid(), KeyStatus.ACTIVE, now, null);
        for (LoadedSigningKey active : find(loaded, alg, KeyStatus.ACTIVE)) {
            repo.updateStatus(
                    active.meta().kid(), KeyStatus.RETIRED, active.meta().activatedAt(), now);
        }
        LOG.log(System.Logger.Level.INFO, "rotated {0} signing key: kid {1} is now active", alg, promoted.kid());
        insert(material.generate(alg, KeyStatus.NEXT, now));
    }

    /**
     * Re-reads the keys from the repository (e.g. after another node rotated). Cheap when nothing changed:
     * only keys not seen before are decrypted. Returns whether the key set or a key's status changed.
     */
    public synchronized boolean reload() {
        List<LoadedSigningKey> before = keys;
        List<LoadedSigningKey> after = load();
        keys = after;
        boolean changed = !before.stream()
                .map(LoadedSigningKey::meta)
                .toList()
                .equals(after.stream().map(LoadedSigningKey::meta).toList());
        if (changed && !before.isEmpty()) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "signing keys changed in the store: active kids now {0}",
                    after.stream()
                            .filter(k -> k.meta().status() == KeyStatus.ACTIVE)
                            .map(k -> k.meta().kid())
                            .toList());
        }
        return changed;
    }

    /** Public JWKs (kid, alg, use=sig) of NEXT, ACTIVE and not yet expired RETIRED keys. */
    public JWKSet publicJwkSet() {
        Instant now = now();
        List<JWK> published = new ArrayList<>();
        for (LoadedSigningKey key : keys) {
            if (key.meta().status() != KeyStatus.RETIRED || !isExpired(key.meta(), now)) {
                published.add(key.publicJwk());
            }
        }
        return new JWKSet(published);
    }

    /** Signing handle for the current ACTIVE key of {@code alg}; obtain a fresh one per token. */
    public TokenSigner signer(SigningAlgorithm alg) {
        Objects.requireNonNull(alg, "alg");
        LoadedSigningKey active = find(keys, alg, KeyStatus.ACTIVE).stream()
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("no ACTIVE " + alg + " signing key; call initialize() first"));
        return new ManagedTokenSigner(active.meta().kid(), alg, active.signer());
    }

    /** Key metadata for an admin listing; the encrypted private key is left out (empty array). */
    public List<StoredSigningKey> describe() {
        return keys.stream().map(k -> k.meta().withoutPrivateKey()).toList();
    }

    private Instant now() {
        // databases keep microseconds; truncating keeps stored and in-memory instants equal
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private boolean isExpired(StoredSigningKey key, Instant now) {
        Instant retiredAt = key.retiredAt() != null ? key.retiredAt() : key.createdAt();
        return !retiredAt.plus(retiredRetention).isAfter(now);
    }

    private void prune(List<LoadedSigningKey> loaded, Instant now) {
        for (LoadedSigningKey key : loaded) {
            if (key.meta().status() == KeyStatus.RETIRED && isExpired(key.meta(), now)) {
                repo.delete(key.meta().kid());
                LOG.log(
                        System.Logger.Level.INFO,
                        "deleted retired signing key kid {0}",
                        key.meta().kid());
            }
        }
    }

    /** Keys of {@code alg} with {@code status}, most recently activated/created first. */
    private static List<LoadedSigningKey> find(List<LoadedSigningKey> keys, SigningAlgorithm alg, KeyStatus status) {
        Comparator<StoredSigningKey> newestFirst = Comparator.comparing(
                        (StoredSigningKey k) -> k.activatedAt() != null ? k.activatedAt() : k.createdAt())
                .thenComparing(StoredSigningKey::createdAt)
                .thenComparing(StoredSigningKey::kid)
                .reversed();
        return keys.stream()
                .filter(k -> k.meta().algorithm() == alg && k.meta().status() == status)
                .sorted(Comparator.comparing(LoadedSigningKey::meta, newestFirst))
                .toList();
    }

    private void insert(StoredSigningKey key) {
        repo.insert(key);
        LOG.log(
                System.Logger.Level.INFO,
                "created {0} signing key kid {1} as {2}",
                key.algorithm(),
                key.kid(),
                key.status());
    }

    /** Every stored key; keys already in memory with the same material are reused, not decrypted again. */
    private List<LoadedSigningKey> load() {
        Map<String, LoadedSigningKey> known = new HashMap<>();
        for (LoadedSigningKey key : keys) {
            known.put(key.meta().kid(), key);
        }
        List<LoadedSigningKey> loaded = new ArrayList<>();
        for (StoredSigningKey stored : repo.findAll()) {
            LoadedSigningKey previous = known.get(stored.kid());
            loaded.add(
                    previous != null && previous.meta().sameMaterialAs(stored)
                            ? new LoadedSigningKey(stored, previous.publicJwk(), previous.signer())
                            : material.decrypt(stored));
        }
        return List.copyOf(loaded);
    }
}
