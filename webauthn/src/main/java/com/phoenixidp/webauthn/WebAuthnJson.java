package com.phoenixidp.webauthn;

import com.phoenixidp.webauthn.credential.PasskeyCredential;
import com.webauthn4j.converter.util.JsonConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON helpers shared by the ceremonies; internal to the module's services. */
public final class WebAuthnJson {

    private WebAuthnJson() {}

    /**
     * The webauthn4j converter the ceremonies share: a Jackson JSON and CBOR mapper pair, safe to
     * share between threads once made, and costly enough to make (and to fill its caches) that the
     * registration and authentication services use this one rather than one each.
     */
    public static ObjectConverter objectConverter() {
        return Shared.OBJECT_CONVERTER;
    }

    /** Made on first use (holder idiom), not when the class's other helpers are first called. */
    private static final class Shared {
        static final ObjectConverter OBJECT_CONVERTER = new ObjectConverter();
    }

    /** Unpadded base64url, the encoding of binary members in the WebAuthn JSON forms (L3 §5.1.3). */
    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Serialises an options map built from strings, numbers, booleans, lists and maps. */
    public static String write(JsonConverter json, Map<String, Object> options) {
        return json.writeValueAsString(options);
    }

    /** {@code PublicKeyCredentialDescriptorJSON} of a stored credential (WebAuthn L3 §5.8.3). */
    public static Map<String, Object> descriptor(PasskeyCredential credential) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("type", "public-key");
        descriptor.put("id", credential.credentialIdBase64Url());
        if (!credential.transports().isEmpty()) {
            descriptor.put(
                    "transports", credential.transports().stream().sorted().toList());
        }
        return descriptor;
    }
}
