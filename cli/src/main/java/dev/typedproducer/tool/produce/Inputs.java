package dev.typedproducer.tool.produce;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The files to read, in order ({@code -} is standard input), gzip recognised by its first bytes.
 * Counts the bytes read from disk, so that progress against {@link #totalBytes()} is exact for
 * compressed files too.
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

  /** The sum of the files' sizes, or -1 when one of them is standard input or not a file. */
  long totalBytes() throws IOException {
    long total = 0;
    for (String name : names) {
      if (name.equals("-") || !Files.isRegularFile(Path.of(name))) {
        return -1;
      }
      total += Files.size(Path.of(name));
    }
    return total;
  }

  /** Bytes read so far from all the inputs (before decompression). */
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
    BufferedInputStream counted = new BufferedInputStream(new Counting(raw), 64 * 1024);
    counted.mark(2);
    int first = counted.read();
    int second = counted.read();
    counted.reset();
    return first == 0x1f && second == 0x8b ? new GZIPInputStream(counted, 64 * 1024) : counted;
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
