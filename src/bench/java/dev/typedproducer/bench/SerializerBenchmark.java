package dev.typedproducer.bench;

import dev.typedproducer.internal.serde.AvroWireSerializer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one event's value bytes (Confluent's wire format: 5-byte header, Avro body), per
 * schema in {@code schemas/}, on one and on two threads, in one run so that each figure has its
 * ratio beside it:
 * <ul>
 *   <li>{@code sdk}: the SDK's serializer (the encoder plan);
 *   <li>{@code avro}: Avro's own {@code SpecificDatumWriter}, as fast as Avro goes: the writer, a
 *       buffered encoder and its stream reused by each thread, the header written by hand.
 * </ul>
 * Each thread walks its own slice of a pool of 1,024 distinct events, so no branch or cache
 * learns one object. Run with {@code -prof gc} for the bytes allocated per event
 * ({@code gc.alloc.rate.norm}).
 *
 * <pre>./mvnw -q -Pbench verify -Dbench.args="-prof gc SerializerBenchmark"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class SerializerBenchmark {
  static final int POOL = 1_024;
  static final int SCHEMA_ID = 42;

  @Param({"UserClick", "InferenceRequest"})
  public String event;

  SpecificRecord[] pool;
  String topic;
  AvroWireSerializer<SpecificRecord> sdk;
  Schema schema;
  SpecificData model;

  @Setup(Level.Trial)
  public void start() {
    List<SpecificRecord> events = BenchEvents.pool(event, POOL, 7);
    pool = events.toArray(new SpecificRecord[0]);
    topic = BenchEvents.topic(event);
    model = SpecificData.getForClass(pool[0].getClass());
    schema = pool[0].getSchema();
    sdk = new AvroWireSerializer<>(SCHEMA_ID, schema, model);
  }

  /** One thread's place in the pool, and Avro's writer, encoder and stream reused by it. */
  @State(Scope.Thread)
  public static class PerThread {
    int next;
    AvroReusedWriter avro;

    @Setup(Level.Trial)
    public void start(SerializerBenchmark shared) {
      next = (int) (Thread.currentThread().getId() * 397) & (POOL - 1);
      avro = new AvroReusedWriter(SCHEMA_ID, shared.schema, shared.model);
    }

    SpecificRecord nextEvent(SpecificRecord[] pool) {
      next = (next + 1) & (POOL - 1);
      return pool[next];
    }

    byte[] avro(SpecificRecord value) {
      return avro.write(value);
    }
  }

  @Benchmark
  public byte[] sdk(PerThread thread) {
    return sdk.serialize(topic, thread.nextEvent(pool));
  }

  @Benchmark
  public byte[] avro(PerThread thread) {
    return thread.avro(thread.nextEvent(pool));
  }

  @Benchmark
  @Threads(2)
  public byte[] sdk2Threads(PerThread thread) {
    return sdk.serialize(topic, thread.nextEvent(pool));
  }

  @Benchmark
  @Threads(2)
  public byte[] avro2Threads(PerThread thread) {
    return thread.avro(thread.nextEvent(pool));
  }
}
