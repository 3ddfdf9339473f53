package com.phoenixidp.webauthn.credential;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A registered passkey: the credential record of WebAuthn L3 §7.1 step 27 plus bookkeeping.
 *
 * @param credentialId     credential id (≤ 1023 bytes)
 * @param userHandle       the owner's user handle (user.id, ≤ 64 bytes)
 * @param publicKeyCose    credential public key, COSE_Key CBOR bytes (§6.5.1.1)
 * @param signatureCount   last seen signature counter (§6.1.1)
 * @param transports       transports reported at registration (e.g. {@code internal}, {@code usb})
 * @param backupEligible   BE flag at registration (§6.1.3)
 * @param backupState      last seen BS flag
 * @param uvInitialized    whether UV was performed at registration
 * @param aaguid           authenticator model id, 16 bytes (all zero when unknown)
 * @param attestationFormat attestation statement format accepted at registration
 * @param name             user-given name
 * @param createdAt        registration time
 * @param lastUsedAt       last successful authentication
 * @param cloneSuspected   set once a counter regression was seen
 */
// The byte[] components are safe here: they are cloned in the constructor and the accessors, and
// equals, hashCode and toString are overridden, which is what ArrayRecordComponent asks for.
@SuppressWarnings("ArrayRecordComponent")
public record PasskeyCredential(
        byte[] credentialId,
        byte[] userHandle,
        byte[] publicKeyCose,
        long signatureCount,
        Set<String> transports,
        boolean backupEligible,
        boolean backupState,
        boolean uvInitialized,
        byte[] aaguid,
        String attestationFormat,
        String name,
        Instant createdAt,
        Optional<Instant> lastUsedAt,
        boolean cloneSuspected) {

    /** Longest accepted credential id (WebAuthn L3 §5.1 credential id). */
    public static final int MAX_CREDENTIAL_ID_LENGTH = 1023;
    /** Longest user handle (WebAuthn L3 §5.4.3). */
    public static final int MAX_USER_HANDLE_LENGTH = 64;
    /** Longest user-given name kept. */
    public static final int MAX_NAME_LENGTH = 100;

    public PasskeyCredential {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(userHandle, "userHandle");
        Objects.requireNonNull(publicKeyCose, "publicKeyCose");
        Objects.requireNonNull(transports, "transports");
        Objects.requireNonNull(aaguid, "aaguid");
        Objects.requireNonNull(attestationFormat, "attestationFormat");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        if (credentialId.length == 0 || credentialId.length > MAX_CREDENTIAL_ID_LENGTH) {
            throw new IllegalArgumentException("credentialId must be 1.." + MAX_CREDENTIAL_ID_LENGTH + " bytes");
        }
        if (userHandle.length == 0 || userHandle.length > MAX_USER_HANDLE_LENGTH) {
            throw new IllegalArgumentException("userHandle must be 1.." + MAX_USER_HANDLE_LENGTH + " bytes");
        }
        if (aaguid.length != 16) {
            throw new IllegalArgumentException("aaguid must be 16 bytes");
        }
        if (signatureCount < 0 || signatureCount > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("signatureCount must be an unsigned 32-bit value");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name longer than " + MAX_NAME_LENGTH);
        }
        credentialId = credentialId.clone();
        userHandle = userHandle.clone();
        publicKeyCose = publicKeyCose.clone();
        aaguid = aaguid.clone();
        transports = Set.copyOf(transports);
    }

    @Override
    public byte[] credentialId() {
        return credentialId.clone();
    }

    @Override
    public byte[] userHandle() {
        return userHandle.clone();
    }

    @Override
    public byte[] publicKeyCose() {
        return publicKeyCose.clone();
    }

    @Override
    public byte[] aaguid() {
        return aaguid.clone();
    }

    /** Credential id as unpadded base64url, the form used in JSON and by browsers. */
    public String credentialIdBase64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(credentialId);
    }

    /** Whether this credential belongs to the given user (constant-time comparison). */
    public boolean isOwnedBy(byte[] otherUserHandle) {
        return otherUserHandle != null && java.security.MessageDigest.isEqual(userHandle, otherUserHandle);
    }

    /** A copy with a new name. */
    public PasskeyCredential withName(String newName) {
        return new PasskeyCredential(
                credentialId,
                userHandle,
                publicKeyCose,
                signatureCount,
                transports,
                backupEligible,
                backupState,
                uvInitialized,
                aaguid,
                attestationFormat,
                newName,
                createdAt,
                lastUsedAt,
                cloneSuspected);
    }

    /** A copy after a successful authentication. */
    public PasskeyCredential withUse(long newSignatureCount, boolean newBackupState, Instant usedAt) {
        return new PasskeyCredential(
                credentialId,
                userHandle,
                publicKeyCose,
                newSignatureCount,
                transports,
                backupEligible,
                newBackupState,
                uvInitialized,
                aaguid,
                attestationFormat,
                name,
                createdAt,
                Optional.of(usedAt),
                cloneSuspected);
    }

    /** A copy flagged as possibly cloned. */
    public PasskeyCredential withCloneSuspected() {
        return new PasskeyCredential(
                credentialId,
                userHandle,
                publicKeyCose,
                signatureCount,
                transports,
                backupEligible,
                backupState,
                uvInitialized,
                aaguid,
                attestationFormat,
                name,
                createdAt,
                lastUsedAt,
                true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasskeyCredential other
                && Arrays.equals(credentialId, other.credentialId)
                && Arrays.equals(userHandle, other.userHandle)
                && Arrays.equals(publicKeyCose, other.publicKeyCose)
                && signatureCount == other.signatureCount
                && transports.equals(other.transports)
                && backupEligible == other.backupEligible
                && backupState == other.backupState
                && uvInitialized == other.uvInitialized
                && Arrays.equals(aaguid, other.aaguid)
                && attestationFormat.equals(other.attestationFormat)
                && name.equals(other.name)
                && createdAt.equals(other.createdAt)
                && lastUsedAt.equals(other.lastUsedAt)
                && cloneSuspected == other.cloneSuspected;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(credentialId);
    }

    @Override
    public String toString() {
        return "PasskeyCredential[name=" + name + ", signatureCount=" + signatureCount + ", transports=" + transports
                + ", createdAt=" + createdAt + ", lastUsedAt=" + lastUsedAt.orElse(null)
                + ", cloneSuspected=" + cloneSuspected + "]";
    }
}
