package com.phoenixidp.authserver.passkey;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.resilience.Unavailability;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserRepository;
import com.phoenixidp.webauthn.WebAuthnCeremonyException;
import com.phoenixidp.webauthn.authentication.AuthenticationResult;
import com.phoenixidp.webauthn.authentication.AuthenticationService;
import com.phoenixidp.webauthn.challenge.CeremonyType;
import com.phoenixidp.webauthn.credential.PasskeyCredentialRepository;
import com.phoenixidp.webauthn.registration.RegisteredCredential;
import com.phoenixidp.webauthn.registration.RegistrationService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The FIDO2 server transport binding ("FIDO2: Server Requirements and Transport Binding Profile"
 * §7): {@code /attestation/options}, {@code /attestation/result}, {@code /assertion/options},
 * {@code /assertion/result}, as the FIDO conformance tools call them. A JSON API without cookies:
 * no CSRF token, no session; the result requests find their ceremony through the challenge in
 * clientDataJSON (stored hashed, single-use, expiring). Every answer carries
 * {@code status}/{@code errorMessage}; a bad request answers {@code failed}, never a 500.
 *
 * <p>Only with {@code phoenix.webauthn.fido-conformance-mode=true}; otherwise 403. Even then,
 * registration only creates or extends <em>passkey-only</em> accounts (no password): an account
 * with a password cannot be given a passkey by an unauthenticated caller. A successful assertion
 * proves the ceremony; it signs no one in to the IdP.
 */
@RestController
public class FidoBindingController {

    static final String[] PATHS = {"/attestation/**", "/assertion/**"};

    private static final Logger LOG = LoggerFactory.getLogger(FidoBindingController.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<String> ATTACHMENTS = Set.of("platform", "cross-platform");

    private final PasskeyProperties properties;

    private final RegistrationService registration;

    private final AuthenticationService authentication;

    private final PasskeyCredentialRepository credentials;

    private final UserRepository users;

    private final com.phoenixidp.authserver.user.UserService userService;

    private final com.phoenixidp.authserver.user.GroupService groupService;

    private final PasskeyUsers passkeyUsers;

    private final JdbcTemplate jdbc;

    private final AuditLog audit;

    public FidoBindingController(
            PasskeyProperties properties,
            RegistrationService registration,
            AuthenticationService authentication,
            PasskeyCredentialRepository credentials,
            UserRepository users,
            com.phoenixidp.authserver.user.UserService userService,
            com.phoenixidp.authserver.user.GroupService groupService,
            PasskeyUsers passkeyUsers,
            JdbcTemplate jdbc,
            AuditLog audit) {
        this.properties = properties;
        this.registration = registration;
        this.authentication = authentication;
        this.credentials = credentials;
        this.users = users;
        this.userService = userService;
        this.groupService = groupService;
        this.passkeyUsers = passkeyUsers;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** ServerPublicKeyCredentialCreationOptionsRequest → ...Response (binding §7.3.1/§7.3.2). */
    @PostMapping(path = "/attestation/options", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> attestationOptions(
            @RequestBody(required = false) @Nullable String body) {
        return handle(() -> {
            JsonNode request = JSON.readTree(body);
            String username = request.path("username").asString("").strip();
            String displayName = request.path("displayName").asString("").strip();
            if (username.isEmpty() || username.length() > 200) {
                return failed(HttpStatus.BAD_REQUEST, "username missing");
            }
            PhoenixUser user = this.users.findByUsername(username).orElse(null);
            if (user != null && user.passwordHash() != null) {
                return failed(HttpStatus.FORBIDDEN, "username not available");
            }
            if (user == null) {
                com.phoenixidp.authserver.management.Actor actor =
                        new com.phoenixidp.authserver.management.Actor("fido-binding", "fido_binding", null);
                try {
                    user = this.userService.create(
                            com.phoenixidp.authserver.user.UserDraft.named(username)
                                    .withDisplayName(displayName.isEmpty() ? username : displayName),
                            actor);
                } catch (com.phoenixidp.authserver.management.ManagementException ex) {
                    return failed(HttpStatus.BAD_REQUEST, "username not acceptable");
                }
                this.groupService.setRoles(user.id(), List.of("user"), actor);
            }
            JsonNode selection = request.path("authenticatorSelection");
            String attachment = selection.path("authenticatorAttachment").asString("");
            var start = this.registration.start(
                    this.passkeyUsers.identity(user),
                    ATTACHMENTS.contains(attachment) ? Optional.of(attachment) : Optional.empty());
            Map<String, Object> options = ok(start.optionsJson());
            // Echo what the caller asked for; verification still applies the configured policy.
            if (selection.isObject()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> configured = Objects.requireNonNull(
                        (Map<String, Object>) options.get("authenticatorSelection"),
                        "the options name an authenticatorSelection");
                JSON.convertValue(selection, new TypeReference<Map<String, Object>>() {})
                        .forEach(configured::put);
            }
            String attestation = request.path("attestation").asString("");
            if (Set.of("none", "indirect", "direct", "enterprise").contains(attestation)) {
                options.put("attestation", attestation);
            }
            return ResponseEntity.ok(options);
        });
    }

    /** ServerAuthenticatorAttestationResponse → ServerResponse (binding §7.3.3). */
    @PostMapping(path = "/attestation/result", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> attestationResult(@RequestBody(required = false) @Nullable String body) {
        return handle(() -> {
            String credential = normalise(body);
            Optional<String> ceremony = ceremonyOf(credential, CeremonyType.REGISTRATION);
            if (ceremony.isEmpty()) {
                return failed(HttpStatus.BAD_REQUEST, "unknown challenge");
            }
            RegisteredCredential registered = this.registration.finish(ceremony.get(), credential, null);
            this.audit.event(
                    "passkey.added",
                    "username",
                    this.passkeyUsers
                            .findByUserHandle(registered.credential().userHandle())
                            .map(PhoenixUser::username)
                            .orElse(null),
                    "credential",
                    PasskeySignIn.credentialRef(registered.credential().credentialId()),
                    "attestation",
                    registered.attestationFormat(),
                    "source",
                    "fido_binding");
            return ResponseEntity.ok(status("ok", ""));
        });
    }

    /** ServerPublicKeyCredentialGetOptionsRequest → ...Response (binding §7.4.1/§7.4.2). */
    @PostMapping(path = "/assertion/options", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> assertionOptions(@RequestBody(required = false) @Nullable String body) {
        return handle(() -> {
            JsonNode request = JSON.readTree(body);
            String username = request.path("username").asString("").strip();
            Optional<PhoenixUser> user = username.isEmpty()
                    ? Optional.empty()
                    : this.users.findByUsername(username).filter(PhoenixUser::enabled);
            if (user.isEmpty()) {
                return failed(HttpStatus.BAD_REQUEST, "user does not exist or has no passkey");
            }
            byte[] handle = this.passkeyUsers.userHandle(user.get());
            if (this.credentials.findByUserHandle(handle).isEmpty()) {
                return failed(HttpStatus.BAD_REQUEST, "user does not exist or has no passkey");
            }
            Map<String, Object> options =
                    ok(this.authentication.start(Optional.of(handle)).optionsJson());
            String uv = request.path("userVerification").asString("");
            if (Set.of("required", "preferred", "discouraged").contains(uv)) {
                options.put("userVerification", uv);
            }
            return ResponseEntity.ok(options);
        });
    }

    /** ServerAuthenticatorAssertionResponse → ServerResponse (binding §7.4.3). */
    @PostMapping(path = "/assertion/result", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> assertionResult(@RequestBody(required = false) @Nullable String body) {
        return handle(() -> {
            String credential = normalise(body);
            Optional<String> ceremony = ceremonyOf(credential, CeremonyType.AUTHENTICATION);
            if (ceremony.isEmpty()) {
                return failed(HttpStatus.BAD_REQUEST, "unknown challenge");
            }
            AuthenticationResult result = this.authentication.finish(ceremony.get(), credential);
            this.audit.event(
                    "passkey.used",
                    "credential",
                    PasskeySignIn.credentialRef(result.credentialId()),
                    "mode",
                    "fido_binding",
                    "uv",
                    result.userVerified());
            return ResponseEntity.ok(status("ok", ""));
        });
    }

    private interface Step {

        ResponseEntity<Map<String, Object>> run();
    }

    private ResponseEntity<Map<String, Object>> handle(Step step) {
        if (!this.properties.isFidoConformanceMode()) {
            return failed(HttpStatus.FORBIDDEN, "FIDO conformance mode is off");
        }
        try {
            return step.run();
        } catch (WebAuthnCeremonyException ex) {
            if (ex instanceof com.phoenixidp.webauthn.CounterRegressionException) {
                this.audit.event("passkey.counter_regression", "mode", "fido_binding", "action", "refused");
            }
            LOG.info("FIDO binding ceremony failed: {}", ex.reason());
            return failed(HttpStatus.BAD_REQUEST, "ceremony failed: " + ex.reason());
        } catch (RuntimeException ex) {
            if (Unavailability.of(ex) != null) {
                throw ex; // not the caller's fault: 503 (ServiceUnavailableFilter)
            }
            LOG.info("FIDO binding request rejected: {}", ex.getClass().getSimpleName());
            return failed(HttpStatus.BAD_REQUEST, "malformed request");
        }
    }

    /**
     * The conformance tools send {@code getClientExtensionResults}; the WebAuthn JSON form
     * (§5.1.3) names it {@code clientExtensionResults}.
     */
    private static String normalise(@Nullable String body) {
        if (body == null) {
            throw new IllegalArgumentException("no body");
        }
        JsonNode root = JSON.readTree(body);
        if (!(root instanceof ObjectNode object)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (object.has("getClientExtensionResults") && !object.has("clientExtensionResults")) {
            object.set("clientExtensionResults", object.get("getClientExtensionResults"));
        }
        object.remove("getClientExtensionResults");
        return JSON.writeValueAsString(object);
    }

    /** The ceremony whose challenge this response's clientDataJSON carries (compared as SHA-256). */
    private Optional<String> ceremonyOf(String credentialJson, CeremonyType type) {
        String clientData = JSON.readTree(credentialJson)
                .path("response")
                .path("clientDataJSON")
                .asString("");
        String challenge = JSON.readTree(Base64.getUrlDecoder().decode(clientData))
                .path("challenge")
                .asString("");
        if (challenge.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(Base64.getUrlDecoder().decode(challenge));
        List<String> ids = this.jdbc.queryForList(
                "SELECT ceremony_id FROM webauthn_challenge WHERE challenge_hash = ? AND ceremony_type = ?",
                String.class,
                hash,
                type.name());
        return ids.stream().findFirst();
    }

    private static Map<String, Object> ok(String optionsJson) {
        Map<String, Object> options = new LinkedHashMap<>(status("ok", ""));
        options.putAll(JSON.readValue(optionsJson, new TypeReference<Map<String, Object>>() {}));
        return options;
    }

    private static Map<String, Object> status(String status, String message) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status);
        map.put("errorMessage", message);
        return map;
    }

    private static ResponseEntity<Map<String, Object>> failed(HttpStatus httpStatus, String message) {
        return ResponseEntity.status(httpStatus).body(status("failed", message));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
