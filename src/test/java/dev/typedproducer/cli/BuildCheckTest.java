package dev.typedproducer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCheckTest {
  private static final String GOOD = "{\"type\":\"record\",\"name\":\"Good\",\"namespace\":\"acme\","
      + "\"kafka.topic\":\"good\",\"fields\":[{\"name\":\"id\",\"type\":\"string\",\"kafka.key\":true}]}";

  @TempDir Path dir;
  private Path schemas;
  private Path generated;
  private Path fresh;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  @BeforeEach
  void layout() throws IOException {
    schemas = Files.createDirectories(dir.resolve("schemas"));
    generated = dir.resolve("generated-sources");
    fresh = Files.createDirectories(dir.resolve("fresh"));
    Files.writeString(schemas.resolve("good.avsc"), GOOD);
    write(fresh.resolve("acme/Good.java"), "class Good {}");
  }

  private int run(String mode, Map<String, String> env) throws IOException {
    return new BuildCheck(new PrintStream(output, true, StandardCharsets.UTF_8), env)
        .run(schemas, generated, fresh, mode);
  }

  private String out() {
    return output.toString(StandardCharsets.UTF_8);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void reportsEverySchemaThatBreaksTheRulesWithItsFile() throws IOException {
    Files.writeString(schemas.resolve("no_key.avsc"), "{\"type\":\"record\",\"name\":\"NoKey\","
        + "\"namespace\":\"acme\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    Files.writeString(schemas.resolve("bad_topic.avsc"), "{\"type\":\"record\",\"name\":\"T\","
        + "\"kafka.topic\":\"a topic\",\"fields\":[{\"name\":\"id\",\"type\":\"int\",\"kafka.key\":true}]}");

    assertThat(run("update", Map.of())).isEqualTo(1);
    assertThat(out())
        .contains("[KeyFieldMissing] " + schemas.resolve("no_key.avsc")
            + ": record acme.NoKey has no field marked \"kafka.key\": true")
        .contains("[TopicPropertyInvalid] " + schemas.resolve("bad_topic.avsc"))
        .contains("2 problem(s)");
    assertThat(generated).doesNotExist();
  }

  @Test
  void updatesTheCommittedCopyLocally() throws IOException {
    write(generated.resolve("acme/Stale.java"), "class Stale {}");

    assertThat(run(null, Map.of())).isZero();

    assertThat(generated.resolve("acme/Good.java")).hasContent("class Good {}");
    assertThat(generated.resolve("acme/Stale.java")).doesNotExist();
    assertThat(out()).contains("missing  acme/Good.java").contains("stale    acme/Stale.java")
        .contains("Commit");
  }

  @Test
  void failsInCiWithTheCommandToRun() throws IOException {
    write(generated.resolve("acme/Good.java"), "class Good { /* edited by hand */ }");

    assertThat(run(null, Map.of("CI", "true"))).isEqualTo(1);

    assertThat(out()).contains("[GeneratedSourcesStale]").contains("differs  acme/Good.java")
        .contains("run ./mvnw process-classes -Dtypedproducer.generated=update and commit");
    assertThat(generated.resolve("acme/Good.java")).hasContent("class Good { /* edited by hand */ }");
  }

  @Test
  void explicitModeWinsOverTheEnvironment() throws IOException {
    assertThat(run("update", Map.of("CI", "true"))).isZero();
    assertThat(generated.resolve("acme/Good.java")).exists();
  }

  @Test
  void passesWhenTheCopyIsCurrent() throws IOException {
    write(generated.resolve("acme/Good.java"), "class Good {}");

    assertThat(run("verify", Map.of())).isZero();
    assertThat(out()).contains("1 schema(s)").contains("is up to date");
  }

  @Test
  void exitsWithTwoOnAMistypedOption() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(java.util.List.of("build-check", "--schemas", "x", "--generatd", "y"),
        new PrintStream(output, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option(s) --generatd");
  }
}
