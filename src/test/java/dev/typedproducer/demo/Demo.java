package dev.typedproducer.demo;

import dev.typedproducer.InvalidEventException;
import dev.typedproducer.TypedProducer;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.internal.schema.SchemaFile;
import dev.typedproducer.internal.schema.SchemaFiles;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The main job: produces events of every schema in {@code schemas/} through TypedProducer, reads
 * them back with a plain consumer, decodes them with the schema the registry holds, and prints what
 * it saw. With no {@code --bootstrap-servers} / {@code --registry-url} it starts an in-process
 * Kafka broker and a local schema registry. {@code --bad-events 10} spoils about 10% of the events
 * so that each breaks a data rule of its schema ({@link BadEvents}): the demo prints how many the
 * producer refused and why, and still reads back exactly the good ones.
 *
 * <pre>
 * ./mvnw -Pdemo verify
 * ./mvnw -Pdemo verify -Ddemo.args="--events 50000 --bootstrap-servers kafka:9092 --registry-url http://registry:8081"
 * </pre>
 */
public final class Demo {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final DemoOptions options;
  private final String bootstrapServers;
  private final String registryUrl;

  private Demo(DemoOptions options, String bootstrapServers, String registryUrl) {
    this.options = options;
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
  }

  public static void main(String[] args) throws Exception {
    DemoOptions options = DemoOptions.parse(args);
    LocalKafka kafka = null;
    LocalSchemaRegistry registry = null;
    int exit;
    try {
      long start = System.nanoTime();
      if (options.bootstrapServers() == null) {
        kafka = LocalKafka.start();
      }
      if (options.registryUrl() == null) {
        registry = LocalSchemaRegistry.start(LocalSchemaRegistry.defaultRunnerJar());
      }
      String bootstrap = kafka != null ? kafka.bootstrapServers() : options.bootstrapServers();
      String registryUrl = registry != null ? registry.url() : options.registryUrl();
      System.out.printf("Kafka:    %s%s%nRegistry: %s%s%n", bootstrap,
          kafka != null ? " (in-process broker, Kafka's test kit)" : "",
          registryUrl, registry != null ? " (local Apicurio Registry, Confluent-compatible API)" : "");
      if (kafka != null || registry != null) {
        System.out.printf("Started in %.1f s.%n", seconds(System.nanoTime() - start));
      }
      exit = new Demo(options, bootstrap, registryUrl).run();
    } finally {
      if (registry != null) {
        registry.close();
      }
      if (kafka != null) {
        kafka.close();
      }
    }
    System.exit(exit);
  }

  private int run() throws Exception {
    SchemaFiles.Result files = SchemaFiles.read(options.schemas(), Path::toString);
    if (!files.problems().isEmpty()) {
      files.problems().forEach(System.out::println);
      return 1;
    }
    // Shared types (schemas/shared/) are not events: they are produced inside the events.
    System.out.printf("%nProducing %,d events of each of %d event schema(s) in %s ...%n%n",
        options.events(), files.events().size(), options.schemas());
    List<TopicReport> reports = new ArrayList<>();
    for (SchemaFile file : files.events()) {
      reports.add(produceAndReadBack(eventClass(file)));
    }
    return print(reports);
  }

  private static Class<? extends SpecificRecord> eventClass(SchemaFile file) {
    String name = file.schema().getFullName();
    try {
      return Class.forName(name).asSubclass(SpecificRecord.class);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("No generated class " + name + " for " + file.source()
          + ". Build again (./mvnw -Pdemo verify regenerates the classes from schemas/).", e);
    }
  }

  private <T extends SpecificRecord> TopicReport produceAndReadBack(Class<T> eventClass)
      throws Exception {
    RandomEvents<T> random = new RandomEvents<>(eventClass, 42);
    BadEvents bad = new BadEvents(
        SpecificData.get().getSchema(eventClass), options.badShare(), 7);
    List<T> events = new ArrayList<>(options.events());
    for (int i = 0; i < options.events(); i++) {
      T event = random.next();
      if (i > 0) { // the first send is the good one that fetches the topic's metadata
        bad.maybeSpoil(event);
      }
      events.add(event);
    }
    Map<String, Integer> refused = new TreeMap<>();
    try (TypedProducer<T> producer = TypedProducer.builder(eventClass)
        .bootstrapServers(bootstrapServers)
        .schemaRegistryUrl(registryUrl)
        .autoRegisterSchema(true)
        .createTopicIfMissing(options.partitions())
        .kafkaSetting(ProducerConfig.LINGER_MS_CONFIG, 5)
        .kafkaSetting(ProducerConfig.CLIENT_ID_CONFIG, "typed-producer-demo-" + eventClass.getSimpleName())
        .build()) {
      String topic = producer.topic();
      Map<TopicPartition, Long> startOffsets = endOffsets(topic);

      // The first send fetches the topic's metadata; time the rest, the steady state.
      List<CompletableFuture<dev.typedproducer.SendResult>> sent = new ArrayList<>(events.size());
      sent.add(producer.send(events.get(0)));
      sent.get(0).get();
      long start = System.nanoTime();
      for (T event : events.subList(1, events.size())) {
        try {
          sent.add(producer.send(event));
        } catch (InvalidEventException e) {
          e.violations().forEach(v -> refused.merge(v.rule() + " on " + v.path(), 1, Integer::sum));
        }
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
      long sendNanos = System.nanoTime() - start;

      Map<String, String> keysByPosition = new HashMap<>();
      for (CompletableFuture<dev.typedproducer.SendResult> result : sent) {
        dev.typedproducer.SendResult r = result.join();
        keysByPosition.put(r.partition() + "@" + r.offset(), r.key());
      }
      TopicReport report =
          readBack(topic, eventClass.getName(), startOffsets, keysByPosition, sendNanos);
      report.refused = events.size() - sent.size();
      report.refusedByRule = refused;
      return report;
    }
  }

  private TopicReport readBack(String topic, String eventClass, Map<TopicPartition, Long> from,
      Map<String, String> keysByPosition, long sendNanos) throws Exception {
    SchemaRegistryClient registry = SchemaRegistryClient.create(registryUrl, Duration.ofSeconds(10), null);
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
    model.addLogicalTypeConversion(new Conversions.UUIDConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
    TopicReport report = new TopicReport(topic, eventClass, keysByPosition.size(), sendNanos);

    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", false,
            "max.poll.records", 5000),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(from.keySet());
      from.forEach(consumer::seek);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (report.readBack < report.sent && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          int schemaId = java.nio.ByteBuffer.wrap(record.value(), 1, 4).getInt();
          GenericDatumReader<GenericRecord> reader = readers.computeIfAbsent(schemaId, id -> {
            Schema writer = new Schema.Parser().parse(registry.schemaById(id));
            return new GenericDatumReader<>(writer, writer, model);
          });
          GenericRecord value = reader.read(null, DecoderFactory.get()
              .binaryDecoder(record.value(), 5, record.value().length - 5, null));
          String key = new String(record.key(), StandardCharsets.UTF_8);
          boolean matches = record.value()[0] == 0
              && key.equals(keysByPosition.get(record.partition() + "@" + record.offset()));
          report.record(schemaId, record.partition(), matches, record.serializedValueSize(),
              options.samples() > report.samples.size()
                  ? topic + "[p" + record.partition() + "@" + record.offset() + "] key=" + key
                      + " " + value : null);
        }
      }
    }
    return report;
  }

  private Map<TopicPartition, Long> endOffsets(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        Map.of("bootstrap.servers", bootstrapServers), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      return consumer.endOffsets(partitions);
    }
  }

  private int print(List<TopicReport> reports) {
    System.out.printf("%-22s %-44s %8s %10s %9s %10s %9s %12s%n", "topic", "event class", "sent",
        "read back", "schema id", "partitions", "send (s)", "events/s");
    long sent = 0;
    long timedEvents = 0;
    long read = 0;
    long bytes = 0;
    long nanos = 0;
    boolean ok = true;
    for (TopicReport r : reports) {
      System.out.printf("%-22s %-44s %,8d %,10d %9s %10d %9.2f %,12.0f%n", r.topic, r.eventClass,
          r.sent, r.readBack, r.schemaIds, r.partitions.size(), seconds(r.sendNanos),
          (r.sent - 1) / seconds(r.sendNanos));
      sent += r.sent;
      timedEvents += r.sent - 1;
      read += r.readBack;
      bytes += r.valueBytes;
      nanos += r.sendNanos;
      ok &= r.readBack == r.sent && r.mismatches == 0;
    }
    for (TopicReport r : reports) {
      if (r.refused > 0) {
        System.out.printf("%n%s: %,d of %,d events refused by the schema's data rules, nothing sent"
            + " for them (InvalidEventException at send), by rule:%n", r.topic, r.refused,
            r.refused + r.sent);
        r.refusedByRule.forEach((rule, n) -> System.out.printf("  %,7d  %s%n", n, rule));
      }
    }
    System.out.printf("%nA few records, decoded with the schema the registry holds for their id:%n");
    reports.forEach(r -> r.samples.forEach(s -> System.out.println("  " + s)));
    System.out.printf("%nTotal: %,d events sent, %,d read back and decoded%s.%n", sent, read,
        ok ? ": every key and frame as sent" : "");
    System.out.printf("Throughput: %,.0f events/s (%.1f MB/s of values), acks=all, timed from each"
        + " topic's second send until all were acknowledged.%n",
        timedEvents / seconds(nanos), bytes * ((double) timedEvents / sent) / seconds(nanos) / 1e6);
    if (!ok) {
      reports.stream().filter(r -> r.readBack != r.sent || r.mismatches > 0).forEach(r ->
          System.out.printf("MISMATCH on %s: sent %d, read back %d, %d with a wrong key or frame%n",
              r.topic, r.sent, r.readBack, r.mismatches));
    }
    return ok ? 0 : 1;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** What one topic saw. */
  private static final class TopicReport {
    final String topic;
    final String eventClass;
    final int sent;
    final long sendNanos;
    final Set<Integer> schemaIds = new java.util.TreeSet<>();
    final Set<Integer> partitions = new java.util.TreeSet<>();
    final List<String> samples = new ArrayList<>();
    int readBack;
    int mismatches;
    long valueBytes;
    int refused;
    Map<String, Integer> refusedByRule = Map.of();

    TopicReport(String topic, String eventClass, int sent, long sendNanos) {
      this.topic = topic;
      this.eventClass = eventClass;
      this.sent = sent;
      this.sendNanos = sendNanos;
    }

    void record(int schemaId, int partition, boolean matches, int bytes, String sample) {
      readBack++;
      schemaIds.add(schemaId);
      partitions.add(partition);
      valueBytes += bytes;
      if (!matches) {
        mismatches++;
      }
      if (sample != null) {
        samples.add(sample);
      }
    }
  }
}
