package com.phoenixidp.authserver.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.authserver.TestCertificates;
import com.phoenixidp.authserver.TestDirectory;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * TLS to the directory against the real slapd of {@link TestDirectory} (ldaps:// on one port,
 * StartTLS on the plain one, a certificate for 127.0.0.1 from a throw-away CA): sign-in (user
 * search, bind as the user, group search) over ldaps:// and over StartTLS with {@code
 * trust-certificate} = that CA; and every way the server's certificate can fail to be trusted
 * (another CA, the JVM's trust store, a host name the certificate does not name) is a {@link
 * DirectoryUnavailableException}, never a plaintext fallback, and the log says why. {@link
 * LdapDirectory} is used directly (no application context per TLS variant); it is what the
 * sign-in calls.
 */
@ExtendWith(OutputCaptureExtension.class)
class LdapTlsIntegrationTest {

    private static final String TINA = "tls-tina";

    private static final String TINA_PASSWORD = "tina-directory-pw-1";

    @TempDir
    static Path temp;

    /** The PEM of a CA that did not issue the directory's certificate. */
    private static Path otherCa;

    private static TestDirectory directory;

    private final List<LdapDirectory> opened = new ArrayList<>();

    @BeforeAll
    static void directoryUser() {
        TestDirectory.assumeInstalled();
        directory = TestDirectory.shared();
        directory.addUser(TINA, TINA_PASSWORD, "Tina", "Tls", "tina@example.org");
        directory.addGroup("tls-readers", TINA);
        otherCa = TestCertificates.authority("Someone else's CA").writeCertificate(temp.resolve("other-ca.pem"));
    }

    @AfterEach
    void closePools() {
        this.opened.forEach(LdapDirectory::destroy);
    }

    @Test
    void signInWhenLdapsAndTrustCertificateIsTheDirectoryCaThenSearchBindAndGroupsWork() {
        assertSignInWorks(directory(directory.ldapsUrl(), false, directory.caCertificate()));
    }

    @Test
    void signInWhenStartTlsAndTrustCertificateIsTheDirectoryCaThenSearchBindAndGroupsWork() {
        assertSignInWorks(directory(directory.url(), true, directory.caCertificate()));
    }

    @Test
    void ldapsWhenCertificateNotIssuedByTrustedCaThenDirectoryUnavailableAndLogSaysWhy(CapturedOutput output) {
        LdapDirectory ldap = directory(directory.ldapsUrl(), false, otherCa);

        assertRefusedForTrust(() -> ldap.findByUsername(TINA));
        assertRefusedForTrust(() -> ldap.verifyPassword(TestDirectory.userDn(TINA), TINA_PASSWORD));
        // an administrator with the wrong trust-certificate learns it from the log
        assertThat(output.getOut()).containsPattern("LDAP connect failed: .*certification path");
        assertThat(output.getOut()).doesNotContain(TINA_PASSWORD, TestDirectory.SERVICE_PASSWORD);
    }

    @Test
    void startTlsWhenCertificateNotIssuedByTrustedCaThenDirectoryUnavailableNotPlaintext() {
        // the same server and port answer in plaintext without start-tls: the refusal is TLS's
        LdapDirectory ldap = directory(directory.url(), true, otherCa);

        assertRefusedForTrust(() -> ldap.findByUsername(TINA));
        assertRefusedForTrust(() -> ldap.verifyPassword(TestDirectory.userDn(TINA), TINA_PASSWORD));
        assertThat(directory(directory.url(), false, null).findByUsername(TINA))
                .as("the same port without start-tls")
                .isPresent();
    }

    @Test
    void tlsWhenNoTrustCertificateThenJvmTrustStoreDoesNotKnowTheTestCaAndRefuses() {
        assertRefusedForTrust(() -> directory(directory.ldapsUrl(), false, null).findByUsername(TINA));
        assertRefusedForTrust(() -> directory(directory.url(), true, null).findByUsername(TINA));
    }

    @Test
    void tlsWhenHostNameNotInCertificateThenDirectoryUnavailable(CapturedOutput output) throws Exception {
        // the certificate names 127.0.0.1 only; "localhost" reaches the same server
        Assumptions.assumeTrue(
                "127.0.0.1".equals(InetAddress.getByName("localhost").getHostAddress()),
                "localhost is not 127.0.0.1 here");
        String ldaps = "ldaps://localhost:" + URI.create(directory.ldapsUrl()).getPort();
        String ldap = "ldap://localhost:" + URI.create(directory.url()).getPort();

        assertRefused(() -> directory(ldaps, false, directory.caCertificate()).findByUsername(TINA), "hostname");
        assertRefused(() -> directory(ldap, true, directory.caCertificate()).findByUsername(TINA), "hostname");
        assertThat(output.getOut()).containsPattern("LDAP connect failed: .*localhost");
    }

    @Test
    void configurationWhenStartTlsWithLdapsUrlOrMixedSchemesOrEmptyTrustFileThenRefusedAtStart() throws Exception {
        assertThatThrownBy(() -> directory(directory.ldapsUrl(), true, directory.caCertificate()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("phoenix.ldap.start-tls applies to ldap:// URLs, not ldaps://");
        assertThatThrownBy(
                        () -> directory(directory.ldapsUrl() + " " + directory.url(), false, directory.caCertificate()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("phoenix.ldap.url: use either ldap:// or ldaps:// for all servers");
        Path empty = Files.writeString(temp.resolve("empty.pem"), "no certificate here\n");
        assertThatThrownBy(() -> directory(directory.ldapsUrl(), false, empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("phoenix.ldap.trust-certificate: ");
        assertThatThrownBy(() -> directory(directory.ldapsUrl(), false, temp.resolve("missing.pem")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("phoenix.ldap.trust-certificate: cannot read ");
    }

    private static void assertSignInWorks(LdapDirectory ldap) {
        DirectoryEntry entry = ldap.findByUsername(TINA).orElseThrow();
        assertThat(entry.dn()).isEqualTo(TestDirectory.userDn(TINA));
        assertThat(entry.email()).isEqualTo("tina@example.org");
        assertThat(entry.roles()).containsExactly("tls-readers");
        assertThat(ldap.verifyPassword(entry.dn(), TINA_PASSWORD)).isTrue();
        assertThat(ldap.verifyPassword(entry.dn(), "not-tinas-password")).isFalse();
        // the pooled connection went back to the service account: searches still work
        assertThat(ldap.findByDn(entry.dn())).isPresent();
    }

    private static void assertRefusedForTrust(ThrowingCallable call) {
        assertRefused(call, "certification path");
    }

    private static void assertRefused(ThrowingCallable call, String reason) {
        assertThatThrownBy(call)
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessage("The user directory is unavailable")
                .satisfies((ex) -> assertThat(causes(ex)).containsIgnoringCase(reason));
    }

    /** The messages of the cause chain, where the TLS reason is. */
    private static String causes(Throwable ex) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }

    private LdapDirectory directory(String url, boolean startTls, Path trustCertificate) {
        LdapProperties properties = new LdapProperties();
        properties.setUrl(List.of(url));
        properties.setStartTls(startTls);
        properties.setTrustCertificate(trustCertificate);
        properties.setBindDn(TestDirectory.SERVICE_DN);
        properties.setBindPasswordFile(Path.of(TestDirectory.servicePasswordFile()));
        properties.setUserSearchBase(TestDirectory.PEOPLE);
        properties.setGroupSearchBase(TestDirectory.GROUPS);
        properties.setConnectTimeout(Duration.ofSeconds(2));
        properties.setResponseTimeout(Duration.ofSeconds(5));
        properties.setPoolSize(2);
        LdapDirectory ldap = new LdapDirectory(properties);
        this.opened.add(ldap);
        return ldap;
    }
}
