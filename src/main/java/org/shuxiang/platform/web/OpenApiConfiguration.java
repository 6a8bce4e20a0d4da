package org.shuxiang.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The REST API's OpenAPI description, served at /v3/api-docs and browsable at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI shuxiangOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Shuxiang 书香 API").version("v1")
                        .description("The REST API of a city's public library network: one network, one card, one "
                                + "platform. Staff use HTTP Basic; machines use bearer API keys (sx_…). Errors are "
                                + "application/problem+json with a stable code.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes("staff", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("sx_<keyId>_<secret>")))
                .addSecurityItem(new SecurityRequirement().addList("staff"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
