package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.typedproducer.events.ml.InferenceRequest;
import dev.typedproducer.internal.metrics.MicrometerSendMetrics;
import dev.typedproducer.testing.IndependentDecoder;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.TopicReader;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A mixed stream of good and bad inference requests on the real broker and registry: the topic
 * holds exactly the good ones, the dead-letter topic exactly the bad ones with their reasons, both
 * read back with a plain consumer and decoded without the SDK, and every future completes.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class DeadLetterIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "dl_requests";
  private static final String DEAD_LETTERS = "dl_requests.invalid";

  /** The defects the bad events carry, in turn, with the rule each breaks. */
  private static final List<Map.Entry<String, Consumer<InferenceRequest>>> DEFECTS = List.of(
      Map.entry("features/3 finite", r -> r.getFeatures().set(3, Float.NaN)),
      Map.entry("score max", r -> r.setScore(1.7f)),
      Map.entry("model notBlank", r -> r.setModel("  ")),
      Map.entry("cost_usd min", r -> r.setCostUsd(new BigDecimal("-0.000001"))),
      Map.entry("features size", r -> r.getFeatures().remove(7)));

  private static InferenceRequest request(int i) {
    return InferenceRequest.newBuilder().setRequestId(UUID.nameUUIDFromBytes(new byte[] {(byte) i,
            (byte) (i >> 8)})).setModel("ranker").setModelVersion(i)
        .setFeatures(new ArrayList<>(Collections.nCopies(8, i / 1000f))).setScore(0.5f)
        .setCostUsd(new BigDecimal("0.000125")).setRequestedAt(Instant.now()).build();
  }

  @Test
  void goodEventsReachTheTopicAndBadOnesTheDeadLetterTopicWithTheirReasons(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic(TOPIC, 3);
    kafka.createTopic(DEAD_LETTERS, 1);
    Set<String> good = new HashSet<>();
    Map<String, String> bad = new TreeMap<>(); // request id -> "path rule"
    Map<String, CompletableFuture<SendResult>> futures = new HashMap<>();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (TypedProducer<InferenceRequest> requests = TypedProducer.builder(InferenceRequest.class)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .autoRegisterSchema(true).topic(TOPIC)
        .onRuleViolation(OnRuleViolation.deadLetter(DEAD_LETTERS)).meterRegistry(meters)
        .build()) {
      for (int i = 0; i < 500; i++) {
        InferenceRequest request = request(i);
        String id = request.getRequestId().toString();
        if (i % 5 == 2) {
          Map.Entry<String, Consumer<InferenceRequest>> defect = DEFECTS.get(i / 5 % DEFECTS.size());
          defect.getValue().accept(request);
          bad.put(id, defect.getKey());
        } else {
          good.add(id);
        }
        futures.put(id, requests.send(request));
      }
      CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new))
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(futures.values()).allSatisfy(f -> assertThat(f).isCompleted());
      futures.forEach((id, f) -> {
        SendResult result = f.join();
        assertThat(result.deadLettered()).as(id).isEqualTo(bad.containsKey(id));
        assertThat(result.topic()).isEqualTo(bad.containsKey(id) ? DEAD_LETTERS : TOPIC);
        if (bad.containsKey(id)) {
          assertThat(result.violations()).extracting(v -> v.path() + " " + v.rule())
              .containsExactly(bad.get(id));
        }
      });
      // A dead-letter send shows in the SDK's metrics, apart from the sent events ...
      Tags tags = Tags.of("event", InferenceRequest.class.getName(), "topic", TOPIC);
      assertThat(meters.get(MicrometerSendMetrics.DEAD_LETTERED).tags(tags).counter().count())
          .isEqualTo(bad.size());
      assertThat(meters.get(MicrometerSendMetrics.SENT).tags(tags).counter().count())
          .isEqualTo(good.size());
      // ... and in the Kafka producer's, under the dead-letter topic.
      assertThat(requests.metrics().entrySet()).anySatisfy(m -> {
        assertThat(m.getKey().name()).isEqualTo("record-send-total");
        assertThat(m.getKey().tags()).containsEntry("topic", DEAD_LETTERS);
        assertThat(m.getValue().metricValue()).isEqualTo((double) bad.size());
      });
    }

    IndependentDecoder decoder = new IndependentDecoder(registry.url());
    Set<String> onTopic = new HashSet<>();
    TopicReader.readToEnd(kafka.bootstrapServers(), TOPIC, WAIT, record -> {
      GenericRecord value = decode(decoder, record);
      onTopic.add(value.get("request_id").toString());
      assertThat(record.headers().toArray()).isEmpty();
    });
    assertThat(onTopic).isEqualTo(good);

    Map<String, String> deadLettered = new TreeMap<>();
    int schemaId = -1;
    List<ConsumerRecord<byte[], byte[]>> dead =
        TopicReader.readAll(kafka.bootstrapServers(), DEAD_LETTERS, bad.size(), WAIT);
    for (ConsumerRecord<byte[], byte[]> record : dead) {
      String key = new String(record.key(), StandardCharsets.UTF_8);
      GenericRecord value = decode(decoder, record);
      assertThat(value.get("request_id")).hasToString(key);
      assertThat(header(record, "typedproducer.source.topic")).containsExactly(TOPIC);
      int frameId = ByteBuffer.wrap(record.value(), 1, 4).getInt();
      assertThat(header(record, "typedproducer.schema.id")).containsExactly(String.valueOf(frameId));
      schemaId = frameId;
      List<String> reasons = new ArrayList<>();
      for (String text : header(record, "typedproducer.rule.violation")) {
        JsonNode reason = JSON.readTree(text);
        reasons.add(reason.path("path").asText() + " " + reason.path("rule").asText());
        assertThat(reason.path("message").asText()).startsWith(reason.path("path").asText() + " ");
      }
      assertThat(reasons).hasSize(1);
      deadLettered.put(key, reasons.get(0));
    }
    assertThat(dead).hasSize(bad.size());
    assertThat(deadLettered).isEqualTo(bad);
    // Same schema id as the good events: a consumer decodes both topics the same way.
    int mainId = ByteBuffer.wrap(TopicReader.readAll(kafka.bootstrapServers(), TOPIC, 1, WAIT)
        .get(0).value(), 1, 4).getInt();
    assertThat(schemaId).isEqualTo(mainId);
  }

  @Test
  void buildRefusesAMissingDeadLetterTopicNamedByTheSchema(
      LocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("dl_requests_no_dlq", 1);

    assertThatThrownBy(() -> TypedProducer.builder(InferenceRequest.class)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .autoRegisterSchema(true).topic("dl_requests_no_dlq")
        .onRuleViolation(OnRuleViolation.deadLetter()).build())
        .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.id()).isEqualTo("TopicNotFound"))
        .hasMessageContaining("inference_requests.invalid");
  }

  private static GenericRecord decode(IndependentDecoder decoder, ConsumerRecord<byte[], byte[]> r) {
    try {
      return decoder.decode(r.value()).value();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> header(ConsumerRecord<byte[], byte[]> record, String name) {
    List<String> values = new ArrayList<>();
    for (Header h : record.headers().headers(name)) {
      values.add(new String(h.value(), StandardCharsets.UTF_8));
    }
    return values;
  }
}
