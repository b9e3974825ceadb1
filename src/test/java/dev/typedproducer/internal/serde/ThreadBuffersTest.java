package dev.typedproducer.internal.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadBuffersTest {

  @Test
  void aThreadGetsItsOwnBufferBackEveryTime() {
    ThreadBuffers buffers = new ThreadBuffers(1 << 20);

    WireBuffer first = buffers.get();

    assertThat(buffers.get()).isSameAs(first);
  }

  @Test
  void threadsWhoseIdsShareASlotEachKeepTheirOwnBuffer() throws Exception {
    ThreadBuffers buffers = new ThreadBuffers(1 << 20);
    // 40 threads over 16 slots: many share one, and take it over from each other in turn.
    int threads = 40;
    int rounds = 200;
    Set<WireBuffer> seen = ConcurrentHashMap.newKeySet();
    List<Throwable> failures = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
          WireBuffer mine = buffers.get();
          seen.add(mine);
          for (int i = 0; i < rounds; i++) {
            WireBuffer again = buffers.get();
            if (again != mine) {
              throw new AssertionError("a thread got another thread's buffer");
            }
            // Write through it, as serialize does: another thread using it would corrupt this.
            again.reset();
            again.write(new byte[] {(byte) i, (byte) i}, 0, 2);
            if (again.toByteArray()[1] != (byte) i) {
              throw new AssertionError("a buffer was written by two threads at once");
            }
            Thread.yield();
          }
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      });
      thread.start();
      started.add(thread);
    }
    start.countDown();
    for (Thread thread : started) {
      thread.join();
    }

    assertThat(failures).isEmpty();
    assertThat(seen).hasSize(threads);
  }

  @Test
  void aBufferThatGrewPastTheLimitIsDroppedAfterUse() {
    ThreadBuffers buffers = new ThreadBuffers(64);
    WireBuffer grown = buffers.get();
    grown.write(new byte[1_000], 0, 1_000);

    buffers.release(grown);

    assertThat(buffers.get()).isNotSameAs(grown);
  }

  @Test
  void aBufferWithinTheLimitIsKept() {
    ThreadBuffers buffers = new ThreadBuffers(1 << 20);
    WireBuffer used = buffers.get();
    used.write(new byte[1_000], 0, 1_000);

    buffers.release(used);

    assertThat(buffers.get()).isSameAs(used);
  }
}
