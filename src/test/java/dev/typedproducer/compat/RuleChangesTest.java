package dev.typedproducer.compat;

import static dev.typedproducer.compat.CompatCorpus.evt;
import static dev.typedproducer.compat.CompatCorpus.ruled;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class RuleChangesTest {
  private static List<Finding> check(String was, String now, CompatibilityLevel level) {
    return RuleChanges.check(new Schema.Parser().parse(now),
        new SchemaVersion(new Schema.Parser().parse(was), "version 1"), level);
  }

  @Test
  void namesEveryTightenedRuleOfAFieldWithItsOldAndNewValue() {
    List<Finding> found = check(
        evt(ruled("features", "{\"type\": \"array\", \"items\": \"float\"}", "{\"maxItems\": 1024}")),
        evt(ruled("features", "{\"type\": \"array\", \"items\": \"float\"}",
            "{\"maxItems\": 768, \"size\": 768, \"items\": {\"min\": -1}}")),
        CompatibilityLevel.FULL);

    assertThat(found).extracting(Finding::id, Finding::severity, Finding::location)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("RuleTightened", Severity.ERROR, "/fields/1"),
            org.assertj.core.groups.Tuple.tuple("RuleTightened", Severity.ERROR, "/fields/1"));
    assertThat(found.get(0).problem()).startsWith("the data rules of features are stricter:"
        + " \"maxItems\" went from 1024 to 768; \"size\": 768 added.")
        .contains("Events already in the topic may break them")
        .endsWith("(compared with version 1).");
    assertThat(found.get(1).problem()).startsWith("the data rules of features/items are stricter:"
        + " \"min\": -1 added.");
    assertThat(found.get(0).fix()).contains("\"kafka.compat.allow\": [\"RuleTightened\"]");
  }

  @Test
  void isAWarningWhereConsumersUpgradeFirst() {
    String was = evt(ruled("p", "\"double\"", "{\"max\": 1}"));
    String now = evt(ruled("p", "\"double\"", "{\"maxExclusive\": 1}"));

    assertThat(check(was, now, CompatibilityLevel.BACKWARD)).extracting(Finding::severity)
        .containsExactly(Severity.WARNING);
    assertThat(check(was, now, CompatibilityLevel.FORWARD_TRANSITIVE)).extracting(Finding::severity)
        .containsExactly(Severity.ERROR);
  }

  @Test
  void aNewFieldWithRulesIsNotATightening() {
    assertThat(check(evt(), evt(ruled("p", "\"double\"", "{\"finite\": true}", "0.0")),
        CompatibilityLevel.FULL)).isEmpty();
  }
}
