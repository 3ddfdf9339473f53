package com.phoenixidp.authserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The firewall's loop rules answer exactly as the regular expressions of Spring Security's
 * {@code StrictHttpFirewall} (7.0) they replace: for every code point on its own and between
 * printable characters, and for generated strings mixing ASCII, controls, tabs, unassigned code
 * points, lone surrogates and supplementary characters.
 */
class FirewallRulesTest {

    /** {@code StrictHttpFirewall.ASSIGNED_AND_NOT_ISO_CONTROL_PATTERN}. */
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    /** {@code StrictHttpFirewall.HEADER_VALUE_PATTERN}. */
    private static final Pattern HEADER_VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsTheRegularExpressionsJudgeIt() {
        List<String> differences = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = new String(Character.toChars(codePoint));
            for (String value : List.of(alone, "a" + alone + "b")) {
                compare(value, differences);
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void examplesOfEachKind() {
        assertThat(FirewallConfiguration.ASSIGNED_AND_NOT_CONTROL.test("Bearer eyJhbGciOi.x-y_z~+/="))
                .isTrue();
        assertThat(FirewallConfiguration.ASSIGNED_AND_NOT_CONTROL.test("Grüße 😀"))
                .isTrue();
        assertThat(FirewallConfiguration.ASSIGNED_AND_NOT_CONTROL.test("a\tb")).isFalse();
        assertThat(FirewallConfiguration.HEADER_VALUE.test("a\tb")).isTrue();
        assertThat(FirewallConfiguration.HEADER_VALUE.test("a\nb")).isFalse();
        assertThat(FirewallConfiguration.HEADER_VALUE.test("a\u0085b")).isFalse(); // C1 control
        assertThat(FirewallConfiguration.HEADER_VALUE.test("a\u0378b")).isFalse(); // unassigned
        assertThat(FirewallConfiguration.HEADER_VALUE.test("")).isTrue();
    }

    @Property(tries = 3000, seed = "20261207")
    void generatedStringsAreJudgedAsTheRegularExpressionsJudgeThem(@ForAll("mixed") String value) {
        List<String> differences = new ArrayList<>();
        compare(value, differences);
        assertThat(differences).isEmpty();
    }

    @Provide
    Arbitrary<String> mixed() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(8),
                Arbitraries.of("\t", "\r", "\n", "\u0000", "\u007f", "\u0085", "\u009f", "\u00a0", "\u0378", "\u2028"),
                Arbitraries.chars().range('\ud800', '\udfff').map(String::valueOf), // lone surrogates
                Arbitraries.integers()
                        .between(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT)
                        .map(codePoint -> new String(Character.toChars(codePoint))),
                Arbitraries.strings().all().ofMaxLength(4));
        return piece.list().ofMaxSize(12).map(pieces -> String.join("", pieces));
    }

    private static void compare(String value, List<String> differences) {
        check("names", FirewallConfiguration.ASSIGNED_AND_NOT_CONTROL, NAMES, value, differences);
        check("header values", FirewallConfiguration.HEADER_VALUE, HEADER_VALUES, value, differences);
    }

    private static void check(
            String rule, Predicate<String> loop, Pattern regex, String value, List<String> differences) {
        if (loop.test(value) != regex.matcher(value).matches()) {
            differences.add(rule + ": "
                    + value.codePoints()
                            .mapToObj(codePoint -> String.format("U+%04X", codePoint))
                            .toList());
        }
    }
}
