package dev.typedproducer.compat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs git in one working tree. */
final class Git {
  /** What one git command printed and how it ended. */
  record Result(int exitCode, String out, String err) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private final Path dir;

  Git(Path dir) {
    this.dir = dir;
  }

  Result run(String... args) throws CheckCannotRunException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      String out = read(process.getInputStream());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new CheckCannotRunException("git " + String.join(" ", args) + " did not end in 60 s");
      }
      return new Result(process.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new CheckCannotRunException("Cannot run git (" + e.getMessage() + "). Install git, or"
          + " check against a registry with --registry-url instead.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CheckCannotRunException("Interrupted while running git", e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
