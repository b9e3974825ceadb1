package dev.typedproducer.internal.rules;

import dev.typedproducer.internal.rules.Rule.Shown;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/** The state of one {@code "kafka.rules"} object while it is read: bounds, to check ranges. */
final class RuleSpec {
  private final RuleCompiler compiler;
  private final String path;
  private final Schema type;
  private final Kind kind;
  private final boolean sensitive;
  private BigDecimal lower;
  private boolean lowerExclusive;
  private BigDecimal upper;
  private boolean upperExclusive;
  private final Map<Vocabulary, Long> counts = new HashMap<>();

  RuleSpec(RuleCompiler compiler, String path, Schema type, Kind kind, boolean sensitive) {
    this.compiler = compiler;
    this.path = path;
    this.type = type;
    this.kind = kind;
    this.sensitive = sensitive;
  }

  String path() {
    return path;
  }

  Schema type() {
    return type;
  }

  Kind kind() {
    return kind;
  }

  boolean sensitive() {
    return sensitive;
  }

  /** A rule whose test needs no parameter beyond the op, e.g. {@code notBlank}. */
  ValueCheck rule(Vocabulary rule, String expectation, Rule.Op op, Shown shown) {
    return rule(rule, expectation, op, shown, 0, null);
  }

  ValueCheck rule(Vocabulary rule, String expectation, Rule.Op op, Shown shown, long whole,
      Object arg) {
    return new Rule(rule.ruleName(), expectation, shown, sensitive, op, whole, 0, arg,
        kind == Kind.TIMESTAMP_MICROS, false);
  }

  boolean flag(Vocabulary rule, Object value) {
    if (!Boolean.TRUE.equals(value)) {
      invalid(rule, value, "true (false asks for nothing: remove the rule instead)",
          "\"" + rule.ruleName() + "\": true");
      return false;
    }
    return true;
  }

  void invalid(Vocabulary rule, Object value, String expected, String example) {
    compiler.diagnostic(Rules.VALUE_INVALID, path, "rule \"" + rule.ruleName() + "\" on field " + path
        + " is " + Rules.json(value) + "; it must be " + expected, "write it as " + example);
  }

  ValueCheck bound(Vocabulary rule, Object value) {
    BigDecimal bound = value instanceof Number n ? new BigDecimal(n.toString()) : null;
    boolean whole = kind == Kind.INTEGER;
    if (bound == null || whole && bound.stripTrailingZeros().scale() > 0) {
      invalid(rule, value, whole ? "a whole number, for a field of type "
          + Kind.describe(type) : "a number", "\"" + rule.ruleName() + "\": 0");
      return null;
    }
    boolean isLower = rule == Vocabulary.MIN || rule == Vocabulary.MIN_EXCLUSIVE;
    boolean exclusive = rule == Vocabulary.MIN_EXCLUSIVE || rule == Vocabulary.MAX_EXCLUSIVE;
    if (isLower) {
      lower = bound;
      lowerExclusive = exclusive;
    } else {
      upper = bound;
      upperExclusive = exclusive;
    }
    String expectation = "must be " + (isLower ? exclusive ? "greater than " : "at least "
        : exclusive ? "less than " : "at most ") + bound.toPlainString();
    Rule.Op op = switch (kind) {
      case INTEGER -> Rule.Op.WHOLE_BOUND;
      case FLOATING -> Rule.Op.REAL_BOUND;
      default -> Rule.Op.DECIMAL_BOUND;
    };
    return new Rule(rule.ruleName(), expectation, Shown.VALUE, sensitive, op,
        op == Rule.Op.WHOLE_BOUND ? bound.longValue() : 0, bound.doubleValue(), bound, isLower,
        exclusive);
  }

  ValueCheck length(Vocabulary rule, Object value) {
    Long n = count(rule, value);
    if (n == null) {
      return null;
    }
    boolean min = rule == Vocabulary.MIN_LENGTH;
    return rule(rule, "must have " + (min ? "at least " : "at most ") + n + " characters",
        min ? Rule.Op.MIN_LENGTH : Rule.Op.MAX_LENGTH, Shown.LENGTH, n, null);
  }

  ValueCheck size(Vocabulary rule, Object value) {
    Long n = count(rule, value);
    if (n == null) {
      return null;
    }
    String unit = type.getType() == Schema.Type.MAP ? " entries" : " items";
    String expectation = "must have " + switch (rule) {
      case MIN_ITEMS -> "at least ";
      case MAX_ITEMS -> "at most ";
      default -> "exactly ";
    } + n + unit;
    Rule.Op op = switch (rule) {
      case MIN_ITEMS -> Rule.Op.MIN_ITEMS;
      case MAX_ITEMS -> Rule.Op.MAX_ITEMS;
      default -> Rule.Op.SIZE;
    };
    return rule(rule, expectation, op, Shown.SIZE, n, null);
  }

  private Long count(Vocabulary rule, Object value) {
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
      invalid(rule, value, "a whole number of 0 or more", "\"" + rule.ruleName() + "\": 768");
      return null;
    }
    long n = ((Number) value).longValue();
    counts.put(rule, n);
    return n;
  }

  void checkRanges() {
    if (lower != null && upper != null) {
      int order = lower.compareTo(upper);
      if (order > 0 || order == 0 && (lowerExclusive || upperExclusive)) {
        empty("the lower bound " + lower.toPlainString() + (lowerExclusive ? " (exclusive)" : "")
            + " is not below the upper bound " + upper.toPlainString()
            + (upperExclusive ? " (exclusive)" : ""), "make the lower bound less than the upper");
      }
    }
    range(Vocabulary.MIN_LENGTH, Vocabulary.MAX_LENGTH);
    range(Vocabulary.MIN_ITEMS, Vocabulary.MAX_ITEMS);
    Long size = counts.get(Vocabulary.SIZE);
    Long min = counts.get(Vocabulary.MIN_ITEMS);
    Long max = counts.get(Vocabulary.MAX_ITEMS);
    if (size != null && (min != null && size < min || max != null && size > max)) {
      empty("\"size\": " + size + " is outside \"minItems\"/\"maxItems\" (" + min + ".." + max
          + ")", "keep \"size\" alone, or make it fit the bounds");
    }
  }

  private void range(Vocabulary min, Vocabulary max) {
    Long low = counts.get(min);
    Long high = counts.get(max);
    if (low != null && high != null && low > high) {
      empty("\"" + min.ruleName() + "\": " + low + " is above \"" + max.ruleName() + "\": "
          + high, "make \"" + min.ruleName() + "\" at most \"" + max.ruleName() + "\"");
    }
  }

  private void empty(String why, String fix) {
    compiler.diagnostic(Rules.RANGE_EMPTY, path, "the rules on field " + path + " allow no value: "
        + why, fix);
  }

}
