package org.backproplab.training;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code backprop.limits.*} to {@link TrainingLimits} for the {@link TrainingService}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrainingLimits.class)
class TrainingConfiguration {
}
