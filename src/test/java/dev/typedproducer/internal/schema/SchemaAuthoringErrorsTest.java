package dev.typedproducer.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.compat.SchemaValidator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mistakes people make when they write a schema file come out as our diagnostics: the file,
 * the line and JSON pointer, a stable id and the fix, never Avro's or Jackson's bare message.
 */
class SchemaAuthoringErrorsTest {

  /** A record in {@code shop} with a key and, on line 4, {@code field}. */
  private static String withField(String field) {
    return """
        {"type": "record", "name": "Order", "namespace": "shop", "kafka.topic": "orders",
         "fields": [
           {"name": "id", "type": "string", "kafka.key": true},
           %s
         ]}
        """.formatted(field);
  }

  private static List<Diagnostic> problems(String text) {
    return problems(Map.of(Path.of("order.avsc"), text));
  }

  private static List<Diagnostic> problems(Map<Path, String> texts) {
    SchemaFiles.Result result = SchemaFiles.parse(new LinkedHashMap<>(texts), p -> "schemas/" + p);
    return result.problems();
  }

  private static Diagnostic only(String text) {
    List<Diagnostic> problems = problems(text);
    assertThat(problems).hasSize(1);
    Diagnostic d = problems.get(0);
    assertThat(d.source()).isEqualTo("schemas/order.avsc");
    assertThat(d.toString()).doesNotContain("REDACTED").doesNotContain("Undefined schema")
        .doesNotContain("Invalid default for field");
    return d;
  }

  @Test
  void namesATypoInATypeWithItsLinePointerAndTheNearestType() {
    Diagnostic d = only(withField("{\"name\": \"note\", \"type\": \"strin\"}"));

    assertThat(d.id()).isEqualTo("SchemaTypeUnknown");
    assertThat(d.field()).isEqualTo("note");
    assertThat(d.problem()).isEqualTo("line 4, /fields/1/type: field note has type \"strin\","
        + " which is neither an Avro primitive type nor a named type defined in this file or"
        + " another schema file");
    assertThat(d.fix()).startsWith("did you mean \"string\"?");
  }

  @Test
  void pointsIntoUnionsArraysAndMaps() {
    assertThat(only(withField("{\"name\": \"n\", \"type\": [\"null\", \"lnog\"]}")).problem())
        .startsWith("line 4, /fields/1/type/1: field n has type \"lnog\"");
    assertThat(only(withField("{\"name\": \"n\", \"type\": {\"type\": \"array\", \"items\":"
        + " \"flaot\"}}")).fix()).startsWith("did you mean \"float\"?");
    assertThat(only(withField("{\"name\": \"n\", \"type\": {\"type\": \"map\", \"values\":"
        + " \"Itn\"}}")).problem()).startsWith("line 4, /fields/1/type/values:");
  }

  @Test
  void suggestsANamedTypeOfAnotherFileForATypo() {
    Map<Path, String> texts = new LinkedHashMap<>();
    texts.put(Path.of("money.avsc"), "{\"type\": \"record\", \"name\": \"Money\", \"namespace\":"
        + " \"shop\", \"fields\": [{\"name\": \"cents\", \"type\": \"long\"}]}");
    texts.put(Path.of("order.avsc"), withField("{\"name\": \"total\", \"type\": \"Mony\"}"));

    assertThat(problems(texts)).singleElement().satisfies(d -> {
      assertThat(d.source()).isEqualTo("schemas/order.avsc");
      assertThat(d.fix()).startsWith("did you mean \"shop.Money\"?");
    });
  }

  @Test
  void acceptsTypesDefinedInOtherFilesWhateverTheirOrder() {
    Map<Path, String> texts = new LinkedHashMap<>();
    texts.put(Path.of("a_order.avsc"), withField("{\"name\": \"total\", \"type\": \"shared.Money\"}"));
    texts.put(Path.of("shared/money.avsc"), "{\"type\": \"record\", \"name\": \"Money\","
        + " \"namespace\": \"shared\", \"fields\": [{\"name\": \"cents\", \"type\": \"long\"}]}");

    assertThat(problems(texts)).isEmpty();
  }

  @Test
  void blamesTheFileThatDefinesABrokenSharedType() {
    Map<Path, String> texts = new LinkedHashMap<>();
    texts.put(Path.of("money.avsc"), "{\"type\": \"record\", \"name\": \"Money\", \"namespace\":"
        + " \"shop\", \"fields\": [{\"name\": \"cents\", \"type\": \"lnog\"}]}");
    texts.put(Path.of("order.avsc"), withField("{\"name\": \"total\", \"type\": \"Money\"}"));

    assertThat(problems(texts)).extracting(Diagnostic::toString).containsExactly(
        "[SchemaTypeUnknown] schemas/money.avsc: line 1, /fields/0/type: field cents has type"
            + " \"lnog\", which is neither an Avro primitive type nor a named type defined in this"
            + " file or another schema file\n    Fix: did you mean \"long\"? A type is a primitive"
            + " (null, boolean, int, long, float, double, bytes, string), a record, enum or fixed"
            + " defined in this file or another schema file (by its full name when in another"
            + " namespace), or {\"type\":"
            + " \"array\", \"items\": ...} / {\"type\": \"map\", \"values\": ...}",
        "[SchemaTypeUnknown] schemas/order.avsc: line 4, /fields/1/type: field total uses type"
            + " shop.Money, which schemas/money.avsc defines, but that file has a problem of its"
            + " own\n    Fix: fix schemas/money.avsc first (its diagnostic is listed too)");
  }

  @Test
  void acceptsATypeUsedBeforeItsDefinitionInTheFileAsAvro112Does() {
    assertThat(problems(withField("{\"name\": \"a\", \"type\": \"Money\"},\n"
        + "{\"name\": \"b\", \"type\": {\"type\": \"fixed\", \"name\": \"Money\", \"size\": 8}}")))
        .isEmpty();
  }

  @Test
  void namesABadIntDefault() {
    Diagnostic d = only(withField("{\"name\": \"n\", \"type\": \"int\", \"default\": \"x\"}"));

    assertThat(d.id()).isEqualTo("SchemaDefaultInvalid");
    assertThat(d.record()).isEqualTo("shop.Order");
    assertThat(d.field()).isEqualTo("n");
    assertThat(d.problem()).isEqualTo(
        "line 4, /fields/1/default: field n has default \"x\", which is not a value of its type int");
    assertThat(d.fix()).isEqualTo("use a whole number without quotes, e.g. 0");
  }

  @Test
  void namesANullDefaultOnAStringAndHowToMakeItOptional() {
    Diagnostic d = only(withField("{\"name\": \"s\", \"type\": \"string\", \"default\": null}"));

    assertThat(d.problem()).endsWith("field s has default null, which is not a value of its type"
        + " string");
    assertThat(d.fix()).contains("[\"null\", \"string\"] with \"default\": null");
  }

  @Test
  void namesAnEnumDefaultThatIsNotASymbol() {
    Diagnostic d = only(withField("{\"name\": \"c\", \"type\": {\"type\": \"enum\", \"name\":"
        + " \"Color\", \"symbols\": [\"RED\", \"GREEN\"]}, \"default\": 1}"));

    assertThat(d.id()).isEqualTo("SchemaDefaultInvalid");
    assertThat(d.problem()).endsWith("which is not a value of its type enum shop.Color");
    assertThat(d.fix()).isEqualTo("use one of the symbols of shop.Color: [RED, GREEN]");
  }

  @Test
  void namesARecordDefaultThatLacksAField() {
    Diagnostic d = only(withField("{\"name\": \"m\", \"type\": {\"type\": \"record\", \"name\":"
        + " \"Money\", \"fields\": [{\"name\": \"cents\", \"type\": \"long\"}]}, \"default\": {}}"));

    assertThat(d.problem()).contains("/fields/1/default: field m has default {}");
    assertThat(d.fix()).contains("a value for each field of shop.Money");
  }

  @Test
  void explainsThatAUnionDefaultFollowsItsFirstType() {
    Diagnostic d = only(withField("{\"name\": \"u\", \"type\": [\"int\", \"string\"],"
        + " \"default\": null}"));

    assertThat(d.problem()).endsWith("which is not a value of its type [int, string]");
    assertThat(d.fix()).isEqualTo("give a value of one of its types; the Avro specification asks"
        + " for the FIRST type (here int), and other tools hold to it: add \"null\" first,"
        + " [\"null\", ...], for a null default");
  }

  @Test
  void findsABadDefaultInANestedRecord() {
    Diagnostic d = only(withField("{\"name\": \"a\", \"type\": {\"type\": \"record\", \"name\":"
        + " \"Address\", \"fields\": [\n{\"name\": \"zip\", \"type\": \"int\", \"default\": 1.5}]}}"));

    assertThat(d.problem()).startsWith("line 5, /fields/1/type/fields/0/default: field zip");
    assertThat(d.record()).isEqualTo("shop.Address");
  }

  @Test
  void namesWhereTruncatedJsonEnds() {
    Diagnostic d = only("{\"type\": \"record\", \"name\": \"Order\",\n \"fields\": [\n"
        + "  {\"name\": \"id\", \"type\": \"string\"}");

    assertThat(d.id()).isEqualTo("SchemaJsonInvalid");
    assertThat(d.problem()).startsWith("line 3, column ").contains("not valid JSON: the JSON ends"
        + " too early").contains("line 2, column 12");
    assertThat(d.fix()).contains("close every");
    assertThat(only("{\"type\": \"record\", \"fields\": [\n {\"name\": \"id\"},\n").problem())
        .startsWith("line 3, column 1: not valid JSON: the JSON ends too early");
  }

  @Test
  void namesATrailingCommaInAnObjectAndInAnArray() {
    Diagnostic object = only(withField("{\"name\": \"n\", \"type\": \"int\",}"));
    Diagnostic array = only(withField("{\"name\": \"n\", \"type\": [\"null\", \"int\",]}"));

    assertThat(object.id()).isEqualTo("SchemaJsonInvalid");
    assertThat(object.problem()).startsWith("line 4, column ")
        .contains("a comma before the closing bracket (JSON allows no trailing comma)");
    assertThat(array.problem()).contains("a comma before the closing bracket");
    assertThat(array.fix()).isEqualTo("remove the comma after the last item");
  }

  @Test
  void refusesAKeyGivenTwice() {
    Diagnostic d = only(withField("{\"name\": \"n\", \"type\": \"int\", \"type\": \"long\"}"));

    assertThat(d.id()).isEqualTo("SchemaJsonInvalid");
    assertThat(d.problem()).startsWith("line 4, ").contains("the key 'type' is given twice");
  }

  @Test
  void acceptsCommentsAsAvroDoes() {
    assertThat(problems(withField("// the amount\n{\"name\": \"n\", \"type\": \"int\"}"))).isEmpty();
  }

  @Test
  void namesARecordWithoutAName() {
    Diagnostic top = only("{\"type\": \"record\", \"fields\": []}");
    Diagnostic nested = only(withField("{\"name\": \"c\", \"type\": {\"type\": \"enum\","
        + " \"symbols\": [\"A\"]}}"));

    assertThat(top.id()).isEqualTo("SchemaNameMissing");
    assertThat(top.problem()).isEqualTo("line 1, /: this record has no \"name\"");
    assertThat(nested.problem()).isEqualTo("line 4, /fields/1/type: this enum has no \"name\"");
  }

  @Test
  void saysATopLevelArrayOrStringIsNotARecord() {
    for (String text : List.of("[\"null\", \"string\"]", "\"string\"")) {
      SchemaFiles.Result result = SchemaFiles.parse(Map.of(Path.of("x.avsc"), text), Path::toString);
      assertThat(result.problems()).isEmpty();
      assertThat(SchemaValidator.validate(result.schemas().get(0).schema(), "x.avsc"))
          .extracting(Diagnostic::id).containsExactly("NotARecord");
    }
  }

  @Test
  void keepsAvrosMessageForOtherMistakesWithTheFileAndId() {
    Diagnostic d = only("42");

    assertThat(d.id()).isEqualTo("SchemaUnreadable");
    assertThat(d.problem()).startsWith("not a valid Avro schema: ");
  }
}
