package dev.typedproducer.internal.serde;

/**
 * Writes one value of one schema into a buffer, with the bytes Avro's {@code SpecificDatumWriter}
 * writes for it. A writer takes only the Java types it knows it writes as Avro does; for anything
 * else (a value of another type, a hand-written record class, a value Avro would refuse) it
 * throws, and the serializer writes the whole event again with Avro's own writer, which either
 * writes it or says what is wrong.
 */
@FunctionalInterface
interface ValueWriter {
  void write(Object value, WireBuffer out);

  /** Thrown where a writer meets a value it leaves to Avro's writer. No stack trace: not an error. */
  final class NotCovered extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NotCovered INSTANCE = new NotCovered();

    private NotCovered() {
      super("not covered by the encoder plan", null, false, false);
    }
  }
}
