package dev.typedproducer.internal.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.typedproducer.RuleViolation;
import dev.typedproducer.internal.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;

/**
 * Where events that break their schema's data rules go when the producer routes them: the
 * dead-letter topic, with the same key and value bytes, and headers that say what went wrong so a
 * consumer can read it without the SDK.
 *
 * <p>Headers, all UTF-8 text:
 * <ul>
 *   <li>{@value #SOURCE_TOPIC}: the topic the event was meant for;
 *   <li>{@value #SCHEMA_ID}: the schema id in the value's frame, in decimal (absent when a plugged
 *       serializer does not write Confluent's frame);
 *   <li>{@value #VIOLATION}, once per broken rule: a JSON object
 *       {@code {"path": "features/3", "rule": "finite", "value": "NaN", "message": "..."}}
 *       ({@code "value": null} for a sensitive field).
 * </ul>
 */
public final class DeadLetters {
  public static final String SOURCE_TOPIC = "typedproducer.source.topic";
  public static final String SCHEMA_ID = "typedproducer.schema.id";
  public static final String VIOLATION = "typedproducer.rule.violation";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String topic;
  private final byte[] sourceTopic;
  private final DeliveryFailures failures;

  public DeadLetters(String topic, String sourceTopic, Map<String, Object> producerConfig) {
    this.topic = topic;
    this.sourceTopic = sourceTopic.getBytes(StandardCharsets.UTF_8);
    this.failures = new DeliveryFailures(topic, producerConfig);
  }

  /** The dead-letter topic. */
  public String topic() {
    return topic;
  }

  /** How a failed dead-letter send is reported: naming the dead-letter topic. */
  public DeliveryFailures failures() {
    return failures;
  }

  /** Adds the headers that explain {@code violations} to {@code headers}; gives the topic. */
  public String route(Headers headers, byte[] value, List<RuleViolation> violations) {
    headers.add(SOURCE_TOPIC, sourceTopic);
    if (value != null && value.length >= WireFormat.HEADER_LENGTH && value[0] == WireFormat.MAGIC) {
      headers.add(SCHEMA_ID, String.valueOf(WireFormat.schemaId(value))
          .getBytes(StandardCharsets.UTF_8));
    }
    for (RuleViolation v : violations) {
      headers.add(VIOLATION, json(v));
    }
    return topic;
  }

  private static byte[] json(RuleViolation v) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("path", v.path());
    fields.put("rule", v.rule());
    fields.put("value", v.value());
    fields.put("message", v.message());
    try {
      return JSON.writeValueAsBytes(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a map of strings as JSON", e);
    }
  }
}
