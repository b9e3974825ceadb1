package dev.typedproducer.internal.rules;

import dev.typedproducer.InvalidEventException;
import dev.typedproducer.RuleViolation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The first step of a send: an event that keeps its schema's rules passes; one that breaks them
 * either fails the send with every violation, or is handed back for the dead-letter topic.
 */
public final class RuleGate {
  /** A gate with no rules: every event passes. */
  public static final RuleGate NONE = new RuleGate(Rules.NONE, "", false);

  private final Rules rules;
  private final String recordName;
  private final boolean deadLetter;

  public RuleGate(Rules rules, String recordName, boolean deadLetter) {
    this.rules = rules;
    this.recordName = recordName;
    this.deadLetter = deadLetter;
  }

  /** The rules this gate checks. */
  public Rules rules() {
    return rules;
  }

  /**
   * The rules {@code event} breaks: empty for a good event; the violations of a bad one when
   * bad events go to a dead-letter topic.
   *
   * @throws InvalidEventException for a bad event otherwise, listing every violation
   */
  public List<RuleViolation> check(Object event, String topic) {
    List<RuleViolation> violations = rules.violations(event);
    if (violations.isEmpty() || deadLetter) {
      return violations;
    }
    throw new InvalidEventException(violations, "Cannot send " + recordName + " to topic " + topic
        + ": it breaks " + violations.size() + " data rule(s) of its schema (\"kafka.rules\" in"
        + " the schema of " + recordName + "); nothing was sent:\n"
        + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n"))
        + "\nFix the values, or send such events to a dead-letter topic with"
        + " onRuleViolation(OnRuleViolation.deadLetter()) on the builder.");
  }
}
