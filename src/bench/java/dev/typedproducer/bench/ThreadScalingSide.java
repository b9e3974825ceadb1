package dev.typedproducer.bench;

import dev.typedproducer.internal.serde.AvroWireSerializer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One side of {@link ThreadScaling}: one way of serializing one event type, with two threads of
 * its own, loaded by a class loader of its own so the JIT compiles it apart from the other sides.
 * {@link #apply} runs {@code calls} writes on each of 1 or 2 threads and returns the nanoseconds
 * until all are done, and the CPU nanoseconds the threads used for them: with the wall time, this
 * says whether two threads were slower because each event cost more CPU (something shared: a
 * cache line, memory) or because the threads were not on a CPU all the time (the host).
 */
public final class ThreadScalingSide implements IntFunction<double[]>, AutoCloseable {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  static final int POOL = 1_024;

  private final ExecutorService threads = Executors.newFixedThreadPool(2, task -> {
    Thread thread = new Thread(task, "scaling");
    thread.setDaemon(true);
    return thread;
  });
  private final List<Worker> workers;
  private final int calls;

  /** {@code way}: "sdk" (one serializer shared by both threads) or "avro" (a writer per thread). */
  public ThreadScalingSide(String event, String way, int calls) {
    List<SpecificRecord> events = BenchEvents.pool(event, POOL, 7);
    Supplier<Function<SpecificRecord, byte[]>> writers = writers(event, way, events.get(0));
    this.workers = List.of(new Worker(events, writers.get(), 0),
        new Worker(events, writers.get(), POOL / 2));
    this.calls = calls;
  }

  /** {wall nanoseconds, CPU nanoseconds of the writing threads} for {@code threadCount}. */
  @Override
  public double[] apply(int threadCount) {
    long start = System.nanoTime();
    List<Future<long[]>> done = new ArrayList<>();
    for (Worker worker : workers.subList(0, threadCount)) {
      done.add(threads.submit(() -> {
        long cpuBefore = CPU.getCurrentThreadCpuTime();
        long bytes = worker.write(calls);
        return new long[] {bytes, CPU.getCurrentThreadCpuTime() - cpuBefore};
      }));
    }
    long bytes = 0;
    long cpu = 0;
    try {
      for (Future<long[]> f : done) {
        long[] result = f.get();
        bytes += result[0];
        cpu += result[1];
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    long wall = System.nanoTime() - start;
    if (bytes == 0) {
      throw new IllegalStateException("nothing written");
    }
    return new double[] {wall, cpu};
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }

  private static Supplier<Function<SpecificRecord, byte[]>> writers(String event, String way,
      SpecificRecord first) {
    String topic = BenchEvents.topic(event);
    SpecificData model = SpecificData.getForClass(first.getClass());
    if (way.equals("sdk")) {
      AvroWireSerializer<SpecificRecord> shared =
          new AvroWireSerializer<>(SerializerBenchmark.SCHEMA_ID, first.getSchema(), model);
      return () -> e -> shared.serialize(topic, e);
    }
    return () -> new AvroReusedWriter(SerializerBenchmark.SCHEMA_ID, first.getSchema(),
        model)::write;
  }

  private static final class Worker {
    private final SpecificRecord[] pool;
    private final Function<SpecificRecord, byte[]> write;
    private int next;

    Worker(List<SpecificRecord> events, Function<SpecificRecord, byte[]> write, int start) {
      this.pool = events.toArray(new SpecificRecord[0]);
      this.write = write;
      this.next = start;
    }

    /**
     * The bytes written. The place in the pool is kept in a local while the loop runs: the two
     * workers may share a cache line, and must not write to it on every event.
     */
    long write(int calls) {
      long bytes = 0;
      int at = next;
      for (int i = 0; i < calls; i++) {
        at = (at + 1) & (POOL - 1);
        bytes += write.apply(pool[at]).length;
      }
      next = at;
      return bytes;
    }
  }
}
