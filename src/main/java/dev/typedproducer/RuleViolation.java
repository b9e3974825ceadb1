package dev.typedproducer;

import java.io.Serializable;
import java.util.Objects;

/**
 * One data rule of the event's schema that an event breaks: a {@code "kafka.rules"} entry such as
 * {@code "max": 1} on a field. {@link InvalidEventException#violations()} lists every one an event
 * breaks, and so does {@link SendResult#violations()} for an event sent to a dead-letter topic.
 *
 * <pre>{@code
 * catch (InvalidEventException e) {
 *   e.violations().forEach(v -> log.warn("{} broke {}: {}", v.path(), v.rule(), v.message()));
 * }
 * }</pre>
 *
 * @param path where the value is, from the event's root: {@code score}, {@code features/3},
 *     {@code address/zip}, {@code attributes/arm} (a map's key)
 * @param rule the rule's name in the schema, e.g. {@code finite}, {@code max}, {@code size}
 * @param value the offending value, shortened to at most 60 characters; {@code null} for a field
 *     marked {@code "kafka.sensitive": true}, whose values are never shown
 * @param message what the rule asks and what the value was, e.g. {@code features/3 must be finite,
 *     was NaN}
 */
public record RuleViolation(String path, String rule, String value, String message)
    implements Serializable {
  public RuleViolation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return "[" + rule + "] " + message;
  }
}
