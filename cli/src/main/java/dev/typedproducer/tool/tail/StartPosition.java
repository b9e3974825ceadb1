package dev.typedproducer.tool.tail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/** Where tail starts: {@code beginning}, {@code end}, an offset, or an ISO-8601 timestamp. */
public record StartPosition(String kind, long value) {
  /**
   * Reads {@code --from}.
   *
   * @throws IllegalArgumentException naming the value and what is accepted
   */
  public static StartPosition parse(String text) {
    if (text.equals("beginning") || text.equals("end")) {
      return new StartPosition(text, 0);
    }
    if (text.matches("\\d+")) {
      return new StartPosition("offset", Long.parseLong(text));
    }
    try {
      return new StartPosition("time", OffsetDateTime.parse(text).toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--from " + text + " is not beginning, end, an offset"
          + " or an ISO-8601 timestamp with a zone such as 2024-05-31T13:00:00Z");
    }
  }

  /** The offset to start at in each partition. */
  Map<TopicPartition, Long> offsets(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    switch (kind) {
      case "beginning" -> offsets.putAll(consumer.beginningOffsets(partitions));
      case "end" -> offsets.putAll(ends);
      case "offset" -> partitions.forEach(p -> offsets.put(p, Math.min(value, ends.get(p))));
      default -> {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, value));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
        partitions.forEach(p -> offsets.put(p,
            found.get(p) == null ? ends.get(p) : found.get(p).offset()));
      }
    }
    return offsets;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case "offset" -> "offset " + value;
      case "time" -> Instant.ofEpochMilli(value).toString();
      default -> kind;
    };
  }
}
