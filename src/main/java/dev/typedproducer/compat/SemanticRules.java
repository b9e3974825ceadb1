package dev.typedproducer.compat;

import dev.typedproducer.internal.schema.SchemaProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Changes that Avro's resolution rules, and so every schema registry, accept but that change what
 * consumers read, or where records go: logical types, the key, the topic, the record's identity,
 * and lossy promotions. Compared field by field (by name or alias) with one earlier version.
 */
final class SemanticRules {
  static final String LOGICAL_TYPE_ADDED = "LogicalTypeAdded";
  static final String LOGICAL_TYPE_REMOVED = "LogicalTypeRemoved";
  static final String LOGICAL_TYPE_CHANGED = "LogicalTypeChanged";
  static final String DECIMAL_SCALE_CHANGED = "DecimalScaleChanged";
  static final String DECIMAL_PRECISION_CHANGED = "DecimalPrecisionChanged";
  static final String TIMESTAMP_UNIT_CHANGED = "TimestampUnitChanged";
  static final String TIMESTAMP_ZONE_CHANGED = "TimestampZoneChanged";
  static final String TIME_UNIT_CHANGED = "TimeUnitChanged";
  static final String KEY_FIELD_CHANGED = "KeyFieldChanged";
  static final String KEY_TYPE_CHANGED = "KeyTypeChanged";
  static final String TOPIC_CHANGED = "TopicChanged";
  static final String RECORD_RENAMED = "RecordRenamed";
  static final String STRING_BYTES_PROMOTION = "StringBytesPromotion";
  static final String LOSSY_NUMERIC_PROMOTION = "LossyNumericPromotion";
  static final String EVENT_TIME_CHANGED = "EventTimeChanged";

  /** The ids a schema may accept with {@code "kafka.compat.allow"}, {@link RuleChanges}' included. */
  static final Set<String> IDS = Set.of(LOGICAL_TYPE_ADDED, LOGICAL_TYPE_REMOVED,
      LOGICAL_TYPE_CHANGED, DECIMAL_SCALE_CHANGED, DECIMAL_PRECISION_CHANGED,
      TIMESTAMP_UNIT_CHANGED, TIMESTAMP_ZONE_CHANGED, TIME_UNIT_CHANGED, KEY_FIELD_CHANGED,
      KEY_TYPE_CHANGED, TOPIC_CHANGED, RECORD_RENAMED, STRING_BYTES_PROMOTION,
      LOSSY_NUMERIC_PROMOTION, EVENT_TIME_CHANGED, RuleChanges.RULE_TIGHTENED);

  private final SchemaVersion old;
  private final List<Finding> findings = new ArrayList<>();
  private final Set<String> visited = new HashSet<>();

  private SemanticRules(SchemaVersion old) {
    this.old = old;
  }

  /** What changed in meaning from {@code old} to {@code candidate}, a top-level record. */
  static List<Finding> check(Schema candidate, SchemaVersion old) {
    SemanticRules rules = new SemanticRules(old);
    Set<String> allowed = allowed(candidate.getObjectProp(SchemaProperties.COMPAT_ALLOW));
    rules.identity(old.schema(), candidate, allowed);
    rules.key(old.schema(), candidate, allowed);
    String eventTime = EventTimeChange.of(old.schema(), candidate);
    if (eventTime != null) {
      rules.add(EVENT_TIME_CHANGED, Severity.ERROR, allowed, "", eventTime, EventTimeChange.FIX);
    }
    rules.record("", old.schema(), candidate, allowed);
    return rules.findings;
  }

  /** The ids named by a {@code "kafka.compat.allow"} value (a string or an array of them). */
  static Set<String> allowed(Object property) {
    Set<String> ids = new HashSet<>();
    if (property instanceof String id) {
      ids.add(id);
    } else if (property instanceof List<?> list) {
      list.forEach(id -> ids.add(String.valueOf(id)));
    }
    return ids;
  }

  private void identity(Schema was, Schema now, Set<String> allowed) {
    if (!was.getFullName().equals(now.getFullName())) {
      boolean aliased = now.getAliases().contains(was.getFullName());
      add(RECORD_RENAMED, Severity.ERROR, allowed, "", "record " + was.getFullName()
          + " is now " + now.getFullName() + (aliased
              ? " (with an alias, so Avro still resolves old data)"
              : " (without an alias, so Avro cannot resolve old data either)")
          + ": the generated class becomes " + now.getFullName() + ", so code importing "
          + was.getFullName() + " breaks, and under RecordNameStrategy the registry subject"
          + " changes, starting a new schema history",
          "keep the record's name; if the type must change, publish the new record on a new"
              + " topic and retire the old one, or accept with \"kafka.compat.allow\": [\""
              + RECORD_RENAMED + "\"] on the record");
    }
    String wasTopic = topic(was);
    String nowTopic = topic(now);
    if (!Objects.equals(wasTopic, nowTopic)) {
      add(TOPIC_CHANGED, Severity.ERROR, allowed, "", "\"kafka.topic\" changed from "
          + quoted(wasTopic) + " to " + quoted(nowTopic) + ": producers switch topics, so"
          + " consumers of " + quoted(wasTopic) + " stop receiving events, and the order between"
          + " events on the old and the new topic is lost",
          "keep the topic; to move, run both topics through a transition (produce to both, move"
              + " consumers, then stop the old one), then accept with \"kafka.compat.allow\": [\""
              + TOPIC_CHANGED + "\"] on the record");
    }
  }

  private void key(Schema was, Schema now, Set<String> allowed) {
    Schema.Field wasKey = keyField(was);
    Schema.Field nowKey = keyField(now);
    if (wasKey == null || nowKey == null) {
      return; // the key rules report a missing key
    }
    String location = "/fields/" + nowKey.pos();
    if (!sameField(wasKey, nowKey)) {
      add(KEY_FIELD_CHANGED, Severity.ERROR, allowed, location, "the key field changed from "
          + wasKey.name() + " to " + nowKey.name() + ": records of one entity get a different"
          + " key, so they move to other partitions and lose their order with the records"
          + " already written",
          "keep the key field; to re-key, produce to a new topic, or accept with"
              + " \"kafka.compat.allow\": [\"" + KEY_FIELD_CHANGED + "\"] on the record");
      return;
    }
    String wasForm = keyForm(wasKey.schema());
    String nowForm = keyForm(nowKey.schema());
    if (!wasForm.equals(nowForm)) {
      add(KEY_TYPE_CHANGED, Severity.ERROR, allowed, location + "/type", "the key field "
          + nowKey.name() + " changed from " + wasForm + " to " + nowForm + ", which changes the"
          + " key's string form (the bytes Kafka partitions by), so records move to other"
          + " partitions and lose their order",
          "keep the key's type (int and long print alike; string, uuid and enum do not), or"
              + " produce to a new topic");
    }
  }

  private void record(String path, Schema was, Schema now, Set<String> allowed) {
    if (!visited.add(was.getFullName() + ">" + now.getFullName() + "@" + path)) {
      return;
    }
    Set<String> recordAllowed = union(allowed, now.getObjectProp(SchemaProperties.COMPAT_ALLOW));
    for (Schema.Field field : now.getFields()) {
      Schema.Field before = matching(was, field);
      if (before != null) {
        Set<String> fieldAllowed =
            union(recordAllowed, field.getObjectProp(SchemaProperties.COMPAT_ALLOW));
        type(path + "/fields/" + field.pos() + "/type", field.name(), before.schema(),
            field.schema(), fieldAllowed);
      }
    }
  }

  private void type(String path, String field, Schema was, Schema now, Set<String> allowed) {
    if (was.getType() == Schema.Type.UNION || now.getType() == Schema.Type.UNION) {
      unions(path, field, was, now, allowed);
      return;
    }
    if (was.getType() != now.getType()) {
      // A promotion may change the logical type too, e.g. int time-millis to long time-micros.
      promotion(path, field, was, now, allowed);
      logical(path, field, was.getLogicalType(), now.getLogicalType(), allowed);
      return;
    }
    logical(path, field, was.getLogicalType(), now.getLogicalType(), allowed);
    switch (now.getType()) {
      case RECORD -> record(path, was, now, allowed);
      case ARRAY -> type(path + "/items", field, was.getElementType(), now.getElementType(), allowed);
      case MAP -> type(path + "/values", field, was.getValueType(), now.getValueType(), allowed);
      default -> { }
    }
  }

  /** Pairs union branches of the same kind; a lone non-null branch pairs with a plain type. */
  private void unions(String path, String field, Schema was, Schema now, Set<String> allowed) {
    List<Schema> wasBranches = was.getType() == Schema.Type.UNION ? was.getTypes() : List.of(was);
    List<Schema> nowBranches = now.getType() == Schema.Type.UNION ? now.getTypes() : List.of(now);
    List<Schema> unpairedWas = new ArrayList<>();
    for (Schema w : wasBranches) {
      if (w.getType() != Schema.Type.NULL) {
        unpairedWas.add(w);
      }
    }
    List<Integer> unpairedNow = new ArrayList<>();
    for (int i = 0; i < nowBranches.size(); i++) {
      Schema n = nowBranches.get(i);
      if (n.getType() == Schema.Type.NULL) {
        continue;
      }
      Schema pair = unpairedWas.stream().filter(w -> kind(w).equals(kind(n))).findFirst()
          .orElse(null);
      if (pair == null) {
        unpairedNow.add(i);
      } else {
        unpairedWas.remove(pair);
        type(branchPath(path, now, i), field, pair, n, allowed);
      }
    }
    if (unpairedWas.size() == 1 && unpairedNow.size() == 1) {
      int i = unpairedNow.get(0);
      type(branchPath(path, now, i), field, unpairedWas.get(0), nowBranches.get(i), allowed);
    }
  }

  private static String branchPath(String path, Schema union, int branch) {
    return union.getType() == Schema.Type.UNION ? path + "/" + branch : path;
  }

  private void promotion(String path, String field, Schema was, Schema now, Set<String> allowed) {
    Schema.Type from = was.getType();
    Schema.Type to = now.getType();
    if (from == Schema.Type.STRING && to == Schema.Type.BYTES
        || from == Schema.Type.BYTES && to == Schema.Type.STRING) {
      add(STRING_BYTES_PROMOTION, Severity.WARNING, allowed, path, "field " + field + " changed"
          + " from " + from.getName() + " to " + to.getName() + ": Avro resolves it, but readers"
          + " now get " + (to == Schema.Type.BYTES ? "raw bytes instead of text" : "the bytes"
          + " decoded as UTF-8 text, which garbles anything that was not text"),
          "keep the type; if the field must hold the other kind, add a new field");
    } else if (from == Schema.Type.INT && to == Schema.Type.FLOAT
        || from == Schema.Type.LONG && (to == Schema.Type.FLOAT || to == Schema.Type.DOUBLE)) {
      add(LOSSY_NUMERIC_PROMOTION, Severity.WARNING, allowed, path, "field " + field
          + " changed from " + from.getName() + " to " + to.getName() + ": Avro resolves it,"
          + " but " + to.getName() + " cannot hold every " + from.getName() + " exactly (above "
          + (to == Schema.Type.FLOAT ? "2^24" : "2^53") + " values are rounded)",
          "promote to a type that holds every value (int to long or double, long to a decimal"
              + " string), or add a new field");
    }
  }

  private void logical(String path, String field, LogicalType was, LogicalType now,
      Set<String> allowed) {
    if (was == null && now == null) {
      return;
    }
    if (was == null) {
      add(LOGICAL_TYPE_ADDED, Severity.ERROR, allowed, path, "field " + field + " gained"
          + " logicalType " + describe(now) + ": values written as the plain type are now read"
          + " as " + now.getName() + ", whatever they meant",
          "add a new field with the logical type and fill both for a transition, or accept with"
              + " \"kafka.compat.allow\": [\"" + LOGICAL_TYPE_ADDED + "\"] once the values"
              + " already match");
    } else if (now == null) {
      add(LOGICAL_TYPE_REMOVED, Severity.ERROR, allowed, path, "field " + field + " lost"
          + " logicalType " + describe(was) + ": readers now get the raw encoding instead of the"
          + " " + was.getName() + " value",
          "keep the logical type, or add a new field for the raw value");
    } else if (was instanceof LogicalTypes.Decimal d1 && now instanceof LogicalTypes.Decimal d2) {
      decimal(path, field, d1, d2, allowed);
    } else if (isTimestamp(was) && isTimestamp(now)) {
      if (!unit(was).equals(unit(now))) {
        add(TIMESTAMP_UNIT_CHANGED, Severity.ERROR, allowed, path, "field " + field + " changed"
            + " from " + was.getName() + " to " + now.getName() + ": the stored number is read in"
            + " the new unit, so every existing value is off by a factor of "
            + factor(unit(was), unit(now)),
            unitFix(TIMESTAMP_UNIT_CHANGED));
      }
      if (was.getName().startsWith("local-") != now.getName().startsWith("local-")) {
        add(TIMESTAMP_ZONE_CHANGED, Severity.ERROR, allowed, path, "field " + field
            + " changed from " + was.getName() + " to " + now.getName() + ": values written as"
            + (was.getName().startsWith("local-") ? " local wall-clock times are now read as UTC"
                + " instants" : " UTC instants are now read as local wall-clock times")
            + ", shifted by the writer's time zone",
            unitFix(TIMESTAMP_ZONE_CHANGED));
      }
    } else if (was.getName().startsWith("time-") && now.getName().startsWith("time-")) {
      if (!was.getName().equals(now.getName())) {
        add(TIME_UNIT_CHANGED, Severity.ERROR, allowed, path, "field " + field + " changed from "
            + was.getName() + " to " + now.getName() + ": every existing value is off by a"
            + " factor of " + factor(unit(was), unit(now)), unitFix(TIME_UNIT_CHANGED));
      }
    } else if (!was.getName().equals(now.getName())) {
      add(LOGICAL_TYPE_CHANGED, Severity.ERROR, allowed, path, "field " + field + " changed"
          + " logicalType from " + describe(was) + " to " + describe(now) + ": existing values"
          + " are read with the new meaning",
          "add a new field with the new logical type, or accept with \"kafka.compat.allow\": [\""
              + LOGICAL_TYPE_CHANGED + "\"]");
    }
  }

  private void decimal(String path, String field, LogicalTypes.Decimal was,
      LogicalTypes.Decimal now, Set<String> allowed) {
    if (was.getScale() != now.getScale()) {
      add(DECIMAL_SCALE_CHANGED, Severity.ERROR, allowed, path, "field " + field + " changed"
          + " decimal scale from " + was.getScale() + " to " + now.getScale() + ": the unscaled"
          + " digits are read with the new scale, so " + example(was.getScale())
          + " written before is read as " + example(now.getScale()),
          "keep the scale; for more digits add a new decimal field and fill both during a"
              + " transition, or accept with \"kafka.compat.allow\": [\"" + DECIMAL_SCALE_CHANGED
              + "\"] on the field once no data of the old scale is left");
    }
    if (was.getPrecision() != now.getPrecision()) {
      boolean narrower = now.getPrecision() < was.getPrecision();
      add(DECIMAL_PRECISION_CHANGED, narrower ? Severity.ERROR : Severity.WARNING, allowed, path,
          "field " + field + " changed decimal precision from " + was.getPrecision() + " to "
              + now.getPrecision() + (narrower
                  ? ": values already written may have more digits than the new schema allows"
                  : ": existing values still read the same; readers that size columns from the"
                      + " schema need the wider precision"),
          narrower ? "keep the precision, or add a new field" : "no action needed if every"
              + " reader takes the new precision");
    }
  }

  private void add(String id, Severity severity, Set<String> allowed, String location,
      String problem, String fix) {
    findings.add(new Finding(id, severity, allowed.contains(id), location, problem + " (compared"
        + " with " + old.label() + ").", fix, old.label()));
  }

  private static Set<String> union(Set<String> a, Object property) {
    Set<String> all = new HashSet<>(a);
    all.addAll(allowed(property));
    return all;
  }

  private static Schema.Field matching(Schema was, Schema.Field field) {
    Schema.Field byName = was.getField(field.name());
    if (byName != null) {
      return byName;
    }
    for (String alias : field.aliases()) {
      if (was.getField(alias) != null) {
        return was.getField(alias);
      }
    }
    return null;
  }

  private static boolean sameField(Schema.Field was, Schema.Field now) {
    return was.name().equals(now.name()) || now.aliases().contains(was.name());
  }

  private static Schema.Field keyField(Schema record) {
    return record.getFields().stream()
        .filter(f -> Boolean.TRUE.equals(f.getObjectProp(SchemaProperties.KEY)))
        .findFirst().orElse(null);
  }

  /** How a key type prints: int and long alike, string, uuid and enum each their own way. */
  private static String keyForm(Schema type) {
    return switch (type.getType()) {
      case INT, LONG -> "a number (int or long)";
      case STRING -> type.getLogicalType() instanceof LogicalTypes.Uuid ? "a uuid" : "a string";
      case ENUM -> "an enum";
      default -> type.getType().getName();
    };
  }

  private static String kind(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> schema.getType().getName() + ":" + schema.getName();
      default -> schema.getType().getName();
    };
  }

  private static String topic(Schema record) {
    Object topic = record.getObjectProp(SchemaProperties.TOPIC);
    return topic == null ? null : topic.toString();
  }

  private static String quoted(String value) {
    return value == null ? "(none)" : "\"" + value + "\"";
  }

  private static boolean isTimestamp(LogicalType type) {
    return type.getName().startsWith("timestamp-") || type.getName().startsWith("local-timestamp-");
  }

  private static String unit(LogicalType type) {
    String name = type.getName();
    return name.substring(name.lastIndexOf('-') + 1);
  }

  private static String factor(String from, String to) {
    int a = exponent(from);
    int b = exponent(to);
    return "10^" + Math.abs(a - b) + (Math.abs(a - b) == 3 ? " (1000)" : "");
  }

  private static int exponent(String unit) {
    return switch (unit) {
      case "millis" -> 3;
      case "micros" -> 6;
      case "nanos" -> 9;
      default -> 0;
    };
  }

  private static String unitFix(String id) {
    return "keep the field's logical type; add a new field in the new unit and fill both during a"
        + " transition, or accept with \"kafka.compat.allow\": [\"" + id + "\"] on the field";
  }

  private static String describe(LogicalType type) {
    return type instanceof LogicalTypes.Decimal d
        ? "decimal(" + d.getPrecision() + ", " + d.getScale() + ")" : type.getName();
  }

  /** 12.34 at scale 2, and so on: a value with {@code scale} decimals. */
  private static String example(int scale) {
    return new java.math.BigDecimal(java.math.BigInteger.valueOf(1234), scale).toPlainString();
  }
}
