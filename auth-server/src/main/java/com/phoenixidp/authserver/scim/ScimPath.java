package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.management.Filter;
import org.jspecify.annotations.Nullable;

/**
 * A PATCH operation's target (RFC 7644 section 3.5.2): an attribute (lower case; a non-core
 * schema URN stays in front, e.g. {@code urn:phoenixidp:scim:schemas:extension:2.0:user:source}),
 * an optional sub-attribute, and for a value path the filter selecting values of a multi-valued
 * attribute (its attribute names relative, e.g. {@code value eq "..."} for {@code members[...]}).
 */
record ScimPath(
        String attribute,
        @Nullable String subAttribute,
        @Nullable Filter valueFilter) {

    /** The path without its value filter, as {@code attribute} or {@code attribute.sub}. */
    String plain() {
        return (this.subAttribute != null) ? this.attribute + "." + this.subAttribute : this.attribute;
    }
}
