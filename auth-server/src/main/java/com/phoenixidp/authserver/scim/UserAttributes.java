package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserDraft;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Writes one SCIM User attribute (RFC 7643 section 4.1) into a {@link UserDraft}: the shared
 * step of POST, PUT and PATCH. It only translates the wire format; whether the result is
 * acceptable (username rules, required values, password policy, e-mail syntax) is decided by
 * {@link com.phoenixidp.authserver.user.UserService}. Complex values merge into the current ones
 * (RFC 7644 section 3.5.2.3: sub-attributes not given are left unchanged). {@code emails} is
 * single-valued here: the primary (else the first) value is the user's e-mail address.
 */
final class UserAttributes {

    /** Attributes a client may write, by lower-case name. */
    static final Set<String> WRITABLE =
            Set.of("username", "displayname", "name", "emails", "externalid", "active", "password");

    /** Attributes the server owns: changing them is a {@code mutability} error in PATCH. */
    static final Set<String> READ_ONLY = Set.of("id", "meta", "groups", "schemas");

    private UserAttributes() {}

    static boolean isReadOnly(String attribute) {
        return READ_ONLY.contains(attribute) || attribute.startsWith(ScimSchemas.PHOENIX_USER_KEY);
    }

    /** Sets {@code attribute[.sub]} from {@code value}; JSON null unassigns it. */
    static UserDraft set(UserDraft draft, String attribute, @Nullable String sub, @Nullable JsonNode value) {
        checkSubAttribute(attribute, sub);
        if (ScimJson.isNull(value)) {
            return clear(draft, attribute, sub);
        }
        return switch (attribute) {
            case "username" -> draft.withUsername(ScimJson.string(value, "userName"));
            case "displayname" -> draft.withDisplayName(ScimJson.string(value, "displayName"));
            case "externalid" -> draft.withExternalId(ScimJson.string(value, "externalId"));
            case "active" -> draft.withActive(ScimJson.bool(value, "active"));
            case "password" -> draft.withPassword(ScimJson.string(value, "password"));
            case "name" -> setName(draft, sub, value);
            case "emails" -> setEmails(draft, sub, value);
            default -> throw unknown(attribute);
        };
    }

    /** Unassigns {@code attribute[.sub]} (PATCH remove, or a JSON null). */
    static UserDraft clear(UserDraft draft, String attribute, @Nullable String sub) {
        checkSubAttribute(attribute, sub);
        return switch (attribute) {
            // userName is required: the service refuses the empty draft with invalidValue
            case "username" -> draft.withUsername(null);
            case "displayname" -> draft.withDisplayName(null);
            case "externalid" -> draft.withExternalId(null);
            case "active" -> throw ScimException.invalidValue("active cannot be removed; replace it with false");
            case "password" -> throw ScimException.invalidValue("password cannot be removed; replace it");
            case "name" -> {
                if (sub == null) {
                    yield draft.withName(null, null);
                }
                yield setNamePart(draft, sub, null);
            }
            case "emails" -> (sub == null || "value".equals(sub)) ? draft.withEmail(null, false) : draft;
            default -> throw unknown(attribute);
        };
    }

    /**
     * Whether the e-mail address stays verified: only when it is the address the user already
     * had, verified. An address set through SCIM is not one Phoenix has verified.
     */
    static UserDraft settleEmailVerification(UserDraft draft, @Nullable PhoenixUser current) {
        boolean verified = current != null
                && current.emailVerified()
                && draft.email() != null
                && draft.email().equalsIgnoreCase(current.email());
        return draft.withEmail(draft.email(), verified);
    }

    private static UserDraft setName(UserDraft draft, @Nullable String sub, @Nullable JsonNode value) {
        if (sub != null) {
            return setNamePart(draft, sub, ScimJson.string(value, "name." + sub));
        }
        Map<String, JsonNode> parts = ScimJson.members(value, "name");
        UserDraft result = draft;
        if (parts.containsKey("givenname")) {
            result = setNamePart(result, "givenname", ScimJson.string(parts.get("givenname"), "name.givenName"));
        }
        if (parts.containsKey("familyname")) {
            result = setNamePart(result, "familyname", ScimJson.string(parts.get("familyname"), "name.familyName"));
        }
        return result;
    }

    private static UserDraft setNamePart(UserDraft draft, String sub, @Nullable String value) {
        return switch (sub) {
            case "givenname" -> draft.withName(value, draft.familyName());
            case "familyname" -> draft.withName(draft.givenName(), value);
            default -> throw unknown("name." + sub);
        };
    }

    private static UserDraft setEmails(UserDraft draft, @Nullable String sub, @Nullable JsonNode value) {
        if ("value".equals(sub)) {
            return draft.withEmail(ScimJson.string(value, "emails.value"), false);
        }
        if (sub != null) {
            if (Set.of("type", "primary", "display").contains(sub)) {
                return draft; // one address, always the primary work address
            }
            throw unknown("emails." + sub);
        }
        if (value == null) {
            throw ScimException.invalidValue("emails needs a value");
        }
        if (value.isObject()) {
            return draft.withEmail(emailValue(value), false);
        }
        if (!(value instanceof ArrayNode list)) {
            throw ScimException.invalidValue("emails must be an array of {value, type, primary}");
        }
        JsonNode chosen = null;
        for (JsonNode element : list) {
            if (!element.isObject()) {
                throw ScimException.invalidValue("emails must be an array of {value, type, primary}");
            }
            JsonNode primary = ScimJson.member(element, "primary");
            boolean isPrimary = !ScimJson.isNull(primary) && ScimJson.bool(primary, "emails.primary");
            if (chosen == null || isPrimary) {
                chosen = element;
            }
            if (isPrimary) {
                break;
            }
        }
        return draft.withEmail((chosen != null) ? emailValue(chosen) : null, false);
    }

    private static @Nullable String emailValue(JsonNode email) {
        return ScimJson.string(ScimJson.member(email, "value"), "emails.value");
    }

    private static void checkSubAttribute(String attribute, @Nullable String sub) {
        if (sub != null && !"name".equals(attribute) && !"emails".equals(attribute)) {
            throw unknown(attribute + "." + sub);
        }
    }

    private static ScimException unknown(String attribute) {
        return ScimException.invalidPath("'" + attribute + "' is not an attribute of a User here");
    }
}
