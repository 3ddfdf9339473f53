package com.phoenixidp.admin.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --since} of {@code audit}: an age ({@code 30m}, {@code 1h}, {@code 2d}, {@code 1w},
 * or ISO-8601 {@code PT90M}) counted back from now, or an ISO-8601 instant.
 */
record Since(@Nullable Duration age, @Nullable Instant instant) {

    private static final Pattern AGE = Pattern.compile("(\\d{1,9})\\s*([smhdw])");

    /** The instant to ask the server for (ISO-8601, whole seconds). */
    Instant from(Clock clock) {
        Instant from = (this.instant != null)
                ? this.instant
                : clock.instant().minus(Objects.requireNonNull(this.age, "either age or instant is set"));
        return from.truncatedTo(ChronoUnit.SECONDS);
    }

    static Since parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = AGE.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration age = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return new Since(age, null);
        }
        try {
            if (value.startsWith("p")) {
                Duration age = Duration.parse(value.toUpperCase(Locale.ROOT));
                if (!age.isNegative()) {
                    return new Since(age, null);
                }
            } else {
                return new Since(null, Instant.parse(text.strip()));
            }
        } catch (DateTimeParseException ex) {
            // fall through to the message
        }
        throw new TypeConversionException(
                "'" + text + "' is neither a duration (30m, 1h, 2d, 1w) nor an instant" + " (2026-01-31T08:00:00Z)");
    }

    /** Picocli's converter for {@code --since}. */
    static final class Converter implements ITypeConverter<Since> {
        @Override
        public Since convert(String value) {
            return parse(value);
        }
    }
}
