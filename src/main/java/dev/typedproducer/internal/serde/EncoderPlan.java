package dev.typedproducer.internal.serde;

import dev.typedproducer.internal.rules.FieldCheck;
import dev.typedproducer.internal.rules.FieldRules;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * A schema compiled once into a tree of {@link ValueWriter}s, so that writing an event walks no
 * schema, looks up no conversion and boxes nothing: the work Avro's writer does per record is done
 * here per schema. Recursive records refer back to the same writer.
 *
 * <p>The plan covers every Avro type and logical type for the classes Avro's compiler generates
 * (from Avro 1.9 on: {@code SpecificRecordBase} with {@code getConversion}). What it leaves to
 * Avro's writer, event by event: records that are not generated classes (generic or hand-written
 * records), values of another Java type than the generated code uses (a {@code Short} in an int
 * field, a "stringable" class in a string field, a generic enum symbol), and values Avro refuses,
 * for which Avro's writer gives the error.
 */
final class EncoderPlan {
  private final SpecificData data;
  private final Map<Schema, Writers.RecordWriter> records = new IdentityHashMap<>();

  private EncoderPlan(SpecificData data) {
    this.data = data;
  }

  /** The writer for values of {@code schema} (a record, for an event). */
  static ValueWriter compile(Schema schema, SpecificData data) {
    return new EncoderPlan(data).writer(schema);
  }

  /**
   * The writer for events of the record {@code schema} that also checks the data rules of the
   * event's fields as it writes them, setting {@link WireBuffer#rulesBroken} when a value breaks
   * one: each field with rules gets a writer that checks the value it has just written (see
   * {@link CheckedWriters}); records inside the event are reached through their fields' rules.
   */
  static ValueWriter compile(Schema schema, SpecificData data, FieldRules rules) {
    EncoderPlan plan = new EncoderPlan(data);
    List<Schema.Field> fields = schema.getFields();
    Writers.RecordWriter root = new Writers.RecordWriter(schema);
    ValueWriter[] raw = plan.fields(schema);
    FieldCheck[] checks = new FieldCheck[raw.length];
    ValueWriter[] checked = new ValueWriter[raw.length];
    for (int i = 0; i < raw.length; i++) {
      checks[i] = rules.check(i);
      if (checks[i] != null) {
        checked[i] = plan.checked(fields.get(i).schema(), raw[i], checks[i]);
      }
    }
    root.fields(raw);
    root.checks(checks, checked);
    return root;
  }

  /** The writer of a field of {@code type} with data rules; {@code plain} writes it without. */
  private ValueWriter checked(Schema type, ValueWriter plain, FieldCheck check) {
    FieldCheck.Kind kind = check.kind();
    if (kind == FieldCheck.Kind.OTHER || kind == FieldCheck.Kind.TIME
        || kind == FieldCheck.Kind.DECIMAL) {
      return CheckedWriters.other(plain, check); // a time or decimal: see LogicalWriters
    }
    if (type.getType() != Schema.Type.UNION) {
      return typed(type, check);
    }
    // A nullable field: the rules are on the other branch (a null keeps them all).
    List<Schema> types = type.getTypes();
    ValueWriter[] branches = new ValueWriter[types.size()];
    for (int i = 0; i < branches.length; i++) {
      Schema branch = types.get(i);
      branches[i] = branch.getType() == Schema.Type.NULL ? writer(branch) : typed(branch, check);
    }
    return new Writers.UnionWriter(type, data, branches);
  }

  /** FieldCheck's typed kinds are of these plain types only (no logical type). */
  private static ValueWriter typed(Schema type, FieldCheck check) {
    return switch (type.getType()) {
      case INT, LONG -> CheckedWriters.whole(type.getType() == Schema.Type.LONG, check);
      case FLOAT, DOUBLE -> CheckedWriters.real(type.getType() == Schema.Type.DOUBLE, check);
      case STRING -> CheckedWriters.text(check);
      case ARRAY -> CheckedWriters.floats(check);
      default -> throw new IllegalStateException("no checked writer for " + type);
    };
  }

  /** The writer for a value in a position where Avro picks the conversion by the value's class. */
  private ValueWriter writer(Schema schema) {
    return LogicalWriters.byClass(schema, data, raw(schema));
  }

  private ValueWriter raw(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> record(schema);
      case ENUM -> Writers.ENUM;
      case ARRAY -> array(schema.getElementType());
      case MAP -> Writers.map(writer(schema.getValueType()));
      case UNION -> union(schema);
      case FIXED -> Writers.fixed(schema.getFixedSize());
      case STRING -> Writers.STRING;
      case BYTES -> Writers.BYTES;
      case INT -> Writers.INT;
      case LONG -> Writers.LONG;
      case FLOAT -> Writers.FLOAT;
      case DOUBLE -> Writers.DOUBLE;
      case BOOLEAN -> Writers.BOOLEAN;
      case NULL -> Writers.NULL;
    };
  }

  private ValueWriter array(Schema items) {
    if (items.getType() == Schema.Type.FLOAT && items.getLogicalType() == null) {
      return Writers.FLOAT_ARRAY;
    }
    return Writers.array(writer(items));
  }

  private ValueWriter union(Schema union) {
    List<Schema> types = union.getTypes();
    ValueWriter[] branches = new ValueWriter[types.size()];
    for (int i = 0; i < branches.length; i++) {
      branches[i] = writer(types.get(i));
    }
    return new Writers.UnionWriter(union, data, branches);
  }

  private ValueWriter record(Schema schema) {
    Writers.RecordWriter known = records.get(schema);
    if (known != null) {
      return known;
    }
    Writers.RecordWriter record = new Writers.RecordWriter(schema);
    records.put(schema, record);
    record.fields(fields(schema));
    return record;
  }

  private ValueWriter[] fields(Schema record) {
    List<Schema.Field> fields = record.getFields();
    ValueWriter[] raw = new ValueWriter[fields.size()];
    for (int i = 0; i < raw.length; i++) {
      // A field's logical type is converted by the record's class (see RecordWriter), so raw here.
      raw[i] = raw(fields.get(i).schema());
    }
    return raw;
  }
}
