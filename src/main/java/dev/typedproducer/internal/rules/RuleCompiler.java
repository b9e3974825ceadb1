package dev.typedproducer.internal.rules;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.internal.rules.Checks.Shown;
import dev.typedproducer.internal.schema.SchemaProperties;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Reads the {@code "kafka.rules"} of a record's fields, nested records included, into checks,
 * and reports each malformed rule as a {@link Diagnostic}. One pass does both, so what validates
 * is exactly what runs.
 */
final class RuleCompiler {
  private final String source;
  private final String recordName;
  private final Clock clock;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Map<String, Checks.Fields> records = new HashMap<>();

  RuleCompiler(String source, String recordName, Clock clock) {
    this.source = source;
    this.recordName = recordName;
    this.clock = clock;
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** The checks on {@code record}'s fields, or null when none of them has a rule. */
  Checks.Fields record(Schema record, String path, boolean sensitive) {
    String memo = record.getFullName() + (sensitive ? "#sensitive" : "");
    Checks.Fields known = records.get(memo);
    if (known != null) {
      return known; // compiled already, or being compiled further up (a recursive type)
    }
    Checks.Fields fields = new Checks.Fields();
    records.put(memo, fields);
    List<Integer> positions = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<ValueCheck> checks = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      ValueCheck check = field(field, ValueCheck.join(path, field.name()), sensitive);
      if (check != null) {
        positions.add(field.pos());
        names.add(field.name());
        checks.add(check);
      }
    }
    fields.fill(positions.stream().mapToInt(Integer::intValue).toArray(),
        names.toArray(String[]::new), checks.toArray(ValueCheck[]::new));
    return fields.isEmpty() && !hasRules(record) ? null : fields;
  }

  private ValueCheck field(Schema.Field field, String path, boolean sensitive) {
    Object mark = field.getObjectProp(SchemaProperties.SENSITIVE);
    if (mark != null && !(mark instanceof Boolean)) {
      diagnostic(Rules.VALUE_INVALID, path, "field " + path + " has \"" + SchemaProperties.SENSITIVE
          + "\": " + Rules.json(mark) + "; it must be the JSON boolean true or false",
          "write \"" + SchemaProperties.SENSITIVE + "\": true (no quotes), or remove it");
    }
    boolean hidden = sensitive || Boolean.TRUE.equals(mark);
    List<ValueCheck> checks = new ArrayList<>();
    Object rules = field.getObjectProp(SchemaProperties.RULES);
    if (rules != null) {
      add(checks, rules(field.schema(), rules, path, hidden));
    }
    add(checks, inside(field.schema(), path, hidden));
    return all(checks);
  }

  /** The checks of records found inside {@code type}: itself, union branches, items, values. */
  private ValueCheck inside(Schema type, String path, boolean sensitive) {
    return switch (type.getType()) {
      case RECORD -> record(type, path, sensitive);
      case ARRAY -> {
        ValueCheck item = inside(type.getElementType(), path, sensitive);
        yield item == null ? null : new Checks.Items(item);
      }
      case MAP -> {
        ValueCheck value = inside(type.getValueType(), path, sensitive);
        yield value == null ? null : new Checks.MapValues(value);
      }
      case UNION -> {
        List<Schema> branches = nonNull(type);
        if (branches.size() == 1) {
          yield inside(branches.get(0), path, sensitive);
        }
        List<ValueCheck> checks = new ArrayList<>();
        for (Schema branch : branches) {
          ValueCheck check = branch.getType() == Schema.Type.RECORD
              ? record(branch, path, sensitive) : null;
          if (check != null) {
            String name = branch.getFullName();
            checks.add(new Checks.Branch(name, check));
          }
        }
        yield all(checks);
      }
      default -> null;
    };
  }

  /** The checks one {@code "kafka.rules"} object asks for on a value of {@code type}. */
  private ValueCheck rules(Schema declared, Object rules, String path, boolean sensitive) {
    if (!(rules instanceof Map<?, ?> map)) {
      diagnostic(Rules.VALUE_INVALID, path, "field " + path + " has \"" + SchemaProperties.RULES
          + "\": " + Rules.json(rules) + "; it must be a JSON object of rules",
          "write the rules as an object, e.g. \"" + SchemaProperties.RULES + "\": {\"min\": 0}");
      return null;
    }
    List<Schema> branches = nonNull(declared);
    if (branches.size() != 1) {
      diagnostic(Rules.TYPE_MISMATCH, path, "field " + path + " has rules, but its type "
          + declared + " is a union of several types, which no rule fits",
          "put the rules on a field with one type (nullable is fine: [\"null\", \"float\"])");
      return null;
    }
    Schema type = branches.get(0);
    Kind kind = Kind.of(type);
    RuleSpec spec = new RuleSpec(path, type, kind, sensitive);
    List<ValueCheck> checks = new ArrayList<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String name = String.valueOf(entry.getKey());
      Vocabulary rule = Vocabulary.named(name);
      if (rule == null) {
        diagnostic(Rules.UNKNOWN, path, "field " + path + " has the unknown rule \"" + name
            + "\" in \"" + SchemaProperties.RULES + "\"", "use one of the rules "
            + Vocabulary.names() + " (README \"Data rules\"), or remove it");
      } else if (!rule.fits(type, kind)) {
        diagnostic(Rules.TYPE_MISMATCH, path, "rule \"" + name + "\" on field " + path
            + " does not fit its type " + Kind.describe(type) + ": " + name + " applies to "
            + rule.types(), "remove the rule, or use one that fits "
            + Kind.describe(type) + ": " + Vocabulary.fitting(type, kind));
      } else {
        add(checks, compile(rule, entry.getValue(), spec));
      }
    }
    spec.checkRanges();
    return all(checks);
  }

  private ValueCheck compile(Vocabulary rule, Object value, RuleSpec spec) {
    return switch (rule) {
      case MIN, MAX, MIN_EXCLUSIVE, MAX_EXCLUSIVE -> spec.bound(rule, value);
      case FINITE -> spec.flag(rule, value) ? finite(spec) : null;
      case NOT_BLANK -> spec.flag(rule, value) ? spec.rule(rule, "must not be blank",
          v -> !blank((CharSequence) v), Shown.VALUE) : null;
      case MIN_LENGTH, MAX_LENGTH -> spec.length(rule, value);
      case PATTERN -> pattern(value, spec);
      case ONE_OF -> oneOf(value, spec);
      case MIN_ITEMS, MAX_ITEMS, SIZE -> spec.size(rule, value);
      case ITEMS -> wrap(true, rules(spec.type().getElementType(), value,
          spec.path() + "/" + rule.ruleName(), spec.sensitive()));
      case VALUES -> wrap(false, rules(spec.type().getValueType(), value,
          spec.path() + "/" + rule.ruleName(), spec.sensitive()));
      case NOT_BEFORE -> notBefore(value, spec);
      case NOT_AFTER_NOW -> notAfterNow(value, spec);
    };
  }

  private static ValueCheck wrap(boolean items, ValueCheck inner) {
    if (inner == null) {
      return null;
    }
    return items ? new Checks.Items(inner) : new Checks.MapValues(inner);
  }

  private ValueCheck finite(RuleSpec spec) {
    ValueCheck each = spec.rule(Vocabulary.FINITE, "must be finite (not NaN or Infinity)",
        v -> Double.isFinite(((Number) v).doubleValue()), Shown.VALUE);
    return switch (spec.type().getType()) {
      case ARRAY -> new Checks.Items(each);
      case MAP -> new Checks.MapValues(each);
      default -> each;
    };
  }

  private ValueCheck pattern(Object value, RuleSpec spec) {
    if (!(value instanceof String regex)) {
      spec.invalid(Vocabulary.PATTERN, value, "a Java regular expression as a JSON string",
          "\"pattern\": \"^[a-z][a-z0-9_-]*$\"");
      return null;
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      diagnostic(Rules.PATTERN_INVALID, spec.path(), "rule \"pattern\" on field " + spec.path()
          + " is " + Rules.json(regex) + ", which is not a Java regular expression: "
          + e.getDescription() + " near index " + e.getIndex(),
          "fix the expression (it must match the whole value), e.g. \"^[a-z][a-z0-9_-]*$\"");
      return null;
    }
    // A Matcher per thread, reset per value: matching allocates nothing on the happy path.
    ThreadLocal<Matcher> matchers = ThreadLocal.withInitial(() -> compiled.matcher(""));
    return spec.rule(Vocabulary.PATTERN, "must match " + regex,
        v -> matchers.get().reset((CharSequence) v).matches(), Shown.VALUE);
  }

  private ValueCheck oneOf(Object value, RuleSpec spec) {
    if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      spec.invalid(Vocabulary.ONE_OF, value, "a JSON array of strings",
          "\"oneOf\": [\"ranker\", \"embedder\"]");
      return null;
    }
    if (list.isEmpty()) {
      diagnostic(Rules.RANGE_EMPTY, spec.path(), "rule \"oneOf\" on field " + spec.path()
          + " lists no string, so no value can pass", "list the allowed strings, or remove the rule");
      return null;
    }
    Set<Object> allowed = Set.copyOf(list);
    return spec.rule(Vocabulary.ONE_OF, "must be one of " + list,
        v -> allowed.contains(v.toString()), Shown.VALUE);
  }

  private ValueCheck notBefore(Object value, RuleSpec spec) {
    Instant bound;
    try {
      bound = Instant.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      spec.invalid(Vocabulary.NOT_BEFORE, value, "an ISO-8601 instant in UTC",
          "\"notBefore\": \"2020-01-01T00:00:00Z\"");
      return null;
    }
    boolean micros = spec.kind() == Kind.TIMESTAMP_MICROS;
    long raw = micros ? Math.multiplyExact(bound.getEpochSecond(), 1_000_000L)
        + bound.getNano() / 1_000 : bound.toEpochMilli();
    return spec.rule(Vocabulary.NOT_BEFORE, "must not be before " + bound,
        v -> v instanceof Instant i ? !i.isBefore(bound) : (Long) v >= raw, Shown.VALUE);
  }

  private ValueCheck notAfterNow(Object value, RuleSpec spec) {
    Duration tolerance;
    try {
      tolerance = Duration.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      tolerance = null;
    }
    if (tolerance == null || tolerance.isNegative()) {
      spec.invalid(Vocabulary.NOT_AFTER_NOW, value, "the clock skew to tolerate, as an ISO-8601"
          + " duration of 0 or more", "\"notAfterNow\": \"PT5M\" (five minutes)");
      return null;
    }
    long toleranceMillis = tolerance.toMillis();
    boolean micros = spec.kind() == Kind.TIMESTAMP_MICROS;
    Clock now = clock;
    return spec.rule(Vocabulary.NOT_AFTER_NOW, "must not be later than now + " + tolerance
        + " (clock skew tolerated)", v -> {
          long limit = now.millis() + toleranceMillis;
          if (v instanceof Instant i) {
            long second = Math.floorDiv(limit, 1000);
            return i.getEpochSecond() < second || i.getEpochSecond() == second
                && i.getNano() <= Math.floorMod(limit, 1000) * 1_000_000;
          }
          long millis = micros ? Math.floorDiv((Long) v, 1000) : (Long) v;
          return millis <= limit;
        }, Shown.VALUE);
  }

  /** The state of one {@code "kafka.rules"} object while it is read: bounds, to check ranges. */
  private final class RuleSpec {
    private final String path;
    private final Schema type;
    private final Kind kind;
    private final boolean sensitive;
    private BigDecimal lower;
    private boolean lowerExclusive;
    private BigDecimal upper;
    private boolean upperExclusive;
    private final Map<Vocabulary, Long> counts = new HashMap<>();

    RuleSpec(String path, Schema type, Kind kind, boolean sensitive) {
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

    ValueCheck rule(Vocabulary rule, String expectation, Predicate<Object> test, Shown shown) {
      return new Checks.Rule(rule.ruleName(), expectation, test, shown, sensitive);
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
      diagnostic(Rules.VALUE_INVALID, path, "rule \"" + rule.ruleName() + "\" on field " + path
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
      Predicate<Object> test = switch (kind) {
        case INTEGER -> {
          long b = bound.longValue();
          yield v -> passes(Long.compare(((Number) v).longValue(), b), isLower, exclusive);
        }
        case FLOATING -> {
          double b = bound.doubleValue();
          // NaN fails every bound; -0.0 equals 0.0 (Double.compare would put it below).
          yield v -> {
            double d = ((Number) v).doubleValue();
            return !Double.isNaN(d) && passes(d < b ? -1 : d > b ? 1 : 0, isLower, exclusive);
          };
        }
        default -> v -> passes(((BigDecimal) v).compareTo(bound), isLower, exclusive);
      };
      return rule(rule, expectation, test, Shown.VALUE);
    }

    ValueCheck length(Vocabulary rule, Object value) {
      Long n = count(rule, value);
      if (n == null) {
        return null;
      }
      boolean min = rule == Vocabulary.MIN_LENGTH;
      return rule(rule, "must have " + (min ? "at least " : "at most ") + n + " characters", v -> {
        CharSequence s = (CharSequence) v;
        int length = Character.codePointCount(s, 0, s.length());
        return min ? length >= n : length <= n;
      }, Shown.LENGTH);
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
      return rule(rule, expectation, v -> {
        long size = v instanceof Map<?, ?> m ? m.size() : ((java.util.Collection<?>) v).size();
        return rule == Vocabulary.MIN_ITEMS ? size >= n
            : rule == Vocabulary.MAX_ITEMS ? size <= n : size == n;
      }, Shown.SIZE);
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
      diagnostic(Rules.RANGE_EMPTY, path, "the rules on field " + path + " allow no value: "
          + why, fix);
    }
  }

  /** Whether a comparison of the value with a bound ({@code order}) keeps the bound. */
  private static boolean passes(int order, boolean lower, boolean exclusive) {
    return lower ? exclusive ? order > 0 : order >= 0 : exclusive ? order < 0 : order <= 0;
  }

  private static boolean blank(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<Schema> nonNull(Schema type) {
    if (type.getType() != Schema.Type.UNION) {
      return List.of(type);
    }
    return type.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
  }

  /** Whether any field of {@code record}, or of a record inside it, has rules. */
  private static boolean hasRules(Schema record) {
    boolean[] found = {false};
    dev.typedproducer.internal.schema.NamedTypes.forEach(record, named -> {
      if (named.getType() == Schema.Type.RECORD) {
        for (Schema.Field f : named.getFields()) {
          found[0] |= f.getObjectProp(SchemaProperties.RULES) != null;
        }
      }
    });
    return found[0];
  }

  private static void add(List<ValueCheck> checks, ValueCheck check) {
    if (check != null) {
      checks.add(check);
    }
  }

  private static ValueCheck all(List<ValueCheck> checks) {
    return switch (checks.size()) {
      case 0 -> null;
      case 1 -> checks.get(0);
      default -> new Checks.All(checks.toArray(ValueCheck[]::new));
    };
  }

  private void diagnostic(String id, String path, String problem, String fix) {
    diagnostics.add(new Diagnostic(id, source, recordName, path, problem, fix));
  }

  /** What a rule can be on: the kinds of value, by the field's Avro type. */
  enum Kind {
    INTEGER, FLOATING, DECIMAL, STRING, ARRAY, MAP, TIMESTAMP_MILLIS, TIMESTAMP_MICROS, OTHER;

    static Kind of(Schema type) {
      if (type.getLogicalType() instanceof LogicalTypes.Decimal) {
        return DECIMAL;
      }
      if (type.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
        return TIMESTAMP_MILLIS;
      }
      if (type.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
        return TIMESTAMP_MICROS;
      }
      if (type.getLogicalType() != null) {
        return OTHER; // date, uuid, time-*: their values are not plain numbers or strings
      }
      return switch (type.getType()) {
        case INT, LONG -> INTEGER;
        case FLOAT, DOUBLE -> FLOATING;
        case STRING -> STRING;
        case ARRAY -> ARRAY;
        case MAP -> MAP;
        default -> OTHER;
      };
    }

    static String describe(Schema type) {
      return type.getLogicalType() == null ? type.getType().getName()
          : type.getType().getName() + " with logicalType " + type.getLogicalType().getName();
    }
  }
}
