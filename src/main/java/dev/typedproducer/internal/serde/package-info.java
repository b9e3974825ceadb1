/**
 * Confluent's wire format and the serializer that writes it.
 *
 * <p>Internal: not API, and may change in any release.
 */
package dev.typedproducer.internal.serde;
