package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.events.ml.InferenceRequest;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.NodeDecoder;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.TopicReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What TypedProducer writes, decoded by Confluent's own JavaScript client
 * ({@code @confluentinc/schemaregistry} on Node, through {@code src/test/node/decode.mjs}): a
 * consumer in another language, with another Avro implementation (avsc) and the writer schema
 * fetched from the registry by the id in the frame, gets back exactly the values sent.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class ConfluentJavaScriptClientIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static NodeDecoder node;

  @BeforeAll
  static void installDecoder() {
    // Fails, rather than skips, on a machine without node or npm: CI has both.
    node = NodeDecoder.install();
  }

  @Test
  void confluentsJavaScriptClientReadsUserClicksAsSent(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    String topic = "js_user_clicks";
    kafka.createTopic(topic, 3);
    List<UserClick> sent = List.of(
        click("user_1", Action.VIEW, "/products/1", 1_763_800_000_000L, null, Map.of()),
        click("user_2", Action.CLICK, "/produits/café-☕", 1_763_800_000_001L,
            "/search?q=café", Map.of("arm", "b", "größe", "XL")),
        click("user_3", Action.LIKE, "/", 0L, "", Map.of("", "empty key")),
        // before 1970 and in 2100: the zig-zag long and JavaScript's number both hold them
        click("user_4", Action.UNLIKE, "/old", -86_400_000L, null, Map.of("i", "4")),
        click("user_5", Action.BUY, "/checkout", 4_102_444_800_000L, "/cart", Map.of()));

    List<ConsumerRecord<byte[], byte[]>> records = sendAndReadBack(kafka, registry,
        UserClick.class, topic, sent);
    NodeDecoder.Decoding decoding = node.decode(registry.url(), topic, values(records));

    Map<String, UserClick> byPage = new HashMap<>();
    sent.forEach(click -> byPage.put(click.getPage(), click));
    for (int i = 0; i < records.size(); i++) {
      NodeDecoder.Decoded decoded = decoding.values().get(i);
      String context = "decoded by node:\n" + decoding.output();
      JsonNode value = decoded.value();
      UserClick expected = byPage.get(value.path("page").textValue());

      assertThat(expected).as("a click sent with page %s, %s", value.path("page"), context)
          .isNotNull();
      assertThat(decoded.schemaId()).as(context).isEqualTo(frameSchemaId(records.get(i)));
      assertThat(fieldNames(value)).as(context)
          .containsExactly("user_id", "action", "page", "occurred_at", "referrer", "attributes");
      assertThat(value.path("user_id").textValue()).as(context).isEqualTo(expected.getUserId());
      assertThat(value.path("action").textValue()).as(context)
          .isEqualTo(expected.getAction().name());
      assertThat(value.path("occurred_at").isIntegralNumber()).as(context).isTrue();
      assertThat(value.path("occurred_at").longValue()).as(context)
          .isEqualTo(expected.getOccurredAt().toEpochMilli());
      if (expected.getReferrer() == null) {
        assertThat(value.path("referrer").isNull()).as(context).isTrue();
      } else {
        assertThat(value.path("referrer").textValue()).as(context)
            .isEqualTo(expected.getReferrer());
      }
      assertThat(JSON.convertValue(value.path("attributes"),
          new TypeReference<Map<String, String>>() {})).as(context)
          .isEqualTo(expected.getAttributes());
      // How the client hands these types to a JavaScript application (see decode.mjs).
      assertThat(decoded.jsTypes()).as(context).containsExactly(
          Map.entry("user_id", "string"), Map.entry("action", "string"),
          Map.entry("page", "string"), Map.entry("occurred_at", "number"),
          Map.entry("referrer", expected.getReferrer() == null ? "null" : "string"),
          Map.entry("attributes", "object"));
    }
  }

  @Test
  void confluentsJavaScriptClientReadsInferenceRequestsWithExactDecimalsUuidsAndFloats(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    String topic = "js_inference_requests";
    kafka.createTopic(topic, 3);
    List<InferenceRequest> sent = List.of(
        request(UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"), "ranker", 14,
            List.of(0.125f, -3.5f, 1e-7f, 0f, 1f, 2f, 3f, 4f), 0.9375f, "0.004250",
            1_763_800_001_234L),
        // the extremes of a float and of decimal(12,6); 0.1f is not 0.1 in binary
        request(UUID.fromString("00000000-0000-0000-0000-000000000000"), "embedder-ü", 1,
            List.of(0.1f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 0.5f, 1e-45f,
                3.4e38f, -1f), null, "999999.999999", 1_763_800_001_235L),
        // the schema's rules keep costs non-negative; unscaled 128 needs a leading 0 byte, which
        // exercises the two's-complement decoding of the decimal all the same
        request(UUID.fromString("ffffffff-ffff-4fff-bfff-ffffffffffff"), "ranker", 15,
            List.of(0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f), 0f, "0.000128", 1_577_836_800_000L));

    List<ConsumerRecord<byte[], byte[]>> records = sendAndReadBack(kafka, registry,
        InferenceRequest.class, topic, sent);
    NodeDecoder.Decoding decoding = node.decode(registry.url(), topic, values(records));

    Map<String, InferenceRequest> byId = new HashMap<>();
    sent.forEach(request -> byId.put(request.getRequestId().toString(), request));
    for (int i = 0; i < records.size(); i++) {
      NodeDecoder.Decoded decoded = decoding.values().get(i);
      String context = "decoded by node:\n" + decoding.output();
      JsonNode value = decoded.value();
      InferenceRequest expected = byId.get(value.path("request_id").textValue());

      assertThat(expected).as("a request sent with id %s, %s", value.path("request_id"), context)
          .isNotNull();
      assertThat(decoded.schemaId()).as(context).isEqualTo(frameSchemaId(records.get(i)));
      assertThat(fieldNames(value)).as(context).containsExactly("request_id", "model",
          "model_version", "features", "score", "cost_usd", "requested_at");
      assertThat(value.path("request_id").textValue()).as(context)
          .isEqualTo(expected.getRequestId().toString());
      assertThat(value.path("model").textValue()).as(context).isEqualTo(expected.getModel());
      assertThat(value.path("model_version").isInt()).as(context).isTrue();
      assertThat(value.path("model_version").intValue()).as(context)
          .isEqualTo(expected.getModelVersion());
      // Exact: each float arrives widened to a double, and JSON carries that double exactly.
      assertThat(JSON.convertValue(value.path("features"), new TypeReference<List<Double>>() {}))
          .as(context)
          .isEqualTo(expected.getFeatures().stream().map(Float::doubleValue).toList());
      if (expected.getScore() == null) {
        assertThat(value.path("score").isNull()).as(context).isTrue();
      } else {
        assertThat(value.path("score").isNumber()).as(context).isTrue();
        assertThat(value.path("score").doubleValue()).as(context)
            .isEqualTo(expected.getScore().doubleValue());
      }
      // Compared as text so that the scale counts too: 0.004250, not 0.00425.
      assertThat(value.path("cost_usd").textValue()).as(context)
          .isEqualTo(expected.getCostUsd().toPlainString());
      assertThat(value.path("requested_at").isIntegralNumber()).as(context).isTrue();
      assertThat(value.path("requested_at").longValue()).as(context)
          .isEqualTo(expected.getRequestedAt().toEpochMilli());
      // How the client hands these types to a JavaScript application (see decode.mjs).
      assertThat(decoded.jsTypes()).as(context).containsExactly(
          Map.entry("request_id", "string"), Map.entry("model", "string"),
          Map.entry("model_version", "number"), Map.entry("features", "array"),
          Map.entry("score", expected.getScore() == null ? "null" : "number"),
          Map.entry("cost_usd", "Buffer"), Map.entry("requested_at", "number"));
    }
  }

  private static <T extends SpecificRecord> List<ConsumerRecord<byte[], byte[]>> sendAndReadBack(
      LocalKafka kafka, LocalSchemaRegistry registry, Class<T> type, String topic, List<T> events)
      throws Exception {
    try (TypedProducer<T> producer = TypedProducer.builder(type)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .topic(topic).autoRegisterSchema(true).build()) {
      List<CompletableFuture<SendResult>> results = new ArrayList<>();
      events.forEach(event -> results.add(producer.send(event)));
      for (CompletableFuture<SendResult> result : results) {
        result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    }
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(kafka.bootstrapServers(), topic, events.size(), WAIT);
    assertThat(records).hasSize(events.size());
    return records;
  }

  private static List<byte[]> values(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().map(ConsumerRecord::value).toList();
  }

  /** The schema id in the record's Confluent frame: byte 0 is the magic byte, then 4 bytes. */
  private static int frameSchemaId(ConsumerRecord<byte[], byte[]> record) {
    return ByteBuffer.wrap(record.value()).getInt(1);
  }

  private static List<String> fieldNames(JsonNode value) {
    return value.properties().stream().map(Map.Entry::getKey).toList();
  }

  private static UserClick click(String userId, Action action, String page, long occurredAtMillis,
      String referrer, Map<String, String> attributes) {
    return UserClick.newBuilder().setUserId(userId).setAction(action).setPage(page)
        .setOccurredAt(Instant.ofEpochMilli(occurredAtMillis)).setReferrer(referrer)
        .setAttributes(attributes).build();
  }

  private static InferenceRequest request(UUID id, String model, int modelVersion,
      List<Float> features, Float score, String costUsd, long requestedAtMillis) {
    return InferenceRequest.newBuilder().setRequestId(id).setModel(model)
        .setModelVersion(modelVersion).setFeatures(features).setScore(score)
        .setCostUsd(new BigDecimal(costUsd)).setRequestedAt(Instant.ofEpochMilli(requestedAtMillis))
        .build();
  }
}
