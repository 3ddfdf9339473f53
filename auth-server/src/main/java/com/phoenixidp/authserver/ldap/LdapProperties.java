package com.phoenixidp.authserver.ldap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * LDAP / Active Directory user federation under {@code phoenix.ldap.*} (README "Federation").
 * Off unless {@code url} is set. Filters are RFC 4515 string filters in which {@code {0}} stands
 * for a value Phoenix inserts, escaped ({@link LdapFilters}).
 */
@ConfigurationProperties("phoenix.ldap")
public class LdapProperties {

    /** ldap:// or ldaps:// URLs (host and port only), tried in order: the first is used while it answers. */
    private List<String> url = new ArrayList<>();

    /** Upgrade ldap:// connections with StartTLS (RFC 4511 section 4.14) before anything is sent. */
    private boolean startTls;

    /** PEM file with the CA certificate(s) the directory's TLS certificate chains to; empty: the JVM's trust. */
    private @Nullable Path trustCertificate;

    /** DN Phoenix binds as to search users and groups; empty: anonymous searches. */
    private @Nullable String bindDn;

    /** File holding the password of {@code bind-dn} (a trailing newline is ignored). */
    private @Nullable Path bindPasswordFile;

    /** Where users are searched (subtree). */
    private String userSearchBase = "";

    /** Finds the user's entry; {@code {0}} is the username typed at sign-in. AD: {@code (sAMAccountName={0})}. */
    private String userSearchFilter = "(uid={0})";

    /**
     * Optional: a user entry matching this filter is disabled (cannot sign in or refresh tokens).
     * AD: {@code (userAccountControl:1.2.840.113556.1.4.803:=2)}; OpenLDAP ppolicy: {@code (pwdAccountLockedTime=*)}.
     */
    private @Nullable String disabledFilter;

    private final Attributes attributes = new Attributes();

    /** Where groups are searched (subtree); empty: no group search. */
    private @Nullable String groupSearchBase;

    /** Finds the user's groups; {@code {0}} is the user's DN, {@code {1}} the username. */
    private String groupSearchFilter = "(member={0})";

    /** The group attribute that names the role. */
    private String groupRoleAttribute = "cn";

    /**
     * A user attribute listing the DNs of the user's groups (AD: {@code memberOf}); when set, it
     * is used instead of the group search, and a group's role is its DN's first RDN value.
     */
    private @Nullable String memberOfAttribute;

    /** Group name (as found) to role; an empty value drops the group; unlisted groups keep their name. */
    private Map<String, String> groupRoleMapping = new LinkedHashMap<>();

    /** How long a directory user's last check stays good for token refreshes before the directory is asked again. */
    private Duration recheckInterval = Duration.ofMinutes(10);

    private Duration connectTimeout = Duration.ofSeconds(5);

    /** How long one LDAP operation (search, bind) may take. */
    private Duration responseTimeout = Duration.ofSeconds(10);

    /** Largest number of pooled connections. */
    private int poolSize = 8;

    /** True when at least one URL is configured. */
    public boolean isConfigured() {
        return this.url.stream().anyMatch((u) -> u != null && !u.isBlank());
    }

    public List<String> getUrl() {
        return this.url;
    }

    public void setUrl(List<String> url) {
        this.url = url;
    }

    public boolean isStartTls() {
        return this.startTls;
    }

    public void setStartTls(boolean startTls) {
        this.startTls = startTls;
    }

    public @Nullable Path getTrustCertificate() {
        return this.trustCertificate;
    }

    public void setTrustCertificate(@Nullable Path trustCertificate) {
        this.trustCertificate = trustCertificate;
    }

    public @Nullable String getBindDn() {
        return this.bindDn;
    }

    public void setBindDn(@Nullable String bindDn) {
        this.bindDn = bindDn;
    }

    public @Nullable Path getBindPasswordFile() {
        return this.bindPasswordFile;
    }

    public void setBindPasswordFile(@Nullable Path bindPasswordFile) {
        this.bindPasswordFile = bindPasswordFile;
    }

    public String getUserSearchBase() {
        return this.userSearchBase;
    }

    public void setUserSearchBase(String userSearchBase) {
        this.userSearchBase = userSearchBase;
    }

    public String getUserSearchFilter() {
        return this.userSearchFilter;
    }

    public void setUserSearchFilter(String userSearchFilter) {
        this.userSearchFilter = userSearchFilter;
    }

    public @Nullable String getDisabledFilter() {
        return this.disabledFilter;
    }

    public void setDisabledFilter(@Nullable String disabledFilter) {
        this.disabledFilter = disabledFilter;
    }

    public Attributes getAttributes() {
        return this.attributes;
    }

    public @Nullable String getGroupSearchBase() {
        return this.groupSearchBase;
    }

    public void setGroupSearchBase(@Nullable String groupSearchBase) {
        this.groupSearchBase = groupSearchBase;
    }

    public String getGroupSearchFilter() {
        return this.groupSearchFilter;
    }

    public void setGroupSearchFilter(String groupSearchFilter) {
        this.groupSearchFilter = groupSearchFilter;
    }

    public String getGroupRoleAttribute() {
        return this.groupRoleAttribute;
    }

    public void setGroupRoleAttribute(String groupRoleAttribute) {
        this.groupRoleAttribute = groupRoleAttribute;
    }

    public @Nullable String getMemberOfAttribute() {
        return this.memberOfAttribute;
    }

    public void setMemberOfAttribute(@Nullable String memberOfAttribute) {
        this.memberOfAttribute = memberOfAttribute;
    }

    public Map<String, String> getGroupRoleMapping() {
        return this.groupRoleMapping;
    }

    public void setGroupRoleMapping(Map<String, String> groupRoleMapping) {
        this.groupRoleMapping = groupRoleMapping;
    }

    public Duration getRecheckInterval() {
        return this.recheckInterval;
    }

    public void setRecheckInterval(Duration recheckInterval) {
        this.recheckInterval = recheckInterval;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getResponseTimeout() {
        return this.responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public int getPoolSize() {
        return this.poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    /** Which directory attribute fills which field of the local record. */
    public static class Attributes {

        private String username = "uid";

        private String email = "mail";

        private String displayName = "cn";

        private String givenName = "givenName";

        private String familyName = "sn";

        public String getUsername() {
            return this.username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getEmail() {
            return this.email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public String getDisplayName() {
            return this.displayName;
        }

        public void setDisplayName(String displayName) {
            this.displayName = displayName;
        }

        public String getGivenName() {
            return this.givenName;
        }

        public void setGivenName(String givenName) {
            this.givenName = givenName;
        }

        public String getFamilyName() {
            return this.familyName;
        }

        public void setFamilyName(String familyName) {
            this.familyName = familyName;
        }
    }
}
