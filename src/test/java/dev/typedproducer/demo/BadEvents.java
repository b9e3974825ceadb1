package dev.typedproducer.demo;

import dev.typedproducer.internal.schema.SchemaProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Spoils a share of the demo's events so that each breaks one data rule of its schema: the rules
 * on top-level fields say how (a NaN for {@code finite}, one past {@code max}, a blank string, a
 * short array, a timestamp from 1970). Schemas without such rules get no bad events.
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
    if (Boolean.TRUE.equals(rules.get("finite"))) {
      spoilers.add(e -> {
        if (type.getType() == Schema.Type.ARRAY) {
          List<Object> items = new ArrayList<>((List<?>) e.get(pos));
          if (!items.isEmpty()) {
            items.set(0, nan(type.getElementType()));
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
    if (Boolean.TRUE.equals(rules.get("notBlank")) && !Boolean.TRUE.equals(
        field.getObjectProp(SchemaProperties.KEY))) {
      spoilers.add(e -> e.put(pos, " "));
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
