package com.phoenixidp.authserver.housekeeping;

import com.phoenixidp.authserver.config.NodeName;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cluster-wide leases for scheduled jobs: ShedLock on table {@code shedlock} (Flyway V8), with
 * the database's clock (nodes' clocks may differ) and the node's name as holder.
 */
@Configuration(proxyBeanMethods = false)
public class HousekeepingConfiguration {

    @Bean
    LockProvider lockProvider(DataSource dataSource, NodeName node) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .usingDbTime()
                .withLockedByValue(node.value())
                .build());
    }

    @Bean
    LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
        return new DefaultLockingTaskExecutor(lockProvider);
    }
}
