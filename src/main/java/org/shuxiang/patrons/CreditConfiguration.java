package org.shuxiang.patrons;

import java.net.URI;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The external credit provider, when {@code shuxiang.credit.source=http}; otherwise the built-in source
 * (circulation's score of the reader's own record) is the one in use.
 */
@Configuration(proxyBeanMethods = false)
class CreditConfiguration {

    @Bean
    @ConditionalOnProperty(name = "shuxiang.credit.source", havingValue = "http")
    CreditSource httpCreditSource(@Value("${shuxiang.credit.http.url}") URI url,
                                  @Value("${shuxiang.credit.http.token:}") String token,
                                  @Value("${shuxiang.credit.http.score-field:score}") String scoreField,
                                  @Value("${shuxiang.credit.threshold:550}") int threshold,
                                  @Value("${shuxiang.credit.http.timeout:PT3S}") Duration timeout, JsonMapper json) {
        return new HttpCreditSource(url, token, scoreField, threshold, timeout, json);
    }
}
