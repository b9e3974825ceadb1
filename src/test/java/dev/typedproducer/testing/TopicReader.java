package dev.typedproducer.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic back with a plain {@code KafkaConsumer<byte[], byte[]>}, no group, no SDK. */
public final class TopicReader {
  private TopicReader() {}

  /** Every record of {@code topic} from the start, waiting until there are {@code expected}. */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrapServers, String topic, int expected, Duration timeout) {
    return readAll(bootstrapServers, Map.of(), topic, expected, timeout);
  }

  /** Like {@link #readAll(String, String, int, Duration)}, with client settings such as a login. */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers,
      Map<String, Object> clientSettings, String topic, int expected, Duration timeout) {
    Map<String, Object> config = new HashMap<>(clientSettings);
    config.put("bootstrap.servers", bootstrapServers);
    config.put("enable.auto.commit", false);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /**
   * Hands every record of {@code topic}, from the start up to the end offsets it has now, to
   * {@code each}: each partition's records in offset order. Returns how many there were.
   *
   * @throws IllegalStateException if the end is not reached within {@code timeout}
   */
  public static long readToEnd(String bootstrapServers, String topic, Duration timeout,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", false),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long count = 0;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Read " + count + " records of " + topic + " in "
              + timeout + " without reaching its end offsets " + end);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          each.accept(record);
          count++;
        }
      }
      return count;
    }
  }
}
