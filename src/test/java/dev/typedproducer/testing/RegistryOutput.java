package dev.typedproducer.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;

/**
* Reads the child's output until it ends: keeps the last lines, finds the port, and writes
* everything to {@code target/registry-<port>.log} (lines seen before the port are buffered;
* {@code target/registry-pid<pid>.log} if the port never shows up).
*/
final class RegistryOutput implements Runnable {
  private final Process process;
  private final CompletableFuture<Integer> port = new CompletableFuture<>();
  private final CompletableFuture<Void> end = new CompletableFuture<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private final List<String> early = new ArrayList<>();
  private volatile Path logFile;
  private Writer writer;

  RegistryOutput(Process process) {
    this.process = process;
  }

  @Override
  public void run() {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        remember(line);
        if (writer == null) {
          early.add(line);
          Matcher m = LocalSchemaRegistry.LISTENING.matcher(line);
          if (m.find()) {
            int p = Integer.parseInt(m.group(1));
            openLog("registry-" + p + ".log");
            port.complete(p);
          }
        } else {
          write(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      remember("[LocalSchemaRegistry] output reader failed: " + e);
    } finally {
      if (writer == null) {
        openLog("registry-pid" + process.pid() + ".log");
      }
      closeLog();
      port.completeExceptionally(new IllegalStateException("the registry's output ended"
          + (process.isAlive() ? "" : " (exit code " + exitCode() + ")")
          + " before a 'Listening on' line"));
      end.complete(null);
    }
  }

  int awaitPort(long deadline) {
    long remaining = deadline - System.nanoTime();
    try {
      return port.get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no 'Listening on' line within "
          + LocalSchemaRegistry.START_TIMEOUT.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the schema registry", e);
    }
  }

  void awaitEnd() {
    try {
      end.get(LocalSchemaRegistry.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // best effort: the reader is a daemon thread
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Path logFile() {
    return logFile;
  }

  String logFileDescription() {
    Path f = logFile;
    return f == null ? "(not written)" : f.toAbsolutePath().toString();
  }

  synchronized String tail() {
    return String.join("\n", tail);
  }

  private synchronized void remember(String line) {
    if (tail.size() == LocalSchemaRegistry.TAIL_LINES) {
      tail.removeFirst();
    }
    tail.addLast(line);
  }

  private void openLog(String name) {
    Path file =
        Path.of(System.getProperty(LocalSchemaRegistry.LOG_DIR_PROPERTY, "target"), name);
    try {
      Files.createDirectories(file.getParent());
      writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      logFile = file;
    } catch (IOException e) {
      remember("[LocalSchemaRegistry] cannot write " + file.toAbsolutePath() + ": " + e);
      writer = Writer.nullWriter();
    }
    early.forEach(this::write);
    early.clear();
  }

  private void write(String line) {
    try {
      writer.write(line);
      writer.write(System.lineSeparator());
      writer.flush();
    } catch (IOException e) {
      remember("[LocalSchemaRegistry] cannot write the log: " + e);
      writer = Writer.nullWriter();
    }
  }

  private void closeLog() {
    try {
      writer.close();
    } catch (IOException ignored) {
      // nothing more to write
    }
  }

  private String exitCode() {
    try {
      return String.valueOf(process.waitFor(1, TimeUnit.SECONDS) ? process.exitValue() : "?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
