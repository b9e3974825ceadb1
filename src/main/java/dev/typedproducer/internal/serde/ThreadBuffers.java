package dev.typedproducer.internal.serde;

/**
 * Each thread's own {@link WireBuffer}, found in a few instructions. A {@code ThreadLocal} alone
 * showed in profiles of busy services: a thread that holds many thread-locals (a broker's, a
 * framework's) probes its map past collisions and stale entries on every lookup. So a small array
 * indexed by thread id remembers the last thread seen in each slot and its buffer; the
 * {@code ThreadLocal} stays the source of truth when the slot belongs to another thread.
 *
 * <p>A slot holds its thread and buffer until another thread takes the slot over: at most
 * {@value #SLOTS} buffers of at most {@code maxRetained} bytes each outlive their threads.
 */
final class ThreadBuffers {
  private static final int SLOTS = 16;

  private final ThreadLocal<WireBuffer> buffers = ThreadLocal.withInitial(WireBuffer::new);
  /** Slots are read and written without locks: an entry is immutable, a stale read misses. */
  private final Owned[] recent = new Owned[SLOTS];
  private final int maxRetained;

  ThreadBuffers(int maxRetained) {
    this.maxRetained = maxRetained;
  }

  /** The calling thread's buffer. */
  WireBuffer get() {
    Thread thread = Thread.currentThread();
    int slot = (int) thread.getId() & (SLOTS - 1);
    Owned owned = recent[slot];
    if (owned != null && owned.thread == thread) {
      return owned.buffer;
    }
    WireBuffer buffer = buffers.get();
    recent[slot] = new Owned(thread, buffer);
    return buffer;
  }

  /** After a use: a buffer that grew past the retained size is dropped, not kept by its thread. */
  void release(WireBuffer buffer) {
    if (buffer.capacity() > maxRetained) {
      Thread thread = Thread.currentThread();
      int slot = (int) thread.getId() & (SLOTS - 1);
      Owned owned = recent[slot];
      if (owned != null && owned.thread == thread) {
        recent[slot] = null;
      }
      buffers.remove();
    }
  }

  private static final class Owned {
    final Thread thread;
    final WireBuffer buffer;

    Owned(Thread thread, WireBuffer buffer) {
      this.thread = thread;
      this.buffer = buffer;
    }
  }
}
