package dev.typedproducer.tool.produce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
  @TempDir
  Path dir;

  @Test
  void measuresProgressInUncompressedBytesForGzipAndPlainFiles() throws IOException {
    byte[] text = "{\"a\": 1}\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
    Path gz = dir.resolve("a.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text);
    }
    Path plain = Files.write(dir.resolve("b.jsonl"), text);
    Inputs inputs = new Inputs(List.of(gz.toString(), plain.toString()));
    assertThat(inputs.totalBytes()).isEqualTo(2L * text.length);
    try (InputStream in = inputs.open(gz.toString())) {
      assertThat(in.readAllBytes()).isEqualTo(text);
    }
    assertThat(inputs.bytesRead()).isEqualTo(text.length);
  }

  @Test
  void hasNoKnownSizeForStandardInput() throws IOException {
    assertThat(new Inputs(List.of()).names()).containsExactly("-");
    assertThat(new Inputs(List.of("-")).totalBytes()).isEqualTo(-1);
  }
}
