package com.phoenixidp.authserver.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * One operation of a SCIM PATCH request (RFC 7644 section 3.5.2): {@code op} (case-insensitive:
 * Microsoft Entra ID sends {@code Replace}), an optional parsed {@code path}, and the JSON
 * {@code value} (null when absent).
 */
record PatchOperation(
        Op op, @Nullable ScimPath path, @Nullable JsonNode value) {

    /** Most operations accepted in one request. */
    static final int MAX_OPERATIONS = 1000;

    enum Op {
        ADD,
        REPLACE,
        REMOVE
    }

    /** Reads the {@code Operations} of a PatchOp message; a malformed message is {@code invalidSyntax}. */
    static List<PatchOperation> parse(JsonNode body) {
        Map<String, JsonNode> members = ScimJson.members(body, "the PATCH request");
        JsonNode operations = members.get("operations");
        if (!(operations instanceof ArrayNode list) || list.isEmpty()) {
            throw ScimException.invalidSyntax("a PATCH request needs a non-empty 'Operations' array");
        }
        if (list.size() > MAX_OPERATIONS) {
            throw ScimException.invalidSyntax("at most " + MAX_OPERATIONS + " operations per PATCH request");
        }
        List<PatchOperation> result = new ArrayList<>();
        for (JsonNode element : list) {
            if (!element.isObject()) {
                throw ScimException.invalidSyntax("each PATCH operation must be a JSON object");
            }
            result.add(one(ScimJson.members(element, "a PATCH operation")));
        }
        return result;
    }

    private static PatchOperation one(Map<String, JsonNode> operation) {
        JsonNode opNode = operation.get("op");
        if (opNode == null || !opNode.isString()) {
            throw ScimException.invalidSyntax("each PATCH operation needs an 'op': add, replace or remove");
        }
        Op op = switch (opNode.stringValue().toLowerCase(Locale.ROOT)) {
            case "add" -> Op.ADD;
            case "replace" -> Op.REPLACE;
            case "remove" -> Op.REMOVE;
            default -> throw ScimException.invalidSyntax("'op' must be add, replace or remove");
        };
        JsonNode pathNode = operation.get("path");
        ScimPath path = null;
        if (!ScimJson.isNull(pathNode)) {
            if (!pathNode.isString()) {
                throw ScimException.invalidPath("'path' must be a string");
            }
            path = ScimFilterParser.parsePath(pathNode.stringValue());
        }
        JsonNode value = operation.get("value");
        if (op == Op.REMOVE && path == null) {
            // RFC 7644 3.5.2.2: "If "path" is unspecified, the operation fails ... noTarget"
            throw ScimException.noTarget("a remove operation needs a path");
        }
        if (op != Op.REMOVE && value == null) {
            throw ScimException.invalidValue("an " + op.name().toLowerCase(Locale.ROOT) + " operation needs a value");
        }
        return new PatchOperation(op, path, value);
    }
}
