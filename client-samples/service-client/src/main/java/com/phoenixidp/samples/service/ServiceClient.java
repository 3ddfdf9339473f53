package com.phoenixidp.samples.service;

import com.phoenixidp.samples.cli.Cli;
import com.phoenixidp.samples.cli.CliException;
import com.phoenixidp.samples.cli.ExitCodes;
import com.phoenixidp.samples.cli.OAuthHttp;
import com.phoenixidp.samples.cli.TokenInfo;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A service calling an API on its own behalf: client credentials with mutual-TLS client
 * authentication ({@code tls_client_auth}, RFC 8705 2.1) using a certificate from the Phoenix CA,
 * which makes the access token certificate-bound (RFC 8705 3, claim {@code cnf.x5t#S256}); then
 * the API call over the same mutual TLS, so the API can check the binding.
 */
@Command(
        name = "service-client",
        mixinStandardHelpOptions = true,
        version = "service-client 0.1.0",
        description = "Gets a certificate-bound access token with client credentials over mutual TLS "
                + "(tls_client_auth) and calls an API with it.",
        footer = {
            "",
            "Settings can also come from the environment: PHOENIX_TOKEN_ENDPOINT, PHOENIX_CLIENT_ID, "
                    + "PHOENIX_CLIENT_CERT, PHOENIX_CLIENT_KEY, PHOENIX_CA, PHOENIX_API_URL, PHOENIX_SCOPE.",
            ExitCodes.HELP
        })
public final class ServiceClient implements Callable<Integer> {

    @Option(
            names = "--token-endpoint",
            description = "the IdP's token endpoint (HTTPS, e.g. https://localhost:9443/oauth2/token)",
            defaultValue = "${PHOENIX_TOKEN_ENDPOINT}",
            required = true)
    String tokenEndpoint;

    @Option(
            names = "--client-id",
            description = "the client's id (registered with tls_client_auth)",
            defaultValue = "${PHOENIX_CLIENT_ID}",
            required = true)
    String clientId;

    @Option(
            names = "--cert",
            description = "PEM file: the client certificate (and its chain)",
            defaultValue = "${PHOENIX_CLIENT_CERT}",
            required = true)
    Path certificate;

    @Option(
            names = "--key",
            description = "PEM file: the certificate's private key (PKCS#8)",
            defaultValue = "${PHOENIX_CLIENT_KEY}",
            required = true)
    Path key;

    @Option(
            names = "--ca",
            description = "PEM file: the CA certificate(s) the servers' certificates chain to",
            defaultValue = "${PHOENIX_CA}",
            required = true)
    Path ca;

    @Option(
            names = "--api",
            description = "the API URL to call with the token (GET)",
            defaultValue = "${PHOENIX_API_URL}",
            required = true)
    String api;

    @Option(
            names = "--scope",
            description = "space-separated scopes (default: ${DEFAULT-VALUE})",
            defaultValue = "${PHOENIX_SCOPE:-api.read}")
    String scope;

    @Option(names = "--print-token", description = "also print the access token (it is a credential: careful)")
    boolean printToken;

    private final PrintWriter out;

    public ServiceClient(PrintWriter out) {
        this.out = out;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(Cli.run(new ServiceClient(out), out, err, args));
    }

    @Override
    public Integer call() {
        SSLContext tls = PemTls.context(this.certificate, this.key, this.ca);
        X509Certificate leaf = PemTls.leaf(this.certificate);
        OAuthHttp http = new OAuthHttp(
                HttpClient.newBuilder()
                        .sslContext(tls)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build(),
                true);

        // tls_client_auth: no secret; the TLS client certificate authenticates the client
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", this.clientId);
        form.put("scope", this.scope);
        OAuthHttp.Answer tokens = http.postForm(this.tokenEndpoint, form, this.clientId, null);
        if (!tokens.ok() || tokens.string("access_token") == null) {
            throw new CliException(
                    (tokens.error() != null) ? ExitCodes.REFUSED : ExitCodes.UNAVAILABLE,
                    "token request refused: " + Cli.oauthError(tokens));
        }
        String accessToken = tokens.string("access_token");
        TokenInfo info = TokenInfo.of(tokens);
        String bound = boundThumbprint(info.accessTokenClaims());
        String mine = thumbprint(leaf);
        this.out.println("Access token for " + this.clientId + ": scopes " + info.scope() + ", expires in "
                + info.expiresIn() + " s");
        if (bound == null) {
            this.out.println("  not certificate-bound (no cnf.x5t#S256 claim)");
        } else if (bound.equals(mine)) {
            this.out.println("  certificate-bound to this client certificate (cnf.x5t#S256 " + bound + ")");
        } else {
            throw new CliException(
                    ExitCodes.UNAVAILABLE,
                    "the token is bound to another certificate (cnf.x5t#S256 " + bound + ", ours is " + mine + ")");
        }
        if (this.printToken) {
            this.out.println("  Access token: " + accessToken);
        }

        OAuthHttp.Answer answer = http.getWithBearer(this.api, accessToken);
        if (!answer.ok()) {
            throw new CliException(
                    ExitCodes.REFUSED,
                    "the API refused the call: HTTP " + answer.status()
                            + ((answer.error() != null) ? " [" + answer.error() + "]" : ""));
        }
        this.out.println("API " + this.api + " answered HTTP " + answer.status() + ":");
        this.out.println(answer.body());
        return ExitCodes.OK;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable String boundThumbprint(Map<String, Object> claims) {
        Object cnf = claims.get("cnf");
        if (cnf instanceof Map<?, ?> map && map.get("x5t#S256") != null) {
            return map.get("x5t#S256").toString();
        }
        return null;
    }

    /** RFC 8705 3.1: base64url(SHA-256(DER of the certificate)). */
    static String thumbprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
