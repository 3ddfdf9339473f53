package com.phoenixidp.resourceserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FastPathHeadersTest {

    /** Spring Security's StrictHttpFirewall header-value and DefaultBearerTokenResolver patterns. */
    private static final Pattern FIREWALL = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    private static final Pattern B64TOKEN = Pattern.compile("[a-zA-Z0-9-._~+/]+=*");

    private static final List<String> SAMPLES = List.of(
            "",
            "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln",
            "abc==",
            "==",
            "a=b",
            "tab\there",
            "nul\u0000",
            "del\u007f",
            "c1\u0085",
            "caf\u00e9",
            "emoji \uD83D\uDE00",
            "unassigned \u0378",
            "lone surrogate \uD800",
            "space ok",
            "a+b/c~d_e.f-g",
            "a b",
            "a%20");

    @Test
    void headerValuePredicateWhenComparedWithFirewallRegexThenSameAnswers() {
        for (String sample : SAMPLES) {
            assertThat(FastPathHeaders.HEADER_VALUE.test(sample))
                    .as(sample)
                    .isEqualTo(FIREWALL.matcher(sample).matches());
        }
    }

    @Test
    void headerValuePredicateWhenEveryCodePointThenSameAnswersAsFirewallRegex() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String sample = "a" + new String(Character.toChars(codePoint)) + "b";
            assertThat(FastPathHeaders.HEADER_VALUE.test(sample))
                    .as("U+%04X", codePoint)
                    .isEqualTo(FIREWALL.matcher(sample).matches());
        }
    }

    @Test
    void isB64TokenWhenComparedWithRfc6750RegexThenSameAnswers() {
        for (String sample : SAMPLES) {
            assertThat(FastPathHeaders.HeaderBearerTokenResolver.isB64Token(sample))
                    .as(sample)
                    .isEqualTo(B64TOKEN.matcher(sample).matches());
        }
    }
}
