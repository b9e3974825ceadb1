package dev.typedproducer.tool.produce;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines (LF or CRLF) without decoding them, so that a line that is not
 * UTF-8 is reported, not mangled. A line longer than the limit is not held in memory: its first
 * {@code maxBytes} are kept for the report, and all of it goes to the overflow stream (the rejects
 * file), if any.
 */
final class LineReader {
  /** One line: its bytes (all of them, or the first {@code maxBytes}) and its full size. */
  record Line(long number, byte[] bytes, int length, long size) {
    boolean tooLong() {
      return size > length;
    }
  }

  private final InputStream in;
  private final int maxBytes;
  private final OutputStream overflow;
  private final byte[] buffer = new byte[16 * 1024]; // small enough for a smooth progress bar
  private int position;
  private int end;
  private long number;
  private byte[] line = new byte[1024];

  LineReader(InputStream in, int maxBytes, OutputStream overflow) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.overflow = overflow == null ? OutputStream.nullOutputStream() : overflow;
  }

  /** The next line, or null at the end of the stream. */
  Line next() throws IOException {
    int length = 0;
    long size = 0;
    boolean any = false;
    while (true) {
      if (position == end) {
        end = Math.max(in.read(buffer), 0);
        position = 0;
        if (end == 0) {
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      int newline = indexOf(buffer, position, end);
      int stop = newline < 0 ? end : newline;
      int count = stop - position;
      if (size + count <= maxBytes) {
        line = ensure(line, length + count);
        System.arraycopy(buffer, position, line, length, count);
        length += count;
      } else {
        if (size <= maxBytes) {
          overflow.write(line, 0, length);
          int head = (int) (maxBytes - size);
          line = ensure(line, length + head);
          System.arraycopy(buffer, position, line, length, head);
          length += head;
        }
        overflow.write(buffer, position, count);
      }
      size += count;
      position = newline < 0 ? end : newline + 1;
      if (newline >= 0) {
        break;
      }
    }
    number++;
    if (size > length) {
      overflow.write('\n');
    } else if (length > 0 && line[length - 1] == '\r') {
      length--;
      size--;
    }
    return new Line(number, line, length, size);
  }

  private static int indexOf(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static byte[] ensure(byte[] array, int size) {
    return size <= array.length ? array : Arrays.copyOf(array, Math.max(size, array.length * 2));
  }
}
