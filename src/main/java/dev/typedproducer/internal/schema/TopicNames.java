package dev.typedproducer.internal.schema;

import dev.typedproducer.InvalidConfigException;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/** Kafka's rules for topic names. */
public final class TopicNames {
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
  private static final int MAX_LENGTH = 249;

  private TopicNames() {}

  /**
   * The topic events of {@code schema} go to: {@code given}, else the schema's
   * {@code "kafka.topic"}.
   *
   * @param howToName how the caller names a topic, e.g. {@code call topic("<topic>")}
   * @throws InvalidConfigException if there is none, or it is not a legal topic name
   */
  public static String of(Schema schema, String given, String howToName) {
    String topic = given != null ? given : (String) schema.getObjectProp(SchemaProperties.TOPIC);
    if (topic == null) {
      throw new InvalidConfigException("topic", null, "No topic for " + schema.getFullName()
          + ": its schema has no \"kafka.topic\" property and none was given. Add"
          + " \"kafka.topic\": \"<topic>\" to the schema, or " + howToName + ".");
    }
    String problem = problem(topic);
    if (problem != null) {
      throw new InvalidConfigException("topic", topic, "\"" + topic + "\" is not a legal Kafka"
          + " topic name: " + problem + ". Name a legal topic.");
    }
    return topic;
  }

  /** Why {@code topic} is not a legal Kafka topic name, or {@code null} if it is. */
  public static String problem(String topic) {
    if (topic.isEmpty()) {
      return "it is empty";
    }
    if (topic.equals(".") || topic.equals("..")) {
      return "\".\" and \"..\" are reserved";
    }
    if (topic.length() > MAX_LENGTH) {
      return "it is " + topic.length() + " characters long; the limit is " + MAX_LENGTH;
    }
    if (!LEGAL.matcher(topic).matches()) {
      return "it may hold only ASCII letters, digits, '.', '_' and '-'";
    }
    return null;
  }
}
