package dev.typedproducer.demo;

import dev.typedproducer.internal.schema.SchemaProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Spoils a share of the demo's events so that each breaks one data rule of its schema: the rules
 * of the fields say how (a NaN in item 3 of a {@code finite} array, one past {@code max} on a
 * nullable field, a blank or too-long string, a short array, a timestamp from 1970, a too-long
 * value in a map whose {@code values} have a {@code maxLength}). Schemas without such rules get
 * no bad events.
 */
final class BadEvents {
  private final List<Consumer<SpecificRecord>> spoilers = new ArrayList<>();
  private final double share;
  private final Random random;

  BadEvents(Schema schema, double share, long seed) {
    this.share = share;
    this.random = new Random(seed);
    for (Schema.Field field : schema.getFields()) {
      if (field.getObjectProp(SchemaProperties.RULES) instanceof Map<?, ?> rules) {
        spoilersFor(field, nonNull(field.schema()), rules);
      }
    }
  }

  /** Whether this schema's rules give the demo a way to make bad events. */
  boolean any() {
    return !spoilers.isEmpty() && share > 0;
  }

  /** Spoils {@code event} with one rule's violation, for a {@code share} of the calls. */
  boolean maybeSpoil(SpecificRecord event) {
    if (!any() || random.nextDouble() >= share) {
      return false;
    }
    spoilers.get(random.nextInt(spoilers.size())).accept(event);
    return true;
  }

  private void spoilersFor(Schema.Field field, Schema type, Map<?, ?> rules) {
    int pos = field.pos();
    boolean key = Boolean.TRUE.equals(field.getObjectProp(SchemaProperties.KEY));
    if (Boolean.TRUE.equals(rules.get("finite"))) {
      spoilers.add(e -> {
        if (type.getType() == Schema.Type.ARRAY) {
          List<Object> items = new ArrayList<>((List<?>) e.get(pos));
          if (!items.isEmpty()) { // an item inside: the violation's path is e.g. features/3
            items.set(Math.min(3, items.size() - 1), nan(type.getElementType()));
          }
          e.put(pos, items);
        } else {
          e.put(pos, nan(type));
        }
      });
    }
    if (rules.get("max") instanceof Number max) {
      spoilers.add(e -> e.put(pos, number(type, new BigDecimal(max.toString()).add(BigDecimal.ONE))));
    }
    if (rules.get("min") instanceof Number min) {
      spoilers.add(e -> e.put(pos, number(type,
          new BigDecimal(min.toString()).subtract(BigDecimal.ONE))));
    }
    if (Boolean.TRUE.equals(rules.get("notBlank")) && !key) {
      spoilers.add(e -> e.put(pos, " "));
    }
    if (rules.get("maxLength") instanceof Number max && !key) {
      spoilers.add(e -> e.put(pos, "x".repeat(max.intValue() + 1)));
    }
    if (rules.get("values") instanceof Map<?, ?> values
        && values.get("maxLength") instanceof Number max) {
      spoilers.add(e -> { // a value inside: the violation's path is e.g. attributes/spoiled
        Map<Object, Object> map = new HashMap<>((Map<?, ?>) e.get(pos));
        map.put("spoiled", "x".repeat(max.intValue() + 1));
        e.put(pos, map);
      });
    }
    if (rules.get("size") instanceof Number size && size.intValue() > 0) {
      spoilers.add(e -> e.put(pos, new ArrayList<>(((List<?>) e.get(pos)).subList(0,
          Math.min(size.intValue() - 1, ((List<?>) e.get(pos)).size())))));
    }
    if (rules.get("notBefore") != null) {
      spoilers.add(e -> e.put(pos, Instant.EPOCH));
    }
  }

  private static Object nan(Schema type) {
    return nonNull(type).getType() == Schema.Type.FLOAT ? (Object) Float.NaN : (Object) Double.NaN;
  }

  private static Object number(Schema type, BigDecimal value) {
    if (type.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      return value.setScale(decimal.getScale(), RoundingMode.HALF_UP);
    }
    return switch (type.getType()) {
      case INT -> value.intValue();
      case LONG -> value.longValue();
      case FLOAT -> value.floatValue();
      default -> value.doubleValue();
    };
  }

  private static Schema nonNull(Schema type) {
    return type.getType() != Schema.Type.UNION ? type : type.getTypes().stream()
        .filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElse(type);
  }
}
