package com.phoenixidp.webauthn.credential;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage port for registered passkeys (WebAuthn L3 §7.1 step 27 "credential record"). A user
 * may hold several; a credential id is unique across all users.
 */
public interface PasskeyCredentialRepository {

    /** The credential with this id, whoever owns it. */
    Optional<PasskeyCredential> findByCredentialId(byte[] credentialId);

    /** All credentials of a user, oldest first. */
    List<PasskeyCredential> findByUserHandle(byte[] userHandle);

    /**
     * Stores a new credential.
     *
     * @throws com.phoenixidp.webauthn.DuplicateCredentialException the credential id is already stored
     */
    void save(PasskeyCredential credential);

    /** Records a successful authentication: new counter, backup state and last-used time. */
    void updateAfterAuthentication(byte[] credentialId, long signatureCount, boolean backupState, Instant lastUsedAt);

    /** Renames a credential of this user; returns false if the user has no such credential. */
    boolean rename(byte[] userHandle, byte[] credentialId, String name);

    /** Deletes a credential of this user; another user's credential is never touched. */
    boolean delete(byte[] userHandle, byte[] credentialId);

    /** Flags the credential as possibly cloned (counter regression, WebAuthn L3 §6.1.1). */
    void markCloneSuspected(byte[] credentialId);
}
