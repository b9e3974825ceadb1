package dev.typedproducer.tool;

import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The Kafka cluster and schema registry a command talks to: the ones named on the command line,
 * or else the embedded default, an in-process broker (Kafka's test kit) and the local Apicurio
 * registry, which live as long as the command. Close it to stop what it started.
 */
public final class Services implements AutoCloseable {
  /** System property the launcher sets to the repository root (to build the registry there). */
  public static final String REPO_DIR_PROPERTY = "typedproducer.repo.dir";

  private final String bootstrapServers;
  private final String registryUrl;
  private final LocalKafka kafka;
  private final LocalSchemaRegistry registry;
  private final Thread shutdownHook;

  private Services(String bootstrapServers, String registryUrl, LocalKafka kafka,
      LocalSchemaRegistry registry) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.kafka = kafka;
    this.registry = registry;
    this.shutdownHook = new Thread(this::stop, "typed-producer-embedded-shutdown");
    if (kafka != null || registry != null) {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }

  /**
   * The given servers; for each one not given, starts its embedded default and says so on
   * {@code log}.
   *
   * @throws CannotRunException if the embedded services do not start
   */
  public static Services start(String bootstrapServers, String registryUrl, PrintStream log) {
    if (bootstrapServers != null && registryUrl != null) {
      return new Services(bootstrapServers, registryUrl, null, null);
    }
    long start = System.nanoTime();
    log.println("No " + (bootstrapServers == null ? "--bootstrap-servers" : "")
        + (bootstrapServers == null && registryUrl == null ? " or " : "")
        + (registryUrl == null ? "--registry-url" : "") + " given: starting the embedded default"
        + " (in-process Kafka broker and local schema registry; they stop when this command ends).");
    CompletableFuture<LocalSchemaRegistry> registry = registryUrl != null
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.supplyAsync(() -> LocalSchemaRegistry.start(runnerJar(log)));
    LocalKafka kafka = null;
    try {
      kafka = bootstrapServers != null ? null : LocalKafka.start();
      LocalSchemaRegistry local = registry.join();
      Services services = new Services(kafka != null ? kafka.bootstrapServers() : bootstrapServers,
          local != null ? local.url() : registryUrl, kafka, local);
      log.printf(Locale.ROOT, "Kafka:    %s%s%nRegistry: %s%s%nStarted in %.1f s.%n",
          services.bootstrapServers, kafka != null ? " (embedded)" : "",
          services.registryUrl, local != null ? " (embedded)" : "",
          (System.nanoTime() - start) / 1e9);
      return services;
    } catch (RuntimeException e) {
      if (kafka != null) {
        kafka.close();
      }
      registry.thenAccept(r -> {
        if (r != null) {
          r.close();
        }
      });
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      throw new CannotRunException("The embedded default did not start: " + cause.getMessage()
          + ". Or give --bootstrap-servers and --registry-url of running servers.", cause);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String registryUrl() {
    return registryUrl;
  }

  /** True when this command started the broker (it is empty and ends with the command). */
  public boolean embeddedKafka() {
    return kafka != null;
  }

  @Override
  public void close() {
    if (kafka != null || registry != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException ignored) {
        // the JVM is shutting down: the hook stops them
      }
    }
    stop();
  }

  private void stop() {
    if (registry != null) {
      registry.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  /** The registry's runner jar; built once from the repository when it is missing. */
  private static Path runnerJar(PrintStream log) {
    String configured = System.getProperty(LocalSchemaRegistry.RUNNER_JAR_PROPERTY);
    String repo = System.getProperty(REPO_DIR_PROPERTY);
    if (configured != null && repo != null && !Files.isRegularFile(Path.of(configured))) {
      log.println("Building the local schema registry once (about 2 minutes; later runs reuse"
          + " it): " + LocalSchemaRegistry.BUILD_COMMAND);
      ProcessBuilder build = new ProcessBuilder(List.of(Path.of(repo, "mvnw").toString(),
          "-B", "-q", "-f", "src/test/registry/pom.xml", "-s", "src/test/registry/settings.xml",
          "package")).directory(Path.of(repo).toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.INHERIT);
      try {
        int exit = build.start().waitFor();
        if (exit != 0) {
          throw new CannotRunException("Building the local schema registry failed (exit " + exit
              + "); run " + LocalSchemaRegistry.BUILD_COMMAND + " in " + repo + " to see why.");
        }
      } catch (IOException e) {
        throw new CannotRunException("Cannot run " + LocalSchemaRegistry.BUILD_COMMAND + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CannotRunException("Interrupted while building the local schema registry", e);
      }
    }
    return LocalSchemaRegistry.defaultRunnerJar();
  }
}
