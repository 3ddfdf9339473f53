package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.management.Page;
import com.phoenixidp.authserver.user.GroupRepository;
import com.phoenixidp.authserver.user.GroupService;
import com.phoenixidp.authserver.user.PhoenixGroup;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 * SCIM 2.0 Groups (RFC 7644 section 3) on {@link GroupService}. A group is a role: its members
 * carry the group's name in the {@code roles} claim of the tokens issued to them afterwards.
 */
@RestController
@RequestMapping("/scim/v2/Groups")
final class ScimGroupsController {

    private final GroupService groups;

    private final String base;

    ScimGroupsController(GroupService groups, PhoenixProperties properties) {
        this.groups = groups;
        this.base = ScimResponses.baseUrl(properties.getIssuer());
    }

    @PostMapping
    ResponseEntity<byte[]> create(HttpServletRequest request, Authentication caller) {
        GroupJson.Body body = GroupJson.body(ScimRequests.body(request));
        PhoenixGroup group = this.groups.create(
                body.name(), body.externalId(), body.memberIds(), ScimRequests.actor(caller, request));
        return rendered(HttpStatus.CREATED, group, AttributeSelection.ALL);
    }

    @GetMapping("/{id}")
    ResponseEntity<byte[]> read(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String attributes,
            @RequestParam(required = false) @Nullable String excludedAttributes,
            HttpServletRequest request) {
        PhoenixGroup group = this.groups.find(id).orElseThrow(() -> ScimException.notFound("no Group " + id));
        if (ScimRequests.notModified(request, group.version())) {
            return ScimResponses.notModified(group.version());
        }
        return rendered(HttpStatus.OK, group, AttributeSelection.of(attributes, excludedAttributes));
    }

    @GetMapping
    ResponseEntity<byte[]> search(
            @RequestParam(required = false) @Nullable String filter,
            @RequestParam(required = false) @Nullable String startIndex,
            @RequestParam(required = false) @Nullable String count,
            @RequestParam(required = false) @Nullable String attributes,
            @RequestParam(required = false) @Nullable String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes);
        Page<PhoenixGroup> page = this.groups.search(
                ScimSearch.filter(filter), ScimRequests.startIndex(startIndex), ScimRequests.count(count));
        return ScimResponses.ok(ScimResponses.list(page, (group) -> render(group, selection)));
    }

    /** RFC 7644 section 3.4.3. */
    @PostMapping("/.search")
    ResponseEntity<byte[]> searchByPost(HttpServletRequest request) {
        ScimSearch search = ScimSearch.of(ScimRequests.body(request));
        Page<PhoenixGroup> page = this.groups.search(search.filter(), search.startIndex(), search.count());
        return ScimResponses.ok(ScimResponses.list(page, (group) -> render(group, search.selection())));
    }

    @PutMapping("/{id}")
    ResponseEntity<byte[]> replace(@PathVariable String id, HttpServletRequest request, Authentication caller) {
        GroupJson.Body body = GroupJson.body(ScimRequests.body(request));
        PhoenixGroup current = this.groups.get(id);
        long expected = ScimRequests.expectedVersion(request, current.version());
        PhoenixGroup group = this.groups.replace(
                id, body.name(), body.externalId(), body.memberIds(), expected, ScimRequests.actor(caller, request));
        return rendered(HttpStatus.OK, group, AttributeSelection.ALL);
    }

    /**
     * RFC 7644 section 3.5.2: the operations give the wanted name, external id and members; the
     * service applies the difference (members added, members removed) in one transaction.
     */
    @PatchMapping("/{id}")
    ResponseEntity<byte[]> patch(@PathVariable String id, HttpServletRequest request, Authentication caller) {
        List<PatchOperation> operations = PatchOperation.parse(ScimRequests.body(request));
        PhoenixGroup current = this.groups.get(id);
        long expected = ScimRequests.expectedVersion(request, current.version());
        List<GroupRepository.Member> members = this.groups.members(id);
        GroupPatchApplier.Result wanted = GroupPatchApplier.apply(current, members, operations);
        Set<String> before = new LinkedHashSet<>();
        members.forEach((m) -> before.add(m.userId()));
        Set<String> added = new LinkedHashSet<>(wanted.memberIds());
        added.removeAll(before);
        Set<String> removed = new LinkedHashSet<>(before);
        removed.removeAll(wanted.memberIds());
        boolean unchanged = added.isEmpty()
                && removed.isEmpty()
                && Objects.equals(current.name(), wanted.name())
                && Objects.equals(current.externalId(), wanted.externalId());
        if (unchanged) {
            return rendered(HttpStatus.OK, current, AttributeSelection.ALL);
        }
        PhoenixGroup group = this.groups.update(
                id, wanted.name(), wanted.externalId(), added, removed, expected, ScimRequests.actor(caller, request));
        return rendered(HttpStatus.OK, group, AttributeSelection.ALL);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<byte[]> delete(@PathVariable String id, HttpServletRequest request, Authentication caller) {
        PhoenixGroup current = this.groups.get(id);
        ScimRequests.expectedVersion(request, current.version());
        this.groups.delete(id, ScimRequests.actor(caller, request));
        return ScimResponses.noContent();
    }

    private ResponseEntity<byte[]> rendered(HttpStatus status, PhoenixGroup group, AttributeSelection selection) {
        return ScimResponses.resource(
                status, render(group, selection), group.version(), this.base + "/Groups/" + group.id());
    }

    private ObjectNode render(PhoenixGroup group, AttributeSelection selection) {
        List<GroupRepository.Member> members =
                selection.returns("members") ? this.groups.members(group.id()) : List.of();
        return selection.apply(GroupJson.resource(group, members, this.base));
    }
}
