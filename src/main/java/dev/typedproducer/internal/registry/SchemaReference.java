package dev.typedproducer.internal.registry;

/**
 * A Confluent schema reference: the schema uses the named type {@code name}, registered as
 * {@code version} of {@code subject}.
 */
public record SchemaReference(String name, String subject, int version) {}
