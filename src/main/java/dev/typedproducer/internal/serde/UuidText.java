package dev.typedproducer.internal.serde;

/**
 * The canonical text of a UUID, {@code UUID.toString()}'s 36 lower-case characters, written as
 * ASCII bytes straight into an array: no String, no second copy.
 */
public final class UuidText {
  public static final int LENGTH = 36;
  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

  private UuidText() {}

  /** Writes the 36 bytes of the UUID {@code most}/{@code least} into {@code into} from {@code at}. */
  public static void write(long most, long least, byte[] into, int at) {
    hex(most >>> 32, 8, into, at);
    into[at + 8] = '-';
    hex(most >>> 16, 4, into, at + 9);
    into[at + 13] = '-';
    hex(most, 4, into, at + 14);
    into[at + 18] = '-';
    hex(least >>> 48, 4, into, at + 19);
    into[at + 23] = '-';
    hex(least, 12, into, at + 24);
  }

  private static void hex(long value, int digits, byte[] into, int at) {
    for (int i = digits - 1; i >= 0; i--) {
      into[at + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
