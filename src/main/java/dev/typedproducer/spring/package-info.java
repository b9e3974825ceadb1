/**
 * Spring Boot 3 auto-configuration, active when a service has Spring Boot and sets
 * {@code typed-producer.bootstrap-servers}: the {@link dev.typedproducer.spring.TypedProducers}
 * factory (one shared producer per event class, closed with the context), Micrometer metrics when
 * the service has Micrometer, and a health indicator when it has Actuator. Spring Boot is an
 * optional dependency of the SDK: without it, nothing in this package is loaded.
 *
 * <pre>{@code
 * typed-producer:
 *   bootstrap-servers: broker-1:9092,broker-2:9092
 *   schema-registry:
 *     url: https://registry.internal:8081
 *   kafka:
 *     linger.ms: 20
 * }</pre>
 */
package dev.typedproducer.spring;
