package org.shuxiang.platform.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Chinese first: a page or problem is in zh-CN unless the user chose English ({@code ?lang=en},
 * kept in a cookie) or the client asks for it ({@code Accept-Language: en}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final List<Locale> SUPPORTED = List.of(CHINESE, Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("shuxiang-lang");
        resolver.setDefaultLocaleFunction(WebConfiguration::fromHeader);
        return resolver;
    }

    /** The first supported language of the Accept-Language header, else Chinese. */
    static Locale fromHeader(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            return CHINESE;
        }
        var requested = request.getLocales();
        while (requested.hasMoreElements()) {
            Locale locale = requested.nextElement();
            for (Locale supported : SUPPORTED) {
                if (supported.getLanguage().equals(locale.getLanguage())) {
                    return supported;
                }
            }
        }
        return CHINESE;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        registry.addInterceptor(interceptor);
    }
}
