package com.phoenixidp.webauthn.credential;

import com.phoenixidp.webauthn.DuplicateCredentialException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link PasskeyCredentialRepository} in memory, for tests and single-node demos. */
public final class InMemoryPasskeyCredentialRepository implements PasskeyCredentialRepository {

    private final ConcurrentMap<String, PasskeyCredential> credentials = new ConcurrentHashMap<>();

    @Override
    public Optional<PasskeyCredential> findByCredentialId(byte[] credentialId) {
        return Optional.ofNullable(credentials.get(key(credentialId)));
    }

    @Override
    public List<PasskeyCredential> findByUserHandle(byte[] userHandle) {
        Objects.requireNonNull(userHandle, "userHandle");
        return credentials.values().stream()
                .filter(c -> c.isOwnedBy(userHandle))
                .sorted(Comparator.comparing(PasskeyCredential::createdAt))
                .toList();
    }

    @Override
    public void save(PasskeyCredential credential) {
        Objects.requireNonNull(credential, "credential");
        if (credentials.putIfAbsent(key(credential.credentialId()), credential) != null) {
            throw new DuplicateCredentialException("credential id already registered");
        }
    }

    @Override
    public void updateAfterAuthentication(
            byte[] credentialId, long signatureCount, boolean backupState, Instant lastUsedAt) {
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        credentials.computeIfPresent(key(credentialId), (k, c) -> c.withUse(signatureCount, backupState, lastUsedAt));
    }

    @Override
    public boolean rename(byte[] userHandle, byte[] credentialId, String name) {
        Objects.requireNonNull(name, "name");
        boolean[] done = new boolean[1];
        credentials.computeIfPresent(key(credentialId), (k, c) -> {
            if (!c.isOwnedBy(userHandle)) {
                return c;
            }
            done[0] = true;
            return c.withName(name);
        });
        return done[0];
    }

    @Override
    public boolean delete(byte[] userHandle, byte[] credentialId) {
        boolean[] done = new boolean[1];
        credentials.computeIfPresent(key(credentialId), (k, c) -> {
            if (!c.isOwnedBy(userHandle)) {
                return c;
            }
            done[0] = true;
            return null;
        });
        return done[0];
    }

    @Override
    public void markCloneSuspected(byte[] credentialId) {
        credentials.computeIfPresent(key(credentialId), (k, c) -> c.withCloneSuspected());
    }

    private static String key(byte[] credentialId) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Objects.requireNonNull(credentialId, "credentialId"));
    }
}
