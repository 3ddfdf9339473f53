package com.phoenixidp.webauthn.registration;

import static com.phoenixidp.webauthn.WebAuthnJson.base64Url;

import com.phoenixidp.webauthn.RelyingPartyConfig;
import com.phoenixidp.webauthn.ResidentKeyPolicy;
import com.phoenixidp.webauthn.WebAuthnJson;
import com.phoenixidp.webauthn.credential.PasskeyCredential;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@code PublicKeyCredentialCreationOptionsJSON} (WebAuthn L3 §5.4, JSON form §5.1.9) as a
 * map of plain values; binary members are unpadded base64url strings.
 */
final class CreationOptionsJson {

    /** COSE algorithm ids offered, in preference order: ES256, EdDSA, RS256 (WebAuthn L3 §5.8.5). */
    static final List<Long> ALGORITHMS = List.of(-7L, -8L, -257L);

    private CreationOptionsJson() {}

    static Map<String, Object> build(
            RelyingPartyConfig config,
            UserIdentity user,
            byte[] challenge,
            List<PasskeyCredential> existing,
            Optional<String> authenticatorAttachment) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", base64Url(challenge));
        options.put("rp", ordered("id", config.rpId(), "name", config.rpName()));
        options.put(
                "user",
                ordered(
                        "id",
                        base64Url(user.userHandle()),
                        "name",
                        user.username(),
                        "displayName",
                        user.displayName()));
        List<Object> params = new ArrayList<>();
        for (Long alg : ALGORITHMS) {
            params.add(ordered("type", "public-key", "alg", alg));
        }
        options.put("pubKeyCredParams", params);
        options.put("timeout", config.ceremonyTimeout().toMillis());
        // §5.4 excludeCredentials: stops the user registering the same authenticator twice.
        List<Object> exclude = new ArrayList<>();
        for (PasskeyCredential credential : existing) {
            exclude.add(WebAuthnJson.descriptor(credential));
        }
        options.put("excludeCredentials", exclude);
        Map<String, Object> selection = new LinkedHashMap<>();
        authenticatorAttachment.ifPresent(a -> selection.put("authenticatorAttachment", a));
        selection.put("residentKey", config.residentKey().value());
        selection.put("requireResidentKey", config.residentKey() == ResidentKeyPolicy.REQUIRED);
        selection.put("userVerification", config.userVerification().value());
        options.put("authenticatorSelection", selection);
        options.put("attestation", config.attestation().value());
        // credProps (§10.1.3) tells the RP whether a discoverable credential was created.
        options.put("extensions", ordered("credProps", true));
        return options;
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
