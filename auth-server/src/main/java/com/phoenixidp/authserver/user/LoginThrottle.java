package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.observability.PhoenixMetrics;
import com.phoenixidp.authserver.observability.PhoenixMetrics.LoginMethod;
import com.phoenixidp.authserver.observability.PhoenixMetrics.LoginOutcome;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Audits password sign-ins (the login page and the legacy password grant go through the same
 * authentication manager), and gives the account pages the throttle's view of an account. The
 * throttling itself (per-account exponential back-off, per-address limit, counters in the
 * database so every node sees them) is {@link PasswordThrottle}, applied around the password
 * check by {@link ThrottledAuthenticationProvider}. Each outcome is also counted in
 * {@code phoenix_logins_total}.
 */
@Component
public class LoginThrottle {

    private final PasswordThrottle throttle;

    private final AuditLog audit;

    private final PhoenixMetrics metrics;

    public LoginThrottle(PasswordThrottle throttle, AuditLog audit, PhoenixMetrics metrics) {
        this.throttle = throttle;
        this.audit = audit;
        this.metrics = metrics;
    }

    @EventListener
    public void onFailure(AbstractAuthenticationFailureEvent event) {
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)) {
            return;
        }
        String username = event.getAuthentication().getName();
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            this.audit.event("login.failed", "username", username, "reason", "bad_credentials");
            this.metrics.login(LoginMethod.PASSWORD, LoginOutcome.BAD_CREDENTIALS);
        } else if (event instanceof AuthenticationFailureLockedEvent) {
            this.audit.event("login.failed", "username", username, "reason", "locked");
            this.metrics.login(LoginMethod.PASSWORD, LoginOutcome.LOCKED);
        } else {
            this.metrics.login(LoginMethod.PASSWORD, LoginOutcome.FAILURE);
            this.audit.event(
                    "login.failed",
                    "username",
                    username,
                    "reason",
                    event.getException().getClass().getSimpleName());
        }
    }

    @EventListener
    public void onSuccess(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken token)
                || !(token.getPrincipal() instanceof org.springframework.security.core.userdetails.UserDetails)) {
            return;
        }
        this.audit.event("login.succeeded", "username", token.getName(), "method", "password");
        this.metrics.login(LoginMethod.PASSWORD, LoginOutcome.SUCCESS);
    }

    // ---------------------------------------------------------------- passwords checked outside sign-in
    // (account page: the current password before a change); same counters as the login form

    /** Counts a wrong password given for {@code username}, as a failed sign-in does (account only). */
    public void recordWrongPassword(String username) {
        this.throttle.recordFailure(username, null, true);
    }

    /** True while password attempts for the user must wait (the account's back-off). */
    public boolean isLocked(PhoenixUser user) {
        return this.throttle.blocked(user.username(), null).isPresent();
    }

    /** A new password: the account's back-off ends. */
    public void reset(String username) {
        this.throttle.reset(username);
    }
}
