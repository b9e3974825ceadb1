/**
 * Data rules: the {@code "kafka.rules"} a schema puts on its fields, read once into a flat tree of
 * checks that {@code TypedProducer.send} runs on every event, and the diagnostics for rules that
 * are malformed.
 *
 * <p>Internal: not API, and may change in any release.
 */
package dev.typedproducer.internal.rules;
