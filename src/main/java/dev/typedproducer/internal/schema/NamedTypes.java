package dev.typedproducer.internal.schema;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.Schema;

/** Walks the named types (records, enums, fixed) a schema holds, each once, recursion included. */
public final class NamedTypes {
  private NamedTypes() {}

  /** Calls {@code action} on {@code schema}, if named, and on every named type inside it. */
  public static void forEach(Schema schema, Consumer<Schema> action) {
    visit(schema, action, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static void visit(Schema schema, Consumer<Schema> action, Set<Schema> seen) {
    switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> {
        if (!seen.add(schema)) {
          return;
        }
        action.accept(schema);
        if (schema.getType() == Schema.Type.RECORD) {
          schema.getFields().forEach(f -> visit(f.schema(), action, seen));
        }
      }
      case UNION -> schema.getTypes().forEach(t -> visit(t, action, seen));
      case ARRAY -> visit(schema.getElementType(), action, seen);
      case MAP -> visit(schema.getValueType(), action, seen);
      default -> { }
    }
  }
}
