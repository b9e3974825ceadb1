package dev.typedproducer.bench;

/**
 * The end-to-end harness's command line.
 *
 * @param typedPool 0 (the default): the typed side sends every event; N: it cycles through the
 *     first N events, which then stay in the CPU's caches, a diagnostic of what reading events
 *     from memory costs the typed side (the raw side reads only its pre-encoded bytes)
 */
record E2eOptions(String event, int events, int rounds, int rate, int latencySeconds,
    int latencyRuns, String bootstrapServers, String registryUrl, String topic, String out,
    int typedPool) {

  private static final String USAGE = "options: --event UserClick|InferenceRequest --events N"
      + " --rounds N --rate EVENTS_PER_SECOND --latency-seconds N --latency-runs N"
      + " --bootstrap-servers HOST:PORT"
      + " --registry-url URL --topic NAME --out FILE --typed-pool N (a diagnostic)";

  static E2eOptions parse(String[] args) {
    String event = "InferenceRequest";
    int events = 200_000;
    int rounds = 6;
    int rate = 20_000;
    int latencySeconds = 10;
    int latencyRuns = 4;
    String bootstrap = null;
    String registry = null;
    String topic = null;
    String out = "target/e2e-result.json";
    int typedPool = 0;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
      }
      switch (args[i]) {
        case "--event" -> event = value;
        case "--events" -> events = Integer.parseInt(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--rate" -> rate = Integer.parseInt(value);
        case "--latency-seconds" -> latencySeconds = Integer.parseInt(value);
        case "--latency-runs" -> latencyRuns = Integer.parseInt(value);
        case "--bootstrap-servers" -> bootstrap = value;
        case "--registry-url" -> registry = value;
        case "--topic" -> topic = value;
        case "--out" -> out = value;
        case "--typed-pool" -> typedPool = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
      }
    }
    if (events < 1_000 || rounds < 1 || rate < 1 || latencySeconds < 1
        || latencyRuns < 1 || typedPool < 0 || typedPool > events) {
      throw new IllegalArgumentException("--events must be at least 1000, and --rounds, --rate,"
          + " --latency-seconds and --latency-runs at least 1, and --typed-pool from 0 to --events; "
          + USAGE);
    }
    return new E2eOptions(event, events, rounds, rate, latencySeconds, latencyRuns, bootstrap,
        registry, topic, out, typedPool);
  }

  @Override
  public String toString() {
    return String.format("%,d %s events, %d rounds, latency at %,d/s for %d s x %d runs%s",
        events, event, rounds, rate, latencySeconds, latencyRuns, typedPool == 0 ? ""
            : String.format(" (diagnostic: the typed side cycles through %,d events)", typedPool));
  }
}
