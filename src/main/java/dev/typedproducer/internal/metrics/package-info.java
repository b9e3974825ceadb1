/**
 * Counting what the producer does: {@link dev.typedproducer.internal.metrics.SendMetrics} is what
 * the send path calls, free of any metrics library; its Micrometer form is loaded only when a
 * service passes a Micrometer registry, so the SDK runs without Micrometer on the classpath.
 */
package dev.typedproducer.internal.metrics;
