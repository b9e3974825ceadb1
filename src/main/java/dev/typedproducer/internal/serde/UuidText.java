package dev.typedproducer.internal.serde;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The canonical text of a UUID, {@code UUID.toString()}'s 36 lower-case characters, written as
 * ASCII bytes straight into an array: no String, no second copy. Eight hex digits are made at
 * once in a {@code long} and stored with one write, rather than a table lookup and a store each.
 */
public final class UuidText {
  public static final int LENGTH = 36;

  /** Reads and writes a {@code long} in an array, the first byte the most significant. */
  private static final VarHandle LONG_BIG_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_BIG_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private UuidText() {}

  /** Writes the 36 bytes of the UUID {@code most}/{@code least} into {@code into} at {@code at}. */
  public static void write(long most, long least, byte[] into, int at) {
    if (at < 0 || at > into.length - LENGTH) {
      throw new IndexOutOfBoundsException("36 bytes from " + at + " in " + into.length);
    }
    LONG_BIG_ENDIAN.set(into, at, hex8((int) (most >>> 32)));
    into[at + 8] = '-';
    long middle = hex8((int) most); // the next 8 digits, as two groups of 4
    INT_BIG_ENDIAN.set(into, at + 9, (int) (middle >>> 32));
    into[at + 13] = '-';
    INT_BIG_ENDIAN.set(into, at + 14, (int) middle);
    into[at + 18] = '-';
    long last = hex8((int) (least >>> 32));
    INT_BIG_ENDIAN.set(into, at + 19, (int) (last >>> 32));
    into[at + 23] = '-';
    INT_BIG_ENDIAN.set(into, at + 24, (int) last);
    LONG_BIG_ENDIAN.set(into, at + 28, hex8((int) least));
  }

  /**
   * The 8 lower-case hex digits of {@code value}, as ASCII bytes in a {@code long}, the first digit
   * (the top nibble) in the most significant byte.
   */
  static long hex8(int value) {
    // Spread the 8 nibbles into 8 bytes, the top nibble in the top byte.
    long x = value & 0xFFFFFFFFL;
    x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
    x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
    x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
    // 0x01 in each byte whose nibble is 10 or more: adding 6 carries it into the high nibble.
    long letters = ((x + 0x0606060606060606L) >>> 4) & 0x0101010101010101L;
    return x + 0x3030303030303030L + letters * ('a' - '0' - 10);
  }
}
