package dev.typedproducer.internal.rules;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.internal.rules.Rule.Shown;
import dev.typedproducer.internal.schema.SchemaProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
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
    RuleSpec spec = new RuleSpec(this, path, type, kind, sensitive);
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
          Rule.Op.NOT_BLANK, Shown.VALUE) : null;
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
        Rule.Op.FINITE, Shown.VALUE);
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
    return spec.rule(Vocabulary.PATTERN, "must match " + regex, Rule.Op.PATTERN, Shown.VALUE, 0,
        matchers);
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
    return spec.rule(Vocabulary.ONE_OF, "must be one of " + list, Rule.Op.ONE_OF, Shown.VALUE,
        0, allowed);
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
    return spec.rule(Vocabulary.NOT_BEFORE, "must not be before " + bound, Rule.Op.NOT_BEFORE,
        Shown.VALUE, raw, bound);
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
    return spec.rule(Vocabulary.NOT_AFTER_NOW, "must not be later than now + " + tolerance
        + " (clock skew tolerated)", Rule.Op.NOT_AFTER_NOW, Shown.VALUE, tolerance.toMillis(),
        new Rule.Now(clock));
  }

  /** The types of {@code type} other than null: itself, or a union's other branches. */
  static List<Schema> nonNull(Schema type) {
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

  void diagnostic(String id, String path, String problem, String fix) {
    diagnostics.add(new Diagnostic(id, source, recordName, path, problem, fix));
  }
}
