package dev.typedproducer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.SubjectNameStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The compatibility check against git history: the corpus as commits, and git's own cases. */
class GitModeTest {
  @TempDir Path dir;

  private CompatReport run(GitRepo repo, String against, CompatibilityLevel level,
      Set<String> allowDeleted) throws Exception {
    Path schemas = repo.dir().resolve("schemas");
    return CompatibilityRun.run(new CompatibilityRun.Options(schemas,
        p -> repo.dir().relativize(p.toAbsolutePath()).toString(), against, null,
        SubjectNameStrategy.TOPIC_NAME, level, allowDeleted));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.typedproducer.compat.CompatCorpus#all")
  void givesTheCorpusVerdictsFromCommittedHistory(CompatCorpus.Case c) throws Exception {
    GitRepo repo = GitRepo.init(dir);
    for (int i = 0; i < c.versions().size() - 1; i++) {
      repo.write("schemas/evt.avsc", c.versions().get(i)).commit("version " + (i + 1));
    }
    repo.write("schemas/evt.avsc", c.versions().get(c.versions().size() - 1));

    for (CompatibilityLevel level : CompatibilityLevel.values()) {
      CompatReport report = run(repo, "HEAD", level, Set.of());

      assertThat(report.results()).singleElement().satisfies(r -> {
        assertThat(r.earlierVersions()).isEqualTo(c.versions().size() - 1);
        assertThat(r.passed()).as("%s at %s: %s", c, level, r.findings())
            .isEqualTo(c.passes(level));
      });
    }
  }

  @Test
  void passesANewSchemaAsNew() throws Exception {
    GitRepo repo = GitRepo.init(dir).write("README", "x").commit("start");
    repo.write("schemas/evt.avsc", CompatCorpus.evt());

    SchemaResult result = run(repo, "HEAD", CompatibilityLevel.FULL_TRANSITIVE, Set.of())
        .results().get(0);

    assertThat(result.isNew()).isTrue();
    assertThat(result.passed()).isTrue();
    assertThat(result.subject()).isEqualTo("corpus-value");
  }

  @Test
  void comparesOnlyWithTheBaselineRefNotLaterCommits() throws Exception {
    GitRepo repo = GitRepo.init(dir);
    repo.write("schemas/evt.avsc", CompatCorpus.evt(CompatCorpus.field("a", "\"int\""))).commit("v1");
    String base = repo.git("rev-parse", "HEAD").trim();
    // A later commit on the branch adds a field without default; against base it still counts.
    repo.write("schemas/evt.avsc", CompatCorpus.evt(CompatCorpus.field("a", "\"int\""),
        CompatCorpus.field("b", "\"string\""))).commit("v2");

    assertThat(run(repo, base, CompatibilityLevel.BACKWARD, Set.of()).exitCode()).isEqualTo(1);
    assertThat(run(repo, "HEAD", CompatibilityLevel.BACKWARD, Set.of()).exitCode()).isZero();
  }

  @Test
  void followsAFileThatWasMoved() throws Exception {
    GitRepo repo = GitRepo.init(dir);
    repo.write("schemas/old_name.avsc", CompatCorpus.evt(CompatCorpus.field("a", "\"int\"")))
        .commit("v1");
    repo.git("mv", "schemas/old_name.avsc", "schemas/evt.avsc");
    repo.commit("move");
    repo.write("schemas/evt.avsc", CompatCorpus.evt());

    CompatReport report = run(repo, "HEAD", CompatibilityLevel.FORWARD, Set.of());

    assertThat(report.results()).singleElement().satisfies(r -> {
      assertThat(r.earlierVersions()).isEqualTo(1);
      assertThat(r.findings()).extracting(Finding::id).containsExactly("FieldRemovedWithoutDefault");
    });
  }

  @Test
  void warnsOfAnEarlierVersionThatDoesNotParse() throws Exception {
    GitRepo repo = GitRepo.init(dir);
    repo.write("schemas/evt.avsc", "{\"type\": \"record\", broken").commit("broken");
    repo.write("schemas/evt.avsc", CompatCorpus.evt()).commit("fixed");
    repo.write("schemas/evt.avsc", CompatCorpus.evt(CompatCorpus.field("a", "\"int\"", "0")));

    SchemaResult result = run(repo, "HEAD", CompatibilityLevel.BACKWARD_TRANSITIVE, Set.of())
        .results().get(0);

    assertThat(result.passed()).isTrue();
    assertThat(result.earlierVersions()).isEqualTo(1);
    assertThat(result.findings()).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo("BaselineVersionUnreadable");
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.against()).startsWith("schemas/evt.avsc at commit ");
    });
  }

  @Test
  void readsEarlierVersionsThatUseTypesFromOtherFiles() throws Exception {
    GitRepo repo = GitRepo.init(dir);
    // A shared type, not an event: it has no key of its own (and fails validation for that).
    repo.write("schemas/money.avsc", "{\"type\": \"record\", \"name\": \"Money\","
        + " \"namespace\": \"corpus\", \"fields\": [{\"name\": \"cents\", \"type\": \"long\"}]}");
    repo.write("schemas/order.avsc", CompatCorpus.record("Order", "corpus",
        "\"kafka.topic\": \"orders\"", CompatCorpus.field("price", "\"corpus.Money\"")))
        .commit("v1");
    repo.write("schemas/order.avsc", CompatCorpus.record("Order", "corpus",
        "\"kafka.topic\": \"orders\"", CompatCorpus.field("price", "\"corpus.Money\""),
        CompatCorpus.field("note", "\"string\"")));

    CompatReport report = run(repo, "HEAD", CompatibilityLevel.BACKWARD, Set.of());

    assertThat(report.results()).filteredOn(r -> r.file().equals("schemas/order.avsc"))
        .singleElement().satisfies(r -> {
          assertThat(r.earlierVersions()).isEqualTo(1);
          assertThat(r.findings()).extracting(Finding::id)
              .contains("FieldAddedWithoutDefault").doesNotContain("BaselineVersionUnreadable");
        });
  }

  @Test
  void reportsADeletedSchemaUnlessAllowed() throws Exception {
    GitRepo repo = GitRepo.init(dir);
    repo.write("schemas/evt.avsc", CompatCorpus.evt()).commit("v1");
    Files.delete(repo.dir().resolve("schemas/evt.avsc"));

    CompatReport report = run(repo, "HEAD", CompatibilityLevel.BACKWARD, Set.of());
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.results()).singleElement().satisfies(r -> {
      assertThat(r.file()).isEqualTo("schemas/evt.avsc");
      assertThat(r.findings()).singleElement().satisfies(f -> {
        assertThat(f.id()).isEqualTo("SchemaDeleted");
        assertThat(f.fix()).contains("--allow-deleted schemas/evt.avsc");
      });
    });

    CompatReport allowed = run(repo, "HEAD", CompatibilityLevel.BACKWARD,
        Set.of("schemas/evt.avsc"));
    assertThat(allowed.exitCode()).isZero();
    assertThat(allowed.results().get(0).findings().get(0).accepted()).isTrue();
  }

  @Test
  void refusesToRunWithoutTheBaselineRef() throws IOException {
    GitRepo repo = GitRepo.init(dir).write("schemas/evt.avsc", CompatCorpus.evt()).commit("v1");

    assertThatThrownBy(() -> run(repo, "origin/main", CompatibilityLevel.BACKWARD, Set.of()))
        .isInstanceOf(CheckCannotRunException.class)
        .hasMessageContaining("The baseline origin/main is not in this clone")
        .hasMessageContaining("git fetch");
  }

  @Test
  void refusesToRunOutsideAGitRepository() throws IOException {
    Path schemas = Files.createDirectories(dir.resolve("plain/schemas"));
    Files.writeString(schemas.resolve("evt.avsc"), CompatCorpus.evt());

    assertThatThrownBy(() -> CompatibilityRun.run(new CompatibilityRun.Options(schemas,
        Path::toString, "HEAD~1", null, SubjectNameStrategy.TOPIC_NAME,
        CompatibilityLevel.BACKWARD, Set.of())))
        .isInstanceOf(CheckCannotRunException.class)
        .hasMessageContaining("is not in a git repository");
  }

  @Test
  void usesTheLevelTheSchemaDeclares() throws Exception {
    GitRepo repo = GitRepo.init(dir);
    String declared = "\"kafka.topic\": \"corpus\", \"kafka.compatibility\": \"FORWARD\"";
    repo.write("schemas/evt.avsc", CompatCorpus.record("Evt", "corpus", declared,
        CompatCorpus.field("a", "\"int\""))).commit("v1");
    repo.write("schemas/evt.avsc", CompatCorpus.record("Evt", "corpus", declared,
        CompatCorpus.field("a", "\"int\""), CompatCorpus.field("b", "\"string\"")));

    SchemaResult result = run(repo, "HEAD", CompatibilityLevel.BACKWARD, Set.of()).results().get(0);

    assertThat(result.level()).isEqualTo(CompatibilityLevel.FORWARD);
    assertThat(result.levelSource()).isEqualTo("schema");
    assertThat(result.passed()).isTrue(); // BACKWARD would fail: b has no default
  }
}
