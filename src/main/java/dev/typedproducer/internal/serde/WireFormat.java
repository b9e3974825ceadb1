package dev.typedproducer.internal.serde;

/**
 * Confluent's wire format for schema-registry-framed values: a magic byte {@code 0}, the schema id
 * as four big-endian bytes, then the Avro binary encoding of the value.
 */
public final class WireFormat {
  public static final byte MAGIC = 0;
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /** The five header bytes for {@code schemaId}. */
  public static byte[] header(int schemaId) {
    return new byte[] {
      MAGIC,
      (byte) (schemaId >>> 24),
      (byte) (schemaId >>> 16),
      (byte) (schemaId >>> 8),
      (byte) schemaId
    };
  }

  /**
   * The schema id in a framed value.
   *
   * @throws IllegalArgumentException if {@code framed} is not in the wire format
   */
  public static int schemaId(byte[] framed) {
    if (framed == null || framed.length < HEADER_LENGTH || framed[0] != MAGIC) {
      throw new IllegalArgumentException("not in Confluent's wire format: expected a 0 byte and a"
          + " 4-byte schema id, got " + (framed == null ? "null" : framed.length + " bytes"
          + (framed.length > 0 ? " starting with " + framed[0] : "")));
    }
    return ((framed[1] & 0xff) << 24) | ((framed[2] & 0xff) << 16) | ((framed[3] & 0xff) << 8)
        | (framed[4] & 0xff);
  }
}
