package dev.typedproducer.internal.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.typedproducer.SchemaRegistryException;
import dev.typedproducer.internal.schema.RegistrySchemas;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.Schema;

/**
 * A schema in the form that uses Confluent schema references: each record type the schema uses
 * (in this catalog, the shared types of {@code schemas/shared/}) goes under a subject of its own,
 * named by its full name, and the schema names it instead of inlining it, listing
 * {@code {"name", "subject", "version"}} for each. A referenced type that uses record types
 * references them in turn. Enums and fixed types stay inline.
 */
public final class ReferencedSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReferencedSchemas() {}

  /** The record types {@code schema} uses directly (not through another such record type). */
  public static List<Schema> referencedTypes(Schema schema) {
    Map<String, Schema> found = new LinkedHashMap<>();
    Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(schema);
    if (schema.getType() == Schema.Type.RECORD) {
      schema.getFields().forEach(f -> collect(f.schema(), found, seen));
    }
    return List.copyOf(found.values());
  }

  private static void collect(Schema type, Map<String, Schema> found, Set<Schema> seen) {
    switch (type.getType()) {
      case RECORD -> {
        if (seen.add(type)) {
          found.putIfAbsent(type.getFullName(), type);
        }
      }
      case UNION -> type.getTypes().forEach(t -> collect(t, found, seen));
      case ARRAY -> collect(type.getElementType(), found, seen);
      case MAP -> collect(type.getValueType(), found, seen);
      default -> { }
    }
  }

  /** The text to register for {@code schema}: its record types by name, not inlined. */
  public static String text(Schema schema) {
    Schema plain = RegistrySchemas.withoutJavaProperties(schema);
    Set<String> names = new HashSet<>();
    referencedTypes(plain).forEach(type -> names.add(type.getFullName()));
    try {
      return JSON.writeValueAsString(byName(JSON.readTree(plain.toString()), names, "", true));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Avro wrote a schema that is not JSON: " + plain, e);
    }
  }

  /**
   * {@code node} (Avro's JSON of a schema, in {@code namespace}) with the definitions of the
   * record types in {@code names} replaced by their full names. Avro writes a named type in full
   * where it first occurs and by name after that, so only the first occurrence changes.
   */
  private static JsonNode byName(JsonNode node, Set<String> names, String namespace,
      boolean top) {
    if (node.isArray()) { // a union
      ArrayNode branches = JSON.createArrayNode();
      node.forEach(branch -> branches.add(byName(branch, names, namespace, false)));
      return branches;
    }
    if (!(node instanceof ObjectNode object)) {
      return node; // a name or a primitive type
    }
    String type = object.path("type").asText();
    if (type.equals("record") || type.equals("error")) {
      String name = object.path("name").asText();
      int dot = name.lastIndexOf('.');
      String space = dot >= 0 ? name.substring(0, dot)
          : object.has("namespace") ? object.path("namespace").asText() : namespace;
      String full = dot >= 0 || space.isEmpty() ? name : space + "." + name;
      if (!top && names.contains(full)) {
        return TextNode.valueOf(full);
      }
      for (JsonNode field : object.path("fields")) {
        ((ObjectNode) field).set("type", byName(field.path("type"), names, space, false));
      }
    } else if (type.equals("array")) {
      object.set("items", byName(object.path("items"), names, namespace, false));
    } else if (type.equals("map")) {
      object.set("values", byName(object.path("values"), names, namespace, false));
    } else if (object.path("type").isContainerNode()) {
      object.set("type", byName(object.path("type"), names, namespace, false));
    }
    return object;
  }

  /**
   * The references of {@code schema}, after making sure each referenced type is under its
   * subject: looked up, and registered when missing if {@code register} is true.
   *
   * @param told hears one line per referenced type: its subject, version and what was done
   * @throws SchemaRegistryException if the registry fails or refuses, or when a referenced type is
   *     missing and {@code register} is false
   */
  public static List<SchemaReference> references(SchemaRegistryClient registry, Schema schema,
      boolean register, Consumer<String> told) {
    List<SchemaReference> references = new ArrayList<>();
    for (Schema type : referencedTypes(RegistrySchemas.withoutJavaProperties(schema))) {
      references.add(put(registry, type, register, told));
    }
    return references;
  }

  private static SchemaReference put(SchemaRegistryClient registry, Schema type, boolean register,
      Consumer<String> told) {
    String subject = type.getFullName();
    List<SchemaReference> references = references(registry, type, register, told);
    String text = text(type);
    Optional<RegisteredSchema> found = registry.lookup(subject, text, references);
    String done = "unchanged";
    if (found.isEmpty()) {
      if (!register) {
        throw new SchemaRegistryException("The shared type " + subject + " is not registered"
            + " under its own subject " + subject + " at " + registry.url() + ", which the schema"
            + " references. Register it with the deploy step (register --references), or let"
            + " build() register it with autoRegisterSchema(true).", registry.url(), subject,
            404, SchemaRegistryClient.SCHEMA_NOT_FOUND, false, null);
      }
      registry.register(subject, text, references);
      found = registry.lookup(subject, text, references);
      done = "registered";
    }
    RegisteredSchema registered = found.orElseThrow(() -> new SchemaRegistryException("The"
        + " registry at " + registry.url() + " accepted " + subject + " but cannot find it",
        registry.url(), subject, 404, SchemaRegistryClient.SCHEMA_NOT_FOUND, true, null));
    told.accept(done + " shared type " + subject + "  version " + registered.version()
        + "  id " + registered.id());
    return new SchemaReference(subject, subject, registered.version());
  }
}
