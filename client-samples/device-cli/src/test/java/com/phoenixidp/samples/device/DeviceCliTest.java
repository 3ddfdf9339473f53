package com.phoenixidp.samples.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.samples.cli.Cli;
import com.phoenixidp.samples.testsupport.AuthServerProcess;
import com.phoenixidp.samples.testsupport.Bootstrap;
import com.phoenixidp.samples.testsupport.Browser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device CLI against the real auth-server (child process): the user code it prints is entered
 * on the IdP's verification page by a real headless browser, consent approved or denied.
 */
class DeviceCliTest {

    static AuthServerProcess idp;

    static Browser browser;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        idp = AuthServerProcess.start(new Bootstrap()
                .phoenix("grants: {device-poll-interval: 1s}")
                .user("dana", "dana-password-123")
                .client(
                        "tv-app",
                        "grant-types: [\"urn:ietf:params:oauth:grant-type:device_code\", refresh_token]",
                        "auth-methods: [none]",
                        "scopes: [profile, api.read]",
                        "require-consent: true")
                .client(
                        "tv-short",
                        "grant-types: [\"urn:ietf:params:oauth:grant-type:device_code\"]",
                        "auth-methods: [none]",
                        "scopes: [api.read]",
                        "require-consent: false",
                        "device-code-ttl: 2s"));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void approvedInTheBrowserPrintsIdentityAndScopes() throws Exception {
        Run run = Run.start("--issuer", idp.issuer(), "--client-id", "tv-app", "--scope", "profile api.read");
        String userCode = run.userCode();
        assertThat(run.out())
                .contains("Verification URL: " + idp.issuer() + "/device")
                .contains("Direct link:      " + idp.issuer() + "/device?user_code=")
                .contains("\u2588");

        enterCode(userCode);
        browser.click("consent-approve");
        browser.element("device-success");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Username: dana")
                .contains("Subject:  dana")
                .containsPattern("Scopes: .*api\\.read")
                .containsPattern("Scopes: .*profile")
                .doesNotContain("eyJ");
    }

    @Test
    void deniedConsentFailsWithAccessDenied() throws Exception {
        Run run = Run.start("--issuer", idp.issuer(), "--client-id", "tv-app", "--no-qr");
        enterCode(run.userCode());
        browser.click("consent-deny");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("access_denied").doesNotContain("Exception");
        assertThat(run.out()).doesNotContain("Signed in");
    }

    @Test
    void codeThatIsNeverEnteredExpires() throws Exception {
        Run run = Run.start("--issuer", idp.issuer(), "--client-id", "tv-short", "--scope", "api.read", "--no-qr");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("expired_token");
    }

    @Test
    void wrongIssuerAndUnreachableServerFailWithOneLine() throws Exception {
        Run wrong = Run.start("--issuer", idp.issuer() + "/not-the-issuer", "--client-id", "tv-app");
        assertThat(wrong.exitCode()).isEqualTo(3);
        assertThat(wrong.err()).contains("is not an OpenID Connect issuer").hasLineCount(1);

        Run down = Run.start("--issuer", "http://localhost:" + AuthServerProcess.freePort(), "--client-id", "tv-app");
        assertThat(down.exitCode()).isEqualTo(3);
        assertThat(down.err()).contains("cannot reach").hasLineCount(1);
    }

    @Test
    void helpListsTheOptions() throws Exception {
        Run help = Run.start("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--issuer", "--client-id", "--client-secret", "--scope", "--print-token");
    }

    /** Signs in on the IdP if needed, enters the code on the verification page and continues to consent. */
    private static void enterCode(String userCode) {
        browser.open(idp.issuer() + "/device");
        if (browser.currentUrl().contains("/login")) {
            browser.signIn("dana", "dana-password-123");
        }
        browser.type("user-code", userCode);
        browser.click("device-submit");
    }

    /** The CLI running in this JVM on its own thread, its output captured. */
    record Run(CompletableFuture<Integer> exit, StringWriter stdout, StringWriter stderr) {

        static Run start(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            PrintWriter outWriter = new PrintWriter(out, true);
            PrintWriter errWriter = new PrintWriter(err, true);
            CompletableFuture<Integer> exit =
                    CompletableFuture.supplyAsync(() -> Cli.run(new DeviceCli(outWriter), outWriter, errWriter, args));
            return new Run(exit, out, err);
        }

        String userCode() throws InterruptedException {
            Pattern code = Pattern.compile("User code: +(\\S+)");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                // the whole prompt (code, link, QR code) is printed before "Waiting for approval"
                String printed = out();
                Matcher matcher = code.matcher(printed);
                if (matcher.find() && printed.contains("Waiting for approval")) {
                    return matcher.group(1);
                }
                if (this.exit.isDone()) {
                    break;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no user code printed; out:\n" + out() + "\nerr:\n" + err());
        }

        int exitCode() throws Exception {
            return this.exit.get(60, TimeUnit.SECONDS);
        }

        String out() {
            return this.stdout.toString();
        }

        String err() {
            return this.stderr.toString();
        }
    }
}
