package com.phoenixidp.authserver.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The directory as Phoenix uses it: find a user's entry (service bind, escaped filter), check a
 * password by binding as the user (never stored or hashed here), read the user's groups, and
 * whether the entry is disabled. The pool is opened at first use, so a directory that is down
 * does not stop start-up; every failure to reach it is a {@link DirectoryUnavailableException}.
 */
@Component
public class LdapDirectory implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);

    private final LdapProperties properties;

    private final @Nullable String bindPassword;

    private final @Nullable SSLContext tls;

    private final Object lock = new Object();

    private volatile @Nullable LDAPConnectionPool pool;

    public LdapDirectory(LdapProperties properties) {
        this.properties = properties;
        if (!properties.isConfigured()) {
            this.bindPassword = null;
            this.tls = null;
            return;
        }
        LdapConnections.parse(properties);
        LdapFilters.validate("phoenix.ldap.user-search-filter", properties.getUserSearchFilter(), 1);
        LdapFilters.validate("phoenix.ldap.group-search-filter", properties.getGroupSearchFilter(), 2);
        if (properties.getDisabledFilter() != null
                && !properties.getDisabledFilter().isBlank()) {
            LdapFilters.validate("phoenix.ldap.disabled-filter", properties.getDisabledFilter(), 0);
        }
        this.bindPassword = readBindPassword(properties);
        this.tls = (properties.isStartTls() || LdapConnections.parse(properties).ldaps())
                ? LdapConnections.sslContext(properties.getTrustCertificate())
                : null;
    }

    /** True when {@code phoenix.ldap.url} is set. */
    public boolean configured() {
        return this.properties.isConfigured();
    }

    /** The entry found by {@code user-search-filter} for a typed username; empty when none or several. */
    public Optional<DirectoryEntry> findByUsername(String username) {
        Filter filter = LdapFilters.create(this.properties.getUserSearchFilter(), username);
        SearchRequest search =
                new SearchRequest(this.properties.getUserSearchBase(), SearchScope.SUB, filter, userAttributes());
        search.setSizeLimit(2);
        search.setTimeLimitSeconds(timeLimitSeconds());
        SearchResult result;
        try {
            result = pool().search(search);
        } catch (LDAPException ex) {
            if (ex.getResultCode().equals(ResultCode.SIZE_LIMIT_EXCEEDED)) {
                LOG.warn("LDAP: more than one entry matches the user search; refusing the sign-in");
                return Optional.empty();
            }
            if (ex.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)) {
                return Optional.empty();
            }
            throw unavailable("user search", ex);
        }
        if (result.getEntryCount() != 1) {
            if (result.getEntryCount() > 1) {
                LOG.warn("LDAP: more than one entry matches the user search; refusing the sign-in");
            }
            return Optional.empty();
        }
        return Optional.of(toEntry(result.getSearchEntries().get(0), username));
    }

    /** The entry at {@code dn} (a re-check of a known user); empty when it no longer exists. */
    public Optional<DirectoryEntry> findByDn(String dn) {
        SearchRequest search =
                new SearchRequest(dn, SearchScope.BASE, Filter.createPresenceFilter("objectClass"), userAttributes());
        search.setTimeLimitSeconds(timeLimitSeconds());
        try {
            SearchResult result = pool().search(search);
            return result.getSearchEntries().stream().findFirst().map((entry) -> toEntry(entry, null));
        } catch (LDAPException ex) {
            if (ex.getResultCode().equals(ResultCode.NO_SUCH_OBJECT)) {
                return Optional.empty();
            }
            throw unavailable("user lookup", ex);
        }
    }

    /**
     * Binds as {@code dn} with the password on a pooled connection, which is bound back to the
     * service account afterwards. False for wrong credentials (and for an empty password: RFC 4513
     * 5.1.2 would make that an unauthenticated bind that "succeeds").
     */
    public boolean verifyPassword(String dn, String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        try {
            return pool().bindAndRevertAuthentication(new SimpleBindRequest(dn, password))
                    .getResultCode()
                    .equals(ResultCode.SUCCESS);
        } catch (LDAPException ex) {
            if (ex.getResultCode().equals(ResultCode.INVALID_CREDENTIALS)) {
                return false;
            }
            if (!ResultCode.isConnectionUsable(ex.getResultCode())) {
                throw unavailable("bind", ex);
            }
            // e.g. unwillingToPerform, inappropriateAuthentication: refused, not unavailable
            LOG.info("LDAP bind refused: {}", ex.getResultCode());
            return false;
        }
    }

    private DirectoryEntry toEntry(SearchResultEntry entry, @Nullable String typedUsername) {
        LdapProperties.Attributes names = this.properties.getAttributes();
        String username = entry.getAttributeValue(names.getUsername());
        if (username == null) {
            username = (typedUsername != null) ? typedUsername : firstRdnValue(entry.getDN());
        }
        return new DirectoryEntry(
                entry.getDN(),
                username,
                entry.getAttributeValue(names.getEmail()),
                entry.getAttributeValue(names.getDisplayName()),
                entry.getAttributeValue(names.getGivenName()),
                entry.getAttributeValue(names.getFamilyName()),
                roles(entry, username),
                disabled(entry.getDN()));
    }

    /** The user's groups (member-of attribute, or the group search), mapped to roles. */
    private List<String> roles(SearchResultEntry entry, String username) {
        List<String> groups = new ArrayList<>();
        String memberOf = this.properties.getMemberOfAttribute();
        String groupBase = this.properties.getGroupSearchBase();
        if (memberOf != null && !memberOf.isBlank()) {
            String[] values = entry.getAttributeValues(memberOf);
            Stream.of((values != null) ? values : new String[0])
                    .map(LdapDirectory::firstRdnValue)
                    .forEach(groups::add);
        } else if (groupBase != null && !groupBase.isBlank()) {
            String attribute = this.properties.getGroupRoleAttribute();
            SearchRequest search = new SearchRequest(
                    groupBase,
                    SearchScope.SUB,
                    LdapFilters.create(this.properties.getGroupSearchFilter(), entry.getDN(), username),
                    attribute);
            search.setSizeLimit(1000);
            search.setTimeLimitSeconds(timeLimitSeconds());
            try {
                for (SearchResultEntry group : pool().search(search).getSearchEntries()) {
                    groups.add(group.getAttributeValue(attribute));
                }
            } catch (LDAPException ex) {
                throw unavailable("group search", ex);
            }
        }
        return mapToRoles(groups, this.properties.getGroupRoleMapping());
    }

    /** Group names to roles: a mapping (keys ignore case) renames or, when empty, drops a group. */
    static List<String> mapToRoles(List<String> groups, Map<String, String> mapping) {
        Set<String> roles = new LinkedHashSet<>();
        for (String group : groups) {
            if (group == null || group.isBlank()) {
                continue;
            }
            String role = group;
            for (Map.Entry<String, String> rule : mapping.entrySet()) {
                if (rule.getKey().equalsIgnoreCase(group)) {
                    role = rule.getValue();
                    break;
                }
            }
            if (role != null && !role.isBlank()) {
                roles.add(role);
            }
        }
        return List.copyOf(roles);
    }

    private boolean disabled(String dn) {
        String disabledFilter = this.properties.getDisabledFilter();
        if (disabledFilter == null || disabledFilter.isBlank()) {
            return false;
        }
        SearchRequest search = new SearchRequest(
                dn, SearchScope.BASE, LdapFilters.create(disabledFilter), SearchRequest.NO_ATTRIBUTES);
        search.setTimeLimitSeconds(timeLimitSeconds());
        try {
            return pool().search(search).getEntryCount() > 0;
        } catch (LDAPException ex) {
            throw unavailable("disabled check", ex);
        }
    }

    private String[] userAttributes() {
        LdapProperties.Attributes names = this.properties.getAttributes();
        List<String> attributes = new ArrayList<>(List.of(
                names.getUsername(),
                names.getEmail(),
                names.getDisplayName(),
                names.getGivenName(),
                names.getFamilyName()));
        if (this.properties.getMemberOfAttribute() != null
                && !this.properties.getMemberOfAttribute().isBlank()) {
            attributes.add(this.properties.getMemberOfAttribute());
        }
        return attributes.toArray(String[]::new);
    }

    private int timeLimitSeconds() {
        return (int) Math.max(1, this.properties.getResponseTimeout().toSeconds());
    }

    private LDAPConnectionPool pool() {
        if (!configured()) {
            throw new IllegalStateException("phoenix.ldap.url is not set");
        }
        LDAPConnectionPool current = this.pool;
        if (current != null) {
            return current;
        }
        synchronized (this.lock) {
            if (this.pool == null) {
                try {
                    this.pool = LdapConnections.open(this.properties, this.bindPassword, this.tls);
                } catch (LDAPException ex) {
                    throw unavailable("connect", ex);
                }
            }
            return this.pool;
        }
    }

    private static DirectoryUnavailableException unavailable(String operation, LDAPException ex) {
        // the result code and the server's diagnostic, else the SDK's own reason (a TLS failure:
        // untrusted certificate, wrong host name); never a bind request (it holds a password)
        LOG.warn(
                "LDAP {} failed: {} {}",
                operation,
                ex.getResultCode(),
                (ex.getDiagnosticMessage() != null) ? ex.getDiagnosticMessage() : ex.getMessage());
        return new DirectoryUnavailableException("The user directory is unavailable", ex);
    }

    static String firstRdnValue(String dn) {
        try {
            String[] values = new DN(dn).getRDN().getAttributeValues();
            return (values.length > 0) ? values[0] : dn;
        } catch (LDAPException | NullPointerException ex) {
            return dn;
        }
    }

    private static @Nullable String readBindPassword(LdapProperties properties) {
        if (properties.getBindDn() == null || properties.getBindDn().isBlank()) {
            return null;
        }
        if (properties.getBindPasswordFile() == null) {
            throw new IllegalStateException("phoenix.ldap.bind-dn is set: phoenix.ldap.bind-password-file must name"
                    + " the file holding its password");
        }
        try {
            String password = Files.readString(properties.getBindPasswordFile()).replaceAll("[\\r\\n]+$", "");
            if (password.isEmpty()) {
                throw new IllegalStateException(
                        "phoenix.ldap.bind-password-file " + properties.getBindPasswordFile() + " is empty");
            }
            return password;
        } catch (IOException ex) {
            throw new IllegalStateException(
                    "phoenix.ldap.bind-password-file: cannot read " + properties.getBindPasswordFile(), ex);
        }
    }

    @Override
    public void destroy() {
        LDAPConnectionPool current = this.pool;
        if (current != null) {
            current.close();
        }
    }

    /** For log lines: which servers, never credentials. */
    String describe() {
        return String.join(" ", this.properties.getUrl()) + (this.properties.isStartTls() ? " (StartTLS)" : "");
    }
}
