package com.phoenixidp.authserver.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets {@code phoenix.data-dir} be any relative path, as an operator would write it
 * ({@code --phoenix.data-dir=mydata}). The embedded database's URL is built from it
 * ({@code jdbc:h2:file:${phoenix.data-dir}/phoenix}), and H2 refuses a path that is only implicitly
 * relative to the working directory (error 90011, which ended the start-up in pages of stack
 * traces, after the CA had already been created there) and reads {@code ~/} as the home directory,
 * where the rest of the server reads a folder named {@code ~}. So a relative path that does not
 * begin with {@code ./} or {@code ../} gets {@code ./} in front: the same folder for the JDK, and one
 * H2 accepts and reads the same way. Absolute paths are left as they are. As an initializer of the
 * application context it also makes the directory, owner-only, when it is missing, and checks it
 * ({@link #ensureWritable}).
 */
public final class DataDirectoryPath
        implements EnvironmentPostProcessor, ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    static final String PROPERTY = "phoenix.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        apply(environment);
    }

    /**
     * Checks the data directory when the context is refreshed, before any bean opens a file in it
     * (a bean factory post-processor added here runs before every bean): by then every property
     * source is in place, a test's dynamic properties included.
     */
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.addBeanFactoryPostProcessor(beanFactory -> ensureUsable(context.getEnvironment()));
    }

    private static void ensureUsable(ConfigurableEnvironment environment) {
        String configured = environment.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path directory;
            try {
                directory = Path.of(configured);
            } catch (InvalidPathException ex) {
                throw new DataDirectoryException("phoenix.data-dir is not a path: " + ex.getMessage(), ex);
            }
            ensureWritable(directory);
        }
    }

    /**
     * Makes the data directory when it is missing, owner-only (it will hold the database and the
     * generated secrets), and checks that it is a writable directory, before anything opens a file
     * in it: a directory that cannot be made or written fails the start-up with
     * {@link DataDirectoryException} (one report, see {@code StartupFailureAnalyzer}) instead of
     * whichever component touches it first failing in its own way.
     */
    static void ensureWritable(Path directory) {
        try {
            if (!Files.exists(directory)) {
                Files.createDirectories(directory);
                try {
                    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException notPosix) {
                    // a file system without POSIX permissions: as created
                }
            }
        } catch (IOException | SecurityException ex) {
            throw new DataDirectoryException(
                    "phoenix.data-dir " + directory.toAbsolutePath().normalize() + " cannot be created ("
                            + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")",
                    ex);
        }
        if (!Files.isDirectory(directory)) {
            throw new DataDirectoryException(
                    "phoenix.data-dir " + directory.toAbsolutePath().normalize() + " is not a directory", null);
        }
        if (!Files.isWritable(directory)) {
            throw new DataDirectoryException(
                    "phoenix.data-dir " + directory.toAbsolutePath().normalize() + " is not writable by this user",
                    null);
        }
    }

    /** The data directory cannot be used; the message names it and why. */
    public static final class DataDirectoryException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        DataDirectoryException(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    /** Puts the explicit form first among the environment's sources when the configured one needs it. */
    public static void apply(ConfigurableEnvironment environment) {
        String configured = environment.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            return;
        }
        String explicit = explicit(configured);
        if (!explicit.equals(configured)) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource("phoenixDataDirectory", Map.of(PROPERTY, explicit)));
        }
    }

    /** {@code mydata} → {@code ./mydata}; absolute paths and those beginning with {@code ./} or {@code ../} unchanged. */
    static String explicit(String path) {
        boolean explicit = path.startsWith("/")
                || path.equals(".")
                || path.equals("..")
                || path.startsWith("./")
                || path.startsWith("../");
        return explicit ? path : "./" + path;
    }

    /** As a post-processor: after the configuration files are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
