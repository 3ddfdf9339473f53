package com.phoenixidp.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class SinceTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:00:00.750Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
        "45s, 2026-03-10T11:59:15Z",
        "30m, 2026-03-10T11:30:00Z",
        "1h, 2026-03-10T11:00:00Z",
        "2d, 2026-03-08T12:00:00Z",
        "1w, 2026-03-03T12:00:00Z",
        "PT90M, 2026-03-10T10:30:00Z",
        "2026-03-01T08:00:00Z, 2026-03-01T08:00:00Z"
    })
    void fromWhenAgeOrInstantThenInstantInWholeSeconds(String value, String expected) {
        assertThat(Since.parse(value).from(CLOCK)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "1y", "-1h", "h", "2026-03-01", "P-1D"})
    void parseWhenUnreadableThenConversionErrorWithExamples(String value) {
        assertThatThrownBy(() -> Since.parse(value))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("30m, 1h, 2d, 1w");
    }

    @Test
    void parseWhenUpperCaseUnitThenAccepted() {
        assertThat(Since.parse("2H").from(CLOCK)).isEqualTo(Instant.parse("2026-03-10T10:00:00Z"));
    }
}
