package com.phoenixidp.pki.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code pki} command line: a thin shell over {@code CertificateAuthority}. Each command
 * reads its input, validates it, acts through the library and renders the result; every
 * failure is one {@code pki: error: ...} line on stderr and a non-zero exit (1 for a failed
 * operation, 2 for bad usage), never a stack trace.
 */
@Command(
        name = "pki",
        mixinStandardHelpOptions = true,
        version = "pki (Phoenix IdP) 0.1.0",
        description = "A small two-tier certificate authority: root + intermediate, leaf issuance, CSR signing, "
                + "revocation, CRL and OCSP.%nThe CA passphrase comes from the environment variable PHOENIX_CA_PASSWORD "
                + "or from --password-file.",
        subcommands = {
            InitCommand.class,
            IssueCommand.class,
            SignCommand.class,
            RevokeCommand.class,
            CrlCommand.class,
            ListCommand.class,
            OcspCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PkiCommand implements Callable<Integer> {

    /** Environment variable holding the CA passphrase. */
    public static final String PASSWORD_ENV = "PHOENIX_CA_PASSWORD";

    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    public PkiCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    Map<String, String> environment() {
        return environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Entry point of {@code pki.jar}. */
    public static void main(String[] args) {
        // the platform charset, as PrintWriter(OutputStream) uses implicitly
        Charset charset = Charset.defaultCharset();
        System.exit(run(
                args,
                System.getenv(),
                new PrintWriter(new OutputStreamWriter(System.out, charset), true),
                new PrintWriter(new OutputStreamWriter(System.err, charset), true)));
    }

    /** Runs one command with the given environment and streams; returns the exit status. */
    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new PkiCommand(environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("pki: error: " + Errors.message(exception));
            cmd.getErr().flush();
            return 1;
        });
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine cmd = exception.getCommandLine();
            cmd.getErr()
                    .println("pki: error: " + Errors.oneLine(exception.getMessage()) + " (see '"
                            + cmd.getCommandSpec().qualifiedName() + " --help')");
            cmd.getErr().flush();
            return 2;
        });
        int status = commandLine.execute(args);
        out.flush();
        err.flush();
        return status;
    }
}
