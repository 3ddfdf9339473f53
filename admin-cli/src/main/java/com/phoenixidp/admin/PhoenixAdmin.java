package com.phoenixidp.admin;

import com.phoenixidp.admin.audit.AuditCommand;
import com.phoenixidp.admin.backup.BackupCommand;
import com.phoenixidp.admin.clients.ClientsCommand;
import com.phoenixidp.admin.groups.GroupsCommand;
import com.phoenixidp.admin.http.AdminApi;
import com.phoenixidp.admin.http.Http;
import com.phoenixidp.admin.http.Secret;
import com.phoenixidp.admin.http.ServerUrl;
import com.phoenixidp.admin.http.Tls;
import com.phoenixidp.admin.http.TokenClient;
import com.phoenixidp.admin.keys.KeysCommand;
import com.phoenixidp.admin.output.Text;
import com.phoenixidp.admin.users.UsersCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code phoenix-admin}: manages a running Phoenix IdP over HTTP only (SCIM 2.0, RFC 7643/7644,
 * for users and groups; the admin API for clients, keys, sessions and audit), as Keycloak's {@code
 * kcadm.sh} does. It never opens the server's database. It signs in as an admin client with the
 * client credentials grant (scope {@code phoenix.admin}); every failure is one {@code
 * phoenix-admin: error: ...} line on standard error and a non-zero exit status ({@link ExitCodes}).
 */
@Command(
        name = "phoenix-admin",
        mixinStandardHelpOptions = true,
        version = "phoenix-admin (Phoenix IdP) 0.1.0",
        customSynopsis = "phoenix-admin [connection options] GROUP COMMAND [NAME] [options]",
        description = {
            "Manage a running Phoenix IdP over its HTTP APIs (SCIM 2.0 and the admin API).",
            "Signs in as an admin client (client credentials, scope phoenix.admin). The client secret comes from "
                    + "the environment variable PHOENIX_ADMIN_CLIENT_SECRET or from --client-secret-file, never "
                    + "from an option value.",
            "",
            "Example:",
            "  export PHOENIX_ADMIN_CLIENT_SECRET=$(cat data/secrets/demo-admin.secret)",
            "  phoenix-admin --server http://localhost:9000 --client-id demo-admin \\",
            "      users disable carol"
        },
        optionListHeading = "%nConnection options:%n",
        commandListHeading = "%nCommands (GROUP COMMAND; each has --help and --json):%n",
        subcommands = {
            UsersCommand.class,
            GroupsCommand.class,
            ClientsCommand.class,
            KeysCommand.class,
            AuditCommand.class,
            BackupCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PhoenixAdmin implements Callable<Integer> {

    static final String SERVER_ENV = "PHOENIX_SERVER";

    static final String CLIENT_ID_ENV = "PHOENIX_ADMIN_CLIENT_ID";

    private static final String ENVIRONMENT_HELP = "%nEnvironment:%n"
            + "  PHOENIX_SERVER               default for --server%n"
            + "  PHOENIX_ADMIN_CLIENT_ID      default for --client-id%n"
            + "  PHOENIX_ADMIN_CLIENT_SECRET  the admin client's secret%n"
            + "  PHOENIX_PASSWORD             new password for users add, users set-password%n"
            + "                               (else read from standard input)%n";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "base URL of the Phoenix IdP, e.g. http://localhost:9000 (default: $PHOENIX_SERVER)")
    @Nullable
    String server;

    @Option(
            names = "--client-id",
            paramLabel = "ID",
            description = "admin client with scope phoenix.admin (default: $PHOENIX_ADMIN_CLIENT_ID)")
    @Nullable
    String clientId;

    @Option(
            names = "--client-secret-file",
            paramLabel = "FILE",
            description = "file whose first line is the client secret (default: $PHOENIX_ADMIN_CLIENT_SECRET)")
    @Nullable
    Path clientSecretFile;

    @Option(
            names = "--cacert",
            paramLabel = "FILE",
            description = "PEM file of the CA certificate(s) to trust for an https server with a private CA")
    @Nullable
    Path cacert;

    private final Invocation invocation;

    private @Nullable AdminApi api;

    public PhoenixAdmin(Invocation invocation) {
        this.invocation = Objects.requireNonNull(invocation, "invocation");
    }

    @Override
    public Integer call() {
        throw AdminException.usage(
                "missing command: users, groups, clients, keys, audit or backup (see 'phoenix-admin --help')");
    }

    Invocation invocation() {
        return this.invocation;
    }

    /** The connection to the server, opened on first use from the options and the environment. */
    AdminApi api() {
        AdminApi current = this.api;
        if (current == null) {
            String serverValue = (this.server != null) ? this.server : this.invocation.env(SERVER_ENV);
            if (serverValue == null) {
                throw AdminException.usage("no server: pass --server URL or set " + SERVER_ENV);
            }
            URI base = ServerUrl.parse(serverValue);
            String id = (this.clientId != null) ? this.clientId : this.invocation.env(CLIENT_ID_ENV);
            if (id == null || id.isBlank()) {
                throw AdminException.usage("no admin client: pass --client-id ID or set " + CLIENT_ID_ENV);
            }
            Secret secret = ClientSecretSource.read(this.clientSecretFile, this.invocation, this::warn);
            Http http = new Http(Tls.httpClient(this.cacert));
            if (ServerUrl.plainTextToRemoteHost(base)) {
                warn("the client secret and tokens cross the network unencrypted to " + ServerUrl.origin(base)
                        + " (use https)");
            }
            current = new AdminApi(http, base, new TokenClient(http, base, id, secret));
            this.api = current;
        }
        return current;
    }

    private void warn(String message) {
        this.spec.commandLine().getErr().println("phoenix-admin: warning: " + Text.oneLine(message));
    }

    /** Entry point of {@code phoenix-admin.jar}. */
    public static void main(String[] args) {
        // the platform charset, as PrintWriter(OutputStream) uses implicitly
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        System.exit(run(args, Invocation.system(), out, err));
    }

    /** Runs one command line; returns the exit status ({@link ExitCodes}). */
    public static int run(String[] args, Invocation invocation, PrintWriter out, PrintWriter err) {
        String refused = ClientSecretSource.refusedFlag(args);
        if (refused != null) {
            err.println("phoenix-admin: error: " + refused);
            err.flush();
            return ExitCodes.USAGE;
        }
        CommandLine commandLine = commandLine(invocation, out, err);
        int status = commandLine.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    static CommandLine commandLine(Invocation invocation, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new PhoenixAdmin(invocation));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getOut().flush();
            if (exception instanceof AdminException admin) {
                cmd.getErr().println("phoenix-admin: error: " + Text.oneLine(admin.getMessage()));
                cmd.getErr().flush();
                return admin.exitCode();
            }
            // a defect: the exception's message could quote a server answer, so only its type is shown
            cmd.getErr()
                    .println("phoenix-admin: error: unexpected failure ("
                            + exception.getClass().getName() + ")");
            cmd.getErr().flush();
            return ExitCodes.REFUSED;
        });
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine cmd = exception.getCommandLine();
            cmd.getErr()
                    .println("phoenix-admin: error: " + Text.oneLine(exception.getMessage()) + " (see '"
                            + cmd.getCommandSpec().qualifiedName() + " --help')");
            cmd.getErr().flush();
            return ExitCodes.USAGE;
        });
        commandLine.getCommandSpec().usageMessage().footer(String.format(ENVIRONMENT_HELP + ExitCodes.FOOTER));
        commandLine.getSubcommands().values().forEach(PhoenixAdmin::addFooter);
        return commandLine;
    }

    private static void addFooter(CommandLine command) {
        command.getCommandSpec().usageMessage().footer(String.format(ExitCodes.FOOTER));
        command.getSubcommands().values().forEach(PhoenixAdmin::addFooter);
    }
}
