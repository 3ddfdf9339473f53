package com.phoenixidp.authserver.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Child spans (Micrometer observations) around pieces of work inside a traced request: {@code
 * name} with the tag {@code operation}, shown as {@code "name operation"}. Work done outside any
 * observation (start-up, scheduled jobs) is not wrapped. Used only when tracing is on.
 */
final class Spans {

    /** Work that may throw anything (a JDBC call through a proxy). */
    interface Work {
        Object call() throws Throwable;
    }

    private final ObjectProvider<ObservationRegistry> registry;

    private final String name;

    Spans(ObjectProvider<ObservationRegistry> registry, String name) {
        this.registry = registry;
        this.name = name;
    }

    <T> T observe(String operation, Supplier<T> work) {
        Observation observation = start(operation, null, null);
        if (observation == null) {
            return work.get();
        }
        return observation.observe(work);
    }

    Object observeChecked(String operation, String key, String value, Work work) throws Throwable {
        Observation observation = start(operation, key, value);
        if (observation == null) {
            return work.call();
        }
        observation.start();
        try (Observation.Scope scope = observation.openScope()) {
            return work.call();
        } catch (Throwable ex) {
            observation.error(ex);
            throw ex;
        } finally {
            observation.stop();
        }
    }

    /** A not-yet-started observation, or null when no request is being observed on this thread. */
    private @Nullable Observation start(String operation, @Nullable String key, @Nullable String value) {
        ObservationRegistry observations = this.registry.getIfAvailable(() -> ObservationRegistry.NOOP);
        if (observations.getCurrentObservation() == null) {
            return null;
        }
        Observation observation = Observation.createNotStarted(this.name, observations)
                .lowCardinalityKeyValue("operation", operation)
                .contextualName(this.name + " " + operation);
        if (key != null && value != null) {
            observation.highCardinalityKeyValue(key, value);
        }
        return observation;
    }
}
