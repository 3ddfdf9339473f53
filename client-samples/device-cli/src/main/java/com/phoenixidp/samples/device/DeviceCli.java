package com.phoenixidp.samples.device;

import com.phoenixidp.samples.cli.Cli;
import com.phoenixidp.samples.cli.CliException;
import com.phoenixidp.samples.cli.ExitCodes;
import com.phoenixidp.samples.cli.OAuthHttp;
import com.phoenixidp.samples.cli.TokenInfo;
import io.nayuki.qrcodegen.QrCode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Signs a user in on a device without a browser (RFC 8628): asks the device authorization
 * endpoint (found by discovery) for a code, shows where to enter it, polls the token endpoint
 * respecting {@code interval} and {@code slow_down}, and prints who signed in and with which scopes.
 */
@Command(
        name = "device-cli",
        mixinStandardHelpOptions = true,
        version = "device-cli 0.1.0",
        description = "Signs in with the OAuth 2.0 device authorization grant (RFC 8628).",
        footer = {
            "",
            "Settings can also come from the environment: PHOENIX_ISSUER, PHOENIX_CLIENT_ID, "
                    + "PHOENIX_CLIENT_SECRET, PHOENIX_SCOPE.",
            ExitCodes.HELP
        })
public final class DeviceCli implements Callable<Integer> {

    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    @Option(
            names = "--issuer",
            description = "the IdP's issuer URL (default: ${DEFAULT-VALUE})",
            defaultValue = "${PHOENIX_ISSUER:-http://localhost:9000}")
    String issuer;

    @Option(
            names = "--client-id",
            description = "the device client's id (default: ${DEFAULT-VALUE})",
            defaultValue = "${PHOENIX_CLIENT_ID:-demo-device}")
    String clientId;

    @Option(
            names = "--client-secret",
            description = "the client secret, for a confidential device client " + "(omit for a public one)",
            defaultValue = "${PHOENIX_CLIENT_SECRET}")
    String clientSecret;

    @Option(
            names = "--scope",
            description = "space-separated scopes (default: ${DEFAULT-VALUE})",
            defaultValue = "${PHOENIX_SCOPE:-profile api.read}")
    String scope;

    @Option(
            names = "--qr",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "show the direct link as a QR code in the terminal; --no-qr to leave it out")
    boolean qr;

    @Option(names = "--print-token", description = "also print the access token (it is a credential: careful)")
    boolean printToken;

    private final OAuthHttp http;

    private final PrintWriter out;

    private final Sleeper sleeper;

    /** Waits between polls (the server's interval, always honoured). */
    interface Sleeper {

        void sleep(Duration duration) throws InterruptedException;
    }

    public DeviceCli(PrintWriter out) {
        this(new OAuthHttp(), out, (duration) -> Thread.sleep(duration.toMillis()));
    }

    DeviceCli(OAuthHttp http, PrintWriter out, Sleeper sleeper) {
        this.http = http;
        this.out = out;
        this.sleeper = sleeper;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(Cli.run(new DeviceCli(out), out, err, args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> metadata = this.http.discover(this.issuer);
        String deviceEndpoint = OAuthHttp.endpoint(metadata, "device_authorization_endpoint");
        String tokenEndpoint = OAuthHttp.endpoint(metadata, "token_endpoint");

        OAuthHttp.Answer start = this.http.postForm(
                deviceEndpoint, clientForm(Map.of("scope", this.scope)), this.clientId, this.clientSecret);
        if (!start.ok() || start.string("device_code") == null) {
            throw new CliException(
                    start.error() != null ? ExitCodes.REFUSED : ExitCodes.UNAVAILABLE,
                    "device authorization refused: " + Cli.oauthError(start));
        }
        String deviceCode = start.string("device_code");
        String userCode = start.string("user_code");
        String verificationUri = start.string("verification_uri");
        String complete = start.string("verification_uri_complete");
        Duration interval = Duration.ofSeconds(number(start.json().get("interval"), 5));
        Instant expires = Instant.now().plusSeconds(number(start.json().get("expires_in"), 300));

        this.out.println("To sign in, open this page on a phone or computer:");
        this.out.println();
        this.out.println("  Verification URL: " + verificationUri);
        this.out.println("  User code:        " + userCode);
        if (complete != null) {
            this.out.println("  Direct link:      " + complete);
            if (this.qr) {
                this.out.println();
                this.out.print(QrTerminal.render(QrCode.encodeText(complete, QrCode.Ecc.LOW)));
            }
        }
        this.out.println();
        this.out.println("Waiting for approval (the code expires in "
                + Duration.between(Instant.now(), expires).toSeconds() + " s)...");
        this.out.flush();

        OAuthHttp.Answer tokens = poll(tokenEndpoint, deviceCode, interval, expires);
        TokenInfo.of(tokens).print(this.out, "Signed in.", tokens.string("access_token"), this.printToken);
        return ExitCodes.OK;
    }

    /** Polls the token endpoint (RFC 8628 3.4/3.5) until the user approves, denies, or the code expires. */
    private OAuthHttp.Answer poll(String tokenEndpoint, String deviceCode, Duration interval, Instant expires)
            throws InterruptedException {
        Duration wait = interval;
        while (true) {
            this.sleeper.sleep(wait);
            OAuthHttp.Answer answer = this.http.postForm(
                    tokenEndpoint,
                    clientForm(Map.of("grant_type", DEVICE_CODE_GRANT, "device_code", deviceCode)),
                    this.clientId,
                    this.clientSecret);
            if (answer.ok() && answer.string("access_token") != null) {
                return answer;
            }
            String error = answer.error();
            if ("authorization_pending".equals(error)) {
                if (Instant.now().isAfter(expires.plusSeconds(5))) {
                    throw new CliException(
                            ExitCodes.REFUSED,
                            "the code expired before it was approved [expired_token]; run device-cli again");
                }
                continue;
            }
            if ("slow_down".equals(error)) {
                wait = wait.plusSeconds(5);
                continue;
            }
            if ("access_denied".equals(error)) {
                throw new CliException(ExitCodes.REFUSED, "the user denied the request [access_denied]");
            }
            if ("expired_token".equals(error)) {
                throw new CliException(
                        ExitCodes.REFUSED,
                        "the code expired before it was approved [expired_token]; run device-cli again");
            }
            throw new CliException(
                    (error != null) ? ExitCodes.REFUSED : ExitCodes.UNAVAILABLE,
                    "token request refused: " + Cli.oauthError(answer));
        }
    }

    private Map<String, String> clientForm(Map<String, String> params) {
        Map<String, String> form = new LinkedHashMap<>(params);
        if (this.clientSecret == null || this.clientSecret.isEmpty()) {
            // a public client identifies itself in the body (RFC 6749 2.3, RFC 8628 3.1)
            form.put("client_id", this.clientId);
        }
        return form;
    }

    private static long number(@Nullable Object value, long fallback) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return (value != null) ? Long.parseLong(value.toString()) : fallback;
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }
}
