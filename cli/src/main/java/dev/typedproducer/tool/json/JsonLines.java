package dev.typedproducer.tool.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** One line of JSON Lines: its bytes to a JSON object, and a JSON value back to one line. */
public final class JsonLines {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // 12.50 stays 12.50
      .build();

  private JsonLines() {}

  /**
   * Reads one line (without its line break) as a JSON object.
   *
   * @throws BadValueException (with an empty path) for an empty line, bytes that are not UTF-8,
   *     text that is not JSON, and JSON that is not an object
   */
  public static ObjectNode parse(byte[] bytes, int length) {
    String text = utf8(bytes, length);
    if (text.isBlank()) {
      throw new BadValueException("", "empty line; each line holds one event as a JSON object");
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadValueException("", "not JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")"));
    }
    if (!(node instanceof ObjectNode object)) {
      throw new BadValueException("", "is " + JsonToAvro.kind(node)
          + ", not a JSON object; each line holds one event as a JSON object");
    }
    return object;
  }

  /** The value as one line of compact JSON (no line break). */
  public static String write(JsonNode value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always writes", e);
    }
  }

  private static String utf8(byte[] bytes, int length) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
    CharBuffer out = CharBuffer.allocate(length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new BadValueException("", "not valid UTF-8 at byte " + (in.position() + 1)
          + " (0x" + String.format("%02x", bytes[in.position()] & 0xff)
          + "); save the file as UTF-8");
    }
    decoder.flush(out);
    return out.flip().toString();
  }
}
