package com.phoenixidp.authserver.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.ResolvableType;

/**
 * The generic type lookups of {@link GenericTypeCachingBeanFactory} answer what Spring's own bean
 * factory answers at every step (before and after freezing, after beans are added, removed and
 * created), and a repeated lookup after freezing does not match the beans again.
 */
class GenericTypeCachingBeanFactoryTest {

    /** A generic callback type, like Spring Security's {@code Customizer<T>}. */
    interface Handler<T> extends Consumer<T> {}

    static final class StringHandler implements Handler<String> {
        @Override
        public void accept(String value) {}
    }

    static final class IntegerHandler implements Handler<Integer> {
        @Override
        public void accept(Integer value) {}
    }

    private static final ResolvableType STRING_HANDLER =
            ResolvableType.forClassWithGenerics(Handler.class, String.class);

    private static final ResolvableType INTEGER_HANDLER =
            ResolvableType.forClassWithGenerics(Handler.class, Integer.class);

    /** The same steps on both factories; every answer compared. */
    private final DefaultListableBeanFactory spring = new DefaultListableBeanFactory();

    private final GenericTypeCachingBeanFactory caching = new GenericTypeCachingBeanFactory();

    private void both(Consumer<DefaultListableBeanFactory> step) {
        step.accept(this.spring);
        step.accept(this.caching);
    }

    private void assertSameAnswers() {
        for (ResolvableType type : new ResolvableType[] {STRING_HANDLER, INTEGER_HANDLER}) {
            for (boolean includeNonSingletons : new boolean[] {true, false}) {
                for (boolean allowEagerInit : new boolean[] {true, false}) {
                    assertThat(this.caching.getBeanNamesForType(type, includeNonSingletons, allowEagerInit))
                            .as(
                                    "%s includeNonSingletons=%s allowEagerInit=%s",
                                    type, includeNonSingletons, allowEagerInit)
                            .containsExactly(
                                    this.spring.getBeanNamesForType(type, includeNonSingletons, allowEagerInit));
                }
            }
            assertThat(this.caching.getBeanNamesForType(type)).containsExactly(this.spring.getBeanNamesForType(type));
        }
    }

    private static RootBeanDefinition definition(Class<?> type) {
        return new RootBeanDefinition(type);
    }

    @Test
    void getBeanNamesForTypeWhenDefinitionsChangeAfterFreezingThenAnswersAsSpringDoes() {
        both((factory) -> {
            factory.registerBeanDefinition("strings", definition(StringHandler.class));
            factory.registerBeanDefinition("integers", definition(IntegerHandler.class));
        });
        assertSameAnswers();

        both(DefaultListableBeanFactory::freezeConfiguration);
        assertSameAnswers();
        assertThat(this.caching.getBeanNamesForType(STRING_HANDLER)).containsExactly("strings");

        both((factory) -> factory.registerBeanDefinition("moreStrings", definition(StringHandler.class)));
        assertSameAnswers();
        assertThat(this.caching.getBeanNamesForType(STRING_HANDLER)).containsExactly("strings", "moreStrings");

        both((factory) -> factory.removeBeanDefinition("strings"));
        assertSameAnswers();
        assertThat(this.caching.getBeanNamesForType(STRING_HANDLER)).containsExactly("moreStrings");

        both((factory) -> factory.registerSingleton("manualStrings", new StringHandler()));
        assertSameAnswers();
        assertThat(this.caching.getBeanNamesForType(STRING_HANDLER)).containsExactly("moreStrings", "manualStrings");

        both((factory) -> factory.destroySingleton("manualStrings"));
        assertSameAnswers();
    }

    @Test
    void getBeanNamesForTypeWhenSingletonsAreCreatedThenAnswersAsSpringDoes() {
        both((factory) -> {
            factory.registerBeanDefinition("strings", definition(StringHandler.class));
            // a definition whose type cannot be predicted: only its instance tells
            RootBeanDefinition opaque = new RootBeanDefinition(Object.class);
            opaque.setInstanceSupplier(StringHandler::new);
            factory.registerBeanDefinition("opaque", opaque);
            factory.registerBeanDefinition("lazyIntegers", definition(IntegerHandler.class));
            factory.getBeanDefinition("lazyIntegers").setLazyInit(true);
            factory.freezeConfiguration();
        });
        assertSameAnswers();

        both((factory) -> factory.getBean("opaque"));
        assertSameAnswers();

        both(DefaultListableBeanFactory::preInstantiateSingletons);
        assertSameAnswers();

        both((factory) -> factory.getBean("lazyIntegers"));
        assertSameAnswers();

        both(DefaultListableBeanFactory::destroySingletons);
        assertSameAnswers();
    }

    /** A factory bean counts how often its type is asked for: that is what a lookup costs. */
    static final class CountingFactoryBean implements FactoryBean<StringHandler> {

        static final AtomicInteger TYPE_QUERIES = new AtomicInteger();

        @Override
        public StringHandler getObject() {
            return new StringHandler();
        }

        @Override
        public Class<?> getObjectType() {
            TYPE_QUERIES.incrementAndGet();
            return StringHandler.class;
        }
    }

    @Test
    void getBeanNamesForTypeWhenRepeatedAfterFreezingThenDoesNotMatchTheBeansAgain() {
        both((factory) -> {
            factory.registerBeanDefinition("counted", definition(CountingFactoryBean.class));
            factory.freezeConfiguration();
            factory.preInstantiateSingletons();
        });
        assertSameAnswers();
        assertThat(this.caching.getBeanNamesForType(STRING_HANDLER)).containsExactly("counted");

        int before = CountingFactoryBean.TYPE_QUERIES.get();
        this.caching.getBeanNamesForType(STRING_HANDLER);
        this.caching.getBeanNamesForType(ResolvableType.forClassWithGenerics(Handler.class, String.class));
        assertThat(CountingFactoryBean.TYPE_QUERIES)
                .as("answered from the cache")
                .hasValue(before);

        this.spring.getBeanNamesForType(STRING_HANDLER);
        assertThat(CountingFactoryBean.TYPE_QUERIES)
                .as("Spring's factory matches again (else this test proves nothing)")
                .hasValueGreaterThan(before);
    }
}
