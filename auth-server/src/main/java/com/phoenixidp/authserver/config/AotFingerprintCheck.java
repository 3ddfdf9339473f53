package com.phoenixidp.authserver.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Keeps Spring AOT from starting the application with the wrong beans. With Spring AOT on
 * ({@code -Dspring.aot.enabled=true}, which {@code auth-server/phoenix-idp} passes when the build
 * processed the application), the bean definitions are the ones generated at build time: a
 * condition that would now decide otherwise is not evaluated again, and the generated code even
 * activates the profiles that were active then. So once the configuration data is loaded (this
 * post-processor runs last), this start's {@link AotFingerprint} is compared with the one recorded
 * at build time; when they differ, the start is abandoned before any bean exists, and
 * {@link #retryWithoutAot()} lets {@code main} start again the ordinary way (conditions evaluated,
 * classes scanned), which then logs why. A start without Spring AOT is left alone.
 */
public final class AotFingerprintCheck implements EnvironmentPostProcessor, Ordered {

    /** Why the last start was abandoned, until the next start logs it. */
    private static final AtomicReference<@Nullable String> ABANDONED = new AtomicReference<>();

    private final Log log;

    public AotFingerprintCheck(DeferredLogFactory logs) {
        this.log = logs.getLog(AotFingerprintCheck.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!AotDetector.useGeneratedArtifacts()) {
            String reason = ABANDONED.getAndSet(null);
            if (reason != null) {
                log.info("Started without the code Spring AOT generated at build time, since this"
                        + " configuration is not the one processed (" + reason + "). Nothing is wrong;"
                        + " a start takes longer this way (see README \"Start-up time\").");
            }
            return;
        }
        ClassLoader loader = application.getClassLoader();
        AotFingerprint processed = read(loader == null ? ClassUtils.getDefaultClassLoader() : loader);
        String difference = processed == null
                ? "no record of the processed configuration (" + AotFingerprint.RESOURCE + ") on the class path"
                : AotFingerprint.of(environment).differenceFrom(processed);
        if (difference != null) {
            ABANDONED.set(difference);
            throw new SpringApplication.AbandonedRunException();
        }
    }

    /**
     * After {@code SpringApplication.run} threw an {@link SpringApplication.AbandonedRunException}:
     * true when this check abandoned it, having turned Spring AOT off so that {@code run} can be
     * called again; false when something else did (Spring's AOT processing, or
     * {@code spring.context.exit}), which the caller should let through.
     */
    public static boolean retryWithoutAot() {
        if (ABANDONED.get() == null) {
            return false;
        }
        SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
        return true;
    }

    private static @Nullable AotFingerprint read(@Nullable ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(AotFingerprint.RESOURCE)) {
            return in == null ? null : AotFingerprint.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException("could not read " + AotFingerprint.RESOURCE, ex);
        }
    }

    /** After every other post-processor, configuration data included. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
