package com.phoenixidp.authserver.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A SCIM client for the integration tests: every method with {@code application/scim+json}
 * bodies and a bearer token of the {@code scim-provisioner} client (client credentials, scope
 * {@code phoenix.admin}), plus helpers that create users and groups with fresh names.
 */
final class ScimTestClient {

    static final String CLIENT = "scim-provisioner";

    static final String SECRET = "scim-secret-0123456789-0123456789-xy";

    static final String SCIM_JSON = "application/scim+json";

    private final String baseUrl;

    private final String token;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private ScimTestClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Signed in as the provisioning client (scope phoenix.admin). */
    static ScimTestClient admin(String baseUrl) {
        return withToken(baseUrl, accessToken(baseUrl, CLIENT, SECRET, "phoenix.admin"));
    }

    static ScimTestClient withToken(String baseUrl, String token) {
        return new ScimTestClient(baseUrl, token);
    }

    static String accessToken(String baseUrl, String clientId, String secret, String scope) {
        Response response = new OAuthTestClient(baseUrl).clientCredentialsBasic(clientId, secret, scope);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return (String) response.json().get("access_token");
    }

    /** A fresh name, so tests sharing the one application never meet each other's users. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Response get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    Response post(String path, String json, String... headers) {
        return send("POST", path, SCIM_JSON, json, headers);
    }

    Response put(String path, String json, String... headers) {
        return send("PUT", path, SCIM_JSON, json, headers);
    }

    Response patch(String path, String json, String... headers) {
        return send("PATCH", path, SCIM_JSON, json, headers);
    }

    Response delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    /** Any request; {@code contentType} null sends none, {@code token} of this client. */
    Response send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        (body != null)
                                ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
                                : HttpRequest.BodyPublishers.noBody());
        if (this.token != null) {
            request.header("Authorization", "Bearer " + this.token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response =
                    this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Creates a user (201 expected); returns the resource. */
    Map<String, Object> createUser(String userName, String password) {
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                + "\"" + ((password != null) ? ",\"password\":\"" + password + "\"" : "")
                + ",\"name\":{\"givenName\":\"Test\",\"familyName\":\"User\"},\"displayName\":\"Test " + userName
                + "\",\"emails\":[{\"value\":\"" + userName + "@example.com\",\"type\":\"work\",\"primary\":true}]}";
        Response response = post("/scim/v2/Users", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** Creates a group with these member ids (201 expected); returns the resource. */
    Map<String, Object> createGroup(String displayName, String... memberIds) {
        StringBuilder members = new StringBuilder();
        for (String id : memberIds) {
            members.append((members.length() > 0) ? "," : "")
                    .append("{\"value\":\"")
                    .append(id)
                    .append("\"}");
        }
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"" + displayName
                + "\",\"members\":[" + members + "]}";
        Response response = post("/scim/v2/Groups", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    static String query(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    /** A PatchOp message with these operations (JSON objects). */
    static String patchOp(String... operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                + String.join(",", operations) + "]}";
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> resources(Response list) {
        return (List<Map<String, Object>>) list.json().get("Resources");
    }

    /** Asserts a SCIM error answer: status, scimType (or none), content type. */
    static void assertScimError(Response response, int status, String scimType) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying((type) -> assertThat(type).startsWith(SCIM_JSON));
        Map<String, Object> error = response.json();
        assertThat(error.get("schemas")).isEqualTo(List.of("urn:ietf:params:scim:api:messages:2.0:Error"));
        assertThat(error.get("status")).isEqualTo(String.valueOf(status));
        assertThat(error.get("scimType")).isEqualTo(scimType);
    }
}
