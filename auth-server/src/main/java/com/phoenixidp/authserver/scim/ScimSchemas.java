package com.phoenixidp.authserver.scim;

import java.util.Locale;

/** The schema and message URNs (RFC 7643 section 8.7, RFC 7644 section 3) and the media type. */
final class ScimSchemas {

    /** RFC 7644 section 8.1. */
    static final String MEDIA_TYPE = "application/scim+json";

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";

    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    /** Phoenix's own extension of User: read-only {@code source} (local, ldap, an upstream alias). */
    static final String PHOENIX_USER = "urn:phoenixidp:scim:schemas:extension:2.0:User";

    static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

    static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    /** The extension's URN in lower case, as attribute paths are compared. */
    static final String PHOENIX_USER_KEY = PHOENIX_USER.toLowerCase(Locale.ROOT);

    private ScimSchemas() {}

    /** True for the core User and Group schema URNs, which may prefix an attribute path. */
    static boolean isCore(String urn) {
        return USER.equalsIgnoreCase(urn) || GROUP.equalsIgnoreCase(urn);
    }
}
