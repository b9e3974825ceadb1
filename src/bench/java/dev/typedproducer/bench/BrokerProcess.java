package dev.typedproducer.bench;

import dev.typedproducer.testing.LocalKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A one-node Kafka broker in a JVM of its own, as the end-to-end harness's default: a broker in
 * the producer's JVM shares its heap and garbage collector, so every collection the producer
 * causes also stops the broker, which no deployment does.
 *
 * <p>{@link #start} launches this class's {@link #main} with the harness's own class path and
 * reads the broker's address from its first line; {@link #close} stops it. The child stops by
 * itself when its standard input closes, so a harness that dies leaves no broker behind.
 */
final class BrokerProcess implements AutoCloseable {
  private static final String READY = "bootstrap.servers=";

  private final Process process;
  private final String bootstrapServers;

  private BrokerProcess(Process process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts the broker in a child JVM with {@code heap} (e.g. "1g") and waits until it is ready. */
  static BrokerProcess start(String heap) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap,
        "-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName()));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = lines.readLine()) != null; ) {
      if (line.startsWith(READY)) {
        // Drain the rest, so the child never blocks on a full pipe.
        Thread drain = new Thread(() -> lines.lines().forEach(ignored -> { }), "broker-out");
        drain.setDaemon(true);
        drain.start();
        return new BrokerProcess(process, line.substring(READY.length()));
      }
    }
    process.destroyForcibly();
    throw new IOException("The broker process ended before it was ready (exit "
        + process.onExit().join().exitValue() + "). Run the harness with --broker in-jvm to see"
        + " the broker's own error.");
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /** The broker's process, whose CPU time the harness reads. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close(); // the child's cue to stop its broker and exit
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** The child: starts a broker, prints its address, and runs until standard input closes. */
  public static void main(String[] args) throws IOException {
    try (LocalKafka kafka = LocalKafka.start()) {
      System.out.println(READY + kafka.bootstrapServers());
      System.out.flush();
      while (System.in.read() != -1) {
        // Nothing is sent on standard input: it only closes.
      }
    }
  }
}
