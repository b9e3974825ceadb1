package dev.typedproducer.spring;

import dev.typedproducer.TypedProducerBuilder;

/**
 * Adjusts every producer that {@link TypedProducers} builds, after the {@code typed-producer.*}
 * settings are applied; declare one as a bean. The auto-configuration declares one that passes
 * the service's Micrometer registry to {@link TypedProducerBuilder#meterRegistry}.
 *
 * <pre>{@code
 * @Bean
 * TypedProducerCustomizer compressed() {
 *   return builder -> builder.kafkaSetting(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TypedProducerCustomizer {
  /** Adjusts {@code builder} before it builds. */
  void customize(TypedProducerBuilder<?> builder);
}
