package com.phoenixidp.webauthn;

import com.webauthn4j.converter.util.JsonConverter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Structural checks on the browser's {@code PublicKeyCredential.toJSON()} output before
 * webauthn4j parses it (WebAuthn L3 §5.1.3 / §5.1.4 JSON forms, §7.1 steps 1-3, §7.2 steps 1-3).
 * Internal to the module's services.
 */
public final class ResponseEnvelope {

    /** Upper bound on the response JSON size; real responses are a few KiB. */
    public static final int MAX_RESPONSE_LENGTH = 64 * 1024;

    private ResponseEnvelope() {}

    /**
     * Checks {@code type == "public-key"}, that {@code response} is an object, and that
     * {@code id} is the base64url form of {@code rawId}.
     *
     * @return the decoded {@code rawId}
     * @throws MalformedResponseException if any of these does not hold
     */
    public static byte[] check(JsonConverter json, String responseJson) {
        if (responseJson == null || responseJson.isBlank()) {
            throw new MalformedResponseException("response JSON is empty");
        }
        if (responseJson.length() > MAX_RESPONSE_LENGTH) {
            throw new MalformedResponseException("response JSON is too large");
        }
        Map<?, ?> root;
        try {
            root = json.readValue(responseJson, Map.class);
        } catch (RuntimeException e) {
            throw new MalformedResponseException("response is not a JSON object", e);
        }
        if (root == null) {
            throw new MalformedResponseException("response is not a JSON object");
        }
        // §5.1: PublicKeyCredential.type is always "public-key".
        if (!"public-key".equals(root.get("type"))) {
            throw new MalformedResponseException("credential type is not public-key");
        }
        if (!(root.get("response") instanceof Map)) {
            throw new MalformedResponseException("response member missing");
        }
        if (!(root.get("id") instanceof String id) || !(root.get("rawId") instanceof String rawId)) {
            throw new MalformedResponseException("id and rawId must be base64url strings");
        }
        // §5.1: id is the base64url encoding of rawId.
        byte[] rawIdBytes = decode(rawId);
        if (rawIdBytes.length == 0 || !Arrays.equals(decode(id), rawIdBytes)) {
            throw new MalformedResponseException("id does not match rawId");
        }
        return rawIdBytes;
    }

    private static byte[] decode(String base64Url) {
        try {
            return Base64.getUrlDecoder().decode(base64Url);
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException("not base64url", e);
        }
    }
}
