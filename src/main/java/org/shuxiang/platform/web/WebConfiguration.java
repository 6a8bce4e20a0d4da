package org.shuxiang.platform.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/** Chinese first: zh-CN unless the client asks for English. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setDefaultLocale(CHINESE);
        resolver.setSupportedLocales(List.of(CHINESE, Locale.ENGLISH));
        return resolver;
    }
}
