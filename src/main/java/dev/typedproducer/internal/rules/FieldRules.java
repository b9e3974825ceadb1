package dev.typedproducer.internal.rules;

import org.apache.avro.Schema;

/**
 * The data rules of an event's own fields, by field position, for an encoder that checks each
 * value as it writes it: one pass over the event, each field read once, instead of a pass for the
 * rules and another for the bytes. What it finds is only pass or fail; the violations themselves
 * are then named by {@link Rules#violations}, off the fast path. Rules on records inside the event
 * are reached through the field that holds them.
 */
public final class FieldRules {
  private final FieldCheck[] checks;

  private FieldRules(FieldCheck[] checks) {
    this.checks = checks;
  }

  static FieldRules of(Schema record, Checks.Fields root) {
    FieldCheck[] checks = new FieldCheck[record.getFields().size()];
    for (int i = 0; i < root.size(); i++) {
      int position = root.position(i);
      checks[position] = FieldCheck.of(record.getFields().get(position).schema(), root.check(i));
    }
    return new FieldRules(checks);
  }

  /** The check of the field at {@code position}; null when it has no rule. */
  public FieldCheck check(int position) {
    return checks[position];
  }
}
