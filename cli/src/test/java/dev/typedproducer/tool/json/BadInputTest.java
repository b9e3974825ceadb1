package dev.typedproducer.tool.json;

import static dev.typedproducer.tool.json.EveryTypeSchema.GOOD;
import static dev.typedproducer.tool.json.EveryTypeSchema.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BadInputTest {
  private static BadValueException bad(byte[] line) {
    return catchThrowableOfType(BadValueException.class, () -> new JsonToAvro(
        EveryTypeSchema.convertingModel()).convert(JsonLines.parse(line, line.length), SCHEMA));
  }

  private static BadValueException bad(String line) {
    return bad(line.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void namesTheFieldAndTypeOfAWrongType() {
    BadValueException e = bad(GOOD.replace("\"count\": 42", "\"count\": \"42\""));
    assertThat(e.path()).isEqualTo("count");
    assertThat(e.reason()).isEqualTo("is text \"42\", expected int");
    assertThat(bad(GOOD.replace("\"count\": 42", "\"count\": 4.5")).reason())
        .isEqualTo("is the number 4.5, expected int");
    assertThat(bad(GOOD.replace("\"count\": 42", "\"count\": 99999999999")).reason())
        .contains("expected int");
  }

  @Test
  void namesTheNestedPathOfABadValue() {
    assertThat(bad(GOOD.replace("\"Lyon\"", "5")).path()).isEqualTo("address/city");
    assertThat(bad(GOOD.replace("[\"a\", \"b\"]", "[\"a\", false]")).path()).isEqualTo("tags/1");
    assertThat(bad(GOOD.replace("\"x\": 1.5", "\"x\": true")).path()).isEqualTo("scores/x");
  }

  @Test
  void refusesAMissingRequiredField() {
    BadValueException e = bad(GOOD.replace("\"flag\": true, ", ""));
    assertThat(e.path()).isEqualTo("flag");
    assertThat(e.reason()).isEqualTo("required field is missing (boolean, no default in the schema)");
  }

  @Test
  void refusesAnUnknownFieldListingTheKnownOnes() {
    BadValueException e = bad(GOOD.replace("{\"flag\"", "{\"flagg\": 1, \"flag\""));
    assertThat(e.path()).isEqualTo("flagg");
    assertThat(e.reason()).startsWith("unknown field; record EveryType has flag, count, big,");
  }

  @Test
  void refusesNullWhereTheTypeHasNoNull() {
    assertThat(bad(GOOD.replace("\"count\": 42", "\"count\": null")).reason())
        .isEqualTo("is null, but the type is int (only a union with \"null\" takes null)");
    BadValueException e = bad(GOOD.replace("\"colour\": \"GREEN\"", "\"colour\": null"));
    assertThat(e.reason()).startsWith("is null, but the type is enum Colour");
  }

  @Test
  void refusesABadDecimalSayingWhatFits() {
    assertThat(bad(GOOD.replace("1234.50", "\"12,5\"")).reason())
        .isEqualTo("\"12,5\" is not a decimal number (write it as 12.50 or \"12.50\")");
    assertThat(bad(GOOD.replace("1234.50", "1.234")).reason())
        .isEqualTo("1.234 has 3 digits after the point; the field's scale is 2"
            + " (round the value to 2 places)");
    assertThat(bad(GOOD.replace("1234.50", "12345.6")).reason())
        .isEqualTo("12345.6 has 7 digits at scale 2; the field's precision is 6");
    assertThat(bad(GOOD.replace("1234.50", "true")).path()).isEqualTo("price");
  }

  @Test
  void refusesABadTimestamp() {
    assertThat(bad(GOOD.replace("\"2024-05-31T13:45:30.250Z\"", "\"yesterday\"")).reason())
        .startsWith("\"yesterday\" is not an ISO-8601 timestamp with a zone offset");
    assertThat(bad(GOOD.replace("\"2024-05-31T13:45:30.250Z\"", "\"2024-05-31T13:45:30\""))
        .path()).isEqualTo("ts_millis");
    assertThat(bad(GOOD.replace("\"2024-05-31T13:45:30.250Z\"", "\"2024-05-31T13:45:30.2501Z\""))
        .reason()).isEqualTo("is more precise than the field's millis (drop the extra digits)");
    assertThat(bad(GOOD.replace("\"2024-02-29\"", "\"2023-02-29\"")).path()).isEqualTo("day");
    assertThat(bad(GOOD.replace("\"3f2b8c1e", "\"xf2b8c1e")).path()).isEqualTo("id");
  }

  @Test
  void refusesAnUnknownEnumSymbolListingTheSymbols() {
    assertThat(bad(GOOD.replace("\"GREEN\"", "\"PURPLE\"")).reason())
        .isEqualTo("\"PURPLE\" is not a symbol of enum Colour: RED, GREEN, BLUE");
  }

  @Test
  void refusesBadBase64AndAFixedOfTheWrongSize() {
    assertThat(bad(GOOD.replace("\"AAEC/w==\"", "\"not base64!\"")).reason())
        .startsWith("is not base64");
    assertThat(bad(GOOD.replace("\"3q2+7w==\"", "\"3q2+\"")).reason())
        .isEqualTo("holds 3 bytes; fixed Digest[4] needs exactly 4 (base64)");
  }

  @Test
  void refusesAValueThatFitsNoUnionBranch() {
    BadValueException e = bad(GOOD.replace("\"seven\"", "true"));
    assertThat(e.path()).isEqualTo("choice");
    assertThat(e.reason()).startsWith("fits none of the branches of the union [null, int, string,"
        + " record Address, an array of long]");
  }

  @Test
  void refusesBytesThatAreNotUtf8WithTheirPosition() {
    byte[] line = "{\"text\": \"caf\u00c3(\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(bad(line).reason()).isEqualTo("not valid UTF-8 at byte 14 (0xc3);"
        + " save the file as UTF-8");
  }

  @Test
  void refusesAnEmptyLine() {
    assertThat(bad("").reason()).isEqualTo("empty line; each line holds one event as a JSON object");
    assertThat(bad("   \t").path()).isEmpty();
  }

  @Test
  void refusesALineThatIsNotAnObject() {
    assertThat(bad("[1, 2]").reason()).isEqualTo(
        "is an array, not a JSON object; each line holds one event as a JSON object");
    assertThat(bad("42").reason()).startsWith("is the number 42, not a JSON object");
    assertThat(bad("\"text\"").reason()).startsWith("is text \"text\", not a JSON object");
  }

  @Test
  void refusesTextThatIsNotJson() {
    assertThat(bad("{\"flag\": tru").reason()).startsWith("not JSON: ");
    assertThat(bad("{\"a\": 1} {\"b\": 2}").reason()).startsWith("not JSON: ");
    assertThat(bad("{\"flag\": true, \"flag\": false}").reason()).contains("Duplicate field");
  }
}
