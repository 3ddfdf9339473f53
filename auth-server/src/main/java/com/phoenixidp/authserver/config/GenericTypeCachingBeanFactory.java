package com.phoenixidp.authserver.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * The application's bean factory: Spring's, with the bean names found for a generic type
 * ({@code getBeanNamesForType(ResolvableType)}, e.g. {@code Customizer<CsrfConfigurer<HttpSecurity>>})
 * cached once the configuration is frozen, as Spring already caches them for a plain class.
 *
 * <p>Why: every {@code HttpSecurity} Spring Security creates (one per security filter chain, ten
 * here) asks for the {@code Customizer<T>} beans of each of its ~40 DSL methods, and Spring answers
 * each such generic question by matching every bean definition again (~900 here). Measured on a
 * restart: 374 generic lookups for 50 distinct types, about a second of processor time (main thread
 * and the JIT compiling the matching code) on a 2-core host.
 *
 * <p>The cache follows the rules of Spring's own by-class cache (DefaultListableBeanFactory in
 * Spring Framework 7.0): only after {@link #freezeConfiguration()} and only for lookups that may
 * initialise beans eagerly; cleared when a bean definition or manual singleton is registered or
 * removed, a singleton destroyed or the metadata cache cleared; and when a singleton is created, the
 * entries whose class it is an instance of are dropped (its instance may match where its definition
 * could not be predicted to). So the answers are the ones Spring gives for a plain class.
 */
public final class GenericTypeCachingBeanFactory extends DefaultListableBeanFactory {

    private record Query(ResolvableType type, boolean includeNonSingletons) {}

    private final Map<Query, String[]> namesByGenericType = new ConcurrentHashMap<>();

    @Override
    public String[] getBeanNamesForType(ResolvableType type, boolean includeNonSingletons, boolean allowEagerInit) {
        Class<?> resolved = type.resolve();
        if (resolved == null || !type.hasGenerics() || !allowEagerInit || !isConfigurationFrozen()) {
            // a plain class (Spring caches those itself), or a lookup Spring does not cache either
            return super.getBeanNamesForType(type, includeNonSingletons, allowEagerInit);
        }
        Query query = new Query(type, includeNonSingletons);
        String[] cached = this.namesByGenericType.get(query);
        if (cached != null) {
            return cached.clone();
        }
        String[] names = super.getBeanNamesForType(type, includeNonSingletons, true);
        if (isCacheSafe(type, 0)) {
            this.namesByGenericType.put(query, names.clone());
        }
        return names;
    }

    /** Every class in the type (and its generics) comes from this factory's class loader or a parent. */
    private boolean isCacheSafe(ResolvableType type, int depth) {
        Class<?> resolved = type.resolve();
        if (resolved == null || depth > 8 || !ClassUtils.isCacheSafe(resolved, getBeanClassLoader())) {
            return false;
        }
        for (ResolvableType generic : type.getGenerics()) {
            if (generic.resolve() != null && !isCacheSafe(generic, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void addSingleton(String beanName, Object singletonObject) {
        super.addSingleton(beanName, singletonObject);
        this.namesByGenericType.keySet().removeIf((query) -> {
            Class<?> type = query.type().toClass();
            return type != Object.class && type.isInstance(singletonObject);
        });
    }

    @Override
    public void registerBeanDefinition(String beanName, BeanDefinition beanDefinition) {
        super.registerBeanDefinition(beanName, beanDefinition);
        this.namesByGenericType.clear();
    }

    @Override
    public void removeBeanDefinition(String beanName) {
        super.removeBeanDefinition(beanName);
        this.namesByGenericType.clear();
    }

    @Override
    protected void resetBeanDefinition(String beanName) {
        super.resetBeanDefinition(beanName);
        this.namesByGenericType.clear();
    }

    @Override
    public void registerSingleton(String beanName, Object singletonObject) {
        super.registerSingleton(beanName, singletonObject);
        this.namesByGenericType.clear();
    }

    @Override
    public void destroySingleton(String beanName) {
        super.destroySingleton(beanName);
        this.namesByGenericType.clear();
    }

    @Override
    public void destroySingletons() {
        super.destroySingletons();
        this.namesByGenericType.clear();
    }

    @Override
    public void clearMetadataCache() {
        super.clearMetadataCache();
        this.namesByGenericType.clear();
    }

    @Override
    public void freezeConfiguration() {
        super.freezeConfiguration();
        this.namesByGenericType.clear();
    }
}
