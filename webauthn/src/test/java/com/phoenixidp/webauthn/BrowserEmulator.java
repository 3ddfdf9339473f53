package com.phoenixidp.webauthn;

import com.webauthn4j.converter.util.JsonConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.extension.client.AuthenticationExtensionClientOutput;
import com.webauthn4j.data.extension.client.RegistrationExtensionClientOutput;
import com.webauthn4j.test.authenticator.AuthenticatorAdaptor;
import com.webauthn4j.test.authenticator.u2f.FIDOU2FAuthenticator;
import com.webauthn4j.test.authenticator.u2f.FIDOU2FAuthenticatorAdaptor;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator;
import com.webauthn4j.test.client.ClientPlatform;
import com.webauthn4j.test.client.RegistrationEmulationOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plays the browser: takes the options JSON our services produce, runs webauthn4j-test's
 * emulated client + authenticator, and returns what {@code PublicKeyCredential.toJSON()} would
 * give the page. Tampering hooks edit the options the "browser" sees, as a malicious or broken
 * client would.
 */
public final class BrowserEmulator {

    private static final JsonConverter JSON = new ObjectConverter().getJsonConverter();

    private final ClientPlatform platform;

    private BrowserEmulator(Origin origin, AuthenticatorAdaptor adaptor) {
        this.platform = new ClientPlatform(origin, adaptor);
    }

    public static BrowserEmulator webAuthn(String origin, WebAuthnModelAuthenticator authenticator) {
        return new BrowserEmulator(new Origin(origin), new WebAuthnAuthenticatorAdaptor(authenticator));
    }

    public static BrowserEmulator fidoU2f(String origin, FIDOU2FAuthenticator authenticator) {
        return new BrowserEmulator(new Origin(origin), new FIDOU2FAuthenticatorAdaptor(authenticator));
    }

    public void setOrigin(String origin) {
        platform.setOrigin(new Origin(origin));
    }

    /** {@code navigator.credentials.create()} then {@code toJSON()}. */
    public String create(String optionsJson) {
        return create(optionsJson, options -> {}, new RegistrationEmulationOption());
    }

    public String create(
            String optionsJson, Consumer<Map<String, Object>> tamper, RegistrationEmulationOption emulation) {
        Map<String, Object> options = parse(optionsJson);
        tamper.accept(options);
        PublicKeyCredentialCreationOptions creationOptions =
                JSON.readValue(JSON.writeValueAsString(options), PublicKeyCredentialCreationOptions.class);
        PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> credential =
                platform.create(creationOptions, emulation);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", b64u(credential.getResponse().getClientDataJSON()));
        response.put("attestationObject", b64u(credential.getResponse().getAttestationObject()));
        response.put("transports", List.of("hybrid", "internal"));
        response.put("publicKeyAlgorithm", -7);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", credential.getId());
        json.put("rawId", b64u(credential.getRawId()));
        json.put("type", "public-key");
        json.put("authenticatorAttachment", "platform");
        json.put("response", response);
        json.put("clientExtensionResults", Map.of("credProps", Map.of("rk", true)));
        return JSON.writeValueAsString(json);
    }

    /** {@code navigator.credentials.get()} then {@code toJSON()}. */
    public String get(String optionsJson) {
        return get(optionsJson, options -> {});
    }

    public String get(String optionsJson, Consumer<Map<String, Object>> tamper) {
        Map<String, Object> options = parse(optionsJson);
        tamper.accept(options);
        PublicKeyCredentialRequestOptions requestOptions =
                JSON.readValue(JSON.writeValueAsString(options), PublicKeyCredentialRequestOptions.class);
        PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> credential =
                platform.get(requestOptions);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", b64u(credential.getResponse().getClientDataJSON()));
        response.put("authenticatorData", b64u(credential.getResponse().getAuthenticatorData()));
        response.put("signature", b64u(credential.getResponse().getSignature()));
        if (credential.getResponse().getUserHandle() != null) {
            response.put("userHandle", b64u(credential.getResponse().getUserHandle()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", credential.getId());
        json.put("rawId", b64u(credential.getRawId()));
        json.put("type", "public-key");
        json.put("authenticatorAttachment", "platform");
        json.put("response", response);
        json.put("clientExtensionResults", Map.of());
        return JSON.writeValueAsString(json);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String json) {
        return JSON.readValue(json, Map.class);
    }

    public static String write(Map<String, Object> json) {
        return JSON.writeValueAsString(json);
    }

    /** Edits a member of the response JSON, e.g. to tamper with an unsigned field. */
    @SuppressWarnings("unchecked")
    public static String editResponse(String responseJson, Consumer<Map<String, Object>> edit) {
        Map<String, Object> json = parse(responseJson);
        edit.accept((Map<String, Object>) json.get("response"));
        return write(json);
    }

    public static String b64u(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] fromB64u(String value) {
        return Base64.getUrlDecoder().decode(value);
    }
}
