package com.phoenixidp.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.AdminException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Gets the access token of the admin client with the client credentials grant (RFC 6749 4.4) at
 * {@code {server}/oauth2/token}, client authentication {@code client_secret_basic} (RFC 6749
 * 2.3.1), scope {@code phoenix.admin}. The token endpoint is not discovered from metadata on
 * purpose: the secret goes only to the host the operator named in {@code --server}.
 */
public final class TokenClient {

    /** The scope the admin API and SCIM endpoints require. */
    public static final String SCOPE = "phoenix.admin";

    private final Http http;

    private final URI tokenEndpoint;

    private final String clientId;

    private final Secret clientSecret;

    public TokenClient(Http http, URI server, String clientId, Secret clientSecret) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokenEndpoint = URI.create(server + "/oauth2/token");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    }

    public String clientId() {
        return this.clientId;
    }

    /** A fresh access token; every refusal is exit 3 with the OAuth error code (RFC 6749 5.2). */
    public Secret accessToken() {
        String credentials = urlEncode(this.clientId) + ":" + urlEncode(this.clientSecret.reveal());
        Http.Answer answer = this.http.send(HttpRequest.newBuilder(this.tokenEndpoint)
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + SCOPE)));
        JsonNode json = answer.json();
        String error = Json.text(json, "error");
        String accessToken = Json.text(json, "access_token");
        if (answer.ok() && json != null && accessToken != null) {
            return new Secret(accessToken);
        }
        if ("invalid_client".equals(error)) {
            throw AdminException.unavailable("the server refused the client credentials (invalid_client)");
        }
        if ("invalid_scope".equals(error) || "unauthorized_client".equals(error)) {
            throw AdminException.unavailable("the client '" + this.clientId + "' may not get a token with scope "
                    + SCOPE + " by client credentials (" + error + ")");
        }
        if (error != null) {
            String description = Json.text(json, "error_description");
            throw AdminException.unavailable("the server refused the token request: "
                    + ((description != null) ? description + " " : "") + "(" + error + ")");
        }
        throw AdminException.unavailable(
                "unexpected answer from the token endpoint " + this.tokenEndpoint + " (HTTP " + answer.status()
                        + (json == null ? ", not JSON" : "") + "): is --server the base URL of a Phoenix IdP?");
    }

    static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
