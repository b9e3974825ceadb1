package dev.typedproducer.internal.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A schema file's JSON, read with the line of every value, so that a problem Avro reports without
 * a place can be shown at its line and JSON pointer. Comments are allowed, as Avro's parser allows
 * them; a key given twice in one object is refused (Avro would silently keep the last one).
 */
final class JsonText {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  /** Why a text is not JSON: where, what, and what to do. */
  record SyntaxError(int line, int column, String problem, String fix) {}

  private final JsonNode tree;
  private final Map<String, Integer> lines;

  private JsonText(JsonNode tree, Map<String, Integer> lines) {
    this.tree = tree;
    this.lines = lines;
  }

  /** Reads {@code text}; throws {@link Invalid} if it is not one JSON value. */
  static JsonText read(String text) throws Invalid {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          continue;
        }
        lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
      }
      return new JsonText(MAPPER.readTree(text), lines);
    } catch (JsonProcessingException e) {
      throw new Invalid(syntaxError(text, e));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String cannot fail to be read
    }
  }

  JsonNode tree() {
    return tree;
  }

  /** The line {@code pointer} starts on, or that of its nearest ancestor; 1 at worst. */
  int line(String pointer) {
    String p = pointer;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 1;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  private static SyntaxError syntaxError(String text, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    int line = at == null ? 1 : at.getLineNr();
    int column = at == null ? 1 : at.getColumnNr();
    // Jackson names the source as "REDACTED" inside its message; say where in plain words.
    String what = e.getOriginalMessage()
        .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
        .replaceAll("\\s+", " ").trim();
    if (e instanceof JsonEOFException || what.startsWith("Unexpected end-of-input")) {
      return new SyntaxError(line, column, "the JSON ends too early: " + what,
          "close every { [ and \" that is open; the file may have been cut short");
    }
    if (what.startsWith("Duplicate field")) {
      return new SyntaxError(line, column, what.replace("Duplicate field", "the key")
          + " is given twice in one object (Avro would silently use the last one)",
          "keep one of the two");
    }
    if (at != null && trailingComma(text, (int) at.getCharOffset())) {
      return new SyntaxError(line, column, "a comma before the closing bracket (JSON allows no"
          + " trailing comma): " + what, "remove the comma after the last item");
    }
    return new SyntaxError(line, column, what,
        "make the file valid JSON (an editor or `jq . FILE` shows where it breaks)");
  }

  /** Whether the character near {@code offset} is a } or ] that follows a comma. */
  private static boolean trailingComma(String text, int offset) {
    int i = Math.min(offset, text.length()) - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    if (i < 0 || "}]".indexOf(text.charAt(i)) < 0) {
      i = Math.min(offset, text.length() - 1); // Jackson may point at the bracket itself
      if (i < 0 || "}]".indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    i--;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    return i >= 0 && text.charAt(i) == ',';
  }

  /** The text is not JSON. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient SyntaxError error;

    Invalid(SyntaxError error) {
      super(error.problem(), null, false, false);
      this.error = error;
    }

    SyntaxError error() {
      return error;
    }
  }
}
