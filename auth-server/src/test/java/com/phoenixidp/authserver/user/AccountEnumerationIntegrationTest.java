package com.phoenixidp.authserver.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No account enumeration on the sign-in page (OWASP ASVS 5.0 V6.3.8): an unknown user, a wrong
 * password, a disabled account (with its right password) and an account in its throttling
 * back-off get the same redirect, the same page and take the same time, within noise: every one
 * of them costs one password hash. Timing is compared relatively (medians within a factor of 3),
 * never against a wall-clock budget, so a loaded machine slows all four alike; a path that skipped
 * the hash would be about ten times faster and fail.
 */
class AccountEnumerationIntegrationTest extends AuthServerIntegrationTest {

    private static final String XFF = "X-Forwarded-For";

    private static final String KNOWN = "timing-known";

    private static final String DISABLED = "timing-disabled";

    private static final String THROTTLED = "timing-throttled";

    private enum Case {
        UNKNOWN,
        WRONG_PASSWORD,
        DISABLED,
        THROTTLED
    }

    @BeforeEach
    void throttleOneAccount() {
        // one failed attempt creates the account's row; then its back-off is made long enough to
        // last through the test (every attempt below is refused without checking the password)
        assertThat(client().withHeader(XFF, "198.18.0.99")
                        .login(THROTTLED, "wrong")
                        .location())
                .endsWith("/login?error");
        this.jdbc.update(
                "UPDATE phoenix_login_throttle SET blocked_until = ? WHERE throttle_key = ?",
                System.currentTimeMillis() + 600_000,
                "account:" + THROTTLED);
    }

    @Test
    void loginWhenUnknownWrongDisabledOrThrottledThenSameRedirectAndSamePage() {
        Map<Case, String> pages = new EnumMap<>(Case.class);
        for (Case c : Case.values()) {
            resetCounters();
            OAuthTestClient browser = client().withHeader(XFF, "198.18.0." + (10 + c.ordinal()));
            Response answer = attempt(browser, c);
            assertThat(answer.status()).as(c.name()).isEqualTo(302);
            assertThat(answer.location()).as(c.name()).endsWith("/login?error");
            Response page = browser.browse(answer.location());
            assertThat(page.status()).as(c.name()).isEqualTo(200);
            pages.put(c, withoutCsrfToken(page.body()));
        }

        assertThat(pages.get(Case.UNKNOWN)).contains("id=\"login-error\"");
        assertThat(pages.values()).as("one page for all four").containsOnly(pages.get(Case.UNKNOWN));
    }

    @Test
    void loginWhenUnknownWrongDisabledOrThrottledThenTakesTheSameTimeWithinNoise() {
        Map<Case, List<Long>> samples = new EnumMap<>(Case.class);
        for (Case c : Case.values()) {
            samples.put(c, new ArrayList<>());
        }
        for (int round = 0; round < 22; round++) {
            for (Case c : Case.values()) {
                resetCounters();
                OAuthTestClient browser = client().withHeader(XFF, "198.18.1." + (10 + c.ordinal()));
                String csrf = OAuthTestClient.formInputs(
                                browser.browse("/login").body(), "login-form")
                        .get("_csrf");
                long start = System.nanoTime();
                Response answer = post(browser, c, csrf);
                long took = System.nanoTime() - start;
                assertThat(answer.location()).as(c.name()).endsWith("/login?error");
                if (round >= 2) {
                    samples.get(c).add(took);
                }
            }
        }

        Map<Case, Long> medians = new EnumMap<>(Case.class);
        samples.forEach((c, times) -> medians.put(c, median(times)));
        long fastest =
                medians.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long slowest =
                medians.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf(
                "sign-in failure medians (ms): %s%n",
                medians.entrySet().stream()
                        .map((e) -> e.getKey() + "=" + e.getValue() / 1_000_000)
                        .toList());
        assertThat((double) slowest / fastest)
                .as("slowest/fastest median of %s", medians)
                .isLessThan(3.0);
    }

    private Response attempt(OAuthTestClient browser, Case c) {
        String csrf = OAuthTestClient.formInputs(browser.browse("/login").body(), "login-form")
                .get("_csrf");
        return post(browser, c, csrf);
    }

    private static Response post(OAuthTestClient browser, Case c, String csrf) {
        String username;
        String password;
        switch (c) {
            case UNKNOWN -> {
                username = "nobody-" + OAuthTestClient.randomToken().substring(0, 10);
                password = "some-password-1";
            }
            case WRONG_PASSWORD -> {
                username = KNOWN;
                password = "not-the-password-1";
            }
            case DISABLED -> {
                username = DISABLED;
                password = "timing-disabled-password-1";
            }
            default -> {
                username = THROTTLED;
                password = "timing-throttled-password-1";
            }
        }
        return browser.postForm("/login", Map.of("username", username, "password", password, "_csrf", csrf));
    }

    /** Every case but the throttled one starts with no back-off and no address count. */
    private void resetCounters() {
        this.jdbc.update(
                "DELETE FROM phoenix_login_throttle WHERE throttle_key IN (?, ?) OR throttle_key LIKE ?",
                "account:" + KNOWN,
                "account:" + DISABLED,
                "address:198.18.%");
    }

    private static String withoutCsrfToken(String html) {
        return html.replaceAll("(name=\"_csrf\"[^>]*value=\")[^\"]*", "$1")
                .replaceAll("(<meta name=\"_csrf\" content=\")[^\"]*", "$1");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
