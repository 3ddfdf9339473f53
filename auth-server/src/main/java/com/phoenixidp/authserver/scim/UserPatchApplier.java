package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserDraft;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Applies SCIM PATCH operations (RFC 7644 section 3.5.2) to a user, giving the draft to hand to
 * {@link com.phoenixidp.authserver.user.UserService#replace}. Supported targets: {@code userName},
 * {@code displayName}, {@code name} ({@code .givenName}, {@code .familyName}), {@code emails}
 * ({@code emails.value}, {@code emails[type eq "work"].value}: the primary address),
 * {@code externalId}, {@code active}, {@code password}; an operation without a path takes an
 * object of such attributes (Entra ID: {@code {"op":"Replace","value":{"active":false}}}).
 * Read-only attributes are a {@code mutability} error, unknown ones {@code invalidPath}.
 */
final class UserPatchApplier {

    private UserPatchApplier() {}

    static UserDraft apply(PhoenixUser current, List<PatchOperation> operations) {
        UserDraft draft = UserDraft.of(current);
        for (PatchOperation operation : operations) {
            draft = apply(draft, operation);
        }
        return UserAttributes.settleEmailVerification(draft, current);
    }

    private static UserDraft apply(UserDraft draft, PatchOperation operation) {
        if (operation.path() != null) {
            return applyAt(draft, operation.op(), operation.path(), operation.value());
        }
        // RFC 7644 3.5.2.1/3.5.2.3: without a path, the value is an object of attributes to set
        UserDraft result = draft;
        for (Map.Entry<String, JsonNode> entry : ScimJson.members(
                        operation.value(), "the value of an operation without path")
                .entrySet()) {
            ScimPath path = ScimFilterParser.parsePath(entry.getKey());
            result = applyAt(result, operation.op(), path, entry.getValue());
        }
        return result;
    }

    private static UserDraft applyAt(UserDraft draft, PatchOperation.Op op, ScimPath path, @Nullable JsonNode value) {
        String attribute = path.attribute();
        if (UserAttributes.isReadOnly(attribute)) {
            throw ScimException.mutability("'" + path.plain() + "' is read-only");
        }
        if (!UserAttributes.WRITABLE.contains(attribute)) {
            throw ScimException.invalidPath("'" + path.plain() + "' is not an attribute of a User here");
        }
        if (path.valueFilter() != null && !"emails".equals(attribute)) {
            throw ScimException.invalidPath("a value filter is only supported on emails");
        }
        // emails[...] selects the one address there is, which is the primary one
        if (op == PatchOperation.Op.REMOVE) {
            return UserAttributes.clear(draft, attribute, path.subAttribute());
        }
        return UserAttributes.set(draft, attribute, path.subAttribute(), value);
    }
}
