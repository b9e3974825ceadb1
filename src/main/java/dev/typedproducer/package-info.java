/**
 * typed-producer's API: {@link dev.typedproducer.TypedProducer} and its builder, the send result,
 * the diagnostics and the exceptions. Only this package is API.
 *
 * <pre>{@code
 * try (TypedProducer<UserClick> clicks = TypedProducer.builder(UserClick.class)
 *     .bootstrapServers("localhost:9092")
 *     .schemaRegistryUrl("http://localhost:8081")
 *     .build()) {
 *   clicks.send(click).join();
 * }
 * }</pre>
 */
package dev.typedproducer;
