package dev.typedproducer.internal.rules;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.InvalidSchemaException;
import dev.typedproducer.RuleViolation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The data rules of one event schema, compiled once: a flat tree of checks that reads the event's
 * fields by position. {@link #violations} allocates nothing for an event that keeps every rule.
 *
 * <pre>{@code
 * Rules rules = Rules.of(InferenceRequest.getClassSchema(), "class ...", Clock.systemUTC());
 * List<RuleViolation> broken = rules.violations(event); // empty: send it
 * }</pre>
 */
public final class Rules {
  public static final String UNKNOWN = "RuleUnknown";
  public static final String TYPE_MISMATCH = "RuleTypeMismatch";
  public static final String VALUE_INVALID = "RuleValueInvalid";
  public static final String PATTERN_INVALID = "RulePatternInvalid";
  public static final String RANGE_EMPTY = "RuleRangeEmpty";

  /** No rules at all. */
  public static final Rules NONE = new Rules(null, null);

  /** A final class, so that the call from {@link #violations} is direct. */
  private final Checks.Fields root;
  private final FieldRules byField;

  private Rules(Schema record, Checks.Fields root) {
    this.root = root;
    this.byField = root == null ? null : FieldRules.of(record, root);
  }

  /** Every malformed rule in {@code record}, whose origin {@code source} the diagnostics name. */
  public static List<Diagnostic> check(Schema record, String source) {
    RuleCompiler compiler = new RuleCompiler(source, record.getFullName(), Clock.systemUTC());
    compiler.record(record, "", false);
    return List.copyOf(compiler.diagnostics());
  }

  /**
   * The compiled rules of {@code record}; {@code clock} says what "now" is for
   * {@code notAfterNow}.
   *
   * @throws InvalidSchemaException if a rule is malformed (what {@link #check} reports)
   */
  public static Rules of(Schema record, String source, Clock clock) {
    RuleCompiler compiler = new RuleCompiler(source, record.getFullName(), clock);
    Checks.Fields root = compiler.record(record, "", false);
    if (!compiler.diagnostics().isEmpty()) {
      throw new InvalidSchemaException(compiler.diagnostics());
    }
    return root == null ? NONE : new Rules(record, root);
  }

  /** Whether the schema has no rule at all. */
  public boolean isEmpty() {
    return root == null;
  }

  /**
   * The same rules by the event's fields, for an encoder that checks each value as it writes it;
   * null when there are none.
   */
  public FieldRules byField() {
    return byField;
  }

  /** Whether {@code event} keeps every rule; allocates nothing. */
  public boolean passes(Object event) {
    return root == null || root.passes(event);
  }

  /** Every rule {@code event} breaks, in field order; empty (and not allocated) when it keeps all. */
  public List<RuleViolation> violations(Object event) {
    if (root == null || root.passes(event)) {
      return List.of();
    }
    List<RuleViolation> out = new ArrayList<>();
    root.explain(event, "", out);
    return List.copyOf(out);
  }

  static String json(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}
