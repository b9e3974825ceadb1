package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.typedproducer.cli.Main;
import dev.typedproducer.events.orders.OrderPaid;
import dev.typedproducer.events.orders.OrderPlaced;
import dev.typedproducer.events.shared.EventMetadata;
import dev.typedproducer.internal.registry.RegisteredSchema;
import dev.typedproducer.internal.registry.SchemaReference;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.internal.schema.RegistrySchemas;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.NodeDecoder;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared type of {@code schemas/} (EventMetadata, in {@code schemas/shared/}, used by
 * OrderPlaced and OrderPaid) against the real registry and broker: registered as Confluent schema
 * references by {@code register --references} and by {@code build()}, read back from the
 * registry with its reference, and events that carry it sent through TypedProducer and decoded
 * with the referenced schema resolved; and, by default, each event self-contained.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class SharedTypesIT {
  private static final String METADATA = EventMetadata.getClassSchema().getFullName();
  private static final Instant AT = Instant.ofEpochMilli(1_763_800_000_000L);
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** A copy of the shared type and the two events that use it, on {@code topic}. */
  private Path schemas(String topic) throws Exception {
    Path copy = Files.createDirectories(dir.resolve("schemas/shared"));
    Files.copy(Path.of("schemas/shared/event_metadata.avsc"),
        copy.resolve("event_metadata.avsc"));
    for (String file : List.of("order_placed.avsc", "order_paid.avsc")) {
      Files.writeString(dir.resolve("schemas").resolve(file), Files.readString(
          Path.of("schemas", file)).replace("\"kafka.topic\": \"orders\"",
              "\"kafka.topic\": \"" + topic + "\""));
    }
    return dir.resolve("schemas");
  }

  private static String cli(String... args) {
    return cli(0, args);
  }

  private static String cli(int exitCode, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = Main.run(List.of(args), out, out);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isEqualTo(exitCode);
    return printed;
  }

  @Test
  void registryModeChecksASharedTypeChangeInBothEventsWithTheReferencesResolved(
      LocalSchemaRegistry registry) throws Exception {
    String topic = "shared_compat_" + Long.toString(System.nanoTime(), 36);
    Path schemas = schemas(topic);
    cli("register", "--schemas", schemas.toString(), "--registry-url", registry.url(),
        "--references");
    SchemaRegistryClient client = SchemaRegistryClient.create(registry.url(),
        Duration.ofSeconds(10), null);
    for (Class<?> type : List.of(OrderPlaced.class, OrderPaid.class)) {
      client.setSubjectCompatibility(topic + "-" + type.getName(), "BACKWARD");
    }
    Path shared = schemas.resolve("shared/event_metadata.avsc");
    String original = Files.readString(shared);
    String lastField = "\"doc\": \"Id of the request or saga the event belongs to, if any.\"}";
    assertThat(original).contains(lastField);

    Files.writeString(shared, original.replace(lastField, lastField
        + ", {\"name\": \"region\", \"type\": \"string\", \"doc\": \"Where.\"}"));
    String broken = cli(1, "compat", "--schemas", schemas.toString(), "--registry-url",
        registry.url());
    Files.writeString(shared, original.replace(lastField, lastField + ", {\"name\": \"region\","
        + " \"type\": \"string\", \"default\": \"eu\", \"doc\": \"Where.\"}"));
    String fine = cli(0, "compat", "--schemas", schemas.toString(), "--registry-url",
        registry.url());

    String paid = schemas.resolve("order_paid.avsc").toString();
    String placed = schemas.resolve("order_placed.avsc").toString();
    assertThat(broken).contains("FAIL  " + paid).contains("FAIL  " + placed)
        .contains("FAIL  " + shared)
        .contains("shared type " + METADATA + " changed; checked in OrderPaid (" + paid
            + ", failed), OrderPlaced (" + placed + ", failed): the change breaks OrderPaid,"
            + " OrderPlaced")
        .contains("[FieldAddedWithoutDefault]").contains("field region was added without a default")
        .contains("[RegistryCannotJudge]");
    assertThat(fine).contains("PASS  " + paid).contains("PASS  " + placed)
        .contains("shared type " + METADATA + " changed; checked in OrderPaid (" + paid
            + ", passed), OrderPlaced (" + placed + ", passed): every event that uses it"
            + " accepts the change");
    System.out.println("[SharedTypesIT] compat --registry-url, a shared type change that breaks"
        + " both events:\n" + broken + "[SharedTypesIT] and one that does not:\n" + fine);
  }

  private static OrderPlaced placed(int i) {
    return OrderPlaced.newBuilder().setOrderId("order-" + i).setCustomerId("c-" + i)
        .setTotal(new BigDecimal(i + ".50")).setCurrency("EUR").setPlacedAt(AT.plusSeconds(i))
        .setMetadata(metadata(i)).build();
  }

  private static EventMetadata metadata(int i) {
    return EventMetadata.newBuilder().setEventId(UUID.nameUUIDFromBytes(new byte[] {(byte) i}))
        .setSource("checkout").setCorrelationId(i % 2 == 0 ? null : "saga-" + i)
        .build();
  }

  @Test
  void registersTheSharedTypeAsAReferenceAndSendsEventsThatUseIt(LocalKafka kafka,
      LocalSchemaRegistry registry) throws Exception {
    String topic = "shared_refs_" + Long.toString(System.nanoTime(), 36);
    String placedSubject = topic + "-" + OrderPlaced.getClassSchema().getFullName();
    String paidSubject = topic + "-" + OrderPaid.getClassSchema().getFullName();

    String registered = cli("register", "--schemas", schemas(topic).toString(),
        "--registry-url", registry.url(), "--references");

    SchemaRegistryClient client = SchemaRegistryClient.create(registry.url(),
        Duration.ofSeconds(10), null);
    RegisteredSchema metadata = client.latestVersion(METADATA);
    SchemaReference reference = new SchemaReference(METADATA, METADATA, metadata.version());
    assertThat(registered).contains("shared type " + METADATA + "  version " + metadata.version())
        .contains("references " + METADATA + " version " + metadata.version());
    assertThat(new Schema.Parser().parse(metadata.schema()))
        .isEqualTo(RegistrySchemas.withoutJavaProperties(EventMetadata.getClassSchema()));
    RegisteredSchema placed = client.latestVersion(placedSubject);
    assertThat(placed.references()).containsExactly(reference);
    assertThat(client.latestVersion(paidSubject).references()).containsExactly(reference);
    // The event names the shared type instead of holding it.
    assertThat(placed.schema()).contains("\"" + METADATA + "\"").doesNotContain("event_id");
    HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(registry.url() + "/subjects/" + placedSubject + "/versions/latest")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(raw.body()).path("references")).hasSize(1).first().satisfies(r -> {
      assertThat(r.path("name").asText()).isEqualTo(METADATA);
      assertThat(r.path("subject").asText()).isEqualTo(METADATA);
      assertThat(r.path("version").asInt()).isEqualTo(metadata.version());
    });

    // The producers write to a topic of their own (topic(...) overrides "kafka.topic", so their
    // subjects differ from the deploy step's): build() registers both parts with references, and
    // a lookup-only producer then finds the same form.
    String deployed = placedSubject;
    String sendTopic = topic + "_sent";
    kafka.createTopic(sendTopic, 1);
    placedSubject = sendTopic + "-" + OrderPlaced.getClassSchema().getFullName();
    paidSubject = sendTopic + "-" + OrderPaid.getClassSchema().getFullName();
    List<CompletableFuture<SendResult>> sent = new ArrayList<>();
    try (TypedProducer<OrderPlaced> placedEvents = TypedProducer.builder(OrderPlaced.class)
            .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
            .topic(sendTopic).autoRegisterSchema(true).registerSchemaReferences(true).build();
        TypedProducer<OrderPaid> paidEvents = TypedProducer.builder(OrderPaid.class)
            .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
            .topic(sendTopic).autoRegisterSchema(true).registerSchemaReferences(true).build()) {
      for (int i = 0; i < 10; i++) {
        sent.add(placedEvents.send(placed(i)));
        sent.add(paidEvents.send(OrderPaid.newBuilder().setOrderId("order-" + i)
            .setPaymentId("pay-" + i).setAmount(new BigDecimal(i + ".50"))
            .setPaidAt(AT.plusSeconds(100 + i)).setMetadata(i == 9 ? null : metadata(100 + i))
            .build()));
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
    }
    try (TypedProducer<OrderPlaced> lookupOnly = TypedProducer.builder(OrderPlaced.class)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .topic(sendTopic).registerSchemaReferences(true).build()) {
      lookupOnly.send(placed(10)).get();
    }
    assertThat(client.latestVersion(placedSubject).references()).containsExactly(reference);
    assertThat(client.versions(placedSubject)).hasSize(1);
    assertThat(client.latestVersion(paidSubject).references()).containsExactly(reference);

    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(kafka.bootstrapServers(), sendTopic, 21, Duration.ofSeconds(30));
    assertThat(records).hasSize(21);
    List<String> lines = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      int id = ByteBuffer.wrap(record.value()).getInt(1);
      GenericRecord value = decodeWithReferences(registry.url(), id, record.value());
      String type = value.getSchema().getName();
      int i = Integer.parseInt(new String(record.key(), StandardCharsets.UTF_8)
          .substring("order-".length()));
      assertThat(id).isEqualTo(client.latestVersion(type.equals("OrderPlaced") ? placedSubject
          : paidSubject).id());
      Object expected = type.equals("OrderPlaced") ? metadata(i)
          : i == 9 ? null : metadata(100 + i);
      if (expected == null) {
        assertThat(value.get("metadata")).isNull();
      } else {
        GenericRecord got = (GenericRecord) value.get("metadata");
        EventMetadata want = (EventMetadata) expected;
        assertThat(got.get("event_id").toString()).isEqualTo(want.getEventId().toString());
        assertThat(got.get("source").toString()).isEqualTo("checkout");
        assertThat(got.get("correlation_id") == null ? null : got.get("correlation_id")
            .toString()).isEqualTo(want.getCorrelationId());
      }
      lines.add("id " + id + " " + type + " " + value);
    }
    // Confluent's JavaScript client resolves the reference by itself.
    NodeDecoder.Decoding js = NodeDecoder.install().decode(registry.url(), sendTopic,
        records.stream().map(ConsumerRecord::value).toList());
    for (int r = 0; r < records.size(); r++) {
      NodeDecoder.Decoded decoded = js.values().get(r);
      assertThat(decoded.schemaId()).as(js.output())
          .isEqualTo(ByteBuffer.wrap(records.get(r).value()).getInt(1));
      JsonNode jsMetadata = decoded.value().path("metadata");
      assertThat(jsMetadata.isNull() || jsMetadata.path("source").asText().equals("checkout"))
          .as(decoded.line()).isTrue();
    }
    assertThat(js.values()).filteredOn(d -> !d.value().path("metadata").isNull()).hasSize(20);
    System.out.println("[SharedTypesIT] register --references:\n" + registered
        + "[SharedTypesIT] GET subjects/" + deployed + "/versions/latest:\n  " + raw.body()
        + "\n[SharedTypesIT] first records, decoded with the reference resolved:\n  "
        + String.join("\n  ", lines.subList(0, 4))
        + "\n[SharedTypesIT] the same, as Confluent's JavaScript client decodes them:\n  "
        + js.values().subList(0, 2).stream().map(NodeDecoder.Decoded::line)
            .collect(java.util.stream.Collectors.joining("\n  ")));
  }

  @Test
  void registersEachEventSelfContainedByDefault(LocalKafka kafka, LocalSchemaRegistry registry)
      throws Exception {
    String topic = "shared_inline_" + Long.toString(System.nanoTime(), 36);
    kafka.createTopic(topic, 1);
    String subject = topic + "-" + OrderPaid.getClassSchema().getFullName();

    try (TypedProducer<OrderPaid> paid = TypedProducer.builder(OrderPaid.class)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .topic(topic).autoRegisterSchema(true).build()) {
      paid.send(OrderPaid.newBuilder().setOrderId("order-1").setPaymentId("pay-1")
          .setAmount(new BigDecimal("1.50")).setPaidAt(AT).setMetadata(metadata(1)).build())
          .get();
    }

    SchemaRegistryClient client = SchemaRegistryClient.create(registry.url(),
        Duration.ofSeconds(10), null);
    RegisteredSchema registered = client.latestVersion(subject);
    assertThat(registered.references()).isEmpty();
    assertThat(new Schema.Parser().parse(registered.schema()).getField("metadata").schema()
        .getTypes().get(1).getField("event_id")).isNotNull();
    ConsumerRecord<byte[], byte[]> record =
        TopicReader.readAll(kafka.bootstrapServers(), topic, 1, Duration.ofSeconds(30)).get(0);
    GenericRecord value = decodeWithReferences(registry.url(), registered.id(), record.value());
    assertThat(((GenericRecord) value.get("metadata")).get("source").toString())
        .isEqualTo("checkout");
  }

  /** Decodes a framed value as a consumer would: the writer schema by id, its references too. */
  private static GenericRecord decodeWithReferences(String url, int id, byte[] value)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    JsonNode byId = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url
        + "/schemas/ids/" + id)).build(), HttpResponse.BodyHandlers.ofString()).body());
    Schema.Parser parser = new Schema.Parser();
    for (JsonNode reference : byId.path("references")) {
      JsonNode version = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url
          + "/subjects/" + reference.path("subject").asText() + "/versions/"
          + reference.path("version").asInt())).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      parser.parse(version.path("schema").asText());
    }
    Schema writer = parser.parse(byId.path("schema").asText());
    return new GenericDatumReader<GenericRecord>(writer).read(null,
        DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
  }
}
