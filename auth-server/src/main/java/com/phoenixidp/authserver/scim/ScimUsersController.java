package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.authserver.management.Page;
import com.phoenixidp.authserver.user.GroupService;
import com.phoenixidp.authserver.user.PhoenixGroup;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserDraft;
import com.phoenixidp.authserver.user.UserService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * SCIM 2.0 Users (RFC 7644 section 3): create, read, search, replace, patch, delete, each a
 * translation onto {@link UserService}, which holds every rule (unique usernames, password
 * policy, what disabling or deleting a user ends). Bearer token with scope {@code phoenix.admin}.
 */
@RestController
@RequestMapping("/scim/v2/Users")
final class ScimUsersController {

    /** How often a PATCH without If-Match is re-applied when another change came in between. */
    private static final int PATCH_ATTEMPTS = 3;

    private final UserService users;

    private final GroupService groups;

    private final String base;

    ScimUsersController(UserService users, GroupService groups, PhoenixProperties properties) {
        this.users = users;
        this.groups = groups;
        this.base = ScimResponses.baseUrl(properties.getIssuer());
    }

    @PostMapping
    ResponseEntity<byte[]> create(HttpServletRequest request, Authentication caller) {
        UserDraft draft = UserJson.forCreate(ScimRequests.body(request));
        PhoenixUser user = this.users.create(draft, ScimRequests.actor(caller, request));
        return rendered(HttpStatus.CREATED, user, AttributeSelection.ALL);
    }

    @GetMapping("/{id}")
    ResponseEntity<byte[]> read(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String attributes,
            @RequestParam(required = false) @Nullable String excludedAttributes,
            HttpServletRequest request) {
        PhoenixUser user = this.users.find(id).orElseThrow(() -> ScimException.notFound("no User " + id));
        if (ScimRequests.notModified(request, user.version())) {
            return ScimResponses.notModified(user.version());
        }
        return rendered(HttpStatus.OK, user, AttributeSelection.of(attributes, excludedAttributes));
    }

    @GetMapping
    ResponseEntity<byte[]> search(
            @RequestParam(required = false) @Nullable String filter,
            @RequestParam(required = false) @Nullable String startIndex,
            @RequestParam(required = false) @Nullable String count,
            @RequestParam(required = false) @Nullable String attributes,
            @RequestParam(required = false) @Nullable String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes);
        Page<PhoenixUser> page = this.users.search(
                ScimSearch.filter(filter), ScimRequests.startIndex(startIndex), ScimRequests.count(count));
        return ScimResponses.ok(ScimResponses.list(page, (user) -> render(user, selection)));
    }

    /** RFC 7644 section 3.4.3: the same search with its parameters in a SearchRequest body. */
    @PostMapping("/.search")
    ResponseEntity<byte[]> searchByPost(HttpServletRequest request) {
        ScimSearch search = ScimSearch.of(ScimRequests.body(request));
        Page<PhoenixUser> page = this.users.search(search.filter(), search.startIndex(), search.count());
        return ScimResponses.ok(ScimResponses.list(page, (user) -> render(user, search.selection())));
    }

    @PutMapping("/{id}")
    ResponseEntity<byte[]> replace(@PathVariable String id, HttpServletRequest request, Authentication caller) {
        ObjectNode body = ScimRequests.body(request);
        PhoenixUser current = this.users.get(id);
        long expected = ScimRequests.expectedVersion(request, current.version());
        PhoenixUser user = this.users.replace(
                id, UserJson.forReplace(current, body), expected, ScimRequests.actor(caller, request));
        return rendered(HttpStatus.OK, user, AttributeSelection.ALL);
    }

    /**
     * RFC 7644 section 3.5.2. The operations apply to the current user and the result replaces it
     * if it is still that version; without If-Match a change that came in between is not lost:
     * the operations are applied again to the newer user.
     */
    @PatchMapping("/{id}")
    ResponseEntity<byte[]> patch(@PathVariable String id, HttpServletRequest request, Authentication caller) {
        List<PatchOperation> operations = PatchOperation.parse(ScimRequests.body(request));
        for (int attempt = 1; ; attempt++) {
            PhoenixUser current = this.users.get(id);
            long expected = ScimRequests.expectedVersion(request, current.version());
            UserDraft draft = UserPatchApplier.apply(current, operations);
            if (draft.equals(UserDraft.of(current))) {
                return rendered(HttpStatus.OK, current, AttributeSelection.ALL);
            }
            try {
                PhoenixUser user =
                        this.users.replace(id, draft, current.version(), ScimRequests.actor(caller, request));
                return rendered(HttpStatus.OK, user, AttributeSelection.ALL);
            } catch (ManagementException ex) {
                boolean retry = ex.reason() == ManagementException.Reason.PRECONDITION_FAILED
                        && expected == ScimRequests.ANY_VERSION
                        && attempt < PATCH_ATTEMPTS;
                if (!retry) {
                    throw ex;
                }
            }
        }
    }

    @DeleteMapping("/{id}")
    ResponseEntity<byte[]> delete(@PathVariable String id, HttpServletRequest request, Authentication caller) {
        PhoenixUser current = this.users.get(id);
        ScimRequests.expectedVersion(request, current.version());
        this.users.delete(id, ScimRequests.actor(caller, request));
        return ScimResponses.noContent();
    }

    private ResponseEntity<byte[]> rendered(HttpStatus status, PhoenixUser user, AttributeSelection selection) {
        return ScimResponses.resource(
                status, render(user, selection), user.version(), this.base + "/Users/" + user.id());
    }

    private ObjectNode render(PhoenixUser user, AttributeSelection selection) {
        List<PhoenixGroup> memberOf = selection.returns("groups") ? this.groups.groupsOf(user.id()) : List.of();
        return selection.apply(UserJson.resource(user, memberOf, this.base));
    }
}
