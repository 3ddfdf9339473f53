package com.phoenixidp.authserver.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The FIDO2 server transport binding endpoints over HTTP, as the conformance tools call them: JSON
 * in and out with {@code status}/{@code errorMessage}, no CSRF token, no cookies; bad input is a
 * {@code failed} status, never a 500. (The test profile turns conformance mode on.)
 */
class FidoBindingIntegrationTest extends AuthServerIntegrationTest {

    private static final String GARBAGE_ATTESTATION = "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\","
            + "\"response\":{\"clientDataJSON\":\"e30\",\"attestationObject\":\"AAAA\"},\"getClientExtensionResults\":{}}";

    @Test
    void attestationOptionsWhenNewUsernameThenCreationOptionsWithOkStatusAndNoCookie() {
        Response response = client().post(
                        "/attestation/options",
                        "application/json",
                        "{\"username\":\"fido-" + OAuthTestClient.randomToken().substring(0, 8)
                                + "\",\"displayName\":\"Fido Tester\",\"authenticatorSelection\":{\"residentKey\":\"preferred\","
                                + "\"userVerification\":\"required\"},\"attestation\":\"direct\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Set-Cookie")).isEmpty();
        Map<String, Object> json = response.json();
        assertThat(json)
                .containsEntry("status", "ok")
                .containsEntry("errorMessage", "")
                .containsEntry("attestation", "direct");
        assertThat((String) json.get("challenge")).hasSizeGreaterThanOrEqualTo(22);
        assertThat((Map<String, Object>) json.get("rp")).containsEntry("id", "localhost");
        assertThat((Map<String, Object>) json.get("user"))
                .containsEntry("displayName", "Fido Tester")
                .containsKey("id");
        assertThat((Map<String, Object>) json.get("authenticatorSelection"))
                .containsEntry("userVerification", "required");
        assertThat((List<?>) json.get("pubKeyCredParams")).isNotEmpty();
    }

    @Test
    void attestationOptionsWhenUserHasPasswordThenForbiddenAndNothingCreated() {
        String countRegistrations = "SELECT COUNT(*) FROM webauthn_challenge WHERE ceremony_type = 'REGISTRATION'";
        Integer before = this.jdbc.queryForObject(countRegistrations, Integer.class);

        Response response = client().post(
                        "/attestation/options",
                        "application/json",
                        "{\"username\":\"alice\",\"displayName\":\"Mallory\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json()).containsEntry("status", "failed");
        assertThat(this.jdbc.queryForObject(countRegistrations, Integer.class)).isEqualTo(before);
    }

    @Test
    void attestationResultWhenGarbageThenFailedStatusNotServerError() {
        for (String body : List.of(GARBAGE_ATTESTATION, "{}", "not json", "[]", "")) {
            Response response = client().post("/attestation/result", "application/json", body);

            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json())
                    .as(body)
                    .containsEntry("status", "failed")
                    .containsKey("errorMessage");
        }
    }

    @Test
    void assertionOptionsWhenUnknownUserThenFailed() {
        Response response = client().post(
                        "/assertion/options",
                        "application/json",
                        "{\"username\":\"nobody-here\",\"userVerification\":\"required\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("status", "failed");
    }

    @Test
    void assertionResultWhenGarbageThenFailedStatusNotServerError() {
        for (String body : List.of(
                "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":"
                        + "{\"clientDataJSON\":\"e30\",\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\"}}",
                "{",
                "")) {
            Response response = client().post("/assertion/result", "application/json", body);

            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json()).containsEntry("status", "failed");
        }
    }
}
