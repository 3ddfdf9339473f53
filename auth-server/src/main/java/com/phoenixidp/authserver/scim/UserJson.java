package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.user.PhoenixGroup;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserDraft;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A user as a SCIM User resource (RFC 7643 section 4.1, with Phoenix's extension carrying the
 * read-only {@code source}), and a POST/PUT body as a {@link UserDraft}. The password is
 * write-only: it is never part of a resource. In a body, read-only and unknown attributes are
 * ignored (RFC 7644 sections 3.3, 3.5.1).
 */
final class UserJson {

    private UserJson() {}

    static ObjectNode resource(PhoenixUser user, List<PhoenixGroup> groups, String base) {
        ObjectNode node = ScimJson.object();
        node.putArray("schemas").add(ScimSchemas.USER).add(ScimSchemas.PHOENIX_USER);
        node.put("id", user.id());
        if (user.externalId() != null) {
            node.put("externalId", user.externalId());
        }
        node.put("userName", user.username());
        if (user.givenName() != null || user.familyName() != null) {
            ObjectNode name = node.putObject("name");
            if (user.givenName() != null) {
                name.put("givenName", user.givenName());
            }
            if (user.familyName() != null) {
                name.put("familyName", user.familyName());
            }
        }
        if (user.displayName() != null) {
            node.put("displayName", user.displayName());
        }
        if (user.email() != null) {
            node.putArray("emails")
                    .addObject()
                    .put("value", user.email())
                    .put("type", "work")
                    .put("primary", true);
        }
        node.put("active", user.enabled());
        ArrayNode memberOf = node.putArray("groups");
        for (PhoenixGroup group : groups) {
            memberOf.addObject()
                    .put("value", group.id())
                    .put("$ref", base + "/Groups/" + group.id())
                    .put("display", group.name())
                    .put("type", "direct");
        }
        node.putObject(ScimSchemas.PHOENIX_USER).put("source", user.source());
        node.set(
                "meta",
                ScimResponses.meta(
                        "User", user.createdAt(), user.updatedAt(), base + "/Users/" + user.id(), user.version()));
        return node;
    }

    /** The draft of a new user (POST): {@code active} defaults to true. */
    static UserDraft forCreate(JsonNode body) {
        UserDraft empty = new UserDraft(null, null, null, false, null, null, null, null, true, null);
        return UserAttributes.settleEmailVerification(apply(empty, body), null);
    }

    /**
     * The draft replacing {@code current} (PUT, RFC 7644 section 3.5.1): attributes left out are
     * unassigned, except {@code active} and the password, which stay as they are unless given.
     */
    static UserDraft forReplace(PhoenixUser current, JsonNode body) {
        UserDraft cleared =
                new UserDraft(null, null, null, false, null, null, null, null, current.enabled(), current.mfa());
        return UserAttributes.settleEmailVerification(apply(cleared, body), current);
    }

    private static UserDraft apply(UserDraft draft, JsonNode body) {
        UserDraft result = draft;
        for (Map.Entry<String, JsonNode> entry :
                ScimJson.members(body, "the User").entrySet()) {
            if (UserAttributes.WRITABLE.contains(entry.getKey())) {
                boolean keep = "active".equals(entry.getKey()) || "password".equals(entry.getKey());
                if (keep && ScimJson.isNull(entry.getValue())) {
                    continue; // unassigned: the default (create) or the current value (replace)
                }
                result = UserAttributes.set(result, entry.getKey(), null, entry.getValue());
            }
        }
        return result;
    }
}
