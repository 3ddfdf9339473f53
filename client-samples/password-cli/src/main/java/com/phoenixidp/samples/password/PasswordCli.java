package com.phoenixidp.samples.password;

import com.phoenixidp.samples.cli.Cli;
import com.phoenixidp.samples.cli.CliException;
import com.phoenixidp.samples.cli.ExitCodes;
import com.phoenixidp.samples.cli.OAuthHttp;
import com.phoenixidp.samples.cli.TokenInfo;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The legacy resource-owner password grant (RFC 6749 4.3), for a client that opted in: for
 * migrating an application that cannot be changed yet. The password is read from the environment
 * variable {@code PHOENIX_PASSWORD} or from standard input — never from a flag, which would leave
 * it in the shell history and the process list.
 */
@Command(
        name = "password-cli",
        mixinStandardHelpOptions = true,
        version = "password-cli 0.1.0",
        description = {
            "Signs in with the legacy OAuth 2.0 password grant (discouraged: RFC 9700; the client "
                    + "must have opted in).",
            "The password is read from PHOENIX_PASSWORD or standard input, never a flag."
        },
        footer = {
            "",
            "Settings can also come from the environment: PHOENIX_ISSUER, PHOENIX_CLIENT_ID, "
                    + "PHOENIX_CLIENT_SECRET, PHOENIX_USERNAME, PHOENIX_SCOPE.",
            ExitCodes.HELP
        })
public final class PasswordCli implements Callable<Integer> {

    @Option(
            names = "--issuer",
            description = "the IdP's issuer URL (default: ${DEFAULT-VALUE})",
            defaultValue = "${PHOENIX_ISSUER:-http://localhost:9000}")
    String issuer;

    @Option(
            names = "--client-id",
            description = "the client's id (default: ${DEFAULT-VALUE})",
            defaultValue = "${PHOENIX_CLIENT_ID:-demo-legacy}")
    String clientId;

    @Option(
            names = "--client-secret",
            description = "the client's secret (or PHOENIX_CLIENT_SECRET)",
            defaultValue = "${PHOENIX_CLIENT_SECRET}")
    String clientSecret;

    @Option(
            names = "--username",
            description = "the user signing in (or PHOENIX_USERNAME)",
            defaultValue = "${PHOENIX_USERNAME}")
    String username;

    @Option(
            names = "--scope",
            description = "space-separated scopes (default: ${DEFAULT-VALUE})",
            defaultValue = "${PHOENIX_SCOPE:-api.read}")
    String scope;

    @Option(names = "--print-token", description = "also print the access token (it is a credential: careful)")
    boolean printToken;

    private final OAuthHttp http;

    private final PrintWriter out;

    private final Map<String, String> environment;

    private final Supplier<BufferedReader> stdin;

    public PasswordCli(PrintWriter out, Map<String, String> environment, Supplier<BufferedReader> stdin) {
        this.http = new OAuthHttp();
        this.out = out;
        this.environment = environment;
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(Cli.run(
                new PasswordCli(
                        out,
                        System.getenv(),
                        () -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))),
                out,
                err,
                args));
    }

    @Override
    public Integer call() {
        if (this.username == null || this.username.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "--username is required (or PHOENIX_USERNAME)");
        }
        if (this.clientSecret == null || this.clientSecret.isEmpty()) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--client-secret is required (or PHOENIX_CLIENT_SECRET): the password grant needs a confidential client");
        }
        Map<String, Object> metadata = this.http.discover(this.issuer);
        String tokenEndpoint = OAuthHttp.endpoint(metadata, "token_endpoint");
        char[] password = readPassword();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", this.username);
        form.put("password", new String(password));
        form.put("scope", this.scope);
        Arrays.fill(password, '\0');
        OAuthHttp.Answer tokens = this.http.postForm(tokenEndpoint, form, this.clientId, this.clientSecret);
        form.clear();
        if (!tokens.ok() || tokens.string("access_token") == null) {
            throw refused(tokens);
        }
        TokenInfo.of(tokens)
                .print(this.out, "Signed in (password grant).", tokens.string("access_token"), this.printToken);
        return ExitCodes.OK;
    }

    private CliException refused(OAuthHttp.Answer answer) {
        String error = answer.error();
        if (error == null) {
            return new CliException(ExitCodes.UNAVAILABLE, "token request failed: " + Cli.oauthError(answer));
        }
        String hint = switch (error) {
            case "invalid_grant" ->
                "sign-in refused: wrong username or password, or the account is locked or needs a second factor";
            case "unauthorized_client" ->
                "the client '" + this.clientId + "' may not use the password grant (it has not opted in)";
            case "invalid_client" -> "client authentication failed: check --client-id and --client-secret";
            case "invalid_scope" -> "scope refused: '" + this.scope + "'";
            default -> "token request refused";
        };
        return new CliException(ExitCodes.REFUSED, hint + " [" + error + "]");
    }

    /** PHOENIX_PASSWORD, else the console without echo, else the first line of standard input. */
    private char[] readPassword() {
        String fromEnvironment = this.environment.get("PHOENIX_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        Console console = Cli.interactiveConsole();
        char @Nullable [] password;
        if (console != null) {
            password = console.readPassword("Password for %s: ", this.username);
        } else {
            try {
                String line = this.stdin.get().readLine();
                password = (line != null) ? line.toCharArray() : null;
            } catch (IOException ex) {
                password = null;
            }
        }
        if (password == null || password.length == 0) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "no password: set PHOENIX_PASSWORD or write it to standard input (there is no password flag)");
        }
        return password;
    }
}
