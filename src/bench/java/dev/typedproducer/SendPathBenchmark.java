package dev.typedproducer;

import dev.typedproducer.bench.BenchEvents;
import dev.typedproducer.internal.key.KeyField;
import dev.typedproducer.internal.rules.RuleGate;
import dev.typedproducer.internal.rules.Rules;
import dev.typedproducer.internal.send.DeliveryFailures;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import dev.typedproducer.internal.time.EventTime;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one {@code send} costs and allocates before Kafka's own client takes over, beside a raw
 * {@code KafkaProducer<byte[], byte[]>} send of the same event pre-encoded. Both go to the same
 * stand-in producer, which acknowledges at once, so the difference is the SDK's: key, value,
 * the future, the SendResult, and the schema's data rules checked (no metrics configured). Run with {@code -prof gc} ({@code gc.alloc.rate.norm}, bytes per send).
 *
 * <pre>./mvnw -q -Pbench verify -Dbench.args="-prof gc SendPathBenchmark"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class SendPathBenchmark {
  private static final int POOL = 1_024;
  private static final Callback IGNORE = (metadata, exception) -> { };

  @Param({"UserClick", "InferenceRequest"})
  public String event;

  private SpecificRecord[] pool;
  private byte[][] keys;
  private byte[][] values;
  private String topic;
  private TypedProducer<SpecificRecord> typed;
  private Producer<byte[], byte[]> raw;
  private int next;

  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void start() {
    List<SpecificRecord> events = BenchEvents.pool(event, POOL, 11);
    pool = events.toArray(new SpecificRecord[0]);
    topic = BenchEvents.topic(event);
    SpecificData model = SpecificData.getForClass(pool[0].getClass());
    AvroWireSerializer<SpecificRecord> serializer =
        new AvroWireSerializer<>(42, pool[0].getSchema(), model);
    KeyField keyField = KeyField.of(pool[0].getSchema());
    keys = new byte[POOL][];
    values = new byte[POOL][];
    for (int i = 0; i < POOL; i++) {
      keys[i] = KeyField.bytes(keyField.valueOf(pool[i]));
      values[i] = serializer.serialize(topic, pool[i]);
    }
    raw = acknowledgingProducer(topic);
    // As build() sets it up: the built-in serializer checks the gate's rules as it writes.
    Rules rules = Rules.of(pool[0].getSchema(), "bench", Clock.systemUTC());
    typed = new TypedProducer<>(acknowledgingProducer(topic), serializer.checking(rules), topic,
        event, SendPath.of(keyField, new DeliveryFailures(topic, Map.of()))
            .withRules(new RuleGate(rules, pool[0].getSchema().getFullName(), false), null)
            .withEventTime(EventTime.of(pool[0].getSchema())), List.of());
  }

  @TearDown(Level.Trial)
  public void stop() {
    typed.close();
  }

  @Benchmark
  public CompletableFuture<SendResult> typedSend() {
    next = (next + 1) & (POOL - 1);
    return typed.send(pool[next]);
  }

  @Benchmark
  public Object rawSend() {
    next = (next + 1) & (POOL - 1);
    return raw.send(new ProducerRecord<>(topic, null, null, keys[next], values[next]), IGNORE);
  }

  /** A producer that acknowledges every send at once, with one metadata object for all. */
  @SuppressWarnings("unchecked")
  private static Producer<byte[], byte[]> acknowledgingProducer(String topic) {
    RecordMetadata metadata = new RecordMetadata(new TopicPartition(topic, 0), 0, 0, 0, 36, 200);
    CompletableFuture<RecordMetadata> done = CompletableFuture.completedFuture(metadata);
    return (Producer<byte[], byte[]>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
        new Class<?>[] {Producer.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "send" -> {
              ((Callback) args[1]).onCompletion(metadata, null);
              return done;
            }
            case "metrics" -> {
              return Map.of();
            }
            case "hashCode" -> {
              return System.identityHashCode(proxy);
            }
            case "equals" -> {
              return proxy == args[0];
            }
            case "toString" -> {
              return "acknowledging producer";
            }
            default -> {
              return null;
            }
          }
        });
  }
}
