package dev.typedproducer.bench;

import dev.typedproducer.internal.rules.Rules;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One side of {@link RulesCost}: times {@code n} writes of the reference events, one way. Loaded
 * by a class loader of its own per side.
 */
public final class RulesCostSide implements IntToDoubleFunction {
  static final int POOL = 1_024;

  private final SpecificRecord[] pool =
      BenchEvents.pool("InferenceRequest", POOL, 13).toArray(new SpecificRecord[0]);
  private final Function<SpecificRecord, byte[]> write;
  private long sink;

  public RulesCostSide(String mode) {
    String topic = BenchEvents.topic("InferenceRequest");
    AvroWireSerializer<SpecificRecord> plain = new AvroWireSerializer<>(42, pool[0].getSchema(),
        SpecificData.getForClass(pool[0].getClass()));
    Rules rules = Rules.of(pool[0].getSchema(), "bench", Clock.systemUTC());
    AvroWireSerializer<SpecificRecord> checking = plain.checking(rules);
    this.write = switch (mode) {
      case "serialize" -> e -> plain.serialize(topic, e);
      case "rulesAndSerialize" -> e -> checking.serializeKeepingRules(topic, e);
      case "rulesThenSerialize" -> e -> {
        if (!rules.passes(e)) {
          throw new IllegalStateException("a pool event breaks its rules: " + rules.violations(e));
        }
        return plain.serialize(topic, e);
      };
      default -> throw new IllegalArgumentException(mode);
    };
  }

  /** Nanoseconds per call of {@code n} calls, each on the next event of the pool. */
  @Override
  public double applyAsDouble(int n) {
    long bytes = 0;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      byte[] written = write.apply(pool[i & (POOL - 1)]);
      if (written == null) {
        throw new IllegalStateException("a pool event breaks its rules");
      }
      bytes += written.length;
    }
    double perCall = (double) (System.nanoTime() - start) / n;
    sink += bytes;
    return perCall;
  }
}
