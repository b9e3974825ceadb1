package dev.typedproducer.internal.serde;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;

/**
 * A growable byte buffer that one thread reuses, with Avro's binary encodings of primitives
 * written straight into its array. Also an OutputStream, so that Avro's own encoder can write into
 * it when an event takes the fallback path.
 *
 * <p>Not a ByteArrayOutputStream: its methods are synchronized, and on a buffer that outlives the
 * call (where the JIT cannot elide the locks) each byte Avro's direct encoder writes would take a
 * lock.
 */
final class WireBuffer extends OutputStream {
  /** Avro's floats and doubles are little-endian: one store each, not four or eight. */
  private static final VarHandle INT_LITTLE_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LITTLE_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] bytes = new byte[256];
  private int count;
  /** Avro's encoder over this buffer, for the events that take the fallback path. */
  BinaryEncoder avroEncoder;
  /** Set by a plan that checks data rules as it writes, when a value breaks one. */
  boolean rulesBroken;

  @Override
  public void write(int b) {
    ensure(1);
    bytes[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, count, len);
    count += len;
  }

  /** Room for {@code needed} more bytes. */
  void ensure(int needed) {
    if (needed > bytes.length - count) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + needed));
    }
  }

  void reset() {
    count = 0;
    rulesBroken = false;
  }

  int size() {
    return count;
  }

  /** Forgets what was written after the first {@code size} bytes. */
  void truncate(int size) {
    count = size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, count);
  }

  int capacity() {
    return bytes.length;
  }

  void writeBoolean(boolean b) {
    write(b ? 1 : 0);
  }

  /** Avro's int: zig-zag, then a varint of 1 to 5 bytes. */
  void writeInt(int value) {
    ensure(5);
    int n = (value << 1) ^ (value >> 31);
    byte[] b = bytes;
    int at = count;
    while ((n & ~0x7F) != 0) {
      b[at++] = (byte) ((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    b[at++] = (byte) n;
    count = at;
  }

  /** Avro's long: zig-zag, then a varint of 1 to 10 bytes. */
  void writeLong(long value) {
    ensure(10);
    long n = (value << 1) ^ (value >> 63);
    byte[] b = bytes;
    int at = count;
    while ((n & ~0x7FL) != 0) {
      b[at++] = (byte) ((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    b[at++] = (byte) n;
    count = at;
  }

  /** Avro's float: the raw IEEE 754 bits, little-endian (NaN payloads kept, as Avro keeps them). */
  void writeFloat(float value) {
    ensure(4);
    putFloat(value);
  }

  /** {@link #writeFloat} after the caller ensured room. */
  void putFloat(float value) {
    int at = count;
    INT_LITTLE_ENDIAN.set(bytes, at, Float.floatToRawIntBits(value));
    count = at + 4;
  }

  void writeDouble(double value) {
    ensure(8);
    putDouble(value);
  }

  void putDouble(double value) {
    int at = count;
    LONG_LITTLE_ENDIAN.set(bytes, at, Double.doubleToRawLongBits(value));
    count = at + 8;
  }

  /** Avro's bytes: the length, then the bytes. */
  void writeBytes(byte[] b, int off, int len) {
    writeInt(len);
    write(b, off, len);
  }

  /** Avro's bytes from a buffer: what lies between its position and its limit. */
  void writeBytes(ByteBuffer buffer) {
    int position = buffer.position();
    int len = buffer.limit() - position;
    writeInt(len);
    if (buffer.hasArray()) {
      write(buffer.array(), buffer.arrayOffset() + position, len);
    } else {
      ensure(len);
      buffer.get(position, bytes, count, len);
      count += len;
    }
  }

  /**
   * Avro's string: the UTF-8 length, then the UTF-8 bytes, as {@code String.getBytes(UTF_8)}
   * gives them. ASCII, the common case, is copied without an intermediate array.
   */
  void writeString(String s) {
    int length = s.length();
    int start = count;
    writeInt(length);
    ensure(length);
    byte[] b = bytes;
    int at = count;
    // Copied as if ASCII, without a branch per char, and checked once at the end: the loop the
    // JIT unrolls best. Any char of 0x80 and above sets a bit of `seen` above 0x7F.
    int seen = 0;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      seen |= c;
      b[at + i] = (byte) c;
    }
    if (seen >= 0x80) {
      count = start;
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      writeBytes(utf8, 0, utf8.length);
      return;
    }
    count = at + length;
  }

  /** A long as a two's-complement big-endian integer of the fewest bytes, as BigInteger has it. */
  void writeTwosComplement(long value) {
    int bits = 64 - Long.numberOfLeadingZeros(value < 0 ? ~value : value);
    int length = bits / 8 + 1;
    writeInt(length);
    ensure(length);
    for (int i = length - 1; i >= 0; i--) {
      bytes[count++] = (byte) (value >>> (8 * i));
    }
  }

  /** The 36 characters of {@code UUID.toString()} as a string: length 36, lower-case hex. */
  void writeUuid(long most, long least) {
    writeInt(UuidText.LENGTH);
    ensure(UuidText.LENGTH);
    UuidText.write(most, least, bytes, count);
    count += UuidText.LENGTH;
  }
}
