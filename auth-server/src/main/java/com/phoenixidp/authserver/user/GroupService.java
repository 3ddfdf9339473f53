package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.management.Filter;
import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.authserver.management.Page;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Groups and memberships, for SCIM, the admin API, the console and bootstrap. A group is a role:
 * a member of group {@code admin} has role {@code admin} in the tokens issued afterwards.
 */
@Service
public class GroupService {

    /** Group (role) names: what a role claim value and a Spring authority can carry. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._ -]{1,100}");

    private final GroupRepository groups;

    private final UserRepository users;

    private final TransactionTemplate tx;

    private final AuditLog audit;

    public GroupService(GroupRepository groups, UserRepository users, TransactionTemplate tx, AuditLog audit) {
        this.groups = groups;
        this.users = users;
        this.tx = tx;
        this.audit = audit;
    }

    public Optional<PhoenixGroup> find(String id) {
        return (id == null) ? Optional.empty() : this.groups.findById(id);
    }

    public Optional<PhoenixGroup> findByName(String name) {
        return (name == null) ? Optional.empty() : this.groups.findByName(name);
    }

    public PhoenixGroup get(String id) {
        return find(id).orElseThrow(() -> ManagementException.notFound("group"));
    }

    public Page<PhoenixGroup> search(@Nullable Filter filter, int startIndex, int count) {
        int start = Math.max(1, startIndex);
        int size = Math.max(0, Math.min(count, 1000));
        long total = this.groups.count(filter);
        List<PhoenixGroup> items = (size == 0) ? List.of() : this.groups.search(filter, start - 1, size);
        return new Page<>(items, total, start);
    }

    public List<GroupRepository.Member> members(String groupId) {
        return this.groups.members(groupId);
    }

    public List<PhoenixGroup> groupsOf(String userId) {
        return this.groups.groupsOf(userId);
    }

    /** Creates a group with these members (user ids; unknown ids are refused). */
    public PhoenixGroup create(
            @Nullable String requestedName, @Nullable String externalId, Collection<String> memberIds, Actor actor) {
        String name = checkName(requestedName);
        checkExternalId(externalId);
        PhoenixGroup group =
                new PhoenixGroup(UUID.randomUUID().toString(), name, blankToNull(externalId), 1, null, null);
        try {
            this.tx.executeWithoutResult((status) -> {
                this.groups.insert(group);
                for (String userId : memberIds) {
                    addMemberRow(group.id(), userId);
                }
            });
        } catch (DuplicateKeyException ex) {
            throw taken(name);
        }
        this.audit.event("group.created", actor, "group", name, "members", memberIds.size());
        return get(group.id());
    }

    /** Replaces name and members (SCIM PUT); {@code expectedVersion} negative: any. */
    public PhoenixGroup replace(
            String id,
            @Nullable String requestedName,
            @Nullable String externalId,
            Collection<String> memberIds,
            long expectedVersion,
            Actor actor) {
        PhoenixGroup current = get(id);
        String name = checkName(requestedName);
        checkExternalId(externalId);
        if (expectedVersion >= 0 && expectedVersion != current.version()) {
            throw ManagementException.stale();
        }
        Set<String> wanted = new LinkedHashSet<>(memberIds);
        boolean updated;
        try {
            updated = Boolean.TRUE.equals(this.tx.execute((status) -> {
                if (!this.groups.update(
                        new PhoenixGroup(id, name, blankToNull(externalId), 0, null, null), expectedVersion)) {
                    status.setRollbackOnly();
                    return false;
                }
                for (GroupRepository.Member member : this.groups.members(id)) {
                    if (!wanted.remove(member.userId())) {
                        this.groups.removeMember(id, member.userId());
                        this.users.touch(member.userId());
                    }
                }
                for (String userId : wanted) {
                    addMemberRow(id, userId);
                }
                return true;
            }));
        } catch (DuplicateKeyException ex) {
            throw taken(name);
        }
        if (!updated) {
            throw ManagementException.stale();
        }
        this.audit.event("group.updated", actor, "group", name);
        return get(id);
    }

    public void delete(String id, Actor actor) {
        PhoenixGroup group = get(id);
        List<GroupRepository.Member> members = this.groups.members(id);
        this.tx.executeWithoutResult((status) -> {
            this.groups.delete(id);
            members.forEach((m) -> this.users.touch(m.userId()));
        });
        this.audit.event("group.deleted", actor, "group", group.name());
    }

    /** Adds users (by id) to the group; unknown users are refused, members already in are skipped. */
    public void addMembers(String groupId, Collection<String> userIds, Actor actor) {
        PhoenixGroup group = get(groupId);
        this.tx.executeWithoutResult((status) -> {
            for (String userId : userIds) {
                addMemberRow(groupId, userId);
            }
            this.groups.touch(groupId);
        });
        for (String userId : userIds) {
            this.audit.event("group.member_added", actor, "group", group.name(), "user", usernameOf(userId));
        }
    }

    public void removeMembers(String groupId, Collection<String> userIds, Actor actor) {
        PhoenixGroup group = get(groupId);
        this.tx.executeWithoutResult((status) -> {
            for (String userId : userIds) {
                if (this.groups.removeMember(groupId, userId)) {
                    this.users.touch(userId);
                }
            }
            this.groups.touch(groupId);
        });
        for (String userId : userIds) {
            this.audit.event("group.member_removed", actor, "group", group.name(), "user", usernameOf(userId));
        }
    }

    /**
     * Makes the user a member of exactly these groups (roles), creating groups that do not exist
     * yet: bootstrap's {@code roles}, and the console's role editor.
     */
    public void setRoles(String userId, Collection<String> roleNames, Actor actor) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String role : roleNames) {
            checkName(role);
            wanted.add(role.toLowerCase(Locale.ROOT));
        }
        this.tx.executeWithoutResult((status) -> {
            for (PhoenixGroup group : this.groups.groupsOf(userId)) {
                if (!wanted.remove(group.name().toLowerCase(Locale.ROOT))) {
                    this.groups.removeMember(group.id(), userId);
                }
            }
            for (String role : roleNames) {
                if (!wanted.contains(role.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                PhoenixGroup group = this.groups.findByName(role).orElseGet(() -> {
                    PhoenixGroup created = new PhoenixGroup(UUID.randomUUID().toString(), role, null, 1, null, null);
                    this.groups.insert(created);
                    return created;
                });
                this.groups.addMember(group.id(), userId);
                wanted.remove(role.toLowerCase(Locale.ROOT));
            }
            this.users.touch(userId);
        });
        this.audit.event("user.roles_set", actor, "user", usernameOf(userId), "roles", String.join(",", roleNames));
    }

    private void addMemberRow(String groupId, String userId) {
        if (userId == null || this.users.findById(userId).isEmpty()) {
            throw ManagementException.invalid("members", "no user with id '" + userId + "'");
        }
        if (this.groups.addMember(groupId, userId)) {
            this.users.touch(userId);
        }
    }

    private String usernameOf(String userId) {
        return this.users.findById(userId).map(PhoenixUser::username).orElse(userId);
    }

    /** The name, checked: required, 1-100 characters. */
    private static String checkName(@Nullable String name) {
        if (name == null || !NAME.matcher(name).matches() || name.isBlank()) {
            throw ManagementException.invalid("displayName", "required, 1-100 characters of A-Z a-z 0-9 . _ - space");
        }
        return name;
    }

    private static ManagementException taken(String name) {
        return ManagementException.conflict("displayName", "the group name '" + name + "' is taken");
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value;
    }

    // ---------------------------------------------------------------- incremental change (SCIM PATCH)

    /**
     * Changes a group in one transaction (SCIM PATCH): sets its name and external id, adds and
     * removes members (user ids; unknown users are refused). {@code expectedVersion} (negative:
     * any) guards against lost updates (If-Match). Members not named here stay as they are, also
     * those another request changed meanwhile, so two provisioning requests adding different
     * members do not undo each other.
     */
    public PhoenixGroup update(
            String id,
            @Nullable String requestedName,
            @Nullable String externalId,
            Collection<String> addedUserIds,
            Collection<String> removedUserIds,
            long expectedVersion,
            Actor actor) {
        PhoenixGroup current = get(id);
        String name = checkName(requestedName);
        checkExternalId(externalId);
        if (expectedVersion >= 0 && expectedVersion != current.version()) {
            throw ManagementException.stale();
        }
        boolean updated;
        try {
            updated = Boolean.TRUE.equals(this.tx.execute((status) -> {
                if (!this.groups.update(
                        new PhoenixGroup(id, name, blankToNull(externalId), 0, null, null), expectedVersion)) {
                    status.setRollbackOnly();
                    return false;
                }
                for (String userId : addedUserIds) {
                    addMemberRow(id, userId);
                }
                for (String userId : removedUserIds) {
                    if (this.groups.removeMember(id, userId)) {
                        this.users.touch(userId);
                    }
                }
                return true;
            }));
        } catch (DuplicateKeyException ex) {
            throw taken(name);
        }
        if (!updated) {
            throw ManagementException.stale();
        }
        if (!current.name().equals(name) || !java.util.Objects.equals(current.externalId(), blankToNull(externalId))) {
            this.audit.event("group.updated", actor, "group", name);
        }
        for (String userId : addedUserIds) {
            this.audit.event("group.member_added", actor, "group", name, "user", usernameOf(userId));
        }
        for (String userId : removedUserIds) {
            this.audit.event("group.member_removed", actor, "group", name, "user", usernameOf(userId));
        }
        return get(id);
    }

    /** External ids are opaque to us but bounded by their column (200 characters). */
    private static void checkExternalId(@Nullable String externalId) {
        if (externalId != null && externalId.length() > 200) {
            throw ManagementException.invalid("externalId", "at most 200 characters");
        }
    }
}
