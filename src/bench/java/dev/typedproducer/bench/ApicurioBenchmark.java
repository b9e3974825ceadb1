package dev.typedproducer.bench;

import dev.typedproducer.RuleViolation;
import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.events.ml.InferenceRequest;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.internal.rules.Rules;
import dev.typedproducer.internal.schema.RegistrySchemas;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import dev.typedproducer.testing.LocalSchemaRegistry;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
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
 * The cost of turning one event into the bytes of a Kafka value, per serializer, in one run:
 * <ul>
 *   <li>{@code typedProducer}: the SDK's serializer (Confluent's wire format, schema id fixed at
 *       start-up, per-thread buffer);
 *   <li>{@code apicurio}: Apicurio's own {@code AvroKafkaSerializer} 2.4.2, configured for
 *       Confluent's wire format (4-byte id in the payload), its registry lookups cached after the
 *       first event;
 *   <li>{@code plainAvro}: the shortest hand-written version (new stream per call, cached writer),
 *       a floor for what any wire-format serializer costs;
 *   <li>{@code rules}: checking the schema's data rules ({@code "kafka.rules"}) on the event, as
 *       {@code send} does before it serializes; {@code rulesAndTypedProducer}: both, as a send
 *       does them. Compare {@code rules} with {@code typedProducer} in the same run.
 * </ul>
 * Confluent's own serializer is not on Maven Central, so it cannot be measured here.
 *
 * <p>One event, and a registry started for Apicurio: SerializerBenchmark compares the SDK with
 * Avro's writer on a pool of distinct events, SendPathBenchmark the whole send.
 *
 * <pre>./mvnw -Pbench verify -Dbench.args="ApicurioBenchmark"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m",
    "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.typedproducer.events"})
public class ApicurioBenchmark {
  @Param({"UserClick", "InferenceRequest"})
  public String event;

  private LocalSchemaRegistry registry;
  private SpecificRecord value;
  private String topic;
  private Serializer<SpecificRecord> typedProducer;
  private AvroKafkaSerializer<SpecificRecord> apicurio;
  private PlainAvro plainAvro;
  private Rules rules;
  /** One headers object for all: Kafka passes the record's own, and none of these write to it. */
  private final RecordHeaders headers = new RecordHeaders();

  @Setup(Level.Trial)
  public void start() {
    registry = LocalSchemaRegistry.start(LocalSchemaRegistry.defaultRunnerJar());
    value = event.equals("UserClick")
        ? UserClick.newBuilder().setUserId("user_123").setAction(Action.BUY).setPage("/checkout")
            .setOccurredAt(Instant.ofEpochMilli(1_763_800_000_000L)).setReferrer("/search?q=shoes")
            .setAttributes(Map.of("experiment", "b", "locale", "en-GB")).build()
        : InferenceRequest.newBuilder().setRequestId(UUID.randomUUID()).setModel("ranker")
            .setModelVersion(14).setFeatures(List.of(0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f))
            .setScore(0.93f).setCostUsd(new BigDecimal("0.004250"))
            .setRequestedAt(Instant.ofEpochMilli(1_763_800_000_000L)).build();
    topic = event.equals("UserClick") ? "user_clicks" : "inference_requests";

    SchemaRegistryClient client = SchemaRegistryClient.create(registry.url(), Duration.ofSeconds(10), null);
    int id = client.register(topic + "-value", RegistrySchemas.text(value.getSchema()));
    typedProducer = serializerFor(id, value);

    apicurio = new AvroKafkaSerializer<>();
    apicurio.configure(Map.of(
        SerdeConfig.REGISTRY_URL, registry.url().replace("/apis/ccompat/v7", "/apis/registry/v2"),
        SerdeConfig.AUTO_REGISTER_ARTIFACT, true,
        SerdeConfig.ENABLE_HEADERS, false,
        SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, true), false);
    apicurio.serialize(topic, new RecordHeaders(), value); // registers and caches the schema

    plainAvro = new PlainAvro(id, value);
    rules = Rules.of(value.getSchema(), "bench", Clock.systemUTC());
    if (!rules.violations(value).isEmpty()) {
      throw new IllegalStateException("the reference event breaks its rules: "
          + rules.violations(value));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Serializer<SpecificRecord> serializerFor(int id, SpecificRecord value) {
    return (Serializer) new AvroWireSerializer<>(id, value.getSchema(),
        SpecificData.getForClass(value.getClass()));
  }

  @TearDown(Level.Trial)
  public void stop() {
    apicurio.close();
    registry.close();
  }

  @Benchmark
  public byte[] typedProducer() {
    return typedProducer.serialize(topic, headers, value);
  }

  @Benchmark
  public List<RuleViolation> rules() {
    return rules.violations(value);
  }

  @Benchmark
  public byte[] rulesAndTypedProducer() {
    if (!rules.violations(value).isEmpty()) {
      throw new IllegalStateException("broken rules");
    }
    return typedProducer.serialize(topic, headers, value);
  }

  @Benchmark
  public byte[] apicurio() {
    return apicurio.serialize(topic, headers, value);
  }

  @Benchmark
  public byte[] plainAvro() {
    return plainAvro.serialize(value);
  }

  /** The wire format written the plain way: a new stream and encoder per value. */
  private static final class PlainAvro {
    private final int id;
    private final SpecificDatumWriter<SpecificRecord> writer;

    PlainAvro(int id, SpecificRecord sample) {
      this.id = id;
      this.writer = new SpecificDatumWriter<>(sample.getSchema(),
          SpecificData.getForClass(sample.getClass()));
    }

    byte[] serialize(SpecificRecord value) {
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(value, encoder);
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
