package com.phoenixidp.authserver.passkey;

import com.phoenixidp.authserver.account.AccountPage;
import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserRepository;
import com.phoenixidp.webauthn.WebAuthnCeremonyException;
import com.phoenixidp.webauthn.credential.PasskeyCredential;
import com.phoenixidp.webauthn.credential.PasskeyCredentialRepository;
import com.phoenixidp.webauthn.registration.RegisteredCredential;
import com.phoenixidp.webauthn.registration.RegistrationService;
import com.phoenixidp.webauthn.registration.RegistrationStart;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The account page: the user's passkeys (WebAuthn L3 §7.1 registration, removal) and the switch
 * requiring a passkey after the password. A user in the pending second-factor state without any
 * passkey may register a first one here; that registration completes the sign-in and resumes
 * the pending authorization request. Everything else needs a full sign-in.
 */
@Controller
public class AccountController {

    private static final Logger LOG = LoggerFactory.getLogger(AccountController.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final RegistrationService registration;

    private final PasskeyCredentialRepository credentials;

    private final PasskeyUsers passkeyUsers;

    private final UserRepository users;

    private final PasskeySignIn signIn;

    private final AuditLog audit;

    private final AccountPage accountPage;

    public AccountController(
            RegistrationService registration,
            PasskeyCredentialRepository credentials,
            PasskeyUsers passkeyUsers,
            UserRepository users,
            PasskeySignIn signIn,
            AuditLog audit,
            AccountPage accountPage) {
        this.registration = registration;
        this.credentials = credentials;
        this.passkeyUsers = passkeyUsers;
        this.users = users;
        this.signIn = signIn;
        this.audit = audit;
        this.accountPage = accountPage;
    }

    /** A passkey line on the page. */
    public record PasskeyView(String id, String name, String created, String lastUsed) {}

    @GetMapping("/account")
    public String account(HttpServletRequest request, Model model) {
        Optional<PhoenixUser> signedIn = this.signIn.signedInUser();
        Optional<PhoenixUser> user = signedIn.or(() -> this.signIn.pendingUser(request));
        if (user.isEmpty()) {
            return "redirect:/login";
        }
        List<PasskeyView> passkeys =
                this.credentials.findByUserHandle(this.passkeyUsers.userHandle(user.get())).stream()
                        .map((c) -> new PasskeyView(
                                c.credentialIdBase64Url(),
                                c.name(),
                                TIME.format(c.createdAt()),
                                c.lastUsedAt().map(TIME::format).orElse("never")))
                        .toList();
        model.addAttribute("username", user.get().username());
        model.addAttribute("passkeys", passkeys);
        model.addAttribute("pending", signedIn.isEmpty());
        model.addAttribute(
                "mfa",
                SecondFactorLoginSuccessHandler.MFA_PASSKEY.equals(user.get().mfa()));
        if (signedIn.isPresent()) {
            // password, sessions, connected apps: only after a full sign-in
            this.accountPage.addTo(model, user.get().username(), request);
        }
        return "account";
    }

    @PostMapping(path = "/account/passkeys/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public ResponseEntity<String> registrationOptions(HttpServletRequest request) {
        Optional<PhoenixUser> user = registeringUser(request);
        if (user.isEmpty()) {
            return ResponseEntity.status(403).body("{\"status\":\"failed\"}");
        }
        RegistrationStart start = this.registration.start(this.passkeyUsers.identity(user.get()), Optional.empty());
        PasskeySignIn.remember(request, PasskeySignIn.REGISTRATION_CEREMONY, start.ceremonyId());
        return ResponseEntity.ok(start.optionsJson());
    }

    /** Body: {@code {"name": "...", "credential": <PublicKeyCredential.toJSON()>}}. */
    @PostMapping(path = "/account/passkeys", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public ResponseEntity<Map<String, String>> register(
            @RequestBody(required = false) @Nullable String body,
            HttpServletRequest request,
            HttpServletResponse response) {
        Optional<PhoenixUser> user = registeringUser(request);
        Optional<String> ceremony = PasskeySignIn.take(request, PasskeySignIn.REGISTRATION_CEREMONY);
        if (user.isEmpty() || ceremony.isEmpty() || body == null) {
            return failed("no_ceremony");
        }
        String name;
        String credentialJson;
        try {
            JsonNode root = JSON.readTree(body);
            name = root.path("name").asString("");
            credentialJson = JSON.writeValueAsString(root.path("credential"));
        } catch (RuntimeException ex) {
            return failed("malformed_request");
        }
        RegisteredCredential registered;
        try {
            // the ceremony was started for this user's handle; the credential is stored under it
            registered = this.registration.finish(ceremony.get(), credentialJson, name);
        } catch (WebAuthnCeremonyException ex) {
            LOG.info("Passkey registration failed: {}", ex.reason());
            return failed(ex.reason());
        }
        PasskeyCredential credential = registered.credential();
        this.audit.event(
                "passkey.added",
                "username",
                user.get().username(),
                "credential",
                PasskeySignIn.credentialRef(credential.credentialId()),
                "attestation",
                credential.attestationFormat(),
                "uv",
                registered.userVerified());
        if (this.signIn.signedInUser().isEmpty()) {
            // first passkey of a second-factor user: password + this ceremony complete the sign-in
            String next = this.signIn.signIn(request, response, user.get(), true);
            return ResponseEntity.ok(Map.of("status", "ok", "redirect", next));
        }
        return ResponseEntity.ok(Map.of("status", "ok", "redirect", "/account"));
    }

    /** Removes one of the user's passkeys (a plain form post: works without JavaScript). */
    @PostMapping("/account/passkeys/delete")
    public String remove(@RequestParam("credentialId") String credentialId) {
        PhoenixUser user = this.signIn.signedInUser().orElse(null);
        if (user == null) {
            return "redirect:/login";
        }
        byte[] id;
        try {
            id = Base64.getUrlDecoder().decode(credentialId);
        } catch (IllegalArgumentException ex) {
            return "redirect:/account";
        }
        if (this.credentials.delete(this.passkeyUsers.userHandle(user), id)) {
            this.audit.event(
                    "passkey.removed", "username", user.username(), "credential", PasskeySignIn.credentialRef(id));
        }
        return "redirect:/account?removed";
    }

    /** Turns the "passkey after the password" requirement on or off. */
    @PostMapping("/account/mfa")
    public String secondFactor(@RequestParam("enabled") boolean enabled) {
        PhoenixUser user = this.signIn.signedInUser().orElse(null);
        if (user == null) {
            return "redirect:/login";
        }
        this.users.updateMfa(user.username(), enabled ? SecondFactorLoginSuccessHandler.MFA_PASSKEY : null);
        this.audit.event("user.mfa_changed", "username", user.username(), "mfa", enabled ? "passkey" : "none");
        return "redirect:/account";
    }

    /**
     * Who may register now: the signed-in user, or a pending second-factor user who has no
     * passkey yet (one with a passkey must use it, not add another).
     */
    private Optional<PhoenixUser> registeringUser(HttpServletRequest request) {
        Optional<PhoenixUser> signedIn = this.signIn.signedInUser();
        if (signedIn.isPresent()) {
            return signedIn;
        }
        return this.signIn
                .pendingUser(request)
                .filter((u) -> this.credentials
                        .findByUserHandle(this.passkeyUsers.userHandle(u))
                        .isEmpty());
    }

    private ResponseEntity<Map<String, String>> failed(String reason) {
        this.audit.event("passkey.registration_failed", "reason", reason);
        return ResponseEntity.badRequest()
                .body(Map.of("status", "failed", "message", "The passkey could not be registered."));
    }

    static String format(Instant instant) {
        return TIME.format(instant);
    }
}
