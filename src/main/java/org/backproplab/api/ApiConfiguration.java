package org.backproplab.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the API's settings and describes the API for the OpenAPI document behind {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
public class ApiConfiguration {

    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    @Bean
    OpenAPI backpropLabOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Backprop Lab API")
                .version("1")
                .description("""
                        Train small neural networks on the lab's own engine, scheduler and limits: create a run \
                        from a run configuration (every field optional; see the Run schema), follow it live as \
                        Server-Sent Events, steer it, and take the trained model away as JSON weights or as a \
                        TensorFlow.js model. Errors are RFC 9457 problem details with an `errors` array of \
                        `{field, message}` naming each offending field.""")
                .license(new License().name("See the project's README")));
    }
}
