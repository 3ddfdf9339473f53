package com.phoenixidp.authserver.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** The FIDO binding endpoints are off unless conformance mode is switched on. */
class FidoBindingControllerTest {

    private final FidoBindingController controller =
            new FidoBindingController(new PasskeyProperties(), null, null, null, null, null, null, null, null, null);

    @Test
    void everyEndpointWhenConformanceModeOffThenForbiddenWithFailedStatus() {
        String body = "{\"username\":\"alice\",\"displayName\":\"Alice\"}";
        for (ResponseEntity<Map<String, Object>> response : java.util.List.of(
                this.controller.attestationOptions(body), this.controller.attestationResult(body),
                this.controller.assertionOptions(body), this.controller.assertionResult(body))) {
            assertThat(response.getStatusCode().value()).isEqualTo(403);
            assertThat(response.getBody())
                    .containsEntry("status", "failed")
                    .containsEntry("errorMessage", "FIDO conformance mode is off");
        }
    }
}
