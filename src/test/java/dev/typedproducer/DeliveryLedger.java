package dev.typedproducer;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * What became of each of a fixed number of sends, by event index: when it was sent, and when and
 * where it was acknowledged or why it failed, from the future's completion callback.
 */
final class DeliveryLedger {
  private final long[] sentAt;
  private final long[] doneAt;
  private final int[] partition;
  private final long[] offset;
  private final boolean[] acked;
  private final boolean[] failed;
  private final AtomicInteger ackCount = new AtomicInteger();
  private final Map<String, Integer> failures = new TreeMap<>();

  DeliveryLedger(int events) {
    sentAt = new long[events];
    doneAt = new long[events];
    partition = new int[events];
    offset = new long[events];
    acked = new boolean[events];
    failed = new boolean[events];
  }

  /**
   * Records the outcome of event {@code i}'s send. The returned stage completes after the record
   * is written: once every returned stage has been joined, the ledger is complete and visible.
   */
  CompletableFuture<Void> track(int i, CompletableFuture<SendResult> send) {
    sentAt[i] = System.nanoTime();
    return send.handle((result, error) -> {
      doneAt[i] = System.nanoTime();
      if (error == null) {
        partition[i] = result.partition();
        offset[i] = result.offset();
        acked[i] = true;
        ackCount.incrementAndGet();
      } else {
        fail(i, error);
      }
      return null;
    });
  }

  /** Records that event {@code i} failed, before or after it reached Kafka. */
  void fail(int i, Throwable error) {
    doneAt[i] = System.nanoTime();
    failed[i] = true;
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    synchronized (failures) {
      failures.merge(error.getClass().getSimpleName() + " (" + root + ")", 1, Integer::sum);
    }
  }

  /** Acknowledgements so far; safe to call while sends are in flight. */
  int ackCount() {
    return ackCount.get();
  }

  int events() {
    return acked.length;
  }

  boolean acked(int i) {
    return acked[i];
  }

  boolean failed(int i) {
    return failed[i];
  }

  int partition(int i) {
    return partition[i];
  }

  long offset(int i) {
    return offset[i];
  }

  long sentAt(int i) {
    return sentAt[i];
  }

  long doneAt(int i) {
    return doneAt[i];
  }

  int failedCount() {
    return count(i -> failed[i]);
  }

  int count(IntPredicate event) {
    int n = 0;
    for (int i = 0; i < acked.length; i++) {
      n += event.test(i) ? 1 : 0;
    }
    return n;
  }

  /** Each kind of failure and how many sends it failed. */
  Map<String, Integer> failures() {
    synchronized (failures) {
      return new TreeMap<>(failures);
    }
  }

  /** The earliest acknowledgement after {@code nanos}, or -1 if none came after it. */
  long firstAckAfter(long nanos) {
    long first = Long.MAX_VALUE;
    for (int i = 0; i < acked.length; i++) {
      if (acked[i] && doneAt[i] > nanos) {
        first = Math.min(first, doneAt[i]);
      }
    }
    return first == Long.MAX_VALUE ? -1 : first;
  }

  /**
   * The longest time between two consecutive acknowledgements of the events that {@code which}
   * selects, as {start, end} nano times (both 0 with fewer than two).
   */
  long[] longestAckGap(IntPredicate which) {
    long[] times = new long[acked.length];
    int n = 0;
    for (int i = 0; i < acked.length; i++) {
      if (acked[i] && which.test(i)) {
        times[n++] = doneAt[i];
      }
    }
    Arrays.sort(times, 0, n);
    long[] gap = {0, 0};
    for (int j = 1; j < n; j++) {
      if (times[j] - times[j - 1] > gap[1] - gap[0]) {
        gap = new long[] {times[j - 1], times[j]};
      }
    }
    return gap;
  }
}
