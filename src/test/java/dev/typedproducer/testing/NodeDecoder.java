package dev.typedproducer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Decodes Kafka record values with Confluent's own JavaScript client, through
 * {@code src/test/node/decode.mjs} (see the comment at its top for how that client represents each
 * Avro type and how the script prints them as JSON).
 *
 * <pre>{@code
 * NodeDecoder node = NodeDecoder.install();   // npm ci, when src/test/node/node_modules is stale
 * NodeDecoder.Decoding decoding = node.decode(registry.url(), "topic", values);
 * }</pre>
 *
 * <p>Node and npm are required, not optional: when either is missing, or a process fails or runs
 * too long, this throws with the command and everything it printed, so the test fails instead of
 * being skipped. CI has both.
 */
public final class NodeDecoder {
  /** One decoded value: one line that decode.mjs printed. */
  public record Decoded(int schemaId, Map<String, String> jsTypes, JsonNode value, String line) {}

  /** Every value of one run of decode.mjs, in input order, and what the run printed. */
  public record Decoding(List<Decoded> values, String output) {}

  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration DECODE_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").startsWith("Windows");

  private final Path directory;

  private NodeDecoder(Path directory) {
    this.directory = directory;
  }

  /**
   * The decoder in this project's {@code src/test/node}, its dependencies installed from the
   * committed lock file with {@code npm ci} when they are missing or older than the lock file.
   */
  public static synchronized NodeDecoder install() {
    Path directory = ProjectCopy.thisProject().resolve(Path.of("src", "test", "node"));
    // npm writes node_modules/.package-lock.json last, so its absence also catches an install
    // that was cut short; being older than package-lock.json means the lock file changed since.
    Path installed = directory.resolve(Path.of("node_modules", ".package-lock.json"));
    try {
      if (!Files.isRegularFile(installed) || Files.getLastModifiedTime(installed)
          .compareTo(Files.getLastModifiedTime(directory.resolve("package-lock.json"))) < 0) {
        run(directory, INSTALL_TIMEOUT,
            List.of(WINDOWS ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new NodeDecoder(directory);
  }

  /**
   * Runs {@code node decode.mjs} on {@code values} (whole Kafka record values, frame included).
   *
   * @throws IllegalStateException if node fails, runs longer than 60 s or prints a line per value
   *     fewer or more; the message carries its output
   */
  public Decoding decode(String registryUrl, String topic, List<byte[]> values) {
    ObjectNode input = JSON.createObjectNode().put("registryUrl", registryUrl).put("topic", topic);
    ArrayNode encoded = input.putArray("values");
    values.forEach(v -> encoded.add(Base64.getEncoder().encodeToString(v)));
    Path file = null;
    try {
      file = Files.createTempFile("node-decoder-", ".json");
      Files.writeString(file, input.toString(), StandardCharsets.UTF_8);
      Output output = run(directory, DECODE_TIMEOUT,
          List.of("node", "decode.mjs", file.toAbsolutePath().toString()));
      List<String> lines = output.stdout().lines().filter(l -> !l.isBlank()).toList();
      if (lines.size() != values.size()) {
        throw new IllegalStateException("decode.mjs printed " + lines.size() + " values for "
            + values.size() + " inputs:\n" + output.describe());
      }
      List<Decoded> decoded = new ArrayList<>();
      for (String line : lines) {
        JsonNode node = JSON.readTree(line);
        Map<String, String> jsTypes = new LinkedHashMap<>();
        node.path("jsTypes").properties()
            .forEach(e -> jsTypes.put(e.getKey(), e.getValue().asText()));
        decoded.add(new Decoded(node.path("schemaId").asInt(), jsTypes, node.path("value"), line));
      }
      return new Decoding(List.copyOf(decoded), output.describe());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(file);
    }
  }

  private record Output(List<String> command, int exitCode, String stdout, String stderr) {
    String describe() {
      return "$ " + String.join(" ", command) + " (exit " + exitCode + ")\n--- stdout\n" + stdout
          + "--- stderr\n" + stderr;
    }
  }

  /** Runs {@code command} in {@code directory}; throws unless it exits 0 within {@code timeout}. */
  private static Output run(Path directory, Duration timeout, List<String> command) {
    Path stdout = null;
    Path stderr = null;
    try {
      // Files, not pipes: nothing to drain, and nothing blocks however much the process prints.
      stdout = Files.createTempFile("node-decoder-", ".out");
      stderr = Files.createTempFile("node-decoder-", ".err");
      Process process;
      try {
        process = new ProcessBuilder(command).directory(directory.toFile())
            .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      } catch (IOException e) {
        throw new IllegalStateException("Cannot run " + command + " in " + directory + " ("
            + e.getMessage() + "). Node 20+ and npm must be on the PATH for this test.", e);
      }
      process.getOutputStream().close(); // neither npm nor node reads its stdin here
      boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        // npm runs its work in child processes: stop those too, not only npm itself.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      Output output = new Output(command, ended ? process.exitValue() : -1,
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
      if (!ended) {
        throw new IllegalStateException("Did not end within " + timeout.toSeconds() + " s:\n"
            + output.describe());
      }
      if (output.exitCode() != 0) {
        throw new IllegalStateException("Failed:\n" + output.describe());
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command, e);
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temp file left behind is harmless
    }
  }
}
