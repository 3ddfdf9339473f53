package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.observability.PhoenixMetrics;
import com.phoenixidp.authserver.observability.PhoenixMetrics.LoginMethod;
import com.phoenixidp.authserver.observability.PhoenixMetrics.LoginOutcome;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Failed-login throttling for password logins (the login page and the legacy password grant go
 * through the same authentication manager): after {@code phoenix.login.max-failures} wrong
 * passwords the account is locked for {@code phoenix.login.lock-duration}. Counters live in the
 * database so every node sees them. Each outcome is also counted in {@code phoenix_logins_total}.
 */
@Component
public class LoginThrottle {

    private final UserRepository users;

    private final PhoenixProperties properties;

    private final Clock clock;

    private final AuditLog audit;

    private final PhoenixMetrics metrics;

    public LoginThrottle(
            UserRepository users, PhoenixProperties properties, Clock clock, AuditLog audit, PhoenixMetrics metrics) {
        this.users = users;
        this.properties = properties;
        this.clock = clock;
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
            this.users.recordFailure(
                    username,
                    this.properties.getLogin().getMaxFailures(),
                    this.clock.instant().plus(this.properties.getLogin().getLockDuration()));
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
        this.users.recordSuccess(token.getName());
        this.audit.event("login.succeeded", "username", token.getName(), "method", "password");
        this.metrics.login(LoginMethod.PASSWORD, LoginOutcome.SUCCESS);
    }

    // ---------------------------------------------------------------- passwords checked outside sign-in
    // (account page: the current password before a change); same counters as the login form

    /** Counts a wrong password given for {@code username}; locks the account as a failed sign-in does. */
    public void recordWrongPassword(String username) {
        this.users.recordFailure(
                username,
                this.properties.getLogin().getMaxFailures(),
                this.clock.instant().plus(this.properties.getLogin().getLockDuration()));
    }

    /** True while the user is locked after too many wrong passwords. */
    public boolean isLocked(PhoenixUser user) {
        return user.isLocked(this.clock.instant());
    }
}
