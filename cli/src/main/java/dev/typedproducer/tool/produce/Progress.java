package dev.typedproducer.tool.produce;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows how far produce is. On a terminal, a bar redrawn in place (with the share done and the
 * time left when the input's size is known); elsewhere, a plain line every few seconds that logs
 * and CI keep readable; and a summary at the end either way.
 */
final class Progress {
  /** How progress is shown: a bar (a terminal), plain lines (a log), or only the summary. */
  enum Style { BAR, PLAIN, NONE }

  private static final long BAR_EVERY_NANOS = 200_000_000L;
  private static final int BAR_WIDTH = 30;

  private final PrintStream out;
  private final Style style;
  private final long totalBytes;
  private final long plainEveryNanos;
  private final LongSupplier nanos;
  private final String sent;
  private final long start;
  private long lastShown;
  private boolean barShown;

  Progress(PrintStream out, Style style, long totalBytes, long plainEveryNanos, LongSupplier nanos) {
    this(out, style, totalBytes, plainEveryNanos, nanos, "sent");
  }

  /** With {@code sent} naming what the second counter counts ("valid" in a dry run). */
  Progress(PrintStream out, Style style, long totalBytes, long plainEveryNanos, LongSupplier nanos,
      String sent) {
    this.sent = sent;
    this.out = out;
    this.style = style;
    this.totalBytes = totalBytes;
    this.plainEveryNanos = plainEveryNanos;
    this.nanos = nanos;
    this.start = nanos.getAsLong();
    this.lastShown = start;
  }

  /** Shows progress if it is time to: call it after each line. */
  synchronized void update(Counts counts, long bytesDone) {
    long now = nanos.getAsLong();
    if (style == Style.BAR && now - lastShown >= BAR_EVERY_NANOS) {
      out.print("\r" + bar(counts, bytesDone, now) + "\u001b[K");
      out.flush();
      barShown = true;
      lastShown = now;
    } else if (style == Style.PLAIN && now - lastShown >= plainEveryNanos) {
      out.println(plain(counts, now));
      lastShown = now;
    }
  }

  /** Prints a message on its own line, clearing the bar first. */
  synchronized void message(String line) {
    clearBar();
    out.println(line);
  }

  /** Clears the bar and prints the summary. */
  synchronized void finish(Counts counts, String what) {
    long now = nanos.getAsLong();
    if (style == Style.BAR && barShown) {
      out.print("\r" + bar(counts, totalBytes, now) + "\u001b[K");
      out.println();
      barShown = false;
    }
    out.println(summary(counts, what, now));
  }

  String bar(Counts counts, long bytesDone, long now) {
    double seconds = (now - start) / 1e9;
    StringBuilder line = new StringBuilder();
    if (totalBytes > 0) {
      double done = Math.min(1.0, (double) bytesDone / totalBytes);
      int filled = (int) Math.round(done * BAR_WIDTH);
      line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled))
          .append(String.format(Locale.ROOT, "] %3d%%  ", Math.round(done * 100)));
      line.append(counters(counts)).append(rate(counts, seconds));
      if (done > 0 && done < 1) {
        line.append("  ETA ").append(clock(seconds * (1 - done) / done));
      }
    } else {
      line.append(counters(counts)).append(rate(counts, seconds));
    }
    return line.toString();
  }

  String plain(Counts counts, long now) {
    return "progress: " + counters(counts) + rate(counts, (now - start) / 1e9);
  }

  String summary(Counts counts, String what, long now) {
    double seconds = Math.max((now - start) / 1e9, 1e-9);
    return String.format(Locale.ROOT,
        "%s: read %,d, %s %,d, rejected %,d, failed %,d in %.1f s (%,.0f records/s)",
        what, counts.read.get(), sent, counts.sent.get(), counts.rejected.get(), counts.failed.get(),
        seconds, counts.sent.get() / seconds);
  }

  private void clearBar() {
    if (barShown) {
      out.print("\r\u001b[K");
      barShown = false;
    }
  }

  private String counters(Counts counts) {
    return String.format(Locale.ROOT, "%,d read  %,d %s  %,d rejected  %,d failed",
        counts.read.get(), counts.sent.get(), sent, counts.rejected.get(), counts.failed.get());
  }

  private static String rate(Counts counts, double seconds) {
    return seconds <= 0 ? "" : String.format(Locale.ROOT, "  %,.0f/s", counts.sent.get() / seconds);
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
