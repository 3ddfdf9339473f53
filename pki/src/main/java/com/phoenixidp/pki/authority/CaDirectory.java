package com.phoenixidp.pki.authority;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.export.Pem;
import com.phoenixidp.pki.keys.KeyType;
import com.phoenixidp.pki.keys.SecureFiles;
import com.phoenixidp.pki.policy.NamePolicy;
import com.phoenixidp.pki.store.H2Ledger;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * Layout of a CA directory:
 * <pre>
 * ca.properties       name, base URL, key type, leaf validity (written last by init: its presence marks a CA)
 * policy.properties   name policy
 * root.crt            root certificate (PEM)
 * root.key            root key, encrypted PKCS#8 PEM (0600)
 * intermediate.crt    intermediate certificate (PEM)
 * intermediate.key    intermediate key, encrypted PKCS#8 PEM (0600)
 * ledger.password     random password of the H2 ledger (0600)
 * ledger.mv.db        H2 ledger (AUTO_SERVER; ledger.lock.db while open)
 * </pre>
 */
public final class CaDirectory {

    static final String CONFIG = "ca.properties";
    static final String POLICY = "policy.properties";
    static final String ROOT_CERT = "root.crt";
    static final String ROOT_KEY = "root.key";
    static final String INTERMEDIATE_CERT = "intermediate.crt";
    static final String INTERMEDIATE_KEY = "intermediate.key";
    static final String LEDGER_PASSWORD = "ledger.password";
    static final String LEDGER_DB = "ledger.mv.db";
    static final List<String> ALL = List.of(
            CONFIG, POLICY, ROOT_CERT, ROOT_KEY, INTERMEDIATE_CERT, INTERMEDIATE_KEY, LEDGER_PASSWORD, LEDGER_DB);

    private final Path dir;

    public CaDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The directory. */
    public Path path() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** Whether any CA file is present (init refuses then). */
    public boolean containsCaFiles() {
        return ALL.stream().anyMatch(name -> Files.exists(dir.resolve(name)));
    }

    /** Fails with {@link CaNotFoundException} unless the directory holds an initialised CA. */
    public void requireCa() {
        if (!Files.isRegularFile(file(CONFIG))) {
            throw new CaNotFoundException("no CA in " + dir + " (run 'pki init --dir " + dir + "' first)");
        }
    }

    /** Opens the directory's ledger (no CA passphrase needed: listing only). */
    public H2Ledger openLedger() {
        requireCa();
        return H2Ledger.open(dir, readLedgerPassword());
    }

    char[] readLedgerPassword() {
        try {
            return Files.readString(file(LEDGER_PASSWORD), StandardCharsets.US_ASCII)
                    .trim()
                    .toCharArray();
        } catch (IOException e) {
            throw new PkiException("cannot read " + file(LEDGER_PASSWORD) + ": " + e.getMessage());
        }
    }

    static String newLedgerPassword(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    X509Certificate readCertificate(String name) {
        try {
            List<X509Certificate> certificates =
                    Pem.parseCertificates(Files.readString(file(name), StandardCharsets.US_ASCII));
            if (certificates.size() != 1) {
                throw new PkiException(file(name) + " must hold exactly one certificate");
            }
            return certificates.get(0);
        } catch (IOException e) {
            throw new PkiException("cannot read " + file(name) + ": " + e.getMessage());
        }
    }

    /** ca.properties content for {@code options}. */
    static String configText(CaOptions options) {
        Properties p = new Properties();
        p.setProperty("format", "1");
        p.setProperty("name", options.name());
        if (options.baseUrl() != null) {
            p.setProperty("base-url", options.baseUrl());
        }
        p.setProperty("key-type", options.keyType().name());
        p.setProperty(
                "leaf.default-days", Long.toString(options.defaultLeafValidity().toDays()));
        p.setProperty("leaf.max-days", Long.toString(options.maxLeafValidity().toDays()));
        StringWriter out = new StringWriter();
        try {
            p.store(out, "Phoenix IdP certificate authority");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Reads the stored options back. */
    CaOptions readOptions() {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(file(CONFIG), StandardCharsets.UTF_8)));
            NamePolicy policy = Files.exists(file(POLICY))
                    ? NamePolicy.fromProperties(Files.readString(file(POLICY), StandardCharsets.UTF_8))
                    : NamePolicy.ALLOW_ALL;
            CaOptions defaults = CaOptions.defaults();
            return new CaOptions(
                    p.getProperty("name", defaults.name()),
                    p.getProperty("base-url"),
                    KeyType.parse(p.getProperty("key-type", "EC")),
                    policy,
                    defaults.rootValidity(),
                    defaults.intermediateValidity(),
                    Duration.ofDays(Long.parseLong(p.getProperty("leaf.default-days", "90"))),
                    Duration.ofDays(Long.parseLong(p.getProperty("leaf.max-days", "397"))));
        } catch (IOException | IllegalArgumentException e) {
            throw new PkiException("unreadable CA configuration in " + dir + ": " + e.getMessage());
        }
    }

    void writeNew(String name, byte[] content) {
        SecureFiles.writeNew(file(name), content);
    }
}
