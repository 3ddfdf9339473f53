package com.phoenixidp.webauthn;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Base type of every reason a WebAuthn registration (WebAuthn Level 3 §7.1) or authentication
 * (§7.2) ceremony fails. Each subclass stands for exactly one reason and carries a stable
 * {@link #reason()} code, meant for logs, audit events and tests. Messages never contain
 * challenges, signatures, keys or raw responses; at the HTTP edge answer with a generic error and
 * log the reason.
 */
public abstract class WebAuthnCeremonyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    protected WebAuthnCeremonyException(String reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    protected WebAuthnCeremonyException(String reason, String message) {
        this(reason, message, null);
    }

    /** Stable machine-readable failure code, e.g. {@code bad_challenge}. */
    public final String reason() {
        return reason;
    }
}
