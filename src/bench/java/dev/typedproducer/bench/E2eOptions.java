package dev.typedproducer.bench;

/**
 * The end-to-end harness's command line.
 *
 * @param broker with no {@code --bootstrap-servers}, where the harness's own broker runs:
 *     {@code process} (the default), a JVM of its own; {@code in-jvm}, this one's
 * @param typedPool 0 (the default): the typed side sends every event; N: it cycles through the
 *     first N events, which then stay in the CPU's caches, a diagnostic of what reading events
 *     from memory costs the typed side (the raw side reads only its pre-encoded bytes)
 */
record E2eOptions(String event, int events, int rounds, int warmup, int rate,
    int latencySeconds, int latencyRuns, String bootstrapServers, String registryUrl, String topic,
    String out, int typedPool, String broker) {

  private static final String USAGE = "options: --event UserClick|InferenceRequest --events N"
      + " --rounds N --warmup N --rate EVENTS_PER_SECOND --latency-seconds N --latency-runs N"
      + " --bootstrap-servers HOST:PORT"
      + " --registry-url URL --topic NAME --out FILE --broker process|in-jvm"
      + " --typed-pool N (a diagnostic)";

  static E2eOptions parse(String[] args) {
    String event = "InferenceRequest";
    int events = 200_000;
    int rounds = 6;
    int warmup = 2;
    int rate = 20_000;
    int latencySeconds = 10;
    int latencyRuns = 4;
    String bootstrap = null;
    String registry = null;
    String topic = null;
    String out = "target/e2e-result.json";
    int typedPool = 0;
    String broker = "process";
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
      }
      switch (args[i]) {
        case "--event" -> event = value;
        case "--events" -> events = Integer.parseInt(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--rate" -> rate = Integer.parseInt(value);
        case "--latency-seconds" -> latencySeconds = Integer.parseInt(value);
        case "--latency-runs" -> latencyRuns = Integer.parseInt(value);
        case "--bootstrap-servers" -> bootstrap = value;
        case "--registry-url" -> registry = value;
        case "--topic" -> topic = value;
        case "--out" -> out = value;
        case "--typed-pool" -> typedPool = Integer.parseInt(value);
        case "--broker" -> broker = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
      }
    }
    if (events < 1_000 || rounds < 1 || warmup < 0 || rate < 1 || latencySeconds < 1
        || latencyRuns < 1 || typedPool < 0 || typedPool > events
        || !(broker.equals("process") || broker.equals("in-jvm"))) {
      throw new IllegalArgumentException("--events must be at least 1000, and --rounds, --rate,"
          + " --latency-seconds and --latency-runs at least 1, --warmup at least 0,"
          + " --typed-pool from 0 to --events, and --broker process or in-jvm; " + USAGE);
    }
    return new E2eOptions(event, events, rounds, warmup, rate, latencySeconds, latencyRuns,
        bootstrap, registry, topic, out, typedPool, broker);
  }

  @Override
  public String toString() {
    return String.format("%,d %s events, %d rounds after %d warm-up, latency at %,d/s for %d s"
        + " x %d runs%s%s",
        events, event, rounds, warmup, rate, latencySeconds, latencyRuns,
        bootstrapServers != null ? "" : ", broker " + broker, typedPool == 0 ? ""
            : String.format(" (diagnostic: the typed side cycles through %,d events)", typedPool));
  }
}
