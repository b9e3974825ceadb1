package dev.typedproducer.testing;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Names the edge cases an event touches ("NaN float with a payload", "huge string", "union
 * branch map", ...), so that a property can check, with jqwik's statistics, that its tries
 * reached every edge it is meant to cover.
 */
public final class EventEdges {
  /** A record type nested in itself at least this deep counts as deep recursion. */
  public static final int DEEP = 3;

  private final SpecificData model;
  private final Set<String> found = new TreeSet<>();
  private final Deque<String> records = new ArrayDeque<>();

  private EventEdges(SpecificData model) {
    this.model = model;
  }

  public static Set<String> of(SpecificRecord event) {
    EventEdges edges = new EventEdges(SpecificData.getForClass(event.getClass()));
    edges.walk(event.getSchema(), event);
    return edges.found;
  }

  /** Every "union branch ..." edge a schema can reach: one per branch of unions of 3 or more. */
  public static Set<String> unionBranches(Schema schema) {
    Set<String> branches = new TreeSet<>();
    unionBranches(schema, branches, Collections.newSetFromMap(new IdentityHashMap<>()));
    return branches;
  }

  private static void unionBranches(Schema schema, Set<String> out, Set<Schema> seen) {
    if (!seen.add(schema)) {
      return;
    }
    switch (schema.getType()) {
      case RECORD -> schema.getFields().forEach(f -> unionBranches(f.schema(), out, seen));
      case ARRAY -> unionBranches(schema.getElementType(), out, seen);
      case MAP -> unionBranches(schema.getValueType(), out, seen);
      case UNION -> schema.getTypes().forEach(branch -> {
        if (schema.getTypes().size() > 2) {
          out.add(branchEdge(branch));
        }
        unionBranches(branch, out, seen);
      });
      default -> { }
    }
  }

  private static String branchEdge(Schema branch) {
    LogicalType logical = branch.getLogicalType();
    return "union branch " + (logical == null ? branch.getName() : logical.getName());
  }

  private void walk(Schema schema, Object value) {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal && value instanceof BigDecimal number) {
      decimal(decimal, number);
      return;
    }
    switch (schema.getType()) {
      case RECORD -> record(schema, (IndexedRecord) value);
      case UNION -> {
        Schema branch = schema.getTypes().get(model.resolveUnion(schema, value));
        if (schema.getTypes().size() > 2) {
          found.add(branchEdge(branch));
        }
        walk(branch, value);
      }
      case ARRAY -> {
        Collection<?> items = (Collection<?>) value;
        size("array", items.size());
        items.forEach(item -> walk(schema.getElementType(), item));
      }
      case MAP -> {
        Map<?, ?> map = (Map<?, ?>) value;
        size("map", map.size());
        map.keySet().forEach(key -> text(key.toString()));
        map.values().forEach(item -> walk(schema.getValueType(), item));
      }
      case STRING -> text(value.toString());
      case BYTES -> bytes((ByteBuffer) value);
      case INT -> {
        if (value instanceof Integer i && logical == null) {
          extreme("int", i == Integer.MIN_VALUE, i == Integer.MAX_VALUE);
        }
        if (value instanceof LocalDate date) {
          year("date", date.getYear());
        }
      }
      case LONG -> {
        if (value instanceof Long l && logical == null) {
          extreme("long", l == Long.MIN_VALUE, l == Long.MAX_VALUE);
        }
        if (value instanceof Instant instant) {
          year(logical.getName(), instant.atOffset(ZoneOffset.UTC).getYear());
        }
        if (value instanceof LocalDateTime time) {
          year(logical.getName(), time.getYear());
        }
      }
      case FLOAT -> floating("float", (Float) value, Float.floatToRawIntBits((Float) value)
          != Float.floatToRawIntBits(Float.NaN));
      case DOUBLE -> floating("double", (Double) value, Double.doubleToRawLongBits((Double) value)
          != Double.doubleToRawLongBits(Double.NaN));
      default -> { }
    }
  }

  private void record(Schema schema, IndexedRecord record) {
    records.push(schema.getFullName());
    if (Collections.frequency(records, schema.getFullName()) >= DEEP) {
      found.add("record nested in itself " + DEEP + " deep");
    }
    for (Schema.Field field : schema.getFields()) {
      walk(field.schema(), record.get(field.pos()));
    }
    records.pop();
  }

  private void decimal(LogicalTypes.Decimal decimal, BigDecimal number) {
    BigDecimal atScale = number.setScale(decimal.getScale());
    if (atScale.precision() == decimal.getPrecision() && atScale.signum() != 0) {
      found.add("decimal at full precision");
    }
    if (number.signum() < 0) {
      found.add("negative decimal");
    }
    if (number.scale() != decimal.getScale()) {
      found.add("decimal in another scale");
    }
  }

  private void text(String text) {
    if (text.isEmpty()) {
      found.add("empty string");
    }
    if (text.length() >= EventArbitraries.HUGE) {
      found.add("huge string");
    }
    if (text.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
      found.add("string outside the BMP");
    }
  }

  private void bytes(ByteBuffer bytes) {
    if (bytes.remaining() >= EventArbitraries.HUGE) {
      found.add("huge bytes");
    }
    if (!bytes.hasArray()) {
      found.add("bytes without an array");
    } else if (bytes.position() + bytes.arrayOffset() > 0) {
      found.add("bytes not at the start of their array");
    }
  }

  private void size(String kind, int size) {
    if (size == 0) {
      found.add("empty " + kind);
    }
    if (size >= EventArbitraries.LARGE) {
      found.add("large " + kind);
    }
  }

  private void extreme(String type, boolean min, boolean max) {
    if (min) {
      found.add(type + " MIN_VALUE");
    }
    if (max) {
      found.add(type + " MAX_VALUE");
    }
  }

  private void year(String type, int year) {
    if (year < 0) {
      found.add(type + " before year 0");
    }
    if (year > 9999) {
      found.add(type + " after year 9999");
    }
  }

  private void floating(String type, double value, boolean payload) {
    if (Double.isNaN(value)) {
      found.add("NaN " + type);
      if (payload) {
        found.add("NaN " + type + " with a payload");
      }
    } else if (Double.isInfinite(value)) {
      found.add((value > 0 ? "+" : "-") + "Infinity " + type);
    } else if (value == 0 && 1 / value < 0) {
      found.add("-0.0 " + type);
    }
  }
}
