package dev.typedproducer.tool.produce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Counts counts = new Counts();

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void advance(double seconds, long read, long sent) {
    now.addAndGet((long) (seconds * 1e9));
    counts.read.set(read);
    counts.sent.set(sent);
  }

  @Test
  void onATerminalRedrawsABarWithRateAndEtaWhenTheSizeIsKnown() {
    Progress progress = new Progress(out, Progress.Style.BAR, 1000, 5_000_000_000L, now::get);
    advance(2, 2000, 2000);
    progress.update(counts, 250);
    assertThat(printed()).isEqualTo("\r[########......................]  25%  2,000 read"
        + "  2,000 sent  0 rejected  0 failed  1,000/s  ETA 0:06\u001b[K");
    advance(0.1, 2100, 2100);
    progress.update(counts, 260);
    assertThat(printed()).doesNotContain("2,100 read"); // at most five redraws a second
    advance(6, 8000, 7990);
    counts.rejected.set(10);
    progress.finish(counts, "produced UserClick to user_clicks");
    assertThat(printed()).endsWith("\r[##############################] 100%  8,000 read  7,990 sent"
        + "  10 rejected  0 failed  986/s\u001b[K\nproduced UserClick to user_clicks: read 8,000,"
        + " sent 7,990, rejected 10, failed 0 in 8.1 s (986 records/s)\n");
  }

  @Test
  void onATerminalWithoutAKnownSizeShowsCountsAndRate() {
    Progress progress = new Progress(out, Progress.Style.BAR, -1, 5_000_000_000L, now::get);
    advance(1, 500, 400);
    progress.update(counts, 0);
    assertThat(printed()).isEqualTo("\r500 read  400 sent  0 rejected  0 failed  400/s\u001b[K");
  }

  @Test
  void elsewherePrintsAPlainLineEveryFewSeconds() {
    Progress progress = new Progress(out, Progress.Style.PLAIN, 1000, 5_000_000_000L, now::get);
    advance(1, 100, 100);
    progress.update(counts, 100);
    assertThat(printed()).isEmpty();
    advance(4, 500, 500);
    progress.update(counts, 500);
    assertThat(printed()).isEqualTo("progress: 500 read  500 sent  0 rejected  0 failed  100/s\n");
    progress.finish(counts, "produced");
    assertThat(printed()).doesNotContain("\r").endsWith(
        "produced: read 500, sent 500, rejected 0, failed 0 in 5.0 s (100 records/s)\n");
  }

  @Test
  void aMessageClearsTheBarFirst() {
    Progress progress = new Progress(out, Progress.Style.BAR, -1, 5_000_000_000L, now::get);
    advance(1, 1, 1);
    progress.update(counts, 0);
    progress.message("in.jsonl:2: action: required field is missing");
    assertThat(printed()).endsWith("\r\u001b[Kin.jsonl:2: action: required field is missing\n");
  }
}
