package com.phoenixidp.authserver.admin;

import com.phoenixidp.authserver.federation.FederatedIdentityRepository;
import com.phoenixidp.authserver.ldap.LdapAccountRepository;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a user comes from (admin API, bearer token with scope {@code phoenix.admin}):
 * {@code GET /admin/users/{username}/identity} answers the user's {@code source} ({@code local},
 * {@code ldap} or an upstream provider's alias), for a directory user the entry's DN and when the
 * directory last confirmed them, and the upstream identities linked to the user. SCIM shows the
 * same {@code source} in Phoenix's user extension.
 */
@RestController
@RequestMapping(path = "/admin/users", produces = "application/json", headers = "Authorization")
public class AdminIdentityController {

    private final UserService users;

    private final LdapAccountRepository ldapAccounts;

    private final FederatedIdentityRepository links;

    public AdminIdentityController(
            UserService users, LdapAccountRepository ldapAccounts, FederatedIdentityRepository links) {
        this.users = users;
        this.ldapAccounts = ldapAccounts;
        this.links = links;
    }

    /** {@code {"user", "source", "ldap": {"dn", "checkedAt", "roles"}?, "links": [{"provider", "subject", ...}]}}. */
    @GetMapping("/{username}/identity")
    public Map<String, Object> identity(@PathVariable String username) {
        PhoenixUser user = this.users.getByUsername(username);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user.username());
        body.put("source", user.source());
        this.ldapAccounts.find(user.id()).ifPresent((account) -> {
            Map<String, Object> ldap = new LinkedHashMap<>();
            ldap.put("dn", account.dn());
            ldap.put("checkedAt", String.valueOf(account.checkedAt()));
            ldap.put("roles", account.directoryRoles());
            body.put("ldap", ldap);
        });
        List<Map<String, Object>> linked = this.links.findByUser(user.id()).stream()
                .map((link) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("provider", link.provider());
                    m.put("subject", link.subject());
                    m.put("created", String.valueOf(link.createdAt()));
                    m.put("lastLogin", String.valueOf(link.lastLoginAt()));
                    m.put("roles", link.upstreamRoles());
                    return m;
                })
                .toList();
        body.put("links", linked);
        return body;
    }
}
