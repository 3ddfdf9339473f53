package com.phoenixidp.authserver.observability;

import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The connection pool with a span for every statement run inside a traced request: {@code db
 * SELECT}, {@code db UPDATE}, ... with the SQL text (placeholders, never values) as the span's
 * {@code db.statement}. Statements outside a request (start-up migrations, scheduled clean-up) get
 * none. Only installed when tracing is on; {@link DelegatingDataSource} keeps {@code unwrap}
 * working, so the pool's metrics and health still find the Hikari pool behind it.
 */
final class ObservedDataSource extends DelegatingDataSource {

    private static final Set<String> EXECUTE =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch");

    private final Spans spans;

    ObservedDataSource(DataSource target, ObjectProvider<ObservationRegistry> registry) {
        super(target);
        this.spans = new Spans(registry, "db");
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connection(super.getConnection(username, password));
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            if (result instanceof Statement statement && method.getName().endsWith("Statement")) {
                String sql = (args != null && args.length > 0 && args[0] instanceof String s) ? s : null;
                Class<? extends Statement> type = (Class<? extends Statement>) method.getReturnType();
                return statement(type, statement, sql);
            }
            return result;
        });
    }

    private <S extends Statement> S statement(Class<S> type, Statement target, @Nullable String preparedSql) {
        return proxy(type, (proxy, method, args) -> {
            if (!EXECUTE.contains(method.getName())) {
                return invoke(target, method, args);
            }
            String sql = (preparedSql != null)
                    ? preparedSql
                    : (args != null && args.length > 0 && args[0] instanceof String s) ? s : "";
            return this.spans.observeChecked(
                    operation(sql), "db.statement", abbreviate(sql), () -> invoke(target, method, args));
        });
    }

    private static String operation(String sql) {
        String trimmed = sql.stripLeading();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return (end == 0) ? "statement" : trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").trim();
        return (oneLine.length() > 300) ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(ObservedDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }
}
