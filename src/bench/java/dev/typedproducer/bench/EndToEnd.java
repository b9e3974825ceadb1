package dev.typedproducer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.typedproducer.TypedProducer;
import dev.typedproducer.internal.config.DurableProducerConfig;
import dev.typedproducer.internal.key.KeyField;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.internal.schema.RegistrySchemas;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * End to end, in one JVM and one run: N distinct events sent by {@code TypedProducer}, and the
 * same events pre-encoded sent by a raw {@code KafkaProducer<byte[], byte[]>} with the very same
 * settings (the SDK's durable ones: acks=all, idempotence; plus lz4, linger.ms=5, 64 KB batches,
 * 3 partitions). The two alternate for several rounds, each round timed from the first send until
 * every record is acknowledged; it prints records/s, MB/s and the ratio per round and their
 * medians. Then send-to-ack latency at a fixed offered rate (measured from when each send was due,
 * so a stall counts against it), p50/p99/p99.9, for both, alternating again. Results also go to
 * {@code target/e2e-result.json}.
 *
 * <p>With no {@code --bootstrap-servers} it starts a one-node broker (Kafka's test kit) in a JVM
 * of its own, as a deployment's broker is ({@code --broker in-jvm}: in this one); with no
 * {@code --registry-url} a local registry.
 *
 * <pre>./mvnw -q -Pe2e verify -De2e.args="--events 200000 --rounds 6 --rate 20000"</pre>
 */
public final class EndToEnd {
  private static final Map<String, Object> SETTINGS = Map.of(
      ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
      ProducerConfig.LINGER_MS_CONFIG, 5,
      ProducerConfig.BATCH_SIZE_CONFIG, 65_536);

  private final E2eOptions options;
  private final String bootstrap;
  private final String registryUrl;
  private final Map<String, Object> results = new LinkedHashMap<>();
  private final CpuMeter cpu;

  private EndToEnd(E2eOptions options, String bootstrap, String registryUrl, CpuMeter cpu) {
    this.options = options;
    this.cpu = cpu;
    this.bootstrap = bootstrap;
    this.registryUrl = registryUrl;
  }

  public static void main(String[] args) throws Exception {
    E2eOptions options = E2eOptions.parse(args);
    boolean own = options.bootstrapServers() == null;
    BrokerProcess child = own && options.broker().equals("process") ? BrokerProcess.start("1g")
        : null;
    LocalKafka kafka = own && child == null ? LocalKafka.start() : null;
    try (LocalSchemaRegistry registry = options.registryUrl() == null
        ? LocalSchemaRegistry.start(LocalSchemaRegistry.defaultRunnerJar()) : null) {
      String bootstrap = child != null ? child.bootstrapServers()
          : kafka != null ? kafka.bootstrapServers() : options.bootstrapServers();
      String url = registry != null ? registry.url() : options.registryUrl();
      System.out.printf("Kafka %s%s, registry %s; %s%n", bootstrap,
          child != null ? " (a broker in its own JVM)" : kafka != null ? " (in-process broker)"
              : "", url, options);
      new EndToEnd(options, bootstrap, url,
          new CpuMeter(child != null ? child.handle() : null)).run();
    } finally {
      if (kafka != null) {
        kafka.close();
      }
      if (child != null) {
        child.close();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void run() throws IOException {
    String name = options.event();
    List<SpecificRecord> events = BenchEvents.pool(name, options.events(), 2026);
    Class<SpecificRecord> type = (Class<SpecificRecord>) events.get(0).getClass();
    String topic = options.topic() != null ? options.topic()
        : "e2e_" + BenchEvents.topic(name) + "_" + System.currentTimeMillis();

    // Registered up front, as schemas are by `register` in a deployment; build() only looks it up.
    SchemaRegistryClient registry =
        SchemaRegistryClient.create(registryUrl, Duration.ofSeconds(10), null);
    String schemaText = RegistrySchemas.text(events.get(0).getSchema());
    int schemaId = registry.register(topic + "-value", schemaText);
    long start = System.nanoTime();
    TypedProducer<SpecificRecord> typed = TypedProducer.builder(type)
        .bootstrapServers(bootstrap).schemaRegistryUrl(registryUrl).topic(topic)
        .createTopicIfMissing(3).kafkaSettings(SETTINGS).build();
    double buildMs = (System.nanoTime() - start) / 1e6;
    System.out.printf("build() to ready: %.0f ms (schema id lookup, topic creation and check, Kafka client)%n",
        buildMs);
    results.put("buildMillis", buildMs);
    long lookupStart = System.nanoTime();
    registry.lookup(topic + "-value", schemaText); // the one registry round trip build() makes
    double lookupMs = (System.nanoTime() - lookupStart) / 1e6;
    System.out.printf("of which the registry round trip (one schema lookup): %.1f ms%n", lookupMs);
    results.put("registryLookupMillis", lookupMs);

    // The raw side sends what the SDK would: the same key bytes and the same framed values.
    AvroWireSerializer<SpecificRecord> serializer = new AvroWireSerializer<>(schemaId,
        events.get(0).getSchema(), SpecificData.getForClass(type));
    KeyField keyField = KeyField.of(events.get(0).getSchema());
    byte[][] keys = new byte[events.size()][];
    byte[][] values = new byte[events.size()][];
    long bytes = 0;
    for (int i = 0; i < events.size(); i++) {
      keys[i] = KeyField.bytes(keyField.valueOf(events.get(i)));
      values[i] = serializer.serialize(topic, events.get(i));
      bytes += keys[i].length + values[i].length;
    }
    System.out.printf("%,d distinct %s events, %.0f bytes each on average (key + value)%n",
        events.size(), name, (double) bytes / events.size());
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
        DurableProducerConfig.of(bootstrap, SETTINGS), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      // Both sides hear of each acknowledgement through a callback and keep nothing per record,
      // as a service that sends and moves on does; a failure is kept and thrown after the round.
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Sender rawSender = i -> raw.send(new ProducerRecord<>(topic, null, null, keys[i], values[i]),
          (metadata, e) -> keep(failure, e));
      int pool = options.typedPool() == 0 ? events.size() : options.typedPool();
      Sender typedSender = i -> typed.send(events.get(i % pool))
          .whenComplete((r, e) -> keep(failure, e));
      Runnable rawFlush = () -> {
        raw.flush();
        check(failure.get());
      };
      Runnable typedFlush = () -> {
        typed.flush(); // every future is complete when flush() returns
        check(failure.get());
      };
      throughput(rawSender, rawFlush, typedSender, typedFlush, events.size(), bytes);
      latency(topic, raw, keys, values, typed, events);
    } finally {
      typed.close();
    }
    results.put("event", name);
    results.put("broker", options.bootstrapServers() != null ? "external" : options.broker());
    results.put("typedPool", options.typedPool());
    results.put("events", events.size());
    results.put("bytesPerEvent", (double) bytes / events.size());
    Path out = Path.of(options.out());
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), results);
    System.out.println("Results in " + out);
  }

  private interface Sender {
    void send(int index);
  }

  private static void keep(AtomicReference<Throwable> failure, Throwable e) {
    if (e != null) {
      failure.compareAndSet(null, e);
    }
  }

  private static void check(Throwable e) {
    if (e != null) {
      throw new IllegalStateException("a send failed: " + e, e);
    }
  }

  private void throughput(Sender raw, Runnable rawFlush, Sender typed, Runnable typedFlush,
      int n, long bytes) {
    int warmup = options.warmup();
    System.out.printf("%nThroughput, %d rounds after %d warm-up round(s), which are not counted%n",
        options.rounds(), warmup);
    System.out.printf("%-6s %14s %9s %14s %9s %8s%n", "round", "raw rec/s", "raw MB/s",
        "typed rec/s", "typed MB/s", "typed/raw");
    List<Double> rawRates = new ArrayList<>();
    List<Double> typedRates = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    List<double[]> rawCpu = new ArrayList<>();
    List<double[]> typedCpu = new ArrayList<>();
    for (int round = 1 - warmup; round <= options.rounds(); round++) {
      // Alternate which goes first, so neither always meets a broker still busy with the other.
      Run rawRun;
      Run typedRun;
      if (round % 2 == 0) {
        rawRun = timed(raw, rawFlush, n);
        typedRun = timed(typed, typedFlush, n);
      } else {
        typedRun = timed(typed, typedFlush, n);
        rawRun = timed(raw, rawFlush, n);
      }
      double mbPerRecord = bytes / (double) n / 1e6;
      System.out.printf("%-6s %,14.0f %9.1f %,14.0f %9.1f %8.2f%n", round <= 0 ? "warm" : round,
          rawRun.rate(), rawRun.rate() * mbPerRecord, typedRun.rate(),
          typedRun.rate() * mbPerRecord, typedRun.rate() / rawRun.rate());
      if (round > 0) {
        rawRates.add(rawRun.rate());
        typedRates.add(typedRun.rate());
        ratios.add(typedRun.rate() / rawRun.rate());
        rawCpu.add(rawRun.cpu());
        typedCpu.add(typedRun.cpu());
      }
    }
    System.out.printf("%-6s %,14.0f %9s %,14.0f %9s %8.2f%n", "median", median(rawRates), "",
        median(typedRates), "", median(ratios));
    results.put("rawRecordsPerSecond", rawRates);
    results.put("typedRecordsPerSecond", typedRates);
    results.put("ratios", ratios);
    results.put("medianRaw", median(rawRates));
    results.put("medianTyped", median(typedRates));
    results.put("medianRatio", median(ratios));
    cpuTable(rawCpu, typedCpu);
  }

  /** Where each side's CPU went, per record: the medians over the counted rounds. */
  private void cpuTable(List<double[]> raw, List<double[]> typed) {
    System.out.printf("%nCPU per record, microseconds (median of the rounds; 2 cores are shared"
        + " by all)%n%-8s %8s %8s %8s%n", "part", "raw", "typed", "added");
    Map<String, Object> rawParts = new LinkedHashMap<>();
    Map<String, Object> typedParts = new LinkedHashMap<>();
    double rawTotal = 0;
    double typedTotal = 0;
    for (int part = 0; part < CpuMeter.PARTS.length; part++) {
      int at = part;
      double r = median(raw.stream().map(cpu -> cpu[at]).toList());
      double t = median(typed.stream().map(cpu -> cpu[at]).toList());
      rawTotal += r;
      typedTotal += t;
      rawParts.put(CpuMeter.PARTS[part], r);
      typedParts.put(CpuMeter.PARTS[part], t);
      System.out.printf("%-8s %8.3f %8.3f %+8.3f%n", CpuMeter.PARTS[part], r, t, t - r);
    }
    System.out.printf("%-8s %8.3f %8.3f %+8.3f%n", "total", rawTotal, typedTotal,
        typedTotal - rawTotal);
    results.put("rawCpuMicrosPerRecord", rawParts);
    results.put("typedCpuMicrosPerRecord", typedParts);
  }

  /** A timed run: records per second, and CPU microseconds per record by {@link CpuMeter#PARTS}. */
  private record Run(double rate, double[] cpu) {}

  /**
   * Each timed run starts from a collected heap, so a garbage collection that lands in a run is
   * one that run's own allocation caused, not what the run before it left behind.
   */
  private Run timed(Sender sender, Runnable flush, int n) {
    System.gc();
    long[] before = cpu.now();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sender.send(i);
    }
    flush.run(); // returns once every record sent is acknowledged (or failed)
    double rate = n / ((System.nanoTime() - start) / 1e9);
    return new Run(rate, CpuMeter.perRecord(before, cpu.now(), n));
  }

  private void latency(String topic, KafkaProducer<byte[], byte[]> raw, byte[][] keys,
      byte[][] values, TypedProducer<SpecificRecord> typed, List<SpecificRecord> events) {
    int rate = options.rate();
    int runs = options.latencyRuns();
    int n = (int) Math.min((long) rate * options.latencySeconds(), events.size());
    PacedSender rawSender = (i, done) -> raw.send(
        new ProducerRecord<>(topic, null, null, keys[i], values[i]), (m, e) -> done.run());
    PacedSender typedSender =
        (i, done) -> typed.send(events.get(i)).whenComplete((r, e) -> done.run());
    System.out.printf("%nSend-to-ack latency at %,d events/s, %,d events per run, %d runs each,"
        + " alternating (ms)%n%-6s %8s %8s %8s %8s %8s %8s%n", rate, n, runs, "run", "raw p50",
        "raw p99", "typed p50", "typed p99", "p99 t/r", "");
    long[][] rawRuns = new long[runs][];
    long[][] typedRuns = new long[runs][];
    List<Double> p99Ratios = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      // Alternate which goes first, as the throughput rounds do.
      if (run % 2 == 0) {
        rawRuns[run] = paced(n, rate, rawSender);
        typedRuns[run] = paced(n, rate, typedSender);
      } else {
        typedRuns[run] = paced(n, rate, typedSender);
        rawRuns[run] = paced(n, rate, rawSender);
      }
      Arrays.sort(rawRuns[run]);
      Arrays.sort(typedRuns[run]);
      double ratio = at(typedRuns[run], 0.99) / at(rawRuns[run], 0.99);
      p99Ratios.add(ratio);
      System.out.printf("%-6d %8.2f %8.2f %8.2f %8.2f %8.2f%n", run + 1, at(rawRuns[run], 0.5),
          at(rawRuns[run], 0.99), at(typedRuns[run], 0.5), at(typedRuns[run], 0.99), ratio);
    }
    System.out.printf("All runs together%n%-6s %8s %8s %8s %8s%n", "", "p50", "p99", "p99.9",
        "max");
    Map<String, Object> raws = percentiles("raw", merge(rawRuns));
    Map<String, Object> typeds = percentiles("typed", merge(typedRuns));
    System.out.printf("p99 typed/raw: %.2f over all runs together; median of the runs' ratios:"
        + " %.2f%n", (double) typeds.get("p99") / (double) raws.get("p99"), median(p99Ratios));
    results.put("latencyRate", rate);
    results.put("latencyRaw", raws);
    results.put("latencyTyped", typeds);
    results.put("latencyP99Ratios", p99Ratios);
    results.put("latencyMedianP99Ratio", median(p99Ratios));
  }

  private interface PacedSender {
    void send(int index, Runnable acknowledged);
  }

  /** Sends n events at {@code rate}/s; each latency runs from when its send was due to its ack. */
  private static long[] paced(int n, int rate, PacedSender sender) {
    System.gc(); // as in timed(): each run pays for its own garbage only
    long[] latencies = new long[n];
    AtomicLong acknowledged = new AtomicLong();
    long start = System.nanoTime();
    long interval = 1_000_000_000L / rate;
    for (int i = 0; i < n; i++) {
      long due = start + i * interval;
      while (System.nanoTime() < due) {
        LockSupport.parkNanos(Math.max(1, (due - System.nanoTime()) / 2));
      }
      int index = i;
      sender.send(i, () -> {
        latencies[index] = System.nanoTime() - due;
        acknowledged.incrementAndGet();
      });
    }
    while (acknowledged.get() < n) {
      LockSupport.parkNanos(1_000_000);
    }
    return latencies;
  }

  private static long[] merge(long[][] runs) {
    long[] all = Arrays.stream(runs).flatMapToLong(Arrays::stream).toArray();
    Arrays.sort(all);
    return all;
  }

  private static Map<String, Object> percentiles(String name, long[] sorted) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("p50", at(sorted, 0.50));
    p.put("p99", at(sorted, 0.99));
    p.put("p999", at(sorted, 0.999));
    p.put("max", sorted[sorted.length - 1] / 1e6);
    System.out.printf("%-6s %8.2f %8.2f %8.2f %8.2f%n", name, p.get("p50"), p.get("p99"),
        p.get("p999"), p.get("max"));
    return p;
  }

  private static double at(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
