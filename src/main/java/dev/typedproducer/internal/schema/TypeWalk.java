package dev.typedproducer.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The types a schema file's JSON defines and uses, in the order Avro's parser meets them, each with
 * its JSON pointer: where a type name that Avro calls "undefined", or a named type without a name,
 * is written in the file.
 */
final class TypeWalk {
  static final List<String> PRIMITIVES =
      List.of("null", "boolean", "int", "long", "float", "double", "bytes", "string");
  private static final Set<String> NAMED = Set.of("record", "error", "enum", "fixed");

  /** A named type defined at {@code pointer}; {@code kind} is record, error, enum or fixed. */
  record Definition(String fullName, String kind, String pointer, JsonNode json) {}

  /** A type name used at {@code pointer} by {@code field} (null outside a field). */
  record Reference(String name, String namespace, String pointer, String field) {
    /** The full names Avro tries for this reference, in order. */
    List<String> candidates() {
      return name.contains(".") || namespace.isEmpty() ? List.of(name)
          : List.of(namespace + "." + name, name);
    }
  }

  /** A record, enum or fixed at {@code pointer} that has no "name". */
  record Unnamed(String kind, String pointer) {}

  private final List<Object> events = new ArrayList<>();

  private TypeWalk() {}

  /** Walks the schema {@code tree}, the whole of a file. */
  static TypeWalk of(JsonNode tree) {
    TypeWalk walk = new TypeWalk();
    walk.type(tree, "", "", null);
    return walk;
  }

  /** Definitions, references and unnamed types, in the order the parser meets them. */
  List<Object> events() {
    return events;
  }

  List<Definition> definitions() {
    return events.stream().filter(Definition.class::isInstance).map(Definition.class::cast).toList();
  }

  private void type(JsonNode node, String pointer, String namespace, String field) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      if (!PRIMITIVES.contains(node.asText())) {
        events.add(new Reference(node.asText(), namespace, pointer, field));
      }
      return;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        type(node.get(i), pointer + "/" + i, namespace, field);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode kind = node.get("type");
    String k = kind != null && kind.isTextual() ? kind.asText() : "";
    if (NAMED.contains(k)) {
      named(node, k, pointer, namespace);
    } else if (k.equals("array")) {
      type(node.get("items"), pointer + "/items", namespace, field);
    } else if (k.equals("map")) {
      type(node.get("values"), pointer + "/values", namespace, field);
    } else {
      type(kind, pointer + "/type", namespace, field);
    }
  }

  private void named(JsonNode node, String kind, String pointer, String namespace) {
    JsonNode name = node.get("name");
    if (name == null || !name.isTextual() || name.asText().isEmpty()) {
      events.add(new Unnamed(kind, pointer));
      return;
    }
    String simple = name.asText();
    JsonNode declared = node.get("namespace");
    String inner = simple.contains(".") ? simple.substring(0, simple.lastIndexOf('.'))
        : declared != null && declared.isTextual() ? declared.asText() : namespace;
    String full = simple.contains(".") || inner.isEmpty() ? simple : inner + "." + simple;
    events.add(new Definition(full, kind, pointer, node));
    JsonNode fields = node.get("fields");
    if ((kind.equals("record") || kind.equals("error")) && fields != null && fields.isArray()) {
      for (int i = 0; i < fields.size(); i++) {
        JsonNode f = fields.get(i);
        type(f.get("type"), pointer + "/fields/" + i + "/type", inner, f.path("name").asText());
      }
    }
  }
}
