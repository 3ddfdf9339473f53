package com.phoenixidp.admin;

import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one run of {@code phoenix-admin} gets from its process: environment variables, standard
 * input, the terminal (null when not interactive) and the clock, injected so that tests can run the
 * command line in the same JVM.
 */
public record Invocation(
        Map<String, String> environment,
        InputStream stdin,
        @Nullable Terminal terminal,
        Clock clock) {

    public Invocation {
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(clock, "clock");
    }

    /** This process: {@link System#getenv()}, {@link System#in}, {@link System#console()}, the system clock. */
    public static Invocation system() {
        return new Invocation(System.getenv(), System.in, Terminal.system(), Clock.systemUTC());
    }

    /** The value of an environment variable, or null when it is unset or empty. */
    public @Nullable String env(String name) {
        String value = this.environment.get(name);
        return (value == null || value.isEmpty()) ? null : value;
    }
}
