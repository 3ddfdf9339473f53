package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.user.GroupRepository;
import com.phoenixidp.authserver.user.PhoenixGroup;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A group as a SCIM Group resource (RFC 7643 section 4.2) with its members ({@code value},
 * {@code display}, {@code $ref}, {@code type} User), and a POST/PUT body as name, external id
 * and member ids. Members are users; nested groups are not supported.
 */
final class GroupJson {

    /** Attributes the server owns: changing them is a {@code mutability} error in PATCH. */
    static final Set<String> READ_ONLY = Set.of("id", "meta", "schemas");

    /** A POST/PUT body: {@code displayName}, {@code externalId}, member user ids. */
    record Body(@Nullable String name, @Nullable String externalId, Set<String> memberIds) {}

    private GroupJson() {}

    static ObjectNode resource(PhoenixGroup group, List<GroupRepository.Member> members, String base) {
        ObjectNode node = ScimJson.object();
        node.putArray("schemas").add(ScimSchemas.GROUP);
        node.put("id", group.id());
        if (group.externalId() != null) {
            node.put("externalId", group.externalId());
        }
        node.put("displayName", group.name());
        ArrayNode list = node.putArray("members");
        for (GroupRepository.Member member : members) {
            list.addObject()
                    .put("value", member.userId())
                    .put("$ref", base + "/Users/" + member.userId())
                    .put("display", member.username())
                    .put("type", "User");
        }
        node.set(
                "meta",
                ScimResponses.meta(
                        "Group",
                        group.createdAt(),
                        group.updatedAt(),
                        base + "/Groups/" + group.id(),
                        group.version()));
        return node;
    }

    static Body body(JsonNode json) {
        Map<String, JsonNode> members = ScimJson.members(json, "the Group");
        return new Body(
                ScimJson.string(members.get("displayname"), "displayName"),
                ScimJson.string(members.get("externalid"), "externalId"),
                ScimJson.isNull(members.get("members")) ? Set.of() : memberIds(members.get("members")));
    }

    /** User ids from {@code [{"value": id}, ...]} (a single object is taken as a list of one). */
    static Set<String> memberIds(@Nullable JsonNode value) {
        List<JsonNode> elements = new ArrayList<>();
        if (value != null && value.isObject()) {
            elements.add(value);
        } else if (value instanceof ArrayNode array) {
            array.forEach(elements::add);
        } else {
            throw ScimException.invalidValue("members must be an array of {\"value\": user id}");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode element : elements) {
            if (!element.isObject()) {
                throw ScimException.invalidValue("members must be an array of {\"value\": user id}");
            }
            JsonNode type = ScimJson.member(element, "type");
            if (!ScimJson.isNull(type) && !"User".equalsIgnoreCase(ScimJson.string(type, "members.type"))) {
                throw ScimException.invalidValue("members are users: nested groups are not supported");
            }
            String id = ScimJson.string(ScimJson.member(element, "value"), "members.value");
            if (id == null) {
                throw ScimException.invalidValue("each member needs a value (a user id)");
            }
            ids.add(id);
        }
        return ids;
    }
}
