package dev.typedproducer.compat;

import static dev.typedproducer.compat.CompatCorpus.field;
import static dev.typedproducer.compat.CompatCorpus.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.SubjectNameStrategy;
import java.nio.file.Path;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared type ({@code schemas/shared/*.avsc}) used by two events: not held to the event rules,
 * and each change to it checked in both events, the report naming them.
 */
class SharedTypesCompatTest {
  private static final String MONEY = "schemas/shared/money.avsc";

  @TempDir Path dir;
  private GitRepo repo;

  private static String money(String... fields) {
    return "{\"type\": \"record\", \"name\": \"Money\", \"namespace\": \"corpus\","
        + " \"fields\": [" + String.join(", ", fields) + "]}";
  }

  @BeforeEach
  void twoEventsUseMoney() {
    repo = GitRepo.init(dir)
        .write(MONEY, money(field("cents", "\"long\"")))
        .write("schemas/order.avsc", record("Order", "corpus", "\"kafka.topic\": \"orders\"",
            field("total", "\"corpus.Money\"")))
        .write("schemas/refund.avsc", record("Refund", "corpus", "\"kafka.topic\": \"refunds\"",
            field("amount", "\"corpus.Money\"")))
        .commit("money, order, refund");
  }

  private CompatReport run() throws Exception {
    return CompatibilityRun.run(new CompatibilityRun.Options(repo.dir().resolve("schemas"),
        p -> repo.dir().relativize(p.toAbsolutePath()).toString(), "HEAD", null,
        SubjectNameStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, Set.of()));
  }

  private static SchemaResult result(CompatReport report, String file) {
    return report.results().stream().filter(r -> r.file().equals(file)).findFirst()
        .orElseThrow();
  }

  @Test
  void aSharedTypeNeedsNoKeyAndPassesUnchanged() throws Exception {
    CompatReport report = run();

    assertThat(report.exitCode()).isZero();
    assertThat(report.results()).extracting(SchemaResult::file).containsExactlyInAnyOrder(
        "schemas/order.avsc", "schemas/refund.avsc", MONEY);
    assertThat(result(report, MONEY).findings()).isEmpty();
    assertThat(result(report, MONEY).record()).isEqualTo("corpus.Money");
  }

  @Test
  void aCompatibleChangeIsCheckedInBothEventsAndNamesThem() throws Exception {
    repo.write(MONEY, money(field("cents", "\"long\""),
        field("currency", "\"string\"", "\"EUR\"")));

    CompatReport report = run();

    assertThat(report.exitCode()).isZero();
    assertThat(result(report, "schemas/order.avsc").passed()).isTrue();
    assertThat(result(report, "schemas/refund.avsc").passed()).isTrue();
    assertThat(result(report, MONEY).findings()).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo("SharedTypeChanged");
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.problem()).isEqualTo("shared type corpus.Money changed; checked in Order"
          + " (schemas/order.avsc, passed), Refund (schemas/refund.avsc, passed): every event"
          + " that uses it accepts the change");
    });
  }

  @Test
  void anIncompatibleChangeFailsBothEventsAndTheSharedTypeNamesThem() throws Exception {
    repo.write(MONEY, money(field("cents", "\"long\""), field("currency", "\"string\"")));

    CompatReport report = run();

    assertThat(report.exitCode()).isEqualTo(1);
    for (String event : new String[] {"schemas/order.avsc", "schemas/refund.avsc"}) {
      SchemaResult r = result(report, event);
      assertThat(r.passed()).as(event).isFalse();
      assertThat(r.findings()).as(event).anySatisfy(f -> {
        assertThat(f.fails()).isTrue();
        assertThat(f.problem()).contains("currency");
      });
    }
    SchemaResult money = result(report, MONEY);
    assertThat(money.passed()).isFalse();
    assertThat(money.findings()).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo("SharedTypeChanged");
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.problem()).startsWith("shared type corpus.Money changed; checked in Order"
          + " (schemas/order.avsc, failed), Refund (schemas/refund.avsc, failed): the change"
          + " breaks Order, Refund");
    });
  }

  @Test
  void namesTheFieldInsideAnOptionalSharedTypeRatherThanAMissingUnionBranch() throws Exception {
    repo.write("schemas/refund.avsc", record("Refund", "corpus", "\"kafka.topic\": \"refunds\"",
        field("amount", "[\"null\", \"corpus.Money\"]", "null"))).commit("optional money");
    repo.write(MONEY, money(field("cents", "\"long\""), field("currency", "\"string\"")));

    SchemaResult refund = result(run(), "schemas/refund.avsc");

    assertThat(refund.findings()).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo("FieldAddedWithoutDefault");
      assertThat(f.location()).isEqualTo("/fields/1/type/1/fields/1");
      assertThat(f.problem()).startsWith("field currency was added without a default");
    });
  }

  @Test
  void comparesWithTheSharedTypeAsTheBaselineHasItWhenOnlyTheSharedTypeChanged()
      throws Exception {
    repo.write(MONEY, money(field("cents", "\"long\""),
        field("currency", "\"string\"", "\"EUR\""))).commit("money gets a currency");
    repo.write(MONEY, money(field("cents", "\"string\""),
        field("currency", "\"string\"", "\"EUR\"")));

    SchemaResult order = result(run(), "schemas/order.avsc");

    assertThat(order.earlierVersions()).isEqualTo(2);
    assertThat(order.passed()).isFalse();
    assertThat(order.findings()).filteredOn(Finding::fails).isNotEmpty()
        .allSatisfy(f -> assertThat(f.against()).contains("with the shared types changed"));
  }

  @Test
  void aSharedTypeUsedByNoEventIsAWarning() throws Exception {
    repo.write("schemas/shared/unused.avsc", "{\"type\": \"enum\", \"name\": \"Unused\","
        + " \"namespace\": \"corpus\", \"symbols\": [\"A\"]}");

    CompatReport report = run();

    assertThat(report.exitCode()).isZero();
    assertThat(result(report, "schemas/shared/unused.avsc").findings()).singleElement()
        .satisfies(f -> assertThat(f.id()).isEqualTo("SharedTypeUnused"));
  }

  @Test
  void aSharedTypeWithAnEventPropertyIsRefusedByName() {
    Schema shared = new Schema.Parser().parse(record("Money", "corpus",
        "\"kafka.topic\": \"money\""));

    assertThat(SchemaValidator.validateShared(shared, MONEY)).extracting(Diagnostic::toString)
        .containsExactlyInAnyOrder(
            "[SharedTypeInvalid] " + MONEY + ": shared type corpus.Money has \"kafka.topic\","
                + " which only an event may have: a shared type is written inside the events"
                + " that use it, never on its own\n    Fix: remove \"kafka.topic\" and put it on the"
                + " events, or move the file out of shared/ if it is an event",
            "[SharedTypeInvalid] " + MONEY + ": shared type corpus.Money has \"kafka.key\" on"
                + " field id, which only an event may have: a shared type is written inside the"
                + " events that use it, never on its own\n    Fix: remove \"kafka.key\" and put it on"
                + " the events, or move the file out of shared/ if it is an event");
  }
}
