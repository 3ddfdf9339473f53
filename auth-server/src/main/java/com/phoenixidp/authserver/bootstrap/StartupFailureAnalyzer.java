package com.phoenixidp.authserver.bootstrap;

import com.phoenixidp.authserver.config.DataDirectoryPath;
import com.phoenixidp.crypto.keys.KeyDecryptionException;
import com.phoenixidp.crypto.keys.MasterKeyException;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns the start-up failures an operator can fix (bad bootstrap entry, missing or wrong master
 * key, a CA that cannot be opened, a database that cannot be reached, is in use or cannot write its
 * files, an SSL bundle that is not defined, a configuration file that is not valid YAML) into a
 * clear message instead of a stack trace.
 */
public final class StartupFailureAnalyzer extends AbstractFailureAnalyzer<RuntimeException> {

    /** {@code password=...} in a JDBC URL a driver may quote in its message. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password|pwd)=[^;&\\s]*");

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, RuntimeException cause) {
        FailureAnalysis known = known(rootFailure);
        if (known != null) {
            return known;
        }
        SQLException database = findCause(rootFailure, SQLException.class);
        if (database != null) {
            FailureAnalysis analysis = database(database);
            if (analysis != null) {
                return analysis;
            }
        }
        NoSuchSslBundleException bundle = findCause(rootFailure, NoSuchSslBundleException.class);
        if (bundle != null) {
            return new FailureAnalysis(
                    bundle.getMessage(),
                    "Define the bundle (spring.ssl.bundle.pem.<name>.keystore.certificate and .private-key, or"
                            + " spring.ssl.bundle.jks.<name>.*) or correct the name in server.ssl.bundle.",
                    bundle);
        }
        MarkedYAMLException yaml = findCause(rootFailure, MarkedYAMLException.class);
        return yaml == null ? null : yaml(yaml);
    }

    private static @Nullable FailureAnalysis known(Throwable rootFailure) {
        Throwable t = rootFailure;
        while (t != null) {
            if (t instanceof BootstrapException bootstrap) {
                return new FailureAnalysis(
                        "Invalid bootstrap configuration: " + bootstrap.getMessage(),
                        "Fix that entry in your configuration (phoenix.bootstrap.*) and start again. Nothing was changed.",
                        bootstrap);
            }
            if (t instanceof KeyDecryptionException key) {
                return new FailureAnalysis(
                        "The stored signing keys cannot be decrypted: " + key.getMessage(),
                        "Start with the master key that encrypted them (PHOENIX_MASTER_KEY or phoenix.master-key-file). "
                                + "Nothing on disk was changed.",
                        key);
            }
            if (t instanceof com.phoenixidp.authserver.ca.CaConfigurationException ca) {
                return new FailureAnalysis(
                        "The certificate authority cannot be used: " + ca.getMessage(),
                        "Set PHOENIX_CA_PASSWORD or phoenix.ca.password-file, or unset phoenix.ca.dir.",
                        ca);
            }
            if (t instanceof com.phoenixidp.pki.PkiException pki) {
                return new FailureAnalysis(
                        "The certificate authority in phoenix.ca.dir cannot be opened: " + pki.getMessage(),
                        "Check phoenix.ca.dir and the CA passphrase (PHOENIX_CA_PASSWORD or phoenix.ca.password-file). "
                                + "Nothing in the CA directory was changed.",
                        pki);
            }
            if (t instanceof DataDirectoryPath.DataDirectoryException dataDirectory) {
                return new FailureAnalysis(
                        "The data directory cannot be used: " + dataDirectory.getMessage(),
                        "Set phoenix.data-dir to a directory this user can create and write to (the embedded database,"
                                + " generated keys and secrets live there). Nothing was changed.",
                        dataDirectory);
            }
            if (t instanceof MasterKeyException master) {
                return new FailureAnalysis(
                        "No usable master key: " + master.getMessage(),
                        "Set PHOENIX_MASTER_KEY to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`), or "
                                + "phoenix.master-key-file to a file holding it, or run with --spring.profiles.active=demo "
                                + "for a generated development key.",
                        master);
            }
            t = t.getCause();
        }
        return null;
    }

    /**
     * A database that refuses the connection (SQL state class 08), the credentials (28) or does not
     * exist (3D000), the embedded database unable to create or write its files (H2 errors 90062,
     * 90034, 90028) or locked by another process (90020). Other SQL errors are left to Spring Boot's
     * report.
     */
    private static @Nullable FailureAnalysis database(SQLException failure) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        DatabaseFailure kind;
        if (state.startsWith("08")) {
            kind = new DatabaseFailure(
                    "The database cannot be reached",
                    "Check spring.datasource.url (host, port, database name) and that the database server is running"
                            + " and accepts connections from this host.");
        } else if (state.startsWith("28")) {
            kind = new DatabaseFailure(
                    "The database refused the credentials",
                    "Check spring.datasource.username and spring.datasource.password (SPRING_DATASOURCE_PASSWORD).");
        } else if (state.equals("3D000")) {
            kind = new DatabaseFailure(
                    "The database does not exist",
                    "Create it (for PostgreSQL: createdb -O <user> <name>) or correct the name in spring.datasource.url.");
        } else if (state.equals("90062") || state.equals("90034") || state.equals("90028")) {
            kind = new DatabaseFailure(
                    "The embedded database cannot write its files",
                    "Make phoenix.data-dir a directory this user can create and write to, on a file system with free"
                            + " space.");
        } else if (state.equals("90020")) {
            kind = new DatabaseFailure(
                    "The embedded database is in use by another process",
                    "Another Phoenix IdP (or a tool such as the H2 console) has this phoenix.data-dir open: stop it, or"
                            + " give this server a data directory of its own.");
        } else {
            return null;
        }
        return new FailureAnalysis(
                kind.what() + ": " + redact(String.valueOf(failure.getMessage())),
                kind.action() + " Nothing was changed.",
                failure);
    }

    /** What a database failure is, and what the operator should do. */
    private record DatabaseFailure(String what, String action) {}

    /** A configuration file (application.yml, phoenix.yml, ...) that snakeyaml cannot parse. */
    private static FailureAnalysis yaml(MarkedYAMLException failure) {
        StringBuilder where = new StringBuilder(String.valueOf(failure.getProblem()));
        if (failure.getProblemMark() != null) {
            where.append(" at line ")
                    .append(failure.getProblemMark().getLine() + 1)
                    .append(", column ")
                    .append(failure.getProblemMark().getColumn() + 1);
        }
        if (failure.getContext() != null) {
            where.append(" (").append(failure.getContext());
            if (failure.getContextMark() != null) {
                where.append(" that began at line ")
                        .append(failure.getContextMark().getLine() + 1);
            }
            where.append(')');
        }
        return new FailureAnalysis(
                "A configuration file is not valid YAML: " + where,
                "Correct that line in the YAML configuration you gave the server (the distribution's"
                        + " conf/phoenix.yml, a file named by spring.config.additional-location or"
                        + " spring.config.import, or ./config/application.yml); indentation and unclosed"
                        + " brackets or quotes are the usual cause. Nothing was changed.",
                failure);
    }

    private static String redact(String message) {
        return PASSWORD_PARAMETER.matcher(message).replaceAll("$1=***");
    }
}
