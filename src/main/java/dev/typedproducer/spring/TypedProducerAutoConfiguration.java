package dev.typedproducer.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot auto-configuration of typed-producer, on when
 * {@code typed-producer.bootstrap-servers} is set: a {@link TypedProducers} factory; with
 * Micrometer on the classpath, its producers count events in the context's
 * {@link MeterRegistry}; with Actuator, a {@code typedProducer} health
 * indicator. Each optional part sits in its own nested class, which Spring reads only when its
 * library is present, so a service without Micrometer or Actuator never loads their types.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "typed-producer", name = "bootstrap-servers")
@EnableConfigurationProperties(TypedProducerProperties.class)
public class TypedProducerAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean
  TypedProducers typedProducers(
      TypedProducerProperties properties, ObjectProvider<TypedProducerCustomizer> customizers) {
    return new TypedProducers(properties, customizers.orderedStream().toList());
  }

  /** Micrometer, when the service has it. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {
    @Bean
    TypedProducerCustomizer typedProducerMetrics(ObjectProvider<MeterRegistry> registries) {
      return builder -> registries.ifUnique(builder::meterRegistry);
    }
  }

  /** Actuator's health endpoint, when the service has Actuator. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "typedProducerHealthIndicator")
    TypedProducerHealthIndicator typedProducerHealthIndicator(TypedProducerProperties properties) {
      return new TypedProducerHealthIndicator(properties);
    }
  }
}
