package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.management.Filter;
import com.phoenixidp.authserver.user.GroupRepository;
import com.phoenixidp.authserver.user.PhoenixGroup;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Applies SCIM PATCH operations (RFC 7644 section 3.5.2) to a group: {@code displayName},
 * {@code externalId} and {@code members} — {@code add} with {@code [{"value": userId}]},
 * {@code remove} with {@code members[value eq "userId"]} or with a value list (or all members
 * without either), {@code replace} of the whole list. The result is the group's wanted state;
 * the caller hands the difference to {@link com.phoenixidp.authserver.user.GroupService}.
 */
final class GroupPatchApplier {

    /** The group as the operations leave it: name, external id and member user ids. */
    record Result(@Nullable String name, @Nullable String externalId, Set<String> memberIds) {}

    private @Nullable String name;

    private @Nullable String externalId;

    /** Member user id to username (the member's {@code display}). */
    private final Map<String, String> members = new LinkedHashMap<>();

    private GroupPatchApplier(PhoenixGroup group, List<GroupRepository.Member> members) {
        this.name = group.name();
        this.externalId = group.externalId();
        members.forEach((m) -> this.members.put(m.userId(), m.username()));
    }

    static Result apply(PhoenixGroup group, List<GroupRepository.Member> members, List<PatchOperation> operations) {
        GroupPatchApplier applier = new GroupPatchApplier(group, members);
        for (PatchOperation operation : operations) {
            if (operation.path() != null) {
                applier.applyAt(operation.op(), operation.path(), operation.value());
                continue;
            }
            Map<String, JsonNode> values =
                    ScimJson.members(operation.value(), "the value of an operation without path");
            for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
                applier.applyAt(operation.op(), ScimFilterParser.parsePath(entry.getKey()), entry.getValue());
            }
        }
        return new Result(applier.name, applier.externalId, new LinkedHashSet<>(applier.members.keySet()));
    }

    private void applyAt(PatchOperation.Op op, ScimPath path, @Nullable JsonNode value) {
        String attribute = path.attribute();
        if (GroupJson.READ_ONLY.contains(attribute)) {
            throw ScimException.mutability("'" + path.plain() + "' is read-only");
        }
        if (!"members".equals(attribute) && (path.valueFilter() != null || path.subAttribute() != null)) {
            throw ScimException.invalidPath("'" + path.plain() + "' is not an attribute of a Group here");
        }
        switch (attribute) {
            case "displayname" ->
                this.name = (op == PatchOperation.Op.REMOVE)
                        ? null // required: the service refuses it with invalidValue
                        : ScimJson.string(value, "displayName");
            case "externalid" ->
                this.externalId = (op == PatchOperation.Op.REMOVE) ? null : ScimJson.string(value, "externalId");
            case "members" -> members(op, path, value);
            default -> throw ScimException.invalidPath("'" + path.plain() + "' is not an attribute of a Group here");
        }
    }

    private void members(PatchOperation.Op op, ScimPath path, @Nullable JsonNode value) {
        if (path.subAttribute() != null) {
            throw ScimException.invalidPath("members are changed as a whole {value}, not by sub-attribute");
        }
        Set<String> selected = (path.valueFilter() != null) ? select(path.valueFilter()) : null;
        switch (op) {
            case ADD -> GroupJson.memberIds(value).forEach((id) -> this.members.putIfAbsent(id, null));
            case REMOVE -> {
                if (selected != null) {
                    selected.forEach(this.members::remove);
                } else if (!ScimJson.isNull(value)) {
                    GroupJson.memberIds(value).forEach(this.members::remove);
                } else {
                    this.members.clear();
                }
            }
            case REPLACE -> {
                if (selected != null) {
                    // RFC 7644 3.5.2.3: a value filter that matches nothing is noTarget
                    if (selected.isEmpty()) {
                        throw ScimException.noTarget("no member matches the filter of '" + path.plain() + "'");
                    }
                    selected.forEach(this.members::remove);
                } else {
                    this.members.clear();
                }
                GroupJson.memberIds(value).forEach((id) -> this.members.putIfAbsent(id, null));
            }
            default -> throw new IllegalStateException(op.name());
        }
    }

    /** The member ids a value filter such as {@code value eq "id"} selects. */
    private Set<String> select(Filter filter) {
        Set<String> selected = new LinkedHashSet<>();
        this.members.forEach((id, username) -> {
            if (matches(filter, id, username)) {
                selected.add(id);
            }
        });
        return selected;
    }

    private static boolean matches(Filter filter, String id, String username) {
        if (filter instanceof Filter.And and) {
            return matches(and.left(), id, username) && matches(and.right(), id, username);
        }
        if (filter instanceof Filter.Or or) {
            return matches(or.left(), id, username) || matches(or.right(), id, username);
        }
        if (filter instanceof Filter.Not not) {
            return !matches(not.inner(), id, username);
        }
        Filter.Compare compare = (Filter.Compare) filter;
        boolean exact = "value".equals(compare.attribute());
        if (!exact && !"display".equals(compare.attribute())) {
            throw ScimException.invalidPath("member filters compare 'value' or 'display'");
        }
        String actual = exact ? id : username;
        if (compare.operator() == Filter.Operator.PR) {
            return actual != null;
        }
        if (!(compare.value() instanceof String wanted)) {
            throw ScimException.invalidPath("member filters compare with a string");
        }
        if (actual == null) {
            return compare.operator() == Filter.Operator.NE;
        }
        String left = exact ? actual : actual.toLowerCase(Locale.ROOT);
        String right = exact ? wanted : wanted.toLowerCase(Locale.ROOT);
        return switch (compare.operator()) {
            case EQ -> left.equals(right);
            case NE -> !left.equals(right);
            case CO -> left.contains(right);
            case SW -> left.startsWith(right);
            case EW -> left.endsWith(right);
            default -> throw ScimException.invalidPath("member filters use eq, ne, co, sw, ew or pr");
        };
    }
}
