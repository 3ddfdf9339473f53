package com.phoenixidp.authserver.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Opens the connection pool to the directory: fail-over across the configured servers in order,
 * TLS (ldaps:// or StartTLS) with host name verification and the configured CA, connect and
 * response timeouts, pooled connections bound as {@code bind-dn}.
 */
final class LdapConnections {

    private LdapConnections() {}

    /** The servers, parsed and checked: one scheme for all, no StartTLS over ldaps. */
    record Servers(List<String> hosts, List<Integer> ports, boolean ldaps) {

        Servers {
            hosts = List.copyOf(hosts);
            ports = List.copyOf(ports);
        }
    }

    static Servers parse(LdapProperties properties) {
        List<String> urls = new ArrayList<>();
        for (String entry : properties.getUrl()) {
            for (String url : entry.trim().split("[\\s,]+", -1)) {
                if (!url.isBlank()) {
                    urls.add(url);
                }
            }
        }
        List<String> hosts = new ArrayList<>(urls.size());
        List<Integer> ports = new ArrayList<>(urls.size());
        Boolean ldaps = null;
        for (int i = 0; i < urls.size(); i++) {
            LDAPURL url;
            try {
                url = new LDAPURL(urls.get(i));
            } catch (LDAPException ex) {
                throw new IllegalStateException("phoenix.ldap.url: '" + urls.get(i) + "' is not an LDAP URL", ex);
            }
            boolean secure = "ldaps".equalsIgnoreCase(url.getScheme());
            if (ldaps != null && ldaps != secure) {
                throw new IllegalStateException("phoenix.ldap.url: use either ldap:// or ldaps:// for all servers");
            }
            if (!url.hostProvided()) {
                throw new IllegalStateException("phoenix.ldap.url: '" + urls.get(i) + "' names no host");
            }
            ldaps = secure;
            hosts.add(url.getHost());
            ports.add(url.getPort());
        }
        if (Boolean.TRUE.equals(ldaps) && properties.isStartTls()) {
            throw new IllegalStateException("phoenix.ldap.start-tls applies to ldap:// URLs, not ldaps://");
        }
        return new Servers(hosts, ports, Boolean.TRUE.equals(ldaps));
    }

    /** TLS trusting the CA certificates in {@code trustCertificate} (PEM), or the JVM's default trust. */
    /** The directory makes a TLS context whenever ldaps:// or StartTLS is configured. */
    private static SSLContext requireTls(@Nullable SSLContext tls) {
        return Objects.requireNonNull(tls, "a TLS context for ldaps:// or StartTLS");
    }

    static SSLContext sslContext(@Nullable Path trustCertificate) {
        try {
            if (trustCertificate == null) {
                return SSLContext.getDefault();
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            int n = 0;
            try (InputStream in = Files.newInputStream(trustCertificate)) {
                for (Certificate certificate : x509.generateCertificates(in)) {
                    trust.setCertificateEntry("ca-" + n++, certificate);
                }
            }
            if (n == 0) {
                throw new IllegalStateException(
                        "phoenix.ldap.trust-certificate: no certificate in " + trustCertificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException ex) {
            throw new IllegalStateException(
                    "phoenix.ldap.trust-certificate: cannot read " + trustCertificate + ": " + ex.getMessage(), ex);
        }
    }

    /** Opens the pool with one connection (an {@link LDAPException} when no server answers). */
    static LDAPConnectionPool open(LdapProperties properties, @Nullable String bindPassword, @Nullable SSLContext tls)
            throws LDAPException {
        Servers servers = parse(properties);
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(
                (int) Math.min(Integer.MAX_VALUE, properties.getConnectTimeout().toMillis()));
        options.setResponseTimeoutMillis(properties.getResponseTimeout().toMillis());
        options.setAbandonOnTimeout(true);
        options.setFollowReferrals(false);
        // RFC 4513 5.1.2: a simple bind with a DN and an empty password is an unauthenticated bind
        options.setBindWithDNRequiresPassword(true);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        SocketFactory sockets = servers.ldaps() ? requireTls(tls).getSocketFactory() : SocketFactory.getDefault();
        FailoverServerSet serverSet = new FailoverServerSet(
                servers.hosts().toArray(String[]::new),
                servers.ports().stream().mapToInt(Integer::intValue).toArray(),
                sockets,
                options);
        BindRequest serviceBind =
                (properties.getBindDn() != null && !properties.getBindDn().isBlank())
                        ? new SimpleBindRequest(properties.getBindDn(), bindPassword)
                        : null;
        PostConnectProcessor startTls = properties.isStartTls()
                ? new StartTLSPostConnectProcessor(requireTls(tls).getSocketFactory())
                : null;
        LDAPConnectionPool pool = new LDAPConnectionPool(
                serverSet, serviceBind, 1, Math.max(1, properties.getPoolSize()), startTls, true);
        pool.setConnectionPoolName("phoenix-ldap");
        pool.setMaxWaitTimeMillis(properties.getConnectTimeout().toMillis());
        // a pooled connection that the server closed (restart, idle timeout) is replaced and the
        // operation retried once, instead of failing one sign-in
        pool.setRetryFailedOperationsDueToInvalidConnections(EnumSet.allOf(OperationType.class));
        return pool;
    }
}
