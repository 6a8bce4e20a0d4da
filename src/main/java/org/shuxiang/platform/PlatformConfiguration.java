package org.shuxiang.platform;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared infrastructure: the clock every rule takes, in the network's time zone. */
@Configuration(proxyBeanMethods = false)
@org.springframework.scheduling.annotation.EnableScheduling
class PlatformConfiguration {

    @Bean
    Clock clock(@Value("${shuxiang.time-zone:Asia/Shanghai}") ZoneId zone) {
        return Clock.system(zone);
    }
}
