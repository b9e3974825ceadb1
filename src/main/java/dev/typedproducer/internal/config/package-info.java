/**
 * The Kafka producer configuration TypedProducer runs with: durability enforced.
 *
 * <p>Internal: not API, and may change in any release.
 */
package dev.typedproducer.internal.config;
