package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.crypto.password.PasswordHasher;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.util.function.SingletonSupplier;

/**
 * Password sign-in (login page, password grant) behind the throttle ({@link PasswordThrottle}),
 * so that an attacker can neither guess fast nor tell accounts apart (OWASP ASVS 5.0 V6.3.1,
 * V6.3.8):
 * <ul>
 * <li>during an account's back-off, or when the client address is over its limit, the password
 * is not checked: the attempt is counted and refused with {@link LoginThrottledException}, after
 * comparing the password with a hash of a random secret, so it takes as long as a real check;</li>
 * <li>otherwise the delegate checks it (the delegate hashes for unknown users too, and checks an
 * account's status only after the password: disabled and locked cost the same as wrong); every
 * failure counts and starts or extends the back-off, a success ends it.</li>
 * </ul>
 * Passkey sign-in does not come here and is never throttled by password failures.
 */
public final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;

    private final PasswordThrottle throttle;

    private final PasswordHasher hasher;

    private final AuditLog audit;

    private final Supplier<String> unusableHash;

    public ThrottledAuthenticationProvider(
            AuthenticationProvider delegate, PasswordThrottle throttle, PasswordHasher hasher, AuditLog audit) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.unusableHash = SingletonSupplier.of(() -> hasher.hash(java.util.UUID.randomUUID() + "-never-a-password"));
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (!(authentication instanceof UsernamePasswordAuthenticationToken)) {
            return this.delegate.authenticate(authentication);
        }
        String username = authentication.getName();
        String address = addressOf(authentication);
        Optional<Duration> wait = this.throttle.blocked(username, address);
        if (wait.isPresent()) {
            spendHashTime(authentication.getCredentials());
            this.throttle.recordFailure(username, address, false);
            this.audit.event("login.failed", "username", username, "reason", "throttled", "address", address);
            throw new LoginThrottledException(wait.get());
        }
        Authentication result;
        try {
            result = this.delegate.authenticate(authentication);
        } catch (BadCredentialsException | AccountStatusException ex) {
            this.throttle.recordFailure(username, address, true);
            throw ex;
        }
        if (result != null && result.isAuthenticated()) {
            this.throttle.reset(username);
        }
        return result;
    }

    /** A comparison with the hash of a random secret: as slow as checking a real password, never true. */
    private void spendHashTime(@Nullable Object credentials) {
        this.hasher.matches(String.valueOf(credentials), this.unusableHash.get());
    }

    private static @Nullable String addressOf(Authentication authentication) {
        return (authentication.getDetails() instanceof WebAuthenticationDetails details)
                ? details.getRemoteAddress()
                : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return this.delegate.supports(authentication);
    }
}
