package dev.typedproducer.demo;

import java.nio.file.Path;

/** The demo's command line. */
record DemoOptions(Path schemas, int events, int partitions, int samples, String bootstrapServers,
    String registryUrl, double badShare) {

  static DemoOptions parse(String[] args) {
    Path schemas = Path.of("schemas");
    int events = 20_000;
    int partitions = 3;
    int samples = 2;
    String bootstrap = null;
    String registry = null;
    double badShare = 0;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--schemas" -> schemas = Path.of(require(args[i], value));
        case "--events" -> events = Integer.parseInt(require(args[i], value));
        case "--partitions" -> partitions = Integer.parseInt(require(args[i], value));
        case "--samples" -> samples = Integer.parseInt(require(args[i], value));
        case "--bootstrap-servers" -> bootstrap = require(args[i], value);
        case "--registry-url" -> registry = require(args[i], value);
        case "--bad-events" -> badShare = Double.parseDouble(require(args[i], value)) / 100;
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options:"
            + " --schemas DIR --events N --partitions N --samples N --bootstrap-servers HOST:PORT"
            + " --registry-url URL --bad-events PERCENT");
      }
      i++;
    }
    if (events < 2) {
      throw new IllegalArgumentException("--events must be at least 2, not " + events);
    }
    if (badShare < 0 || badShare >= 1) {
      throw new IllegalArgumentException("--bad-events is a percentage from 0 to below 100, not "
          + badShare * 100);
    }
    return new DemoOptions(schemas, events, partitions, samples, bootstrap, registry, badShare);
  }

  private static String require(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
