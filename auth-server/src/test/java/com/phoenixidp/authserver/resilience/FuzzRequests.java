package com.phoenixidp.authserver.resilience;

import com.phoenixidp.authserver.resilience.FuzzRequest.Credentials;
import com.phoenixidp.authserver.resilience.FuzzTarget.Family;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generators of malformed requests: random and oversized parameters, duplicated parameters,
 * bad percent-encodings and non-UTF-8 bytes, broken JSON, broken JWTs and JWS client assertions,
 * bad base64 and DER, huge headers, wrong content types, methods and transfer codings.
 */
final class FuzzRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<String> PARAMETER_NAMES = List.of(
            "grant_type",
            "client_id",
            "client_secret",
            "scope",
            "code",
            "redirect_uri",
            "code_verifier",
            "code_challenge",
            "code_challenge_method",
            "refresh_token",
            "token",
            "token_type_hint",
            "username",
            "password",
            "response_type",
            "state",
            "nonce",
            "prompt",
            "user_code",
            "device_code",
            "client_assertion",
            "client_assertion_type",
            "subject_token",
            "subject_token_type",
            "actor_token",
            "actor_token_type",
            "id_token_hint",
            "post_logout_redirect_uri",
            "filter",
            "startIndex",
            "count",
            "attributes",
            "excludedAttributes",
            "sortBy",
            "limit",
            "type",
            "since",
            "error",
            "logout",
            "current",
            "new",
            "confirm",
            "credential",
            "id",
            "mfa",
            "email",
            "_csrf");

    private static final List<String> JSON_KEYS = List.of(
            "schemas",
            "userName",
            "name",
            "displayName",
            "emails",
            "active",
            "password",
            "Operations",
            "op",
            "path",
            "value",
            "members",
            "externalId",
            "filter",
            "startIndex",
            "count",
            "client_id",
            "client_name",
            "redirect_uris",
            "grant_types",
            "response_types",
            "scope",
            "scopes",
            "jwks",
            "jwks_uri",
            "token_endpoint_auth_method",
            "client_secret",
            "username",
            "authenticatorSelection",
            "attestation",
            "userVerification",
            "id",
            "rawId",
            "type",
            "response",
            "clientDataJSON",
            "attestationObject",
            "authenticatorData",
            "signature",
            "userHandle",
            "getClientExtensionResults",
            "credential",
            "meta");

    private FuzzRequests() {}

    static Arbitrary<FuzzRequest> requests() {
        return Arbitraries.of(FuzzTarget.ALL)
                .flatMap((target) -> Combinators.combine(
                                method(target),
                                ids(),
                                query(),
                                contentType(target),
                                body(target),
                                headers(),
                                credentials())
                        .as((method, id, query, type, body, headers, credentials) ->
                                new FuzzRequest(target, method, id, query, type, body, headers, credentials)));
    }

    private static Arbitrary<String> method(FuzzTarget target) {
        return Arbitraries.frequencyOf(
                Tuple.of(7, Arbitraries.just(target.method())),
                Tuple.of(
                        3,
                        Arbitraries.of(
                                "GET",
                                "POST",
                                "PUT",
                                "PATCH",
                                "DELETE",
                                "HEAD",
                                "OPTIONS",
                                "TRACE",
                                "FOO",
                                "PROPFIND")));
    }

    /** Made-up path identifiers: never a real user's or client's. */
    private static Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .ofMinLength(1)
                        .ofMaxLength(40)
                        .map((s) -> "fuzz-" + s),
                Arbitraries.of(
                        "%ff",
                        "%zz",
                        "%C3%28",
                        "..%2F..%2Fetc",
                        "%2e%2e",
                        "a%00b",
                        "MAo=",
                        "MA%2Fo%3D",
                        "!!",
                        "x".repeat(3000),
                        "%",
                        "a;b=c",
                        "eyJhbGciOiJub25lIn0.e30."),
                unicode(30).map(FuzzRequests::encode));
    }

    private static Arbitrary<String> query() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")), Tuple.of(7, parameters().map((p) -> p.isEmpty() ? "" : "?" + p)));
    }

    /** {@code name=value&...}: known and random names, duplicates, any values, broken encodings. */
    private static Arbitrary<String> parameters() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of(PARAMETER_NAMES), unicode(12).map(FuzzRequests::encode), Arbitraries.of("%zz", "%"));
        Arbitrary<String> pair = Combinators.combine(names, values()).as((n, v) -> n + "=" + v);
        return pair.list().ofMaxSize(8).map((pairs) -> String.join("&", pairs));
    }

    /** Parameter values, already percent-encoded (or deliberately not). */
    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                unicode(60).map(FuzzRequests::encode),
                Arbitraries.of(
                        "%zz",
                        "%",
                        "%C3%28",
                        "%ff%fe",
                        "%00",
                        "%E2%82",
                        "a%2",
                        "+%20+",
                        "client_credentials",
                        "authorization_code",
                        "refresh_token",
                        "password",
                        "urn:ietf:params:oauth:grant-type:device_code",
                        "urn:ietf:params:oauth:grant-type:token-exchange",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                        "urn:ietf:params:oauth:token-type:jwt",
                        "code",
                        "token",
                        "none",
                        "-1",
                        "99999999999999999999",
                        "userName eq \"",
                        "fuzz-user",
                        "api.read openid"),
                jwts().map(FuzzRequests::encode),
                base64Garbage().map(FuzzRequests::encode),
                Arbitraries.integers().between(1_000, 300_000).map("x"::repeat));
    }

    /** Broken JWTs and JWS client assertions. */
    private static Arbitrary<String> jwts() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                base64Garbage(),
                Arbitraries.of(
                        "eyJhbGciOiJub25lIn0",
                        "eyJhbGciOiJIUzI1NiJ9",
                        "eyJhbGciOiJSUzI1NiIsImtpZCI6Ii4uLyJ9",
                        "eyJhbGciOiJFUzI1NiIsImp3ayI6e319",
                        "e30",
                        "bnVsbA",
                        "W10",
                        "eyJpc3MiOjEsInN1YiI6W10sImF1ZCI6e30sImV4cCI6IngifQ",
                        ""));
        return segment.list().ofMinSize(1).ofMaxSize(6).map((parts) -> String.join(".", parts));
    }

    private static Arbitrary<String> base64Garbage() {
        return Arbitraries.oneOf(
                Arbitraries.bytes()
                        .array(byte[].class)
                        .ofMaxSize(64)
                        .map((b) -> Base64.getUrlEncoder().withoutPadding().encodeToString(b)),
                Arbitraries.bytes()
                        .array(byte[].class)
                        .ofMaxSize(64)
                        .map((b) -> Base64.getEncoder().encodeToString(b)),
                Arbitraries.strings().withChars("!@#$%^&*()=~`\\/+-_ .").ofMaxLength(20));
    }

    private static Arbitrary<String> contentType(FuzzTarget target) {
        String fitting = switch (target.body()) {
            case FORM -> "application/x-www-form-urlencoded";
            case JSON -> target.family() == Family.SCIM ? "application/scim+json" : "application/json";
            case DER -> "application/ocsp-request";
            case NONE -> null;
        };
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(fitting)),
                Tuple.of(
                        4,
                        Arbitraries.of(
                                "*/*",
                                "application/*",
                                "text/plain",
                                "multipart/form-data",
                                "multipart/form-data; boundary=x",
                                "application/x-www-form-urlencoded; charset=bogus",
                                "application/x-www-form-urlencoded; charset=ISO-8859-1",
                                "application/json; charset=utf-16",
                                "application/json",
                                "application/scim+json",
                                "application/ocsp-request",
                                "garbage",
                                "",
                                "text/html",
                                "application/x-www-form-urlencoded",
                                "a/b/c",
                                ";;")));
    }

    private static Arbitrary<byte[]> body(FuzzTarget target) {
        Arbitrary<byte[]> fitting = switch (target.body()) {
            case FORM -> parameters().map(FuzzRequests::utf8);
            case JSON -> json(target.family());
            case DER -> der();
            case NONE -> Arbitraries.just(null);
        };
        Arbitrary<byte[]> other = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.just(new byte[0]),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                unicode(300).map(FuzzRequests::utf8),
                parameters().map(FuzzRequests::utf8),
                json(target.family()),
                der(),
                Arbitraries.of(2_000_000, 200_000).map((n) -> utf8("a=" + "x".repeat(n))),
                Arbitraries.integers().between(1, 5_000).map((n) -> utf8("[".repeat(n))),
                Arbitraries.integers().between(1, 2_000).map((n) -> utf8("{\"a\":".repeat(n) + "1" + "}".repeat(n))));
        return Arbitraries.frequencyOf(Tuple.of(6, fitting), Tuple.of(4, other));
    }

    /** JSON with the keys the endpoint family reads, any values, sometimes broken. */
    private static Arbitrary<byte[]> json(Family family) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                unicode(40).map((s) -> (Object) s),
                Arbitraries.longs().map((l) -> (Object) l),
                Arbitraries.doubles().map((d) -> (Object) d),
                Arbitraries.of(true, false).map((b) -> (Object) b),
                Arbitraries.just(null),
                jwts().map((s) -> (Object) s),
                base64Garbage().map((s) -> (Object) s),
                clientData().map((s) -> (Object) s),
                Arbitraries.of(
                                "urn:ietf:params:scim:schemas:core:2.0:User",
                                "urn:ietf:params:scim:api:messages:2.0:PatchOp",
                                "add",
                                "remove",
                                "replace",
                                "members[value eq \"x\"]",
                                "emails[type eq",
                                "public-key",
                                "platform",
                                "http://localhost:8080/cb",
                                "client_credentials",
                                "fuzz-user")
                        .map((s) -> (Object) s));
        Arbitrary<Object> inner = Arbitraries.oneOf(
                leaf,
                leaf.list().ofMaxSize(4).map((l) -> (Object) l),
                Arbitraries.maps(Arbitraries.of(JSON_KEYS), leaf).ofMaxSize(4).map((m) -> (Object) m));
        Arbitrary<Object> value = Arbitraries.oneOf(
                inner,
                inner.list().ofMaxSize(3).map((l) -> (Object) l),
                Arbitraries.maps(Arbitraries.of(JSON_KEYS), inner).ofMaxSize(4).map((m) -> (Object) m));
        Arbitrary<Map<String, Object>> document = Arbitraries.maps(
                        Arbitraries.oneOf(Arbitraries.of(JSON_KEYS), unicode(10)), value)
                .ofMaxSize(8)
                .map(LinkedHashMap::new);
        Arbitrary<byte[]> valid = document.map((d) -> JSON.writeValueAsBytes(d));
        Arbitrary<byte[]> broken = Combinators.combine(
                        valid, Arbitraries.integers().between(0, 1000))
                .as((bytes, cut) -> java.util.Arrays.copyOf(bytes, Math.min(cut, bytes.length)));
        Arbitrary<byte[]> notUtf8 = valid.map((bytes) -> {
            byte[] copy = java.util.Arrays.copyOf(bytes, bytes.length + 2);
            copy[copy.length - 2] = (byte) 0xC3;
            copy[copy.length - 1] = (byte) 0x28;
            return copy;
        });
        return Arbitraries.frequencyOf(Tuple.of(6, valid), Tuple.of(3, broken), Tuple.of(1, notUtf8));
    }

    /** base64url clientDataJSON with a random or missing challenge (FIDO result requests). */
    private static Arbitrary<String> clientData() {
        return Combinators.combine(base64Garbage(), Arbitraries.of("webauthn.create", "webauthn.get", "x"))
                .as((challenge, type) -> Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(utf8("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge
                                + "\",\"origin\":\"http://localhost\"}")));
    }

    /** DER that is not an OCSP request: random bytes, truncated or over-long SEQUENCEs. */
    private static Arbitrary<byte[]> der() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(100).map((tail) -> {
                    byte[] der = new byte[tail.length + 4];
                    der[0] = 0x30;
                    der[1] = (byte) 0x82;
                    der[2] = (byte) 0xff;
                    der[3] = (byte) 0xff;
                    System.arraycopy(tail, 0, der, 4, tail.length);
                    return der;
                }),
                Arbitraries.of(
                        new byte[] {0x30},
                        new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                        new byte[] {0x30, 0x03, 0x02, 0x01}));
    }

    private static Arbitrary<List<String[]>> headers() {
        Arbitrary<String[]> header = Arbitraries.oneOf(
                Arbitraries.of(
                                "garbage/",
                                "text/html;q=abc",
                                "image/png",
                                "*/*",
                                "application/json",
                                "text/html",
                                "application/scim+json",
                                ";;,,",
                                "text/*")
                        .map((accept) -> new String[] {"Accept", accept}),
                Arbitraries.of(9_000, 20_000).map((n) -> new String[] {"X-Fuzz", "x".repeat(n)}),
                Arbitraries.just(new String[] {"Transfer-Encoding", "gzip, chunked"}),
                Arbitraries.just(new String[] {"Content-Encoding", "gzip"}),
                Arbitraries.just(new String[] {"Origin", "http://evil.example"}),
                headerText().map((s) -> new String[] {"Cookie", "PHOENIXSESSION=" + s}),
                headerText().map((s) -> new String[] {"If-None-Match", s}),
                headerText().map((s) -> new String[] {"X-Forwarded-For", s}),
                Arbitraries.just(new String[] {"Accept-Charset", "bogus"}),
                Arbitraries.just(new String[] {"Range", "bytes=99999999-1"}),
                jwts().map((jwt) -> new String[] {"DPoP", jwt}));
        return header.list().ofMaxSize(3).map(ArrayList::new);
    }

    private static Arbitrary<Credentials> credentials() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Credentials.VALID)),
                Tuple.of(1, Arbitraries.just(Credentials.NONE)),
                Tuple.of(1, Arbitraries.just(Credentials.BROKEN_BASIC)),
                Tuple.of(1, Arbitraries.just(Credentials.BROKEN_BEARER)),
                Tuple.of(1, Arbitraries.just(Credentials.FORGED_JWT)));
    }

    /** Header values: any text but CR and LF (which would end the header, not break it). */
    private static Arbitrary<String> headerText() {
        return unicode(30).map((s) -> s.replace("\r", "").replace("\n", ""));
    }

    /** Any text: control characters, surrogates and all. */
    private static Arbitrary<String> unicode(int maxLength) {
        return Arbitraries.strings().all().ofMaxLength(maxLength);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The form body of {@code fields} (for the test's own requests). */
    static String form(Map<String, String> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, value) -> pairs.add(encode(name) + "=" + encode(value)));
        return String.join("&", pairs);
    }
}
