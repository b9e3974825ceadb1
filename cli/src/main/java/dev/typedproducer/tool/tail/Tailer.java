package dev.typedproducer.tool.tail;

import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.tool.CannotRunException;
import dev.typedproducer.tool.json.JsonLines;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from a start position and prints each record as a JSON line. Without follow it
 * stops at the end the topic had when it started; with follow it waits for more until
 * {@link #stop()} (Ctrl-C) or the maximum. Commits nothing: it is a reader, not a group member.
 */
public final class Tailer implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);

  private final String bootstrapServers;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final RecordDecoder decoder;
  private volatile boolean stopped;

  public Tailer(String bootstrapServers, String registryUrl, boolean metadata,
      Map<String, String> kafkaSettings) {
    this.bootstrapServers = bootstrapServers;
    Map<String, Object> config = new HashMap<>(kafkaSettings);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // tail never creates
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "typed-producer-tail-" + UUID.randomUUID());
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    this.decoder = new RecordDecoder(
        SchemaRegistryClient.create(registryUrl, Duration.ofSeconds(10), null), metadata);
  }

  /** The topic's partitions; the message names the topic when it does not exist. */
  public List<TopicPartition> partitions(String topic, Integer only) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
    if (infos == null || infos.isEmpty()) {
      throw new CannotRunException("Topic \"" + topic + "\" does not exist on "
          + bootstrapServers + ". Check the name, or produce to it first.");
    }
    List<TopicPartition> partitions = infos.stream()
        .map(i -> new TopicPartition(topic, i.partition()))
        .filter(p -> only == null || p.partition() == only).toList();
    if (partitions.isEmpty()) {
      throw new CannotRunException("Topic \"" + topic + "\" has no partition " + only
          + "; it has " + infos.size() + ".");
    }
    return partitions;
  }

  /** The offset each partition ends at now. */
  public Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
    return consumer.endOffsets(partitions);
  }

  /** Prints records from {@code from}; returns how many it printed. */
  public long run(List<TopicPartition> partitions, StartPosition from, long max, boolean follow,
      PrintStream out) {
    return run(from.offsets(consumer, partitions), max, follow, out);
  }

  /** Prints records from the given offsets; returns how many it printed. */
  public long run(Map<TopicPartition, Long> from, long max, boolean follow, PrintStream out) {
    consumer.assign(from.keySet());
    from.forEach(consumer::seek);
    Map<TopicPartition, Long> ends = follow ? Map.of() : consumer.endOffsets(from.keySet());
    long printed = 0;
    try {
      while (!stopped && printed < max && (follow || !reached(ends))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          if (printed >= max || !follow && record.offset() >= ends.get(
              new TopicPartition(record.topic(), record.partition()))) {
            continue;
          }
          out.println(JsonLines.write(decoder.decode(record)));
          printed++;
        }
        out.flush();
      }
    } catch (WakeupException e) {
      // stop() from another thread (Ctrl-C)
    }
    out.flush();
    return printed;
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Ends {@link #run} from another thread. */
  public void stop() {
    stopped = true;
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
