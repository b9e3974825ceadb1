/**
 * A small client for the Confluent Schema Registry REST API.
 *
 * <p>Internal: not API, and may change in any release.
 */
package dev.typedproducer.internal.registry;
