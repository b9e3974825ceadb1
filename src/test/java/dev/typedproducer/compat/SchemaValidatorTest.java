package dev.typedproducer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.testing.GeneratedCode;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaValidatorTest {
  private static Schema schema(String name, String namespace, String extra, String... fields) {
    return new Schema.Parser().parse(CompatCorpus.record(name, namespace, extra, fields));
  }

  private static List<String> ids(Schema schema) {
    return SchemaValidator.validate(schema, "schemas/x.avsc").stream().map(Diagnostic::id).toList();
  }

  @Test
  void acceptsTheCatalog() throws Exception {
    for (String file : List.of("user_clicks.avsc", "inference_requests.avsc")) {
      Schema schema = new Schema.Parser().parse(Path.of("schemas", file).toFile());
      assertThat(SchemaValidator.validate(schema, "schemas/" + file)).as(file).isEmpty();
    }
  }

  @Test
  void reportsMalformedDataRulesWithTheirIds() {
    Schema schema = schema("Evt", "com.acme", "",
        "{\"name\": \"score\", \"type\": \"float\", \"kafka.rules\": {\"min\": 1, \"max\": 0}}",
        "{\"name\": \"model\", \"type\": \"string\", \"kafka.rules\": {\"finite\": true,"
            + " \"pattern\": \"(\", \"shape\": 3}}");

    assertThat(ids(schema)).containsExactly(
        "RuleRangeEmpty", "RuleTypeMismatch", "RulePatternInvalid", "RuleUnknown");
  }

  @Test
  void reportsADeadLetterTopicThatCannotTakeTheBadEvents() {
    assertThat(ids(schema("Evt", "com.acme", "\"kafka.topic\": \"evts\","
        + " \"kafka.deadLetterTopic\": \"evts\""))).containsExactly("DeadLetterTopicInvalid");
    assertThat(ids(schema("Evt", "com.acme", "\"kafka.deadLetterTopic\": \"bad topic!\"")))
        .containsExactly("DeadLetterTopicInvalid");
    assertThat(ids(schema("Evt", "com.acme", "\"kafka.topic\": \"evts\","
        + " \"kafka.deadLetterTopic\": \"evts.invalid\""))).isEmpty();
  }

  @Test
  void reportsNamesOtherAvroClientsReject() {
    Schema schema = schema("Évènement", "com.acme", "", CompatCorpus.field("prix_é", "\"int\""));

    List<Diagnostic> found = SchemaValidator.validate(schema, "schemas/x.avsc");

    assertThat(found).extracting(Diagnostic::id).containsOnly("NameNotPortable");
    assertThat(found).extracting(Diagnostic::problem).anySatisfy(p -> assertThat(p)
        .startsWith("record com.acme.Évènement is not a portable Avro name"));
    assertThat(found).extracting(Diagnostic::field).contains("prix_é");
  }

  @Test
  void reportsNamesThatBreakTheGeneratedJava(@TempDir Path dir) throws Exception {
    Schema object = schema("Object", "com.acme", "");
    Schema jdk = schema("Event", "java.util.events", "");

    assertThat(ids(object)).containsExactly("NameClashesWithJava");
    assertThat(ids(jdk)).containsExactly("NameClashesWithJava");
    // What the rule prevents: the first does not compile, the second compiles but the JVM
    // refuses to load a class in a java.* package.
    assertThat(GeneratedCode.compile(object, Files.createDirectories(dir.resolve("a"))).success())
        .isFalse();
    GeneratedCode.Compilation compiled =
        GeneratedCode.compile(jdk, Files.createDirectories(dir.resolve("b")));
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {dir.resolve("b/classes").toUri().toURL()}, getClass().getClassLoader())) {
      assertThatThrownBy(() -> loader.loadClass("java.util.events.Event"))
          .isInstanceOf(SecurityException.class).hasMessageContaining("Prohibited package name");
    }
    assertThat(compiled.success()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Ends the comment */ class Evil {} /* here",
      "A unicode escape \\\\u002a/ that javac would turn into */",
      "A newline escape \\\\u000a in a string",
      "Quotes \\\" and backslashes \\\\ and <html> & @param {@code",
      "Many u: \\\\uuuu002a/ still an escape to javac"})
  void hostileDocTextCannotBreakTheGeneratedClasses(String doc, @TempDir Path dir) {
    Schema schema = new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Hostile\","
        + " \"namespace\": \"com.acme\", \"kafka.topic\": \"t\", \"doc\": \"" + doc + "\","
        + " \"fields\": [{\"name\": \"id\", \"type\": \"string\", \"kafka.key\": true, \"doc\": \""
        + doc + "\"}, {\"name\": \"e\", \"type\": {\"type\": \"enum\", \"name\": \"E\", \"doc\": \""
        + doc + "\", \"symbols\": [\"A\"]}}]}");

    GeneratedCode.Compilation compiled = GeneratedCode.compile(schema, dir);

    assertThat(SchemaValidator.validate(schema, "schemas/x.avsc")).isEmpty();
    assertThat(compiled.success()).as(compiled.diagnostics()).isTrue();
    assertThat(compiled.sources()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u202e", "\u2066", "\u200b", "\u2028", "\\u0007"})
  void refusesInvisibleCharactersInDocs(String character) {
    Schema schema = new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"R\","
        + " \"namespace\": \"com.acme\", \"fields\": [{\"name\": \"id\", \"type\": \"string\","
        + " \"kafka.key\": true, \"doc\": \"admin" + character + "only\"}]}");

    List<Diagnostic> found = SchemaValidator.validate(schema, "schemas/x.avsc");

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo("DocUnsafeCharacter");
      assertThat(d.field()).isEqualTo("id");
      int codePoint = character.startsWith("\\u")
          ? Integer.parseInt(character.substring(2), 16) : character.charAt(0);
      assertThat(d.problem()).contains(String.format("U+%04X", codePoint))
          .contains("at offset 5");
    });
  }

  @Test
  void reportsAnUnknownCompatibilityLevel() {
    assertThat(SchemaValidator.validate(schema("R", "com.acme",
        "\"kafka.compatibility\": \"STRICT\""), "schemas/x.avsc"))
        .singleElement().satisfies(d -> {
          assertThat(d.id()).isEqualTo("CompatibilityLevelInvalid");
          assertThat(d.fix()).contains("FULL_TRANSITIVE");
        });
  }

  @Test
  void reportsAllowancesOfUnknownOrMalformedFindings() {
    Schema unknown = schema("R", "com.acme", "\"kafka.compat.allow\": [\"RecordRenamed\","
        + " \"DecimalScaleChange\"]");
    Schema malformed = schema("R", "com.acme", "",
        "{\"name\": \"a\", \"type\": \"int\", \"kafka.compat.allow\": {\"all\": true}}");

    assertThat(SchemaValidator.validate(unknown, "schemas/x.avsc")).singleElement()
        .satisfies(d -> {
          assertThat(d.id()).isEqualTo("CompatAllowInvalid");
          assertThat(d.problem()).contains("unknown finding id(s) [DecimalScaleChange]");
          assertThat(d.fix()).contains("DecimalScaleChanged");
        });
    assertThat(SchemaValidator.validate(malformed, "schemas/x.avsc")).singleElement()
        .satisfies(d -> {
          assertThat(d.field()).isEqualTo("a");
          assertThat(d.problem()).contains("must be a list of finding ids");
        });
  }

  @Test
  void includesTheKeyAndTopicRules() {
    Schema schema = new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"R\","
        + " \"kafka.topic\": \"no spaces\", \"fields\": [{\"name\": \"a\", \"type\": \"int\"}]}");

    assertThat(ids(schema)).containsExactlyInAnyOrder("KeyFieldMissing", "TopicPropertyInvalid");
  }
}
