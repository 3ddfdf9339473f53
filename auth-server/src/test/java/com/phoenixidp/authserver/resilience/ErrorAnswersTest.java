package com.phoenixidp.authserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Errors refused at the edge come in the format of the protocol the path belongs to. */
class ErrorAnswersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void writeWhenTokenEndpointThenOAuthJsonWithRetryAfter() throws Exception {
        MockHttpServletResponse response =
                write("/oauth2/token", 503, "temporarily_unavailable", "Try \"again\"\n", Duration.ofSeconds(1));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        JsonNode body = JSON.readTree(response.getContentAsString());
        assertThat(body.path("error").asString()).isEqualTo("temporarily_unavailable");
        assertThat(body.path("error_description").asString()).isEqualTo("Try \"again\"\n");
    }

    @Test
    void writeWhenScimThenScimErrorSchema() throws Exception {
        MockHttpServletResponse response = write("/scim/v2/Users", 400, "invalid_request", "bad", null);

        assertThat(response.getContentType()).startsWith("application/scim+json");
        JsonNode body = JSON.readTree(response.getContentAsString());
        assertThat(body.path("schemas").get(0).asString()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(body.path("status").asString()).isEqualTo("400");
        assertThat(body.path("detail").asString()).isEqualTo("bad");
    }

    @Test
    void writeWhenFidoOrPasskeyEndpointThenStatusFailed() throws Exception {
        for (String path :
                new String[] {"/attestation/options", "/assertion/result", "/passkey/login", "/account/passkeys"}) {
            JsonNode body = JSON.readTree(
                    write(path, 400, "invalid_request", "bad", null).getContentAsString());
            assertThat(body.path("status").asString()).as(path).isEqualTo("failed");
            assertThat(body.path("errorMessage").asString()).as(path).isEqualTo("bad");
        }
    }

    @Test
    void writeWhenPageThenEscapedHtml() throws Exception {
        MockHttpServletResponse response = write("/login", 503, "temporarily_unavailable", "<b>busy</b>", null);

        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString())
                .contains("HTTP 503", "&lt;b&gt;busy&lt;/b&gt;")
                .doesNotContain("<b>");
    }

    private static MockHttpServletResponse write(
            String path, int status, String error, String description, Duration retryAfter) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        ErrorAnswers.write(request, response, status, error, description, retryAfter);
        return response;
    }
}
