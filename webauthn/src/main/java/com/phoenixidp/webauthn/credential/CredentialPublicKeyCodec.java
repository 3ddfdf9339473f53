package com.phoenixidp.webauthn.credential;

import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Converts between webauthn4j's {@link AttestedCredentialData} and the stored columns: the
 * credential public key is kept as its COSE_Key CBOR bytes (WebAuthn L3 §6.5.1 attested
 * credential data layout: aaguid(16) ‖ credentialIdLength(2) ‖ credentialId ‖ credentialPublicKey).
 */
public final class CredentialPublicKeyCodec {

    private static final int AAGUID_LENGTH = 16;
    private static final int LENGTH_FIELD = 2;

    private final AttestedCredentialDataConverter converter;

    public CredentialPublicKeyCodec(ObjectConverter objectConverter) {
        this.converter =
                new AttestedCredentialDataConverter(Objects.requireNonNull(objectConverter, "objectConverter"));
    }

    /** The COSE_Key bytes of the credential public key. */
    public byte[] publicKeyCose(AttestedCredentialData data) {
        Objects.requireNonNull(data, "data");
        byte[] encoded = converter.convert(data);
        int offset = AAGUID_LENGTH + LENGTH_FIELD + data.getCredentialId().length;
        return Arrays.copyOfRange(encoded, offset, encoded.length);
    }

    /** Rebuilds the attested credential data of a stored passkey for signature verification. */
    public AttestedCredentialData attestedCredentialData(PasskeyCredential credential) {
        Objects.requireNonNull(credential, "credential");
        byte[] credentialId = credential.credentialId();
        byte[] cose = credential.publicKeyCose();
        ByteBuffer buffer = ByteBuffer.allocate(AAGUID_LENGTH + LENGTH_FIELD + credentialId.length + cose.length);
        buffer.put(credential.aaguid())
                .putShort((short) credentialId.length)
                .put(credentialId)
                .put(cose);
        return converter.convert(buffer.array());
    }
}
