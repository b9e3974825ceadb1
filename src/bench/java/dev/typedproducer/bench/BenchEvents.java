package dev.typedproducer.bench;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.events.ml.InferenceRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * Pools of distinct, plausible events for the benchmarks and the end-to-end harness, one per
 * schema in {@code schemas/}: every event differs (ids, times, feature values), so neither a
 * cache nor compression flatters one side. Seeded, so that every run sends the same events.
 */
public final class BenchEvents {
  private static final long START = 1_763_800_000_000L;
  private static final String[] MODELS = {"ranker", "embedder", "fraud-scorer", "intent"};
  private static final String[] WORDS = {"shoes", "red+dress", "laptop", "gift", "tent"};

  private BenchEvents() {}

  /** The simple names of the event classes the pools cover, one per schema in schemas/. */
  public static final List<String> NAMES = List.of("UserClick", "InferenceRequest");

  /** {@code size} distinct events of the event class named {@code name} (see {@link #NAMES}). */
  public static List<SpecificRecord> pool(String name, int size, long seed) {
    Random random = new Random(seed);
    List<SpecificRecord> events = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      events.add(switch (name) {
        case "UserClick" -> click(random, i);
        case "InferenceRequest" -> request(random, i);
        default -> throw new IllegalArgumentException("no event pool for " + name
            + ": add one to BenchEvents for each schema in schemas/ (known: " + NAMES + ")");
      });
    }
    return events;
  }

  /** The topic of the event class named {@code name}. */
  public static String topic(String name) {
    return name.equals("UserClick") ? "user_clicks" : "inference_requests";
  }

  /** About 110 bytes of Avro: a user id, a page, an optional referrer, 0 to 3 attributes. */
  private static UserClick click(Random random, int i) {
    Map<String, String> attributes = new HashMap<>();
    int count = random.nextInt(4);
    if (count > 0) {
      attributes.put("experiment", random.nextBoolean() ? "checkout-b" : "checkout-a");
    }
    if (count > 1) {
      attributes.put("locale", random.nextBoolean() ? "en-GB" : "de-DE");
    }
    if (count > 2) {
      attributes.put("session", Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
    }
    return UserClick.newBuilder()
        .setUserId("user_" + (100_000 + random.nextInt(900_000)))
        .setAction(Action.values()[random.nextInt(Action.values().length)])
        .setPage("/products/" + random.nextInt(50_000) + "/reviews")
        .setOccurredAt(Instant.ofEpochMilli(START + i * 37L + random.nextInt(37)))
        .setReferrer(random.nextBoolean() ? null : "/search?q=" + WORDS[random.nextInt(WORDS.length)])
        .setAttributes(attributes)
        .build();
  }

  /**
   * About 110 bytes of Avro: a uuid, a model, 8 features (what the schema's data rules require:
   * {@code "size": 8}), a score, a cost.
   */
  private static InferenceRequest request(Random random, int i) {
    int size = 8;
    List<Float> features = new ArrayList<>(size);
    for (int f = 0; f < size; f++) {
      features.add((float) random.nextGaussian());
    }
    return InferenceRequest.newBuilder()
        .setRequestId(new UUID(random.nextLong(), random.nextLong()))
        .setModel(MODELS[random.nextInt(MODELS.length)])
        .setModelVersion(1 + random.nextInt(200))
        .setFeatures(features)
        .setScore(random.nextInt(10) == 0 ? null : random.nextFloat())
        .setCostUsd(BigDecimal.valueOf(random.nextInt(5_000_000), 6))
        .setRequestedAt(Instant.ofEpochMilli(START + i * 5L + random.nextInt(5)))
        .build();
  }
}
