package dev.typedproducer.internal.registry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a client may try a request again: within a window that opens at its first request, after a
 * capped exponential backoff with jitter (200 ms, 400 ms, 800 ms, ... up to 5 s, each drawn
 * between half and all of that), so that many producers starting together after an outage do not
 * all ask the registry at the same moment.
 */
final class RetryWindow {
  static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final Duration window;
  private volatile long opened;
  private volatile boolean started;

  RetryWindow(Duration window) {
    this.window = window;
  }

  Duration window() {
    return window;
  }

  /** Marks the first request; later calls do nothing. */
  void open() {
    if (!started) {
      synchronized (this) {
        if (!started) {
          opened = System.nanoTime();
          started = true;
        }
      }
    }
  }

  /** How long the window has been open. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - opened);
  }

  /**
   * How long to wait before attempt {@code attempt + 1}, or null when the window has closed. The
   * wait never ends after the window does.
   */
  Duration backoff(int attempt) {
    long left = window.toNanos() - elapsed().toNanos();
    if (left <= 0) {
      return null;
    }
    long ceiling = Math.min(MAX_BACKOFF.toNanos(),
        FIRST_BACKOFF.toNanos() << Math.min(attempt - 1, 20));
    long drawn = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    return Duration.ofNanos(Math.min(drawn, left));
  }
}
