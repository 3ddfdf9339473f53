package com.phoenixidp.authserver.management;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A refused management operation (users, groups, clients), raised by the service layer and
 * translated by each protocol adapter into its own wire format: SCIM errors (RFC 7644 section
 * 3.12), RFC 7591 errors, admin API problem JSON, console messages, bootstrap start-up failures.
 * Messages name the field and the rule, never a secret or password.
 */
public class ManagementException extends RuntimeException {

    /** Why it was refused; each adapter maps these to its status codes. */
    public enum Reason {
        /** No such user, group or client (404). */
        NOT_FOUND,
        /** A unique value is taken: username, group name, client id (409, SCIM {@code uniqueness}). */
        CONFLICT,
        /** A field breaks a rule (400, SCIM {@code invalidValue}, RFC 7591 {@code invalid_client_metadata}). */
        INVALID_VALUE,
        /** The caller's version (If-Match) is stale (412). */
        PRECONDITION_FAILED
    }

    private final Reason reason;

    private final @Nullable String field;

    public ManagementException(Reason reason, @Nullable String field, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = field;
    }

    public static ManagementException notFound(String what) {
        return new ManagementException(Reason.NOT_FOUND, null, what + " not found");
    }

    public static ManagementException conflict(String field, String message) {
        return new ManagementException(Reason.CONFLICT, field, message);
    }

    public static ManagementException invalid(String field, String message) {
        return new ManagementException(Reason.INVALID_VALUE, field, field + ": " + message);
    }

    public static ManagementException stale() {
        return new ManagementException(
                Reason.PRECONDITION_FAILED, null, "the resource was changed since the given version");
    }

    public Reason reason() {
        return this.reason;
    }

    /** The offending field (bootstrap/admin API name, e.g. {@code redirect-uris}), or null. */
    /** Never null: every ManagementException is made with a message. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage(), "message");
    }

    public @Nullable String field() {
        return this.field;
    }
}
