package com.phoenixidp.webauthn.authentication;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A successful authentication ceremony (WebAuthn L3 §7.2 step 25): who signed in and with which
 * passkey.
 *
 * @param userHandle     owner of the credential; map it to the account
 * @param credentialId   the passkey used
 * @param newCounter     the signature counter now stored
 * @param userVerified   whether the UV flag was set (counts as a second factor only if true)
 * @param backupState    BS flag of this assertion (synced passkey)
 * @param cloneSuspected whether this credential was flagged earlier after a counter regression
 */
// The byte[] components are safe here: they are cloned in the constructor and the accessors, and
// equals, hashCode and toString are overridden, which is what ArrayRecordComponent asks for.
@SuppressWarnings("ArrayRecordComponent")
public record AuthenticationResult(
        byte[] userHandle,
        byte[] credentialId,
        long newCounter,
        boolean userVerified,
        boolean backupState,
        boolean cloneSuspected) {

    public AuthenticationResult {
        Objects.requireNonNull(userHandle, "userHandle");
        Objects.requireNonNull(credentialId, "credentialId");
        userHandle = userHandle.clone();
        credentialId = credentialId.clone();
    }

    @Override
    public byte[] userHandle() {
        return userHandle.clone();
    }

    @Override
    public byte[] credentialId() {
        return credentialId.clone();
    }

    /** Credential id as unpadded base64url. */
    public String credentialIdBase64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(credentialId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticationResult other
                && Arrays.equals(userHandle, other.userHandle)
                && Arrays.equals(credentialId, other.credentialId)
                && newCounter == other.newCounter
                && userVerified == other.userVerified
                && backupState == other.backupState
                && cloneSuspected == other.cloneSuspected;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(credentialId);
    }

    @Override
    public String toString() {
        return "AuthenticationResult[newCounter=" + newCounter + ", userVerified=" + userVerified + ", backupState="
                + backupState + ", cloneSuspected=" + cloneSuspected + "]";
    }
}
