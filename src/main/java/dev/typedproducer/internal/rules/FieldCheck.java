package dev.typedproducer.internal.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The data rules of one field of an event, merged into one test on the value an encoder writes:
 * a whole-number range, a real range with {@code finite}, the length rules of a string, the item
 * count and {@code finite} of a float array, the time rules of a timestamp, the bounds of a decimal. An encoder that checks as it writes calls the test
 * for the field's type right where it has the value in hand ({@link #kind} says which), so no
 * second pass over the event and no dispatch per rule; any other rule set is tested by
 * {@link #passes(Object)}, the compiled rules themselves. Either way, the answer is the one
 * {@link Rules#violations} gives: each merged test is the same arithmetic as the rule it stands
 * for.
 */
public final class FieldCheck {
  /** Which test fits the field: the typed one an encoder can call, or {@link #OTHER}. */
  public enum Kind { WHOLE, REAL, TEXT, FLOATS, TIME, DECIMAL, OTHER }

  private final Kind kind;
  private final ValueCheck all;
  // WHOLE: lo..hi, inclusive; never when a bound excludes every value (an exclusive Long.MAX_VALUE)
  private long lo = Long.MIN_VALUE;
  private long hi = Long.MAX_VALUE;
  private boolean never;
  // REAL
  private boolean finite;
  private boolean bounded;
  private double low = Double.NEGATIVE_INFINITY;
  private boolean lowExclusive;
  private double high = Double.POSITIVE_INFINITY;
  private boolean highExclusive;
  // TEXT
  private boolean notBlank;
  private long minLength = -1;
  private long maxLength = Long.MAX_VALUE;
  private Rule[] textRules = new Rule[0];
  // FLOATS (finite above)
  private long minItems;
  private long maxItems = Long.MAX_VALUE;
  // TIME and DECIMAL: the rules themselves, called directly; DECIMAL also lo..hi (see WHOLE) as
  // unscaled values at the schema's scale
  private Rule[] rules = new Rule[0];
  private int scale;

  private FieldCheck(Kind kind, ValueCheck all) {
    this.kind = kind;
    this.all = all;
  }

  /** The check of a field of {@code declared} type whose compiled rules are {@code check}. */
  static FieldCheck of(Schema declared, ValueCheck check) {
    Schema type = nonNullBranch(declared);
    List<Rule> rules = flatten(check);
    if (type == null || rules == null) {
      return new FieldCheck(Kind.OTHER, check);
    }
    Kind kind = type.getLogicalType() != null ? switch (type.getLogicalType().getName()) {
      case "timestamp-millis", "timestamp-micros" -> Kind.TIME;
      case "decimal" -> Kind.DECIMAL;
      default -> Kind.OTHER;
    } : switch (type.getType()) {
      case INT, LONG -> Kind.WHOLE;
      case FLOAT, DOUBLE -> Kind.REAL;
      case STRING -> Kind.TEXT;
      case ARRAY -> type.getElementType().getType() == Schema.Type.FLOAT
          && type.getElementType().getLogicalType() == null ? Kind.FLOATS : Kind.OTHER;
      default -> Kind.OTHER;
    };
    FieldCheck merged = new FieldCheck(kind, check);
    if (type.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      merged.scale = decimal.getScale();
    }
    List<Rule> text = new ArrayList<>();
    for (Rule rule : rules) {
      if (!merged.merge(rule, text)) {
        return new FieldCheck(Kind.OTHER, check);
      }
    }
    merged.textRules = text.toArray(Rule[]::new);
    merged.rules = rules.toArray(Rule[]::new);
    return merged;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The whole test on the value as the event holds it: for a field of kind {@link Kind#OTHER},
   * a time or a decimal, or a value of another type than the typed tests take.
   */
  public boolean passes(Object value) {
    if (kind == Kind.TIME && value != null) {
      try {
        for (Rule rule : rules) {
          if (!rule.time(value)) {
            return false;
          }
        }
      } catch (ClassCastException e) {
        return true; // as Rule#passes: the serializer names a value of the wrong type
      }
      return true;
    }
    if (kind == Kind.DECIMAL && value instanceof BigDecimal decimal) {
      for (Rule rule : rules) {
        if (!rule.keeps(decimal.compareTo(rule.decimal()))) {
          return false;
        }
      }
      return true;
    }
    return Checks.passes(all, value);
  }

  /** For {@link Kind#WHOLE}: an int or long value. */
  public boolean passesWhole(long value) {
    return !never && value >= lo && value <= hi;
  }

  /**
   * For a decimal {@code value} at the schema's scale, whose unscaled value fits a long (what
   * the encoder writes: {@code 1.50} at scale 2 is 150): its bounds compared as longs.
   */
  public boolean passesDecimal(BigDecimal value, long unscaled) {
    return kind == Kind.DECIMAL ? passesWhole(unscaled) : passes(value);
  }

  /** For {@link Kind#REAL}: a float or double value. */
  public boolean passesReal(double value) {
    if (finite && !Double.isFinite(value)) {
      return false;
    }
    return !bounded || value == value
        && (lowExclusive ? value > low : value >= low)
        && (highExclusive ? value < high : value <= high);
  }

  /** For {@link Kind#TEXT}: a string value. */
  public boolean passesText(CharSequence value) {
    int length = value.length();
    // a string has no more code points than chars: count them only when it might matter
    if (length < minLength || length > maxLength && Rule.codePoints(value) > maxLength
        || minLength > 0 && Rule.codePoints(value) < minLength || notBlank && Rule.blank(value)) {
      return false;
    }
    for (Rule rule : textRules) {
      if (!rule.passes(value)) {
        return false;
      }
    }
    return true;
  }

  /** For {@link Kind#FLOATS}: the size of a float array. */
  public boolean passesCount(int size) {
    return size >= minItems && size <= maxItems;
  }

  /** For {@link Kind#FLOATS}: whether each float must be finite, checked as it is written. */
  public boolean finiteItems() {
    return finite;
  }

  private boolean merge(Rule rule, List<Rule> text) {
    Rule.Op op = rule.op();
    switch (kind) {
      case WHOLE -> {
        if (op != Rule.Op.WHOLE_BOUND) {
          return false;
        }
        long w = rule.whole();
        if (rule.lower()) {
          never |= rule.exclusive() && w == Long.MAX_VALUE;
          lo = Math.max(lo, rule.exclusive() && w != Long.MAX_VALUE ? w + 1 : w);
        } else {
          never |= rule.exclusive() && w == Long.MIN_VALUE;
          hi = Math.min(hi, rule.exclusive() && w != Long.MIN_VALUE ? w - 1 : w);
        }
        return true;
      }
      case REAL -> {
        if (op == Rule.Op.FINITE) {
          finite = true;
          return true;
        }
        if (op != Rule.Op.REAL_BOUND) {
          return false;
        }
        bounded = true;
        double r = rule.real();
        if (rule.lower()) {
          lowExclusive = r > low ? rule.exclusive() : r == low ? lowExclusive || rule.exclusive()
              : lowExclusive;
          low = Math.max(low, r);
        } else {
          highExclusive = r < high ? rule.exclusive()
              : r == high ? highExclusive || rule.exclusive() : highExclusive;
          high = Math.min(high, r);
        }
        return true;
      }
      case TEXT -> {
        switch (op) {
          case NOT_BLANK -> notBlank = true;
          case MIN_LENGTH -> minLength = Math.max(minLength, rule.whole());
          case MAX_LENGTH -> maxLength = Math.min(maxLength, rule.whole());
          case PATTERN, ONE_OF -> text.add(rule);
          default -> {
            return false;
          }
        }
        return true;
      }
      case TIME -> {
        return op == Rule.Op.NOT_BEFORE || op == Rule.Op.NOT_AFTER_NOW;
      }
      case DECIMAL -> {
        if (op != Rule.Op.DECIMAL_BOUND) {
          return false;
        }
        unscaledBound(rule.decimal().scaleByPowerOfTen(scale), rule.lower(), rule.exclusive());
        return true;
      }
      case FLOATS -> {
        switch (op) {
          case FINITE -> finite = true; // from the items: see flatten
          case MIN_ITEMS -> minItems = Math.max(minItems, rule.whole());
          case MAX_ITEMS -> maxItems = Math.min(maxItems, rule.whole());
          case SIZE -> {
            minItems = Math.max(minItems, rule.whole());
            maxItems = Math.min(maxItems, rule.whole());
          }
          default -> {
            return false;
          }
        }
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * Narrows lo..hi by a decimal bound times 10^scale: for a whole u, u >= b is u >= ceil(b),
   * u > b is u >= floor(b) + 1, u <= b is u <= floor(b), u < b is u <= ceil(b) - 1.
   */
  private void unscaledBound(BigDecimal bound, boolean lower, boolean exclusive) {
    BigDecimal whole = bound.setScale(0, lower != exclusive ? RoundingMode.CEILING
        : RoundingMode.FLOOR);
    BigDecimal limit = exclusive ? whole.add(lower ? BigDecimal.ONE : BigDecimal.ONE.negate())
        : whole;
    if (limit.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      never |= lower; // above every long: no value passes a lower bound, every one an upper
    } else if (limit.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
      never |= !lower;
    } else if (lower) {
      lo = Math.max(lo, limit.longValueExact());
    } else {
      hi = Math.min(hi, limit.longValueExact());
    }
  }

  /**
   * The rules of {@code check} when it is a rule or several on the value itself (and, for a float
   * array, {@code finite} on its items); null when it reaches inside in any other way.
   */
  private static List<Rule> flatten(ValueCheck check) {
    List<ValueCheck> parts = check instanceof Checks.All all
        ? Arrays.asList(all.checks()) : List.of(check);
    List<Rule> rules = new ArrayList<>();
    for (ValueCheck part : parts) {
      if (part instanceof Rule rule) {
        rules.add(rule);
      } else if (part instanceof Checks.Items items && items.item() instanceof Rule rule
          && rule.op() == Rule.Op.FINITE) {
        rules.add(rule); // finite items: only an array of floats (Kind.FLOATS) takes it
      } else {
        return null;
      }
    }
    return rules;
  }

  /** The one non-null type of {@code declared} (itself, or a nullable union's branch), or null. */
  private static Schema nonNullBranch(Schema declared) {
    List<Schema> branches = RuleCompiler.nonNull(declared);
    return branches.size() == 1 ? branches.get(0) : null;
  }
}
