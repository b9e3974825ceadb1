package dev.typedproducer.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.Diagnostic;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaFilesTest {
  @Test
  void resolvesTypesDefinedInAFileThatSortsLater() {
    Map<Path, String> texts = new LinkedHashMap<>();
    texts.put(Path.of("a_order.avsc"), "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\","
        + "\"fields\":[{\"name\":\"id\",\"type\":\"string\",\"kafka.key\":true},"
        + "{\"name\":\"price\",\"type\":\"Money\"}]}");
    texts.put(Path.of("b_money.avsc"), "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"shop\","
        + "\"fields\":[{\"name\":\"cents\",\"type\":\"long\"}]}");

    SchemaFiles.Result result = SchemaFiles.parse(texts, Path::toString);

    assertThat(result.problems()).isEmpty();
    assertThat(result.schemas()).extracting(f -> f.schema().getFullName())
        .containsExactly("shop.Order", "shop.Money");
  }

  @Test
  void readsTheSharedTypesFirstAndTellsThemFromTheEvents() throws Exception {
    SchemaFiles.Result result = SchemaFiles.read(Path.of("schemas"), Path::toString);

    assertThat(result.problems()).isEmpty();
    assertThat(SchemaFiles.list(Path.of("schemas")).get(0))
        .isEqualTo(Path.of("schemas/shared/event_metadata.avsc"));
    assertThat(result.shared()).extracting(f -> f.schema().getFullName())
        .containsExactly("dev.typedproducer.events.shared.EventMetadata");
    assertThat(result.events()).extracting(SchemaFile::source).containsExactly(
        "schemas/inference_requests.avsc", "schemas/order_paid.avsc", "schemas/order_placed.avsc",
        "schemas/order_shipped.avsc", "schemas/user_clicks.avsc");
  }

  @Test
  void reportsAFileThatDoesNotParseWithItsName() {
    Map<Path, String> texts = new LinkedHashMap<>();
    texts.put(Path.of("bad.avsc"), "{\"type\":\"record\",\"name\":\"Bad\",\"fields\":["
        + "{\"name\":\"n\",\"type\":\"int\",\"default\":null}]}");
    texts.put(Path.of("broken.avsc"), "{\"type\":\"record\",");

    SchemaFiles.Result result = SchemaFiles.parse(texts, p -> "schemas/" + p);

    assertThat(result.schemas()).isEmpty();
    assertThat(result.problems()).extracting(Diagnostic::id)
        .containsExactlyInAnyOrder("SchemaDefaultInvalid", "SchemaJsonInvalid");
    assertThat(result.problems()).extracting(Diagnostic::source)
        .containsExactlyInAnyOrder("schemas/bad.avsc", "schemas/broken.avsc");
  }
}
