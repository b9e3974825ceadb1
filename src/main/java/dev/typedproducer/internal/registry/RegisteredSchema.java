package dev.typedproducer.internal.registry;

/** One version of a subject, as the registry holds it. */
public record RegisteredSchema(String subject, int version, int id, String schema) {}
