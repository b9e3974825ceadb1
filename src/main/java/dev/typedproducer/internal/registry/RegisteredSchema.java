package dev.typedproducer.internal.registry;

import java.util.List;

/**
 * One version of a subject, as the registry holds it.
 *
 * @param references the schema references the text uses (named types registered under subjects
 *     of their own); empty for a self-contained schema
 */
public record RegisteredSchema(String subject, int version, int id, String schema,
    List<SchemaReference> references) {
  public RegisteredSchema {
    references = List.copyOf(references);
  }
}
