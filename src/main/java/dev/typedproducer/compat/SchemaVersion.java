package dev.typedproducer.compat;

import org.apache.avro.Schema;

/**
 * An earlier version of a schema, from git or from a registry.
 *
 * @param schema the schema
 * @param label how reports name it, e.g. {@code version 2 (commit 1a2b3c4)} or
 *     {@code registry version 3 (id 12)}
 */
public record SchemaVersion(Schema schema, String label) {}
