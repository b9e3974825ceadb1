package dev.typedproducer.tool.produce;

import java.util.concurrent.atomic.AtomicLong;

/** What produce has done so far; sent and failed are counted on Kafka's I/O thread. */
final class Counts {
  final AtomicLong read = new AtomicLong();
  final AtomicLong sent = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong failed = new AtomicLong();

  boolean allSent() {
    return rejected.get() == 0 && failed.get() == 0;
  }
}
