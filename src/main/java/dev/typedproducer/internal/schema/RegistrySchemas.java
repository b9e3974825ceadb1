package dev.typedproducer.internal.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/**
 * The form of a schema that goes to the schema registry: the schema as written in
 * {@code schemas/}, without the property that only the Java compiler adds
 * ({@code "avro.java.string"}). A generated class and its {@code .avsc} file so give the registry
 * the same text, and get the same id.
 */
public final class RegistrySchemas {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistrySchemas() {}

  /** The JSON text to register for {@code schema}. */
  public static String text(Schema schema) {
    return withoutJavaProperties(schema).toString();
  }

  /** {@code schema} without Java-only properties. */
  public static Schema withoutJavaProperties(Schema schema) {
    // Avro schemas cannot drop a property once built, so strip it from the JSON and parse again:
    // everything else (docs, defaults, aliases, other properties) stays as it was.
    try {
      JsonNode tree = JSON.readTree(schema.toString());
      strip(tree);
      return new Schema.Parser().setValidateDefaults(false).parse(JSON.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Avro wrote a schema that is not JSON: " + schema, e);
    }
  }

  /** Removes the property from every schema in the tree, leaving default values alone. */
  private static void strip(JsonNode schema) {
    if (schema.isArray()) { // a union
      schema.forEach(RegistrySchemas::strip);
      return;
    }
    if (!(schema instanceof ObjectNode node)) {
      return; // a name or primitive type
    }
    node.remove(SchemaProperties.JAVA_STRING);
    switch (node.path("type").asText()) {
      case "record", "error" -> node.path("fields").forEach(f -> strip(f.path("type")));
      case "array" -> strip(node.path("items"));
      case "map" -> strip(node.path("values"));
      default -> {
        if (node.path("type").isContainerNode()) {
          strip(node.path("type")); // {"type": {"type": "string", ...}}
        }
      }
    }
  }
}
