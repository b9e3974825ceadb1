package dev.typedproducer.tool.produce;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The files to read, in order ({@code -} is standard input), gzip recognised by its first bytes.
 * Counts the bytes read after decompression; {@link #totalBytes()} takes a gzip file's size from
 * its trailer, so that progress is measured in the same bytes.
 */
final class Inputs {
  private final List<String> names;
  private long bytesRead;

  Inputs(List<String> names) {
    this.names = names.isEmpty() ? List.of("-") : List.copyOf(names);
  }

  List<String> names() {
    return names;
  }

  /**
   * The sum of the files' sizes (uncompressed), or -1 when one of them is standard input or not
   * a file.
   */
  long totalBytes() throws IOException {
    long total = 0;
    for (String name : names) {
      if (name.equals("-") || !Files.isRegularFile(Path.of(name))) {
        return -1;
      }
      total += uncompressedSize(Path.of(name));
    }
    return total;
  }

  /** A gzip file's trailer holds its uncompressed size (modulo 4 GiB, so an estimate beyond). */
  private static long uncompressedSize(Path file) throws IOException {
    long size = Files.size(file);
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      ByteBuffer head = ByteBuffer.allocate(2);
      channel.read(head);
      if (size < 18 || (head.get(0) & 0xff) != 0x1f || (head.get(1) & 0xff) != 0x8b) {
        return size;
      }
      ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      channel.position(size - 4);
      channel.read(trailer);
      return Integer.toUnsignedLong(trailer.getInt(0));
    }
  }

  /** Bytes read so far from all the inputs (after decompression). */
  long bytesRead() {
    return bytesRead;
  }

  /** Opens one input, decompressing gzip. */
  InputStream open(String name) throws IOException {
    InputStream raw;
    if (name.equals("-")) {
      raw = System.in;
    } else {
      Path path = Path.of(name);
      if (!Files.isRegularFile(path)) {
        throw new NoSuchFileException(name, null, "no such file");
      }
      raw = Files.newInputStream(path);
    }
    BufferedInputStream buffered = new BufferedInputStream(raw, 64 * 1024);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    return new Counting(first == 0x1f && second == 0x8b
        ? new GZIPInputStream(buffered, 64 * 1024) : buffered);
  }

  private final class Counting extends FilterInputStream {
    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        bytesRead++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        bytesRead += n;
      }
      return n;
    }
  }
}
