package dev.typedproducer.internal.schema;

import java.util.regex.Pattern;

/** Kafka's rules for topic names. */
public final class TopicNames {
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
  private static final int MAX_LENGTH = 249;

  private TopicNames() {}

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
