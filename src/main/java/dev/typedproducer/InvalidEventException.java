package dev.typedproducer;

import java.util.List;

/**
 * An event cannot be sent as it is: it breaks data rules of its schema ({@link #violations()}
 * lists each), its key field is null, or a value does not fit the schema (a null in a non-null
 * field, a decimal with more digits than its scale). Thrown by
 * {@link TypedProducer#send} before anything is handed to Kafka, whatever the brokers' state:
 * nothing was sent. Fatal for that event: fix the value and send it again.
 *
 * <pre>{@code
 * click.setUserId(null);
 * clicks.send(click); // InvalidEventException: ... its key field user_id is null ...
 *
 * try {
 *   requests.send(request);
 * } catch (InvalidEventException e) {
 *   e.violations().forEach(v -> log.warn("{}: {}", v.rule(), v.message()));
 *   // e.g. "finite: features/3 must be finite (not NaN or Infinity), was NaN"
 * }
 * }</pre>
 */
public final class InvalidEventException extends TypedProducerException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final transient List<RuleViolation> violations;

  public InvalidEventException(String field, String message) {
    this(field, message, null);
  }

  public InvalidEventException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
    this.violations = List.of();
  }

  /** An event that breaks the data rules in {@code violations} (at least one). */
  public InvalidEventException(List<RuleViolation> violations, String message) {
    super(message);
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a rule failure needs at least one violation");
    }
    this.violations = List.copyOf(violations);
    this.field = this.violations.get(0).path();
  }

  /**
   * Every data rule ({@code "kafka.rules"} in the schema) the event breaks, in field order; empty
   * when the event failed for another reason (a null key, a value Avro cannot write).
   */
  public List<RuleViolation> violations() {
    return violations == null ? List.of() : violations;
  }

  /**
   * The field at fault, as a path from the event's root ({@code user_id}, {@code items/3/price}),
   * or {@code null} when no single field is. For broken data rules, the first violation's path.
   */
  public String field() {
    return field;
  }
}
