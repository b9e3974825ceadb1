package dev.typedproducer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
* A real schema registry for tests and the local demo: Apicurio Registry (in-memory storage),
* run as a child JVM from the uber jar that {@value #BUILD_COMMAND} builds, and reached through
* its Confluent-compatible API ({@link #url()}).
*
* <pre>{@code
* try (LocalSchemaRegistry registry = LocalSchemaRegistry.start(LocalSchemaRegistry.defaultRunnerJar())) {
*     String url = registry.url(); // http://127.0.0.1:PORT/apis/ccompat/v7
* }
* }</pre>
*
* <p>The child's output is drained continuously to {@code target/registry-<port>.log} (or the
* folder named by {@value #LOG_DIR_PROPERTY}). A JVM
* shutdown hook stops the child if the test run ends without {@link #close()}.
*/
public final class LocalSchemaRegistry implements AutoCloseable {

  /** Command, run from the repository root, that builds the runner jar. */
  public static final String BUILD_COMMAND =
      "./mvnw -B -q -f src/test/registry/pom.xml -s src/test/registry/settings.xml package";

  /** System property that overrides {@link #defaultRunnerJar()}. */
  public static final String RUNNER_JAR_PROPERTY = "typedproducer.registry.jar";

  /** System property naming the folder of the registry's log (default {@code target}). */
  public static final String LOG_DIR_PROPERTY = "typedproducer.registry.logdir";

  private static final Path DEFAULT_RUNNER_JAR =
      Path.of("src", "test", "registry", "target", "apicurio-registry-runner.jar");
  private static final String CCOMPAT_PATH = "/apis/ccompat/v7";
  static final Pattern LISTENING =
      Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  static final int TAIL_LINES = 40;

  private final Process process;
  private final RegistryOutput drainer;
  private final Thread shutdownHook;
  private final String url;
  private final AutoCloseable external;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalSchemaRegistry(Process process, RegistryOutput drainer, Thread shutdownHook, int port) {
    this.process = process;
    this.drainer = drainer;
    this.shutdownHook = shutdownHook;
    this.url = "http://127.0.0.1:" + port + CCOMPAT_PATH;
    this.external = null;
  }

  private LocalSchemaRegistry(String url, AutoCloseable external) {
    this.process = null;
    this.drainer = null;
    this.shutdownHook = null;
    this.url = url;
    this.external = external;
  }

  /**
   * A registry started elsewhere (Confluent Schema Registry in a container, under the
   * Testcontainers profile): {@link #close()} closes {@code registry}.
   */
  static LocalSchemaRegistry external(String url, AutoCloseable registry) {
    return new LocalSchemaRegistry(url, registry);
  }

  /**
  * The runner jar named by system property {@value #RUNNER_JAR_PROPERTY}, or else
  * {@code src/test/registry/target/apicurio-registry-runner.jar} relative to the working
  * directory.
  *
  * @return the path of the runner jar, which exists
  * @throws IllegalStateException if the file does not exist (the message says how to build it)
  */
  public static Path defaultRunnerJar() {
    String property = System.getProperty(RUNNER_JAR_PROPERTY);
    Path jar = property == null || property.isBlank() ? DEFAULT_RUNNER_JAR : Path.of(property);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("Schema registry runner jar not found: " + jar.toAbsolutePath()
          + ". Build it from the repository root with: " + BUILD_COMMAND
          + " (or point -D" + RUNNER_JAR_PROPERTY + "=<path> at an existing one)");
    }
    return jar;
  }

  /**
  * Launches the registry on a free port of 127.0.0.1 and waits (at most 120 s) until
  * {@code GET <url>/subjects} answers 200.
  *
  * @param runnerJar the Apicurio Registry uber jar, see {@link #defaultRunnerJar()}
  * @return the running registry; close it to stop it
  * @throws IllegalStateException if the registry exits or is not ready in time; the message
  *     carries the last lines of its log
  */
  public static LocalSchemaRegistry start(Path runnerJar) {
    if (!Files.isRegularFile(runnerJar)) {
      throw new IllegalStateException("Schema registry runner jar not found: " + runnerJar.toAbsolutePath()
          + ". Build it from the repository root with: " + BUILD_COMMAND);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx256m",
        "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0",
        "-jar", runnerJar.toAbsolutePath().toString())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot launch the schema registry: " + builder.command(), e);
    }
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // the child never reads its stdin
    }
    Thread hook = new Thread(() -> stop(process), "local-schema-registry-shutdown-" + process.pid());
    Runtime.getRuntime().addShutdownHook(hook);
    RegistryOutput drainer = new RegistryOutput(process);
    Thread drainThread = new Thread(drainer, "local-schema-registry-log-" + process.pid());
    drainThread.setDaemon(true);
    drainThread.start();

    LocalSchemaRegistry registry = null;
    try {
      int port = drainer.awaitPort(deadline);
      registry = new LocalSchemaRegistry(process, drainer, hook, port);
      registry.awaitReady(deadline);
      return registry;
    } catch (RuntimeException e) {
      if (registry != null) {
        registry.close();
      } else {
        stop(process);
        removeHook(hook);
        drainer.awaitEnd();
      }
      throw new IllegalStateException("Schema registry did not start (" + e.getMessage() + ")"
          + ", log " + drainer.logFileDescription() + ", last lines:\n" + drainer.tail(), e);
    }
  }

  /**
  * The Confluent-compatible base URL.
  *
  * @return {@code http://127.0.0.1:PORT/apis/ccompat/v7}, without a trailing slash
  */
  public String url() {
    return url;
  }

  /**
  * The file the registry's output is written to.
  *
  * @return {@code target/registry-<port>.log}, relative to the working directory
  */
  public Path logFile() {
    if (drainer == null) {
      throw new IllegalStateException("The registry at " + url + " runs in a container: its log"
          + " is the container's");
    }
    return drainer.logFile();
  }

  /** Stops the registry: destroy, wait up to 10 s, then destroy forcibly. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (external != null) {
      try {
        external.close();
      } catch (Exception e) {
        throw new IllegalStateException("Could not stop the schema registry at " + url, e);
      }
      return;
    }
    stop(process);
    removeHook(shutdownHook);
    drainer.awaitEnd();
  }

  private void awaitReady(long deadline) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/subjects"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    String last = "no answer yet";
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the registry exited with code " + process.exitValue());
      }
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = "HTTP " + response.statusCode() + ": " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + url, e);
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new IllegalStateException("GET " + url + "/subjects not 200 within "
            + START_TIMEOUT.toSeconds() + " s, last: " + last);
      }
      sleep(100);
    }
  }

  private static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    boolean interrupted = false;
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException ignored) {
      // the JVM is already shutting down; the hook runs anyway
    }
  }

  private static String javaExecutable() {
    Path fromHome = Path.of(System.getProperty("java.home"), "bin",
        System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
    if (Files.isExecutable(fromHome)) {
      return fromHome.toString();
    }
    Optional<String> current = ProcessHandle.current().info().command();
    return current.orElse("java");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the schema registry", e);
    }
  }
}
