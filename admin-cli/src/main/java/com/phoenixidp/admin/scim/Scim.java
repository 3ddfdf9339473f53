package com.phoenixidp.admin.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.phoenixidp.admin.AdminException;
import com.phoenixidp.admin.http.AdminApi;
import com.phoenixidp.admin.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The SCIM 2.0 calls of {@code phoenix-admin} (RFC 7644): users and groups found by name with a
 * filter (3.4.2.2), listed page by page (3.4.2.4), created (3.3), patched (3.5.2) and deleted
 * (3.6). Names are resolved to ids first; an unknown name is exit 1.
 */
public final class Scim {

    public static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

    public static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    /** Phoenix's user extension: {@code source} is {@code local}, {@code ldap} or {@code upstream}. */
    public static final String PHOENIX_USER = "urn:phoenixidp:scim:schemas:extension:2.0:User";

    static final String BASE = "/scim/v2";

    static final int PAGE_SIZE = 100;

    private final AdminApi api;

    public Scim(AdminApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** The user with this {@code userName}; exit 1 with {@code no user named 'x'} if there is none. */
    public JsonNode user(String userName) {
        return find("Users", "userName", userName, "user named");
    }

    /** The group with this {@code displayName}; exit 1 with {@code no group named 'x'} if there is none. */
    public JsonNode group(String displayName) {
        return find("Groups", "displayName", displayName, "group named");
    }

    /** Every resource of a type ({@code Users}, {@code Groups}), fetched {@value #PAGE_SIZE} at a time. */
    public List<JsonNode> list(String type) {
        List<JsonNode> all = new ArrayList<>();
        int startIndex = 1;
        while (true) {
            JsonNode page = this.api.get(BASE + "/" + type + "?startIndex=" + startIndex + "&count=" + PAGE_SIZE);
            if (page == null) {
                return all;
            }
            JsonNode resources = page.path("Resources");
            if (!resources.isArray() || resources.isEmpty()) {
                return all;
            }
            resources.forEach(all::add);
            int total = page.path("totalResults").asInt(all.size());
            if (all.size() >= total) {
                return all;
            }
            startIndex += resources.size();
        }
    }

    public @Nullable JsonNode create(String type, ObjectNode resource) {
        return this.api.post(BASE + "/" + type, resource);
    }

    /** Applies PATCH operations (RFC 7644 3.5.2); the updated resource, or null if the server sent none. */
    public @Nullable JsonNode patch(String type, String id, ObjectNode... operations) {
        ObjectNode body = Json.object();
        body.putArray("schemas").add(PATCH_OP);
        ArrayNode list = body.putArray("Operations");
        for (ObjectNode operation : operations) {
            list.add(operation);
        }
        return this.api.patch(BASE + "/" + type + "/" + AdminApi.segment(id), body);
    }

    public void delete(String type, String id) {
        this.api.delete(BASE + "/" + type + "/" + AdminApi.segment(id));
    }

    /** {@code {"op":"replace","value":{attribute: value}}}. */
    public static ObjectNode replace(String attribute, boolean value) {
        ObjectNode operation = Json.object().put("op", "replace");
        operation.putObject("value").put(attribute, value);
        return operation;
    }

    /** {@code {"op":"replace","path":path,"value":value}}. */
    public static ObjectNode replacePath(String path, String value) {
        return Json.object().put("op", "replace").put("path", path).put("value", value);
    }

    /** {@code {"op":"add","path":"members","value":[{"value":userId}]}}. */
    public static ObjectNode addMember(String userId) {
        ObjectNode operation = Json.object().put("op", "add").put("path", "members");
        operation.putArray("value").addObject().put("value", userId);
        return operation;
    }

    /** {@code {"op":"remove","path":"members[value eq \"userId\"]"}}. */
    public static ObjectNode removeMember(String userId) {
        return Json.object().put("op", "remove").put("path", "members[value eq " + quote(userId) + "]");
    }

    /** {@code attribute eq "value"}, the value as a JSON string (RFC 7644 3.4.2.2). */
    static String equalsFilter(String attribute, String value) {
        return attribute + " eq " + quote(value);
    }

    static String quote(String value) {
        return TextNode.valueOf(value).toString();
    }

    /** The id of a resource, which every SCIM resource has (RFC 7643 3.1). */
    public static String id(@Nullable JsonNode resource) {
        String id = Json.text(resource, "id");
        if (id == null) {
            throw AdminException.unavailable("unexpected SCIM answer: a resource without an id");
        }
        return id;
    }

    private JsonNode find(String type, String attribute, String value, String what) {
        if (value.isBlank()) {
            throw AdminException.usage("the name must not be empty");
        }
        JsonNode answer = this.api.get(
                BASE + "/" + type + "?filter=" + AdminApi.query(equalsFilter(attribute, value)) + "&count=10");
        JsonNode resources = (answer != null) ? answer.path("Resources") : null;
        List<JsonNode> matches = new ArrayList<>();
        if (resources != null && resources.isArray()) {
            resources.forEach(matches::add);
        }
        // userName is case-insensitive in SCIM (RFC 7643 4.1.1): prefer the exact spelling
        for (JsonNode match : matches) {
            if (value.equals(Json.text(match, attribute))) {
                return match;
            }
        }
        List<JsonNode> sameIgnoringCase = matches.stream()
                .filter((m) -> value.toLowerCase(Locale.ROOT)
                        .equals(String.valueOf(Json.text(m, attribute)).toLowerCase(Locale.ROOT)))
                .toList();
        if (sameIgnoringCase.size() == 1) {
            return sameIgnoringCase.get(0);
        }
        throw AdminException.refused("no " + what + " '" + value + "'");
    }
}
