package dev.typedproducer;

import dev.typedproducer.internal.key.KeyField;
import dev.typedproducer.internal.metrics.SendMetrics;
import dev.typedproducer.internal.rules.RuleGate;
import dev.typedproducer.internal.send.DeadLetters;
import dev.typedproducer.internal.send.DeliveryFailures;
import dev.typedproducer.internal.time.EventTime;
import java.util.Objects;

/**
 * What {@link TypedProducer#send} does besides handing bytes to Kafka, decided once in
 * {@code build()}: check the data rules, take the key, route a bad event to the dead-letter
 * topic, take the event time, explain failures, count. Read top to bottom in {@code send}.
 *
 * @param deadLetters where events that break rules go, or null when they fail the send
 */
record SendPath(KeyField keyField, RuleGate rules, DeadLetters deadLetters, EventTime eventTime,
    DeliveryFailures failures, SendMetrics metrics) {

  SendPath {
    Objects.requireNonNull(keyField, "keyField");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(failures, "failures");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** The key and failures only: no rules, no event time, no metrics. */
  static SendPath of(KeyField keyField, DeliveryFailures failures) {
    return new SendPath(keyField, RuleGate.NONE, null, EventTime.NONE, failures, SendMetrics.NONE);
  }

  SendPath withRules(RuleGate newRules, DeadLetters newDeadLetters) {
    return new SendPath(keyField, newRules, newDeadLetters, eventTime, failures, metrics);
  }

  SendPath withEventTime(EventTime newEventTime) {
    return new SendPath(keyField, rules, deadLetters, newEventTime, failures, metrics);
  }

  SendPath withMetrics(SendMetrics newMetrics) {
    return new SendPath(keyField, rules, deadLetters, eventTime, failures, newMetrics);
  }
}
