package dev.typedproducer.tool;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The --bootstrap-servers and --registry-url options that produce, tail and quickstart share. */
public final class Connection {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      defaultValue = "${env:TYPED_PRODUCER_BOOTSTRAP_SERVERS}",
      description = "Kafka brokers (env TYPED_PRODUCER_BOOTSTRAP_SERVERS). Without it and"
          + " --registry-url: an embedded broker and registry that live as long as the command.")
  String bootstrapServers;

  @Option(names = "--registry-url", paramLabel = "URL",
      defaultValue = "${env:TYPED_PRODUCER_REGISTRY_URL}",
      description = "Schema registry, Confluent API (env TYPED_PRODUCER_REGISTRY_URL);"
          + " user:password@ in the URL for basic auth.")
  String registryUrl;

  @Option(names = "--kafka", paramLabel = "NAME=VALUE",
      description = "A Kafka client setting, e.g. security.protocol=SASL_SSL; repeatable.")
  Map<String, String> kafkaSettings = new LinkedHashMap<>();

  public Map<String, String> kafkaSettings() {
    return kafkaSettings;
  }

  /** Starts what is not given (see {@link Services#start}). */
  public Services start(PrintStream log) {
    return Services.start(blankToNull(bootstrapServers), blankToNull(registryUrl), log);
  }

  public boolean embedded() {
    return blankToNull(bootstrapServers) == null || blankToNull(registryUrl) == null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
