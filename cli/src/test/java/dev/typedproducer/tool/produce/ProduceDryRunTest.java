package dev.typedproducer.tool.produce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.tool.ToolRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProduceDryRunTest {
  static final String CLICK = "{\"user_id\": \"u%d\", \"action\": \"VIEW\", \"page\": \"/\","
      + " \"occurred_at\": \"2024-05-31T13:45:30Z\"}";

  @TempDir
  Path dir;

  private Path file(String name, String... lines) throws IOException {
    return Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
  }

  private static String click(int i) {
    return String.format(CLICK, i);
  }

  @Test
  void exitsZeroWhenEveryLineIsValid() throws IOException {
    ToolRun run = ToolRun.of("produce", "--dry-run", "--topic", "user_clicks", "--progress", "none",
        file("ok.jsonl", click(1), click(2), click(3)).toString());
    assertThat(run.exit()).isZero();
    assertThat(run.err()).contains("dry run of UserClick (nothing sent): read 3, valid 3,"
        + " rejected 0, failed 0");
  }

  @Test
  void readsGzipAndSeveralFiles() throws IOException {
    Path gz = dir.resolve("clicks.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write((click(1) + "\n" + click(2) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    ToolRun run = ToolRun.of("produce", "--dry-run", "--event", "UserClick", "--progress", "none",
        gz.toString(), file("more.jsonl", click(3)).toString());
    assertThat(run.exit()).isZero();
    assertThat(run.err()).contains("read 3, valid 3");
  }

  @Test
  void stopsAtTheFirstBadLineByDefaultAndExitsOne() throws IOException {
    Path input = file("bad.jsonl", click(1), "{\"user_id\": \"u2\"}", click(3));
    ToolRun run = ToolRun.of("produce", "--dry-run", "--topic", "user_clicks", "--progress", "none",
        input.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains(input + ":2: action: required field is missing")
        .contains("read 2, valid 1, rejected 1");
  }

  @Test
  void skipsBadLinesAndKeepsEveryOneInTheRejectsFile() throws IOException {
    String tooLong = "{\"user_id\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}";
    Path input = file("mixed.jsonl", click(1), "", "[1]", "{\"user_id\": \"\", \"action\": \"VIEW\","
        + " \"page\": \"/\", \"occurred_at\": 0}", tooLong, click(6));
    Path rejects = dir.resolve("out/rejects.jsonl");
    ToolRun run = ToolRun.of("produce", "--dry-run", "--topic", "user_clicks", "--progress", "none",
        "--on-error", "skip", "--rejects", rejects.toString(), input.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains(input + ":2: empty line")
        .contains(input + ":3: is an array, not a JSON object")
        .contains(input + ":4: user_id: [notBlank]")
        .contains(input + ":5: the line is 10,485,775 bytes, over the limit of 1,048,576")
        .contains("read 6, valid 2, rejected 4, failed 0");
    assertThat(Files.readAllLines(rejects)).containsExactly("", "[1]",
        "{\"user_id\": \"\", \"action\": \"VIEW\", \"page\": \"/\", \"occurred_at\": 0}", tooLong);
  }

  @Test
  void exitsTwoWhenItCannotRun() throws IOException {
    ToolRun unknown = ToolRun.of("produce", "--dry-run", "--event", "NoSuchEvent");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("No schema in").contains("for event \"NoSuchEvent\"")
        .contains("UserClick (topic user_clicks)");
    ToolRun missing = ToolRun.of("produce", "--dry-run", "--topic", "user_clicks",
        dir.resolve("absent.jsonl").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("absent.jsonl");
    ToolRun ambiguous = ToolRun.of("produce", "--dry-run", "--topic", "orders");
    assertThat(ambiguous.exit()).isEqualTo(2);
    assertThat(ambiguous.err()).contains("Several schemas").contains("--event NAME");
    ToolRun badOption = ToolRun.of("produce", "--on-error", "maybe");
    assertThat(badOption.exit()).isEqualTo(2);
  }
}
