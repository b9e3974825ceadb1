package dev.typedproducer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every corpus case at every level, offline, with the verdicts written in {@link CompatCorpus}. */
class CompatCorpusTest {
  /** The ids of Avro's resolution rules, as opposed to the meaning checks. */
  static final Set<String> AVRO_IDS = Set.of("FieldAddedWithoutDefault",
      "FieldRemovedWithoutDefault", "EnumSymbolRemoved", "EnumSymbolAdded", "UnionNarrowed",
      "UnionWidened", "TypeChanged", "NameChanged", "FixedSizeChanged");

  static Stream<Arguments> casesAtEveryLevel() {
    return CompatCorpus.all().stream().flatMap(c -> Stream.of(CompatibilityLevel.values())
        .map(level -> Arguments.of(c, level)));
  }

  static SchemaResult check(CompatCorpus.Case c, CompatibilityLevel level) {
    List<SchemaVersion> history = new ArrayList<>();
    for (int i = 0; i < c.versions().size() - 1; i++) {
      history.add(new SchemaVersion(new Schema.Parser().parse(c.versions().get(i)),
          "version " + (i + 1)));
    }
    Schema candidate = new Schema.Parser().parse(c.versions().get(c.versions().size() - 1));
    return CompatibilityChecker.check("schemas/evt.avsc", "corpus-value", candidate, level,
        "test", history, null);
  }

  /** How the corpus writes a finding: {@code Id}, {@code warn:Id} or {@code accepted:Id}. */
  static String written(Finding f) {
    return (f.accepted() ? "accepted:" : f.severity() == Severity.WARNING ? "warn:" : "") + f.id();
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("casesAtEveryLevel")
  void givesTheWrittenVerdict(CompatCorpus.Case c, CompatibilityLevel level) {
    SchemaResult result = check(c, level);

    List<Finding> avro = result.findings().stream().filter(f -> AVRO_IDS.contains(f.id())).toList();
    assertThat(avro.isEmpty()).as("Avro's rules at %s: %s", level, avro)
        .isEqualTo(c.avro().contains(level));
    assertThat(result.findings().stream().filter(f -> !AVRO_IDS.contains(f.id()))
        .map(CompatCorpusTest::written).distinct().collect(Collectors.toList()))
        .as("meaning findings").containsExactlyInAnyOrderElementsOf(c.findingsAt(level));
    assertThat(result.passed()).as("verdict at %s: %s", level, result.findings())
        .isEqualTo(c.passes(level));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.typedproducer.compat.CompatCorpus#all")
  void explainsEveryFailureWithLocationAndFix(CompatCorpus.Case c) {
    for (Finding f : check(c, CompatibilityLevel.FULL_TRANSITIVE).findings()) {
      assertThat(f.problem()).isNotBlank();
      assertThat(f.fix()).isNotBlank();
      assertThat(f.against()).startsWith("version ");
      if (AVRO_IDS.contains(f.id())) {
        assertThat(f.location()).startsWith("/");
        assertThat(f.problem()).contains("Avro: ");
      }
    }
  }
}
