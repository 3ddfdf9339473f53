package com.phoenixidp.samples.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.samples.cli.Cli;
import com.phoenixidp.samples.testsupport.AuthServerProcess;
import com.phoenixidp.samples.testsupport.Bootstrap;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The password CLI against the real auth-server (child process). */
class PasswordCliTest {

    static final String LEGACY_SECRET = "legacy-secret-0123456789-0123456789";

    static final String MODERN_SECRET = "modern-secret-0123456789-0123456789";

    static AuthServerProcess idp;

    @BeforeAll
    static void start() {
        idp = AuthServerProcess.start(new Bootstrap()
                .user("paula", "paula-password-1")
                .user("wrong-pw-user", "wrong-pw-password-1")
                .client(
                        "legacy-app",
                        "client-secret: " + Bootstrap.q(LEGACY_SECRET),
                        "grant-types: [password, refresh_token]",
                        "auth-methods: [client_secret_basic]",
                        "scopes: [openid, profile, api.read]")
                .client(
                        "modern-app",
                        "client-secret: " + Bootstrap.q(MODERN_SECRET),
                        "grant-types: [client_credentials]",
                        "auth-methods: [client_secret_basic]",
                        "scopes: [api.read]"));
    }

    @AfterAll
    static void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void passwordFromStandardInput() {
        Result result = run(
                Map.of(),
                "paula-password-1\n",
                "--client-id",
                "legacy-app",
                "--client-secret",
                LEGACY_SECRET,
                "--username",
                "paula",
                "--scope",
                "profile api.read");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("Username: paula", "Subject:  paula")
                .containsPattern("Scopes: .*api\\.read")
                .contains("refresh token was issued")
                .doesNotContain("eyJ")
                .doesNotContain("paula-password-1");
    }

    @Test
    void passwordFromTheEnvironmentAndTokenOnlyWhenAsked() {
        Result result = run(
                Map.of("PHOENIX_PASSWORD", "paula-password-1"),
                "",
                "--client-id",
                "legacy-app",
                "--client-secret",
                LEGACY_SECRET,
                "--username",
                "paula",
                "--print-token");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("Username: paula")
                .contains("Scopes:   api.read")
                .contains("Access token: eyJ");
    }

    @Test
    void wrongPasswordIsInvalidGrant() {
        Result result = run(
                Map.of("PHOENIX_PASSWORD", "not-the-password"),
                "",
                "--client-id",
                "legacy-app",
                "--client-secret",
                LEGACY_SECRET,
                "--username",
                "wrong-pw-user");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("invalid_grant").hasLineCount(1).doesNotContain("not-the-password");
    }

    @Test
    void clientThatDidNotOptInIsUnauthorizedClient() {
        Result result = run(
                Map.of("PHOENIX_PASSWORD", "paula-password-1"),
                "",
                "--client-id",
                "modern-app",
                "--client-secret",
                MODERN_SECRET,
                "--username",
                "paula");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("unauthorized_client").hasLineCount(1);
    }

    @Test
    void wrongIssuerUnreachableServerAndMissingPassword() {
        Result wrong = run(
                Map.of("PHOENIX_PASSWORD", "x"),
                "",
                "--issuer",
                idp.issuer() + "/elsewhere",
                "--client-secret",
                LEGACY_SECRET,
                "--username",
                "paula");
        assertThat(wrong.code()).isEqualTo(3);
        assertThat(wrong.err()).contains("is not an OpenID Connect issuer");

        Result down = run(
                Map.of("PHOENIX_PASSWORD", "x"),
                "",
                "--issuer",
                "http://localhost:" + AuthServerProcess.freePort(),
                "--client-secret",
                LEGACY_SECRET,
                "--username",
                "paula");
        assertThat(down.code()).isEqualTo(3);
        assertThat(down.err()).contains("cannot reach");

        Result noPassword =
                run(Map.of(), "", "--client-id", "legacy-app", "--client-secret", LEGACY_SECRET, "--username", "paula");
        assertThat(noPassword.code()).isEqualTo(2);
        assertThat(noPassword.err()).contains("PHOENIX_PASSWORD");

        Result passwordFlag = run(Map.of(), "", "--password", "paula-password-1");
        assertThat(passwordFlag.code()).isEqualTo(2);
    }

    record Result(int code, String out, String err) {}

    /** Runs the CLI in this JVM against the test server, with this environment and standard input. */
    static Result run(Map<String, String> environment, String stdin, String... args) {
        String[] all = args;
        if (!java.util.List.of(args).contains("--issuer")) {
            all = new String[args.length + 2];
            all[0] = "--issuer";
            all[1] = idp.issuer();
            System.arraycopy(args, 0, all, 2, args.length);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out, true);
        int code = Cli.run(
                new PasswordCli(outWriter, environment, () -> new BufferedReader(new StringReader(stdin))),
                outWriter,
                new PrintWriter(err, true),
                all);
        return new Result(code, out.toString(), err.toString());
    }
}
