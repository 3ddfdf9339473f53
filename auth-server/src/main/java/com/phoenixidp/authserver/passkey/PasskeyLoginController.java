package com.phoenixidp.authserver.passkey;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.observability.PhoenixMetrics;
import com.phoenixidp.authserver.observability.PhoenixMetrics.LoginMethod;
import com.phoenixidp.authserver.observability.PhoenixMetrics.LoginOutcome;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.webauthn.CounterRegressionException;
import com.phoenixidp.webauthn.WebAuthnCeremonyException;
import com.phoenixidp.webauthn.authentication.AuthenticationResult;
import com.phoenixidp.webauthn.authentication.AuthenticationService;
import com.phoenixidp.webauthn.authentication.AuthenticationStart;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Browser-facing passkey sign-in (WebAuthn L3 §7.2), CSRF-protected: username-less login from the
 * login page ({@code /passkey/login/*}) and the second-factor step after a password
 * ({@code /login/passkey} page, {@code /passkey/verify/*}). The ceremony id stays in the session.
 * Failures answer a generic 400; the reason goes to the log. Outcomes are counted in {@code
 * phoenix_logins_total{method="passkey"}}.
 */
@Controller
public class PasskeyLoginController {

    private static final Logger LOG = LoggerFactory.getLogger(PasskeyLoginController.class);

    private final AuthenticationService authentication;

    private final PasskeyUsers passkeyUsers;

    private final PasskeySignIn signIn;

    private final AuditLog audit;

    private final PhoenixMetrics metrics;

    public PasskeyLoginController(
            AuthenticationService authentication,
            PasskeyUsers passkeyUsers,
            PasskeySignIn signIn,
            AuditLog audit,
            PhoenixMetrics metrics) {
        this.authentication = authentication;
        this.passkeyUsers = passkeyUsers;
        this.signIn = signIn;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** Options for a username-less assertion (empty allowCredentials: discoverable credentials). */
    @PostMapping(path = "/passkey/login/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public ResponseEntity<String> loginOptions(HttpServletRequest request) {
        AuthenticationStart start = this.authentication.start(Optional.empty());
        PasskeySignIn.remember(request, PasskeySignIn.LOGIN_CEREMONY, start.ceremonyId());
        return ResponseEntity.ok(start.optionsJson());
    }

    @PostMapping(path = "/passkey/login", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public ResponseEntity<Map<String, String>> login(
            @RequestBody(required = false) @Nullable String credentialJson,
            HttpServletRequest request,
            HttpServletResponse response) {
        Optional<String> ceremony = PasskeySignIn.take(request, PasskeySignIn.LOGIN_CEREMONY);
        if (ceremony.isEmpty() || credentialJson == null) {
            return failed("no_ceremony", null);
        }
        AuthenticationResult result;
        try {
            result = this.authentication.finish(ceremony.get(), credentialJson);
        } catch (WebAuthnCeremonyException ex) {
            return ceremonyFailed(ex, "passwordless", credentialJson);
        }
        Optional<PhoenixUser> user =
                this.passkeyUsers.findByUserHandle(result.userHandle()).filter(PhoenixUser::enabled);
        if (user.isEmpty()) {
            return failed("unknown_or_disabled_user", result.credentialId());
        }
        // A user who asked for two factors only gets in with one passkey if it verified the user.
        if (SecondFactorLoginSuccessHandler.MFA_PASSKEY.equals(user.get().mfa()) && !result.userVerified()) {
            return failed("user_verification_required_for_mfa_user", result.credentialId());
        }
        this.audit.event(
                "passkey.used",
                "username",
                user.get().username(),
                "credential",
                PasskeySignIn.credentialRef(result.credentialId()),
                "mode",
                "passwordless",
                "uv",
                result.userVerified());
        this.metrics.login(LoginMethod.PASSKEY, LoginOutcome.SUCCESS);
        String next = this.signIn.signIn(request, response, user.get(), false);
        return ResponseEntity.ok(Map.of("status", "ok", "redirect", next));
    }

    /** The second-factor page shown after a password for users with {@code mfa=passkey}. */
    @GetMapping("/login/passkey")
    public String secondFactorPage(HttpServletRequest request, Model model) {
        Optional<PhoenixUser> pending = this.signIn.pendingUser(request);
        if (pending.isEmpty()) {
            return "redirect:/login";
        }
        model.addAttribute("username", pending.get().username());
        return "passkey-verify";
    }

    @PostMapping(path = "/passkey/verify/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public ResponseEntity<String> verifyOptions(HttpServletRequest request) {
        Optional<PhoenixUser> pending = this.signIn.pendingUser(request);
        if (pending.isEmpty()) {
            return ResponseEntity.status(403).body("{\"status\":\"failed\"}");
        }
        AuthenticationStart start = this.authentication.start(Optional.of(this.passkeyUsers.userHandle(pending.get())));
        PasskeySignIn.remember(request, PasskeySignIn.LOGIN_CEREMONY, start.ceremonyId());
        return ResponseEntity.ok(start.optionsJson());
    }

    @PostMapping(path = "/passkey/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public ResponseEntity<Map<String, String>> verify(
            @RequestBody(required = false) @Nullable String credentialJson,
            HttpServletRequest request,
            HttpServletResponse response) {
        Optional<PhoenixUser> pending = this.signIn.pendingUser(request);
        Optional<String> ceremony = PasskeySignIn.take(request, PasskeySignIn.LOGIN_CEREMONY);
        if (pending.isEmpty() || ceremony.isEmpty() || credentialJson == null) {
            return failed("no_pending_second_factor", null);
        }
        AuthenticationResult result;
        try {
            // the ceremony was started for the pending user's handle: another user's passkey fails
            result = this.authentication.finish(ceremony.get(), credentialJson);
        } catch (WebAuthnCeremonyException ex) {
            return ceremonyFailed(ex, "second_factor", credentialJson);
        }
        this.audit.event(
                "passkey.used",
                "username",
                pending.get().username(),
                "credential",
                PasskeySignIn.credentialRef(result.credentialId()),
                "mode",
                "second_factor",
                "uv",
                result.userVerified());
        this.metrics.login(LoginMethod.PASSKEY, LoginOutcome.SUCCESS);
        String next = this.signIn.signIn(request, response, pending.get(), true);
        return ResponseEntity.ok(Map.of("status", "ok", "redirect", next));
    }

    private ResponseEntity<Map<String, String>> ceremonyFailed(
            WebAuthnCeremonyException ex, String mode, String credentialJson) {
        String credential = PasskeySignIn.credentialRefOf(credentialJson);
        if (ex instanceof CounterRegressionException) {
            // WebAuthn L3 §6.1.1: the library has flagged the credential as possibly cloned
            this.audit.event(
                    "passkey.counter_regression",
                    "credential",
                    credential,
                    "mode",
                    mode,
                    "action",
                    "login_refused_clone_suspected");
        }
        this.audit.event("passkey.login_failed", "mode", mode, "reason", ex.reason(), "credential", credential);
        this.metrics.login(LoginMethod.PASSKEY, LoginOutcome.FAILURE);
        LOG.info("Passkey sign-in failed: {}", ex.reason());
        return ResponseEntity.badRequest()
                .body(Map.of("status", "failed", "message", "Sign-in with the passkey failed."));
    }

    private ResponseEntity<Map<String, String>> failed(String reason, byte @Nullable [] credentialId) {
        this.metrics.login(LoginMethod.PASSKEY, LoginOutcome.FAILURE);
        this.audit.event(
                "passkey.login_failed",
                "reason",
                reason,
                "credential",
                (credentialId != null) ? PasskeySignIn.credentialRef(credentialId) : null);
        return ResponseEntity.badRequest()
                .body(Map.of("status", "failed", "message", "Sign-in with the passkey failed."));
    }
}
