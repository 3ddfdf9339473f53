package com.phoenixidp.authserver.registration;

import com.phoenixidp.authserver.client.ClientDefinition;
import com.phoenixidp.authserver.client.ClientService;
import com.phoenixidp.authserver.client.RegistrationAccessTokens;
import com.phoenixidp.authserver.client.SavedClient;
import com.phoenixidp.authserver.client.StoredClient;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.management.ManagementException;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth 2.0 Dynamic Client Registration (RFC 7591) at {@value #PATH} and its management protocol
 * (RFC 7592) at {@value #PATH}{@code /{client_id}}, over {@link ClientService}. Registering
 * needs an initial access token (RFC 7591 3): an active client-credentials access token of this
 * server with scope {@value #SCOPE}, checked by the security chain and here. Reading, replacing and
 * deleting a registration need its registration access token (RFC 7592 1.1), compared by hash.
 * Errors are RFC 7591 3.2.2 JSON ({@code invalid_redirect_uri}, {@code invalid_client_metadata})
 * or RFC 6750 3.1 {@code invalid_token}.
 */
@RestController
@RequestMapping(ClientRegistrationController.PATH)
public class ClientRegistrationController {

    /** The registration endpoint, advertised as {@code registration_endpoint}. */
    public static final String PATH = "/connect/register";

    /** The scope of an initial access token. */
    public static final String SCOPE = "client.create";

    private static final Logger LOG = LoggerFactory.getLogger(ClientRegistrationController.class);

    private static final Pattern BEARER = Pattern.compile("(?i)Bearer ([A-Za-z0-9\\-._~+/]+=*)");

    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final ClientService clients;

    private final RegistrationAccessTokens registrationTokens;

    private final OAuth2AuthorizationService authorizations;

    private final TransactionOperations tx;

    private final JsonMapper json;

    private final AuthorizationServerSettings settings;

    private final RegistrationProperties properties;

    private final SecureRandom random;

    public ClientRegistrationController(
            ClientService clients,
            RegistrationAccessTokens registrationTokens,
            OAuth2AuthorizationService authorizations,
            TransactionOperations tx,
            JsonMapper json,
            AuthorizationServerSettings settings,
            RegistrationProperties properties,
            SecureRandom random) {
        this.clients = clients;
        this.registrationTokens = registrationTokens;
        this.authorizations = authorizations;
        this.tx = tx;
        this.json = json;
        this.settings = settings;
        this.properties = properties;
        this.random = random;
    }

    /** RFC 7591 3.1 / 3.2.1: registers a client; 201 with its credentials, shown this once. */
    @PostMapping
    public ResponseEntity<Map<String, Object>> register(
            @RequestBody(required = false) @Nullable String body,
            JwtAuthenticationToken caller,
            HttpServletRequest request) {
        requireActiveInitialAccessToken(caller);
        Map<String, Object> metadata = parse(body);
        String clientId = newClientId();
        ClientDefinition definition = RegistrationMetadata.read(metadata, clientId, allowedScopes());
        Actor actor = new Actor(caller.getName(), "registration", request.getRemoteAddr());
        Registered registered = this.tx.execute((status) ->
                new Registered(this.clients.create(definition, actor), this.registrationTokens.issue(clientId)));
        Map<String, Object> response = render(registered.client());
        response.put("registration_access_token", registered.registrationToken());
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(response);
    }

    /** RFC 7592 2.1: the client's current metadata (its secret is never shown again). */
    @GetMapping("/{clientId}")
    public ResponseEntity<Map<String, Object>> read(@PathVariable String clientId, HttpServletRequest request) {
        authenticate(clientId, request);
        StoredClient client = this.clients.find(clientId).orElseThrow(RegistrationFailure::invalidToken);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(render(new SavedClient(client, null)));
    }

    /**
     * RFC 7592 2.2: replaces the client's metadata. The body names the client ({@code client_id});
     * a {@code client_secret} in it must be the current one, and a missing one keeps it.
     */
    @PutMapping("/{clientId}")
    public ResponseEntity<Map<String, Object>> update(
            @PathVariable String clientId,
            @RequestBody(required = false) @Nullable String body,
            HttpServletRequest request) {
        authenticate(clientId, request);
        Map<String, Object> metadata = parse(body);
        if (!clientId.equals(metadata.get("client_id"))) {
            throw ManagementException.invalid("client-id", "must be present and be this client's id (RFC 7592 2.2)");
        }
        Object secret = metadata.get("client_secret");
        if (secret != null && !(secret instanceof String s && this.clients.secretMatches(clientId, s))) {
            throw ManagementException.invalid("client-secret", "is not the client's current secret (RFC 7592 2.2)");
        }
        ClientDefinition definition = RegistrationMetadata.read(metadata, clientId, allowedScopes());
        // RFC 7591 metadata has no such field: a client disabled by an administrator stays disabled
        this.clients
                .find(clientId)
                .ifPresent(
                        (current) -> definition.setEnabled(current.definition().isEnabled()));
        SavedClient saved = this.clients.replace(clientId, definition, actor(clientId, request));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(render(saved));
    }

    /** RFC 7592 2.3: deletes the client and everything issued to it. */
    @DeleteMapping("/{clientId}")
    public ResponseEntity<Void> delete(@PathVariable String clientId, HttpServletRequest request) {
        authenticate(clientId, request);
        this.clients.delete(clientId, actor(clientId, request));
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(ManagementException.class)
    ResponseEntity<Map<String, Object>> refused(ManagementException ex) {
        if (ex.reason() == ManagementException.Reason.NOT_FOUND) {
            return failure(RegistrationFailure.invalidToken()); // RFC 7592 2: unknown client, same as a bad token
        }
        String error = "redirect-uris".equals(ex.field()) ? "invalid_redirect_uri" : "invalid_client_metadata";
        return error(HttpStatus.BAD_REQUEST, error, RegistrationMetadata.describe(ex));
    }

    @ExceptionHandler(RegistrationFailure.class)
    ResponseEntity<Map<String, Object>> failure(RegistrationFailure ex) {
        ResponseEntity<Map<String, Object>> response = error(ex.status, ex.error, ex.getMessage());
        if (ex.challenge == null) {
            return response;
        }
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .header(HttpHeaders.WWW_AUTHENTICATE, ex.challenge)
                .body(response.getBody());
    }

    /** RFC 7591 3: only an active access token from the client credentials grant is an initial access token. */
    private void requireActiveInitialAccessToken(JwtAuthenticationToken caller) {
        OAuth2Authorization authorization =
                this.authorizations.findByToken(caller.getToken().getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
        if (authorization == null
                || authorization.getAccessToken() == null
                || !authorization.getAccessToken().isActive()
                || !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            LOG.info(
                    "Registration refused: the bearer token of '{}' is not an active initial access token",
                    caller.getName());
            throw RegistrationFailure.invalidToken();
        }
    }

    /** RFC 7592 1.1 / RFC 6750 2.1: the registration access token in the Authorization header. */
    private void authenticate(String clientId, HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            throw new RegistrationFailure(
                    HttpStatus.UNAUTHORIZED, "invalid_token", "a registration access token is required", "Bearer");
        }
        Matcher bearer = BEARER.matcher(header);
        if (!bearer.matches() || !this.registrationTokens.verify(clientId, bearer.group(1))) {
            throw RegistrationFailure.invalidToken();
        }
    }

    private Map<String, Object> parse(@Nullable String body) {
        Map<String, Object> metadata = null;
        if (body != null && !body.isBlank()) {
            try {
                metadata = this.json.readValue(body, JSON_OBJECT);
            } catch (JacksonException ex) {
                metadata = null;
            }
        }
        if (metadata == null) {
            throw new RegistrationFailure(
                    HttpStatus.BAD_REQUEST, "invalid_client_metadata", "the request body must be a JSON object", null);
        }
        return metadata;
    }

    private Map<String, Object> render(SavedClient saved) {
        Map<String, Object> response = RegistrationMetadata.write(saved.client());
        if (saved.generatedSecret() != null) {
            response.put("client_secret", saved.generatedSecret());
            response.put("client_secret_expires_at", 0);
        }
        response.put(
                "registration_client_uri",
                this.settings.getIssuer() + PATH + "/" + saved.client().clientId());
        return response;
    }

    private Set<String> allowedScopes() {
        return Set.copyOf(this.properties.getAllowedScopes());
    }

    private String newClientId() {
        byte[] bytes = new byte[16];
        this.random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Actor actor(String clientId, HttpServletRequest request) {
        return new Actor(clientId, "registration", request.getRemoteAddr());
    }

    private static ResponseEntity<Map<String, Object>> error(
            HttpStatus status, String error, @Nullable String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        // a preset type: the error is written whatever the request's Accept says (no 406 while failing)
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    private record Registered(SavedClient client, String registrationToken) {}

    /** A refused registration request with its HTTP status, RFC error code and optional challenge. */
    static final class RegistrationFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final HttpStatus status;

        private final String error;

        private final @Nullable String challenge;

        RegistrationFailure(HttpStatus status, String error, String description, @Nullable String challenge) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
            this.challenge = challenge;
        }

        static RegistrationFailure invalidToken() {
            return new RegistrationFailure(
                    HttpStatus.UNAUTHORIZED,
                    "invalid_token",
                    "the access token is invalid",
                    "Bearer error=\"invalid_token\"");
        }
    }
}
