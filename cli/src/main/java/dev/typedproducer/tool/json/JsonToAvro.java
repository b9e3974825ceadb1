package dev.typedproducer.tool.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificFixed;

/**
 * Plain JSON, as people write it, to Avro values of a schema: unions without type wrappers (the
 * Avro JSON encoding's {@code {"string": "x"}} is accepted too), enums as symbols, bytes and fixed
 * as base64, and logical types as {@link LogicalJson} reads them. Records are made by the model, so
 * with a generated class's {@code SpecificData} the result is an instance of that class.
 *
 * <pre>{@code
 * UserClick click = (UserClick) new JsonToAvro(SpecificData.getForClass(UserClick.class))
 *     .convert(json, UserClick.getClassSchema());
 * }</pre>
 *
 * In a union, branches of the value's own JSON kind are tried first (a string for text, numbers
 * for a number), then the others, each in schema order; the first that takes the value wins.
 */
public final class JsonToAvro {
  private final GenericData model;
  private final Map<String, Optional<Class<?>>> generated = new HashMap<>();

  public JsonToAvro(GenericData model) {
    this.model = model;
  }

  /**
   * Converts one JSON value.
   *
   * @throws BadValueException naming the path and the reason when the value does not fit
   */
  public Object convert(JsonNode json, Schema schema) {
    return value(json, schema, "");
  }

  private Object value(JsonNode node, Schema schema, String path) {
    if (schema.getType() == Schema.Type.UNION) {
      return union(node, schema, path);
    }
    if (node.isNull()) {
      if (schema.getType() == Schema.Type.NULL) {
        return null;
      }
      throw new BadValueException(path, "is null, but the type is " + describe(schema)
          + " (only a union with \"null\" takes null)");
    }
    LogicalType logical = schema.getLogicalType();
    if (LogicalJson.handles(logical)) {
      Object raw = LogicalJson.toRaw(node, schema, logical, path);
      Conversion<?> conversion = model.getConversionFor(logical);
      return conversion == null ? raw
          : Conversions.convertToLogicalType(raw, schema, logical, conversion);
    }
    return switch (schema.getType()) {
      case NULL -> throw wrongType(node, schema, path);
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          throw wrongType(node, schema, path);
        }
        yield node.booleanValue();
      }
      case INT -> {
        if (!isWhole(node) || !node.canConvertToInt()) {
          throw wrongType(node, schema, path);
        }
        yield node.intValue();
      }
      case LONG -> {
        if (!isWhole(node) || !node.canConvertToLong()) {
          throw wrongType(node, schema, path);
        }
        yield node.longValue();
      }
      case FLOAT -> (float) floating(node, schema, path);
      case DOUBLE -> floating(node, schema, path);
      case STRING -> {
        if (!node.isTextual()) {
          throw wrongType(node, schema, path);
        }
        yield node.textValue();
      }
      case BYTES -> ByteBuffer.wrap(base64(node, schema, path));
      case FIXED -> {
        byte[] bytes = base64(node, schema, path);
        if (bytes.length != schema.getFixedSize()) {
          throw new BadValueException(path, "holds " + bytes.length + " bytes; " + describe(schema)
              + " needs exactly " + schema.getFixedSize() + " (base64)");
        }
        yield fixed(schema, bytes);
      }
      case ENUM -> {
        if (!node.isTextual() || !schema.hasEnumSymbol(node.textValue())) {
          throw new BadValueException(path, (node.isTextual() ? "\"" + node.textValue() + "\""
              : "is " + kind(node) + ", which") + " is not a symbol of " + describe(schema)
              + ": " + String.join(", ", schema.getEnumSymbols()));
        }
        yield enumSymbol(schema, node.textValue());
      }
      case ARRAY -> array(node, schema, path);
      case MAP -> map(node, schema, path);
      case RECORD -> record(node, schema, path);
      case UNION -> throw new IllegalStateException("unions are handled above");
    };
  }

  private Object record(JsonNode node, Schema schema, String path) {
    if (!node.isObject()) {
      throw wrongType(node, schema, path);
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (schema.getField(name) == null) {
        throw new BadValueException(child(path, name), "unknown field; " + describe(schema)
            + " has " + fieldNames(schema) + " (remove it, or add it to the schema)");
      }
    }
    Object record = newRecord(schema);
    for (Schema.Field field : schema.getFields()) {
      JsonNode given = node.get(field.name());
      Object value;
      if (given != null) {
        value = value(given, field.schema(), child(path, field.name()));
      } else if (field.hasDefaultValue()) {
        value = model.deepCopy(field.schema(), model.getDefaultValue(field));
      } else {
        throw new BadValueException(child(path, field.name()), "required field is missing ("
            + describe(field.schema()) + ", no default in the schema)");
      }
      model.setField(record, field.name(), field.pos(), value);
    }
    return record;
  }

  private List<Object> array(JsonNode node, Schema schema, String path) {
    if (!node.isArray()) {
      throw wrongType(node, schema, path);
    }
    List<Object> items = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      items.add(value(node.get(i), schema.getElementType(), child(path, String.valueOf(i))));
    }
    return items;
  }

  private Map<String, Object> map(JsonNode node, Schema schema, String path) {
    if (!node.isObject()) {
      throw wrongType(node, schema, path);
    }
    Map<String, Object> entries = new LinkedHashMap<>();
    node.properties().forEach(e ->
        entries.put(e.getKey(), value(e.getValue(), schema.getValueType(), child(path, e.getKey()))));
    return entries;
  }

  private Object union(JsonNode node, Schema union, String path) {
    List<Schema> branches = union.getTypes();
    if (node.isNull()) {
      if (union.getIndexNamed(Schema.Type.NULL.getName()) != null) {
        return null;
      }
      throw new BadValueException(path, "is null, but " + describe(union) + " has no null branch");
    }
    Schema wrapped = wrappedBranch(node, union);
    if (wrapped != null) {
      return value(node.elements().next(), wrapped, path);
    }
    List<Schema> candidates = new ArrayList<>();
    branches.stream().filter(b -> natural(node, b)).forEach(candidates::add);
    branches.stream().filter(b -> !natural(node, b) && b.getType() != Schema.Type.NULL)
        .forEach(candidates::add);
    if (candidates.size() == 1) {
      return value(node, candidates.get(0), path);
    }
    List<String> reasons = new ArrayList<>();
    for (Schema branch : candidates) {
      try {
        return value(node, branch, path);
      } catch (BadValueException e) {
        reasons.add(describe(branch) + ": " + e.getMessage());
      }
    }
    throw new BadValueException(path, "fits none of the branches of " + describe(union) + " ("
        + String.join("; ", reasons) + ")");
  }

  private Object newRecord(Schema schema) {
    return generated(schema).<Object>map(type -> SpecificData.newInstance(type, schema))
        .orElseGet(() -> new GenericData.Record(schema));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object enumSymbol(Schema schema, String symbol) {
    return generated(schema).filter(Class::isEnum)
        .<Object>map(type -> Enum.valueOf((Class<Enum>) type, symbol))
        .orElseGet(() -> new GenericData.EnumSymbol(schema, symbol));
  }

  private Object fixed(Schema schema, byte[] bytes) {
    return generated(schema).<Object>map(type -> {
      SpecificFixed fixed = (SpecificFixed) SpecificData.newInstance(type, schema);
      fixed.bytes(bytes);
      return fixed;
    }).orElseGet(() -> new GenericData.Fixed(schema, bytes));
  }

  /**
   * The generated class of a named type, loaded here rather than through SpecificData, whose
   * by-name loading Avro 1.12 restricts to trusted packages (org.apache.avro.SERIALIZABLE_PACKAGES).
   */
  private Optional<Class<?>> generated(Schema named) {
    if (!(model instanceof SpecificData)) {
      return Optional.empty();
    }
    return generated.computeIfAbsent(named.getFullName(), name -> {
      try {
        return Optional.of(Class.forName(SpecificData.getClassName(named), true,
            model.getClassLoader()));
      } catch (ClassNotFoundException e) {
        return Optional.empty();
      }
    });
  }

  /** {@code {"string": "x"}}: Avro's JSON encoding of a union value, when nothing else reads it. */
  private static Schema wrappedBranch(JsonNode node, Schema union) {
    if (!node.isObject() || node.size() != 1) {
      return null;
    }
    String key = node.fieldNames().next();
    Schema named = null;
    for (Schema branch : union.getTypes()) {
      if (branch.getType() == Schema.Type.MAP
          || branch.getType() == Schema.Type.RECORD && branch.getField(key) != null) {
        return null;
      }
      if (key.equals(branch.getFullName()) || key.equals(branch.getName())) {
        named = branch;
      }
    }
    return named;
  }

  private static boolean natural(JsonNode node, Schema branch) {
    LogicalType logical = branch.getLogicalType();
    return switch (branch.getType()) {
      case STRING, ENUM -> node.isTextual();
      case INT, LONG -> logical == null ? node.isIntegralNumber() : node.isTextual();
      case FLOAT, DOUBLE -> node.isNumber();
      case BYTES, FIXED -> logical != null && logical.getName().contains("decimal")
          ? node.isNumber() : node.isTextual();
      case BOOLEAN -> node.isBoolean();
      case RECORD, MAP -> node.isObject();
      case ARRAY -> node.isArray();
      case NULL, UNION -> false;
    };
  }

  private static boolean isWhole(JsonNode node) {
    return node.isIntegralNumber()
        || node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0;
  }

  private static double floating(JsonNode node, Schema schema, String path) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      switch (node.textValue()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw wrongType(node, schema, path);
  }

  private static byte[] base64(JsonNode node, Schema schema, String path) {
    if (!node.isTextual()) {
      throw wrongType(node, schema, path);
    }
    try {
      return Base64.getDecoder().decode(node.textValue());
    } catch (IllegalArgumentException e) {
      throw new BadValueException(path, "is not base64 (" + e.getMessage() + "); "
          + describe(schema) + " is written as base64 text");
    }
  }

  private static BadValueException wrongType(JsonNode node, Schema schema, String path) {
    return new BadValueException(path, "is " + kind(node) + ", expected " + describe(schema));
  }

  static String kind(JsonNode node) {
    String text = node.toString();
    String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "text " + shown;
      case NUMBER -> "the number " + shown;
      case BOOLEAN -> "the boolean " + shown;
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  static String describe(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    String base = switch (schema.getType()) {
      case RECORD -> "record " + schema.getName();
      case ENUM -> "enum " + schema.getName();
      case FIXED -> "fixed " + schema.getName() + "[" + schema.getFixedSize() + "]";
      case ARRAY -> "an array of " + describe(schema.getElementType());
      case MAP -> "a map of " + describe(schema.getValueType());
      case UNION -> "the union [" + String.join(", ",
          schema.getTypes().stream().map(JsonToAvro::describe).toList()) + "]";
      default -> schema.getType().getName();
    };
    return logical == null ? base : logical.getName() + " (" + base + ")";
  }

  private static String fieldNames(Schema record) {
    return String.join(", ", record.getFields().stream().map(Schema.Field::name).toList());
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "/" + name;
  }
}
