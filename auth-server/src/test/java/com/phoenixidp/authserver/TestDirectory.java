package com.phoenixidp.authserver;

import static org.assertj.core.api.Assertions.fail;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away OpenLDAP server (Debian's {@code slapd}) for the directory tests: its own
 * configuration file, database and port under a temporary folder, started as a child process on
 * 127.0.0.1 and filled over LDAP with the users, groups and service account below. The system's
 * slapd service is never used. It speaks TLS too: {@link #ldapsUrl()} (LDAP over TLS on a second
 * port) and StartTLS on {@link #url()}, with a server certificate for the IP address 127.0.0.1
 * only (not the name {@code localhost}) issued by a throw-away CA, {@link #caCertificate()}. Shared by the whole test JVM (started at first use, stopped at
 * exit), and stoppable for a while ("directory down").
 *
 * <p>Tests skip when slapd is not installed, except under {@code CI=true}, where they fail.
 */
public final class TestDirectory {

    public static final String SUFFIX = "dc=example,dc=org";

    public static final String PEOPLE = "ou=people," + SUFFIX;

    public static final String GROUPS = "ou=groups," + SUFFIX;

    public static final String SERVICE_DN = "cn=phoenix,ou=services," + SUFFIX;

    public static final String SERVICE_PASSWORD = "service-password-0123456789";

    private static final String ADMIN_DN = "cn=admin," + SUFFIX;

    private static final String ADMIN_PASSWORD = "admin-password-0123456789";

    /** OpenLDAP's Relax Rules control: lets the manager set pwdAccountLockedTime (ppolicy). */
    private static final String RELAX = "1.3.6.1.4.1.4203.666.5.12";

    private static TestDirectory shared;

    private final Path dir;

    private final int port;

    private final int tlsPort;

    private Process process;

    private TestDirectory(Path dir, int port, int tlsPort) {
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /** The path of slapd, or null when it is not installed. */
    public static Path slapd() {
        for (String candidate : new String[] {"/usr/sbin/slapd", "/usr/local/sbin/slapd", "/usr/local/libexec/slapd"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    public static boolean installed() {
        return slapd() != null && Files.isDirectory(Path.of("/etc/ldap/schema"));
    }

    /** Skips the test when slapd is missing; under CI=true a missing slapd is a failure. */
    public static void assumeInstalled() {
        if (!installed() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("slapd is not installed (CI=true): .ci/run installs slapd and ldap-utils");
        }
        Assumptions.assumeTrue(installed(), "slapd is not installed (apt-get install slapd ldap-utils)");
    }

    /** The directory shared by the test JVM, started (and filled) at first call. */
    public static synchronized TestDirectory shared() {
        if (shared == null) {
            try {
                TestDirectory directory = new TestDirectory(
                        Files.createTempDirectory("phoenix-slapd-"),
                        TestPorts.findFreePort(),
                        TestPorts.findFreePort());
                directory.writeConfiguration();
                directory.start();
                directory.fill();
                Runtime.getRuntime().addShutdownHook(new Thread(directory::stop));
                shared = directory;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return shared;
    }

    /** The URL for {@code phoenix.ldap.url}, or "" (LDAP off) when slapd is not installed. */
    public static String urlIfInstalled() {
        return installed() ? shared().url() : "";
    }

    /** A file holding the service account's password, for {@code phoenix.ldap.bind-password-file}. */
    public static String servicePasswordFile() {
        try {
            Path file = Files.createTempFile("phoenix-ldap-bind-", ".password");
            Files.writeString(file, SERVICE_PASSWORD + "\n");
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Plain LDAP; StartTLS is offered. */
    public String url() {
        return "ldap://127.0.0.1:" + this.port;
    }

    /** LDAP over TLS (the certificate names 127.0.0.1 and chains to {@link #caCertificate()}). */
    public String ldapsUrl() {
        return "ldaps://127.0.0.1:" + this.tlsPort;
    }

    /** The PEM file of the CA that issued the server certificate, for {@code phoenix.ldap.trust-certificate}. */
    public Path caCertificate() {
        return this.dir.resolve("tls/ca.pem");
    }

    public static String userDn(String uid) {
        return "uid=" + uid + "," + PEOPLE;
    }

    // ---------------------------------------------------------------- changes

    public void addUser(String uid, String password, String givenName, String familyName, String mail) {
        List<Attribute> attributes = new ArrayList<>(List.of(
                new Attribute("objectClass", "inetOrgPerson"),
                new Attribute("uid", uid),
                new Attribute("cn", givenName + " " + familyName),
                new Attribute("givenName", givenName),
                new Attribute("sn", familyName),
                new Attribute("userPassword", password)));
        if (mail != null) {
            attributes.add(new Attribute("mail", mail));
        }
        add(new Entry(userDn(uid), attributes));
    }

    public void addGroup(String cn, String... memberUids) {
        List<String> members = new ArrayList<>();
        for (String uid : memberUids) {
            members.add(userDn(uid));
        }
        add(new Entry(
                "cn=" + cn + "," + GROUPS,
                new Attribute("objectClass", "groupOfNames"),
                new Attribute("cn", cn),
                new Attribute("member", members)));
    }

    public void addMember(String group, String uid) {
        modify(new ModifyRequest(
                "cn=" + group + "," + GROUPS, new Modification(ModificationType.ADD, "member", userDn(uid))));
    }

    public void removeMember(String group, String uid) {
        modify(new ModifyRequest(
                "cn=" + group + "," + GROUPS, new Modification(ModificationType.DELETE, "member", userDn(uid))));
    }

    public void deleteUser(String uid) {
        try (LDAPConnection admin = admin()) {
            admin.delete(userDn(uid));
        } catch (LDAPException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Locks the account the ppolicy way (pwdAccountLockedTime "for ever"). */
    public void lock(String uid) {
        ModifyRequest lock = new ModifyRequest(
                userDn(uid), new Modification(ModificationType.REPLACE, "pwdAccountLockedTime", "000001010000Z"));
        lock.addControl(new Control(RELAX, true));
        modify(lock);
    }

    // ---------------------------------------------------------------- process

    /** Stops slapd (the "directory down" state); {@link #start()} brings it back with the same data. */
    public synchronized void stop() {
        if (this.process == null) {
            return;
        }
        this.process.destroy();
        try {
            if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.process = null;
    }

    public synchronized void start() {
        if (this.process != null) {
            return;
        }
        try {
            this.process = new ProcessBuilder(
                            slapd().toString(),
                            "-h",
                            url() + "/ " + ldapsUrl() + "/",
                            "-f",
                            this.dir.resolve("slapd.conf").toString(),
                            "-d",
                            "0")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            this.dir.resolve("slapd.log").toFile()))
                    .start();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("slapd exited with " + this.process.exitValue() + ": " + log());
            }
            if (listens(this.port) && listens(this.tlsPort)) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("slapd did not listen on " + url() + " and " + ldapsUrl() + ": " + log());
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    private void writeConfiguration() throws IOException {
        Files.createDirectories(this.dir.resolve("db"));
        Path tls = this.dir.resolve("tls");
        TestCertificates.Authority ca = TestCertificates.authority("Phoenix test directory CA");
        ca.writeCertificate(caCertificate());
        ca.issueServer(tls.resolve("server.pem"), tls.resolve("server.key"), "127.0.0.1");
        Files.writeString(
                this.dir.resolve("slapd.conf"),
                String.join(
                        "\n",
                        "include /etc/ldap/schema/core.schema",
                        "include /etc/ldap/schema/cosine.schema",
                        "include /etc/ldap/schema/inetorgperson.schema",
                        "modulepath /usr/lib/ldap",
                        "moduleload back_mdb",
                        "moduleload ppolicy",
                        "pidfile " + this.dir.resolve("slapd.pid"),
                        "TLSCACertificateFile " + caCertificate(),
                        "TLSCertificateFile " + tls.resolve("server.pem"),
                        "TLSCertificateKeyFile " + tls.resolve("server.key"),
                        "argsfile " + this.dir.resolve("slapd.args"),
                        "database mdb",
                        "maxsize 104857600",
                        "suffix \"" + SUFFIX + "\"",
                        "rootdn \"" + ADMIN_DN + "\"",
                        "rootpw " + ADMIN_PASSWORD,
                        "directory " + this.dir.resolve("db"),
                        "overlay ppolicy",
                        "access to attrs=userPassword by self write by anonymous auth by * none",
                        "access to * by dn.exact=\"" + SERVICE_DN + "\" read by self read by * none",
                        ""));
    }

    /** The tree every directory test starts from (see the test classes for who is who). */
    private void fill() {
        add(new Entry(
                SUFFIX,
                new Attribute("objectClass", "dcObject", "organization"),
                new Attribute("o", "Example"),
                new Attribute("dc", "example")));
        for (String ou : new String[] {"people", "groups", "services"}) {
            add(new Entry(
                    "ou=" + ou + "," + SUFFIX,
                    new Attribute("objectClass", "organizationalUnit"),
                    new Attribute("ou", ou)));
        }
        add(new Entry(
                SERVICE_DN,
                new Attribute("objectClass", "organizationalRole", "simpleSecurityObject"),
                new Attribute("cn", "phoenix"),
                new Attribute("userPassword", SERVICE_PASSWORD)));
    }

    private void add(Entry entry) {
        try (LDAPConnection admin = admin()) {
            admin.add(entry);
        } catch (LDAPException ex) {
            throw new IllegalStateException("cannot add " + entry.getDN() + ": " + ex.getMessage(), ex);
        }
    }

    private void modify(ModifyRequest request) {
        try (LDAPConnection admin = admin()) {
            admin.modify(request);
        } catch (LDAPException ex) {
            throw new IllegalStateException("cannot modify " + request.getDN() + ": " + ex.getMessage(), ex);
        }
    }

    private LDAPConnection admin() throws LDAPException {
        return new LDAPConnection("127.0.0.1", this.port, ADMIN_DN, ADMIN_PASSWORD);
    }

    private String log() {
        try {
            return Files.readString(this.dir.resolve("slapd.log"));
        } catch (IOException ex) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
