package com.phoenixidp.authserver.scim;

import org.jspecify.annotations.Nullable;

/**
 * A SCIM request refused by the adapter itself, answered with the SCIM error schema (RFC 7644
 * section 3.12): HTTP status and, for 400 and 409, the {@code scimType}. The detail names the
 * attribute and rule, never a submitted value of a secret attribute.
 */
final class ScimException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    private final @Nullable String scimType;

    ScimException(int status, @Nullable String scimType, @Nullable String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    /** Malformed JSON, or a body that is not the message the endpoint takes. */
    static ScimException invalidSyntax(String detail) {
        return new ScimException(400, "invalidSyntax", detail);
    }

    static ScimException invalidValue(String detail) {
        return new ScimException(400, "invalidValue", detail);
    }

    static ScimException invalidFilter(String detail) {
        return new ScimException(400, "invalidFilter", detail);
    }

    /** A PATCH path that is malformed or names an attribute this server does not have. */
    static ScimException invalidPath(@Nullable String detail) {
        return new ScimException(400, "invalidPath", detail);
    }

    /** RFC 7644 section 3.5.2.2: {@code remove} without a path. */
    static ScimException noTarget(String detail) {
        return new ScimException(400, "noTarget", detail);
    }

    /** A change to a read-only attribute (id, meta, groups, source). */
    static ScimException mutability(String detail) {
        return new ScimException(400, "mutability", detail);
    }

    static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    static ScimException preconditionFailed() {
        return new ScimException(412, null, "the resource was changed since the given version (If-Match)");
    }

    int status() {
        return this.status;
    }

    /** RFC 7644 table 9, or null. */
    @Nullable
    String scimType() {
        return this.scimType;
    }
}
