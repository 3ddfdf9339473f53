package com.phoenixidp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code phoenix-admin} in this JVM with a chosen environment, standard input, terminal and
 * clock. Every run checks that neither the client secret nor the access token was printed.
 */
public final class AdminRunner {

    public static final String CLIENT_ID = "admin-cli";

    public static final String SECRET = "admin-secret-0123456789-0123456789-x";

    public static final String TOKEN = "eyJ.access-token-0123456789.sig";

    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final Map<String, String> environment = new HashMap<>();

    private String stdin = "";

    private Terminal terminal;

    /** Connection settings in the environment, pointing at {@code server}. */
    public static AdminRunner against(StubServer server) {
        return new AdminRunner()
                .env("PHOENIX_SERVER", server.url())
                .env("PHOENIX_ADMIN_CLIENT_ID", CLIENT_ID)
                .env("PHOENIX_ADMIN_CLIENT_SECRET", SECRET);
    }

    /** No environment at all. */
    public static AdminRunner bare() {
        return new AdminRunner();
    }

    public AdminRunner env(String name, String value) {
        this.environment.put(name, value);
        return this;
    }

    public AdminRunner withoutEnv(String name) {
        this.environment.remove(name);
        return this;
    }

    public AdminRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    public AdminRunner terminal(Terminal terminal) {
        this.terminal = terminal;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Invocation invocation = new Invocation(
                this.environment,
                new ByteArrayInputStream(this.stdin.getBytes(StandardCharsets.UTF_8)),
                this.terminal,
                Clock.fixed(NOW, ZoneOffset.UTC));
        int status = PhoenixAdmin.run(args, invocation, new PrintWriter(out, true), new PrintWriter(err, true));
        Result result = new Result(status, out.toString(), err.toString());
        assertThat(result.out() + result.err())
                .as("phoenix-admin never prints the client secret or the access token")
                .doesNotContain(SECRET)
                .doesNotContain(TOKEN);
        return result;
    }

    /** Exit status and what was printed. */
    public record Result(int status, String out, String err) {

        public List<String> errLines() {
            return this.err.lines().toList();
        }

        /** The one {@code phoenix-admin: error: ...} line (asserts there is exactly one line on stderr). */
        public String error() {
            assertThat(errLines()).as("stderr: " + this.err).hasSize(1);
            assertThat(this.err).startsWith("phoenix-admin: error: ");
            return errLines().get(0);
        }
    }
}
