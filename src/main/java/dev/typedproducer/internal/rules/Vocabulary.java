package dev.typedproducer.internal.rules;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/** The closed set of rules a {@code "kafka.rules"} object may hold, and the types each fits. */
enum Vocabulary {
  MIN("min", "int, long, float, double, decimal", Kind.INTEGER, Kind.FLOATING, Kind.DECIMAL),
  MAX("max", "int, long, float, double, decimal", Kind.INTEGER, Kind.FLOATING, Kind.DECIMAL),
  MIN_EXCLUSIVE("minExclusive", "int, long, float, double, decimal",
      Kind.INTEGER, Kind.FLOATING, Kind.DECIMAL),
  MAX_EXCLUSIVE("maxExclusive", "int, long, float, double, decimal",
      Kind.INTEGER, Kind.FLOATING, Kind.DECIMAL),
  FINITE("finite", "float, double, and arrays and maps of them", Kind.FLOATING),
  NOT_BLANK("notBlank", "string", Kind.STRING),
  MIN_LENGTH("minLength", "string", Kind.STRING),
  MAX_LENGTH("maxLength", "string", Kind.STRING),
  PATTERN("pattern", "string", Kind.STRING),
  ONE_OF("oneOf", "string", Kind.STRING),
  MIN_ITEMS("minItems", "array, map", Kind.ARRAY, Kind.MAP),
  MAX_ITEMS("maxItems", "array, map", Kind.ARRAY, Kind.MAP),
  SIZE("size", "array, map", Kind.ARRAY, Kind.MAP),
  ITEMS("items", "array", Kind.ARRAY),
  VALUES("values", "map", Kind.MAP),
  NOT_BEFORE("notBefore", "long with logicalType timestamp-millis or timestamp-micros",
      Kind.TIMESTAMP_MILLIS, Kind.TIMESTAMP_MICROS),
  NOT_AFTER_NOW("notAfterNow", "long with logicalType timestamp-millis or timestamp-micros",
      Kind.TIMESTAMP_MILLIS, Kind.TIMESTAMP_MICROS);

  private final String ruleName;
  private final String types;
  private final Set<Kind> kinds;

  Vocabulary(String ruleName, String types, Kind first, Kind... more) {
    this.ruleName = ruleName;
    this.types = types;
    this.kinds = EnumSet.of(first, more);
  }

  /** The rule's name in a schema, e.g. {@code minExclusive}. */
  String ruleName() {
    return ruleName;
  }

  /** The types the rule fits, in words. */
  String types() {
    return types;
  }

  static Vocabulary named(String name) {
    return Arrays.stream(values()).filter(r -> r.ruleName.equals(name)).findFirst().orElse(null);
  }

  static List<String> names() {
    return Arrays.stream(values()).map(Vocabulary::ruleName).toList();
  }

  /** The rules that fit {@code type}, for a fix that suggests them. */
  static String fitting(Schema type, Kind kind) {
    String fitting = Arrays.stream(values()).filter(r -> r.fits(type, kind))
        .map(Vocabulary::ruleName).collect(Collectors.joining(", "));
    return fitting.isEmpty() ? "no rule fits it; put rules on the fields of a record instead"
        : fitting;
  }

  boolean fits(Schema type, Kind kind) {
    if (kinds.contains(kind)) {
      return true;
    }
    // finite on an array or map of floats checks each item or value
    if (this == FINITE && (kind == Kind.ARRAY || kind == Kind.MAP)) {
      Schema inner = kind == Kind.ARRAY ? type.getElementType() : type.getValueType();
      List<Schema> branches = inner.getType() == Schema.Type.UNION ? inner.getTypes().stream()
          .filter(t -> t.getType() != Schema.Type.NULL).toList() : List.of(inner);
      return branches.size() == 1 && Kind.of(branches.get(0)) == Kind.FLOATING;
    }
    return false;
  }
}
