package dev.typedproducer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The compat and validate commands, on a git repository made for each test. */
class CompatCommandTest {
  private static final String V1 = "{\"type\": \"record\", \"name\": \"Click\", \"namespace\": \"acme\","
      + " \"kafka.topic\": \"clicks\", \"fields\": [{\"name\": \"user\", \"type\": \"string\","
      + " \"kafka.key\": true}, {\"name\": \"page\", \"type\": \"string\"}]}";
  private static final String ADDS_COUNTRY = V1.replace("]}",
      ", {\"name\": \"country\", \"type\": \"string\"}]}");

  @TempDir Path dir;

  private record Run(int code, String out) {}

  private Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    return new Run(Main.run(List.of(args), stream, stream), out.toString(StandardCharsets.UTF_8));
  }

  private void git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c",
        "user.name=test", "-c", "user.email=test@example.com"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
  }

  private Path repoWith(String committed, String working) throws Exception {
    git("init", "-q", "-b", "main");
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(schemas.resolve("click.avsc"), committed);
    git("add", "-A");
    git("commit", "-q", "-m", "v1");
    Files.writeString(schemas.resolve("click.avsc"), working);
    return schemas;
  }

  @Test
  void failsABreakingChangeWithIdLocationAvrosWordsAndFix() throws Exception {
    Path schemas = repoWith(V1, ADDS_COUNTRY);

    Run run = cli("compat", "--schemas", schemas.toString(), "--against", "HEAD");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("Schema compatibility against HEAD (")
        .contains("FAIL  " + schemas.resolve("click.avsc") + "  subject clicks-value  level"
            + " BACKWARD (default)  1 earlier version(s)")
        .contains("[FieldAddedWithoutDefault] error at /fields/2, against version 1 (commit ")
        .contains("field country was added without a default")
        .contains("Avro: READER_FIELD_MISSING_DEFAULT_VALUE country")
        .contains("Fix: give the new field a default")
        .contains("1 schema(s): 0 passed, 0 new, 1 failed; 1 error(s)");
  }

  @Test
  void passesAtALevelWhereTheChangeIsCompatible() throws Exception {
    Path schemas = repoWith(V1, ADDS_COUNTRY);

    Run run = cli("compat", "--schemas", schemas.toString(), "--against", "HEAD", "--level",
        "forward");

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("PASS  ").contains("level FORWARD (default)");
  }

  @Test
  void writesJsonAndJUnitReports() throws Exception {
    Path schemas = repoWith(V1, ADDS_COUNTRY);
    Path json = dir.resolve("target/compat/report.json");
    Path junit = dir.resolve("target/compat/TEST-schema-compatibility.xml");

    cli("compat", "--schemas", schemas.toString(), "--against", "HEAD", "--report-json",
        json.toString(), "--report-junit", junit.toString());

    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.path("passed").asBoolean()).isFalse();
    assertThat(report.path("summary").path("errors").asInt()).isEqualTo(1);
    JsonNode finding = report.path("schemas").get(0).path("findings").get(0);
    assertThat(finding.path("id").asText()).isEqualTo("FieldAddedWithoutDefault");
    assertThat(finding.path("location").asText()).isEqualTo("/fields/2");
    assertThat(finding.path("fails").asBoolean()).isTrue();

    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    assertThat(xml.getElementsByTagName("failure").item(0).getAttributes()
        .getNamedItem("type").getNodeValue()).isEqualTo("FieldAddedWithoutDefault");
  }

  @Test
  void exitsWithTwoWhenTheBaselineIsMissingUnlessToldToSkip() throws Exception {
    Path schemas = repoWith(V1, V1);

    Run missing = cli("compat", "--schemas", schemas.toString(), "--against", "HEAD~5");
    Run skipped = cli("compat", "--schemas", schemas.toString(), "--against", "HEAD~5",
        "--if-no-baseline", "skip");

    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.out()).contains("could not run: The baseline HEAD~5 is not in this clone");
    assertThat(skipped.code()).isZero();
    assertThat(skipped.out()).contains("Schema compatibility not checked: The baseline HEAD~5");
  }

  @Test
  void refusesAmbiguousOrMistypedOptions() {
    assertThat(cli("compat", "--schemas", "schemas").out())
        .contains("give exactly one of --against GIT_REF (git mode) and --registry-url URL");
    assertThat(cli("compat", "--against", "HEAD", "--levl", "FULL").code()).isEqualTo(2);
    assertThat(cli("compat", "--against", "HEAD", "--level", "STRICT").out())
        .contains("\"STRICT\" is not a compatibility level");
  }

  @Test
  void validatesEverySchemaOffline() throws IOException {
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(schemas.resolve("ok.avsc"), V1);
    Files.writeString(schemas.resolve("bad_default.avsc"), V1.replace("\"type\": \"string\"}]",
        "\"type\": \"string\", \"default\": null}]"));

    Run run = cli("validate", "--schemas", schemas.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("[SchemaDefaultInvalid] " + schemas.resolve("bad_default.avsc"))
        .contains("field page has default null").contains("1 problem(s)");
  }

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private static byte[] withBom(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] marked = new byte[BOM.length + bytes.length];
    System.arraycopy(BOM, 0, marked, 0, BOM.length);
    System.arraycopy(bytes, 0, marked, BOM.length, bytes.length);
    return marked;
  }

  @Test
  void reportsAFileThatIsNotUtf8AndChecksTheOthers() throws IOException {
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.write(schemas.resolve("a_binary.avsc"), new byte[] {'{', '"', (byte) 0xFF, 0x00});
    Files.write(schemas.resolve("b_utf16.avsc"), "{}".getBytes(StandardCharsets.UTF_16));
    Files.writeString(schemas.resolve("c_keyless.avsc"), V1.replace(", \"kafka.key\": true", ""));

    Run run = cli("validate", "--schemas", schemas.toString());

    assertThat(run.code()).as(run.out()).isEqualTo(1);
    assertThat(run.out())
        .contains("[SchemaUnreadable] " + schemas.resolve("a_binary.avsc")
            + ": is not UTF-8 text (byte 0xFF at offset 2)")
        .contains("Fix: save the file as UTF-8 text")
        .contains("[SchemaUnreadable] " + schemas.resolve("b_utf16.avsc")
            + ": is not UTF-8 text (byte 0xFE at offset 0) (it starts with a UTF-16 byte-order"
            + " mark: it is UTF-16 text)")
        .contains("[KeyFieldMissing] " + schemas.resolve("c_keyless.avsc"))
        .contains("3 problem(s)")
        .doesNotContain("MalformedInputException");
  }

  @Test
  void compatReportsAFileThatIsNotUtf8AndChecksTheOthers() throws Exception {
    Path schemas = repoWith(V1, ADDS_COUNTRY);
    Files.write(schemas.resolve("binary.avsc"), new byte[] {(byte) 0xC3, 0x28});

    Run run = cli("compat", "--schemas", schemas.toString(), "--against", "HEAD");

    assertThat(run.code()).as(run.out()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  " + schemas.resolve("binary.avsc"))
        .contains("[SchemaUnreadable] error")
        .contains("is not UTF-8 text (byte 0xC3 at offset 0)")
        .contains("FAIL  " + schemas.resolve("click.avsc"))
        .contains("[FieldAddedWithoutDefault]");
  }

  @Test
  void acceptsAByteOrderMarkWithAWarning() throws IOException {
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.write(schemas.resolve("click.avsc"), withBom(V1));

    Run run = cli("validate", "--schemas", schemas.toString());

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out())
        .contains("warning: [SchemaByteOrderMark] " + schemas.resolve("click.avsc")
            + ": starts with a UTF-8 byte-order mark (BOM")
        .contains("Fix: save the file as UTF-8 without BOM")
        .contains("is valid (1 warning(s)).")
        .doesNotContain("Unexpected character");
  }

  @Test
  void comparesSchemasSavedWithAByteOrderMark() throws Exception {
    git("init", "-q", "-b", "main");
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.write(schemas.resolve("click.avsc"), withBom(V1));
    git("add", "-A");
    git("commit", "-q", "-m", "v1 with a BOM");
    Files.write(schemas.resolve("click.avsc"), withBom(ADDS_COUNTRY));

    Run run = cli("compat", "--schemas", schemas.toString(), "--against", "HEAD");

    assertThat(run.code()).as(run.out()).isEqualTo(1);
    assertThat(run.out()).contains("1 earlier version(s)")
        .contains("[FieldAddedWithoutDefault] error at /fields/2, against version 1")
        .doesNotContain("BaselineVersionUnreadable");
  }
}
