package com.phoenixidp.authserver.config;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * During Spring AOT processing ({@code META-INF/spring/aot.factories}): records the
 * {@link AotFingerprint} of the configuration being processed as a resource next to the generated
 * code, for {@link AotFingerprintCheck} to compare each start with.
 */
public final class AotFingerprintContribution implements BeanFactoryInitializationAotProcessor {

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
            ConfigurableListableBeanFactory beanFactory) {
        ConfigurableEnvironment environment = beanFactory.getBean(
                ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, ConfigurableEnvironment.class);
        String record = AotFingerprint.of(environment).record();
        return (generationContext, code) ->
                generationContext.getGeneratedFiles().addResourceFile(AotFingerprint.RESOURCE, record);
    }
}
