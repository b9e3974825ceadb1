package dev.typedproducer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * Where a timed run's CPU went, in microseconds per record: the sending thread, the Kafka
 * producers' I/O threads, the rest of this JVM (garbage collection, the JIT, and the broker when
 * it runs here), and the broker's own process when it has one. On a 2-core machine every part
 * competes for the same cores, so this says which part of one side's cost the other side lacks.
 */
final class CpuMeter {
  static final String[] PARTS = {"caller", "io", "jvmRest", "broker"};

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final ProcessHandle broker;

  /** {@code broker}: the broker's process, or null when it runs in this JVM or elsewhere. */
  CpuMeter(ProcessHandle broker) {
    this.broker = broker;
  }

  /** The CPU used so far, in nanoseconds, by each of {@link #PARTS}. */
  long[] now() {
    long caller = THREADS.getCurrentThreadCpuTime();
    long io = 0;
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0)) {
      if (info != null && info.getThreadName().startsWith("kafka-producer-network-thread")) {
        long cpu = THREADS.getThreadCpuTime(info.getThreadId());
        io += Math.max(0, cpu);
      }
    }
    long process = OS.getProcessCpuTime();
    long brokerCpu = broker == null ? 0 : broker.info().totalCpuDuration()
        .map(Duration::toNanos).orElse(0L);
    return new long[] {caller, io, process - caller - io, brokerCpu};
  }

  /** Microseconds per record of each part between {@code before} and {@code after}. */
  static double[] perRecord(long[] before, long[] after, int records) {
    double[] perRecord = new double[before.length];
    for (int i = 0; i < before.length; i++) {
      perRecord[i] = (after[i] - before[i]) / 1e3 / records;
    }
    return perRecord;
  }
}
