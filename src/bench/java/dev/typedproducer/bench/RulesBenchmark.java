package dev.typedproducer.bench;

import dev.typedproducer.RuleViolation;
import dev.typedproducer.internal.rules.Rules;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checking the schema's data rules ({@code "kafka.rules"}) adds to serializing, in one run
 * so that the ratio is of figures taken side by side: {@code serialize} (the SDK's serializer
 * alone), {@code rulesAndSerialize} (both as {@code send} does them: the serializer checks each
 * value as it writes it), and, to show what that one pass saves, {@code rules} (the compiled
 * rules alone, a pass of their own over the event) and {@code rulesThenSerialize} (that pass,
 * then the serializer). The reference event is {@code InferenceRequest}: 8 finite features,
 * a score in [0, 1], a non-blank model name, a non-negative cost, a time neither before 2020 nor
 * in the future. It walks a pool of 1,024 distinct events, all of which keep the rules.
 * Target (issue 8): {@code rulesAndSerialize} at most 1.15 × {@code serialize}.
 *
 * <pre>./mvnw -q -Pbench verify -Dbench.args="-prof gc RulesBenchmark"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RulesBenchmark {
  private static final int POOL = 1_024;

  @Param({"InferenceRequest"})
  public String event;

  private SpecificRecord[] pool;
  private String topic;
  private AvroWireSerializer<SpecificRecord> serializer;
  private AvroWireSerializer<SpecificRecord> checking;
  private Rules rules;
  private int next;

  @Setup(Level.Trial)
  public void start() {
    pool = BenchEvents.pool(event, POOL, 13).toArray(new SpecificRecord[0]);
    topic = BenchEvents.topic(event);
    serializer = new AvroWireSerializer<>(42, pool[0].getSchema(),
        SpecificData.getForClass(pool[0].getClass()));
    rules = Rules.of(pool[0].getSchema(), "bench", Clock.systemUTC());
    checking = serializer.checking(rules);
    for (SpecificRecord value : pool) {
      if (!rules.violations(value).isEmpty()) {
        throw new IllegalStateException("a pool event breaks its rules: " + rules.violations(value));
      }
    }
  }

  private SpecificRecord nextEvent() {
    next = (next + 1) & (POOL - 1);
    return pool[next];
  }

  @Benchmark
  public byte[] serialize() {
    return serializer.serialize(topic, nextEvent());
  }

  @Benchmark
  public List<RuleViolation> rules() {
    return rules.violations(nextEvent());
  }

  @Benchmark
  public byte[] rulesAndSerialize() {
    byte[] bytes = checking.serializeKeepingRules(topic, nextEvent());
    if (bytes == null) {
      throw new IllegalStateException("broken rules");
    }
    return bytes;
  }

  @Benchmark
  public byte[] rulesThenSerialize() {
    SpecificRecord value = nextEvent();
    if (!rules.violations(value).isEmpty()) {
      throw new IllegalStateException("broken rules");
    }
    return serializer.serialize(topic, value);
  }
}
