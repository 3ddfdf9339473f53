package com.phoenixidp.authserver.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * How the console shows times: UTC to the minute, and ages such as {@code 3 d} or {@code 5 h}.
 * Templates call it as {@code ${@consoleFormat.time(...)}}.
 */
@Component("consoleFormat")
public final class ConsoleFormat {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Clock clock;

    public ConsoleFormat(Clock clock) {
        this.clock = clock;
    }

    /** {@code 2026-01-31 12:00 UTC}, or a dash. */
    public String time(Instant instant) {
        return (instant == null) ? "—" : TIME.format(instant);
    }

    /** {@code 2026-01-31 12:00:05} (UTC), for the audit log. */
    public String seconds(Instant instant) {
        return (instant == null) ? "—" : SECONDS.format(instant);
    }

    /** How long ago: {@code 42 s}, {@code 5 min}, {@code 3 h}, {@code 12 d}. */
    public String age(Instant instant) {
        return (instant == null) ? "—" : duration(Duration.between(instant, this.clock.instant()));
    }

    /** {@link #duration} for templates. */
    public String span(Duration duration) {
        return (duration == null) ? "—" : duration(duration);
    }

    /** A duration in its largest whole unit. */
    public static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min";
        }
        if (seconds < 86_400) {
            return (seconds / 3600) + " h";
        }
        return (seconds / 86_400) + " d";
    }
}
