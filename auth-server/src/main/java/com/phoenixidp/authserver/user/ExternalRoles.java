package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.management.Actor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Roles that an identity source outside Phoenix grants (directory groups, an upstream provider's
 * claims), merged with the groups an admin gives the user here. The rule: a user's roles are the
 * source's current roles plus every local group that the source did not grant last time. So a
 * group the source stops granting goes, a group an admin added stays (unless the source granted
 * it too, then it goes with the source's grant). Group names Phoenix cannot carry are skipped.
 */
@Component
public class ExternalRoles {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalRoles.class);

    private final GroupService groups;

    private final UserRepository users;

    public ExternalRoles(GroupService groups, UserRepository users) {
        this.groups = groups;
        this.users = users;
    }

    /**
     * Applies {@code current} in place of {@code previous} to the user's groups; returns the
     * roles that were applied (valid names of {@code current}), to be remembered as the next
     * {@code previous}.
     */
    public List<String> apply(String userId, Collection<String> previous, Collection<String> current, Actor actor) {
        PhoenixUser user = this.users.findById(userId).orElseThrow();
        List<String> granted = new ArrayList<>();
        for (String role : current) {
            if (role != null && GroupService.NAME.matcher(role).matches() && !role.isBlank()) {
                granted.add(role);
            } else {
                LOG.warn("Role '{}' from {} is not a valid group name: skipped", role, actor.channel());
            }
        }
        Set<String> grantedKeys = keys(granted);
        Set<String> withdrawn = keys(previous);
        withdrawn.removeAll(grantedKeys);
        List<String> wanted = new ArrayList<>();
        for (String role : user.roles()) {
            if (!withdrawn.contains(key(role)) && !grantedKeys.contains(key(role))) {
                wanted.add(role);
            }
        }
        wanted.addAll(granted);
        if (!keys(wanted).equals(keys(user.roles()))) {
            this.groups.setRoles(userId, wanted, actor);
        }
        return granted;
    }

    private static Set<String> keys(Collection<String> roles) {
        Set<String> keys = new LinkedHashSet<>();
        roles.forEach((r) -> keys.add(key(r)));
        return keys;
    }

    private static String key(String role) {
        return role.toLowerCase(Locale.ROOT);
    }
}
