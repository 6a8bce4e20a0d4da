package org.shuxiang.platform;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's proxies (here: the transactions' around every bean with a {@code @Transactional} method) are
 * frozen once made. An unfrozen proxy looks each call's method up in a cache of its own, keyed by
 * {@code Method} (whose {@code equals} compares parameter types), and calls a method without advice by
 * reflection; a frozen one calls such a method directly and gives each advised method its fixed chain at
 * creation. At the kiosks' load the lookups and reflective calls were a ninth of the SIP2 server's samples
 * ({@code docs/PERFORMANCE.md}, the SIP2 eleventh round). Nothing here adds advice to a bean after its proxy
 * is made ({@code @Async}, {@code @Validated} and method security are not used); a post-processor that
 * did would wrap the frozen proxy in one of its own.
 */
@Configuration(proxyBeanMethods = false)
class FrozenProxies {

    @Bean
    static BeanFactoryPostProcessor freezeProxies() {
        return factory -> {
            if (factory.containsBeanDefinition(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME)) {
                factory.getBeanDefinition(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME).getPropertyValues()
                        .add("frozen", true);
            }
        };
    }
}
