package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.events.ml.InferenceRequest;
import dev.typedproducer.testing.InProcessOnly;
import dev.typedproducer.testing.IndependentDecoder;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.TopicReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End to end on a real Kafka broker and a real schema registry: what TypedProducer writes is read
 * back with a plain consumer and decoded without the SDK.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class TypedProducerIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static String schemaFile(String name) throws IOException {
    return new Schema.Parser().parse(Files.readString(Path.of("schemas", name))).toString();
  }

  @Test
  void deliversUserClicksKeyedByUserAndFramedWithTheRegisteredId(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("user_clicks", 6);
    IndependentDecoder decoder = new IndependentDecoder(registry.url());
    // The deploy step registers the .avsc file; the producer then finds that id by itself.
    int registeredId = decoder.register("user_clicks-value", schemaFile("user_clicks.avsc"));

    Map<String, UserClick> sent = new HashMap<>();
    List<CompletableFuture<SendResult>> results = new ArrayList<>();
    try (TypedProducer<UserClick> clicks = TypedProducer.builder(UserClick.class)
        .bootstrapServers(kafka.bootstrapServers())
        .schemaRegistryUrl(registry.url())
        .build()) {
      for (int i = 0; i < 60; i++) {
        UserClick click = UserClick.newBuilder()
            .setUserId("user_" + (i % 12))
            .setAction(Action.values()[i % Action.values().length])
            .setPage("/products/" + i)
            .setOccurredAt(Instant.ofEpochMilli(1_763_800_000_000L + i))
            .setReferrer(i % 3 == 0 ? null : "/search?q=" + i)
            .setAttributes(i % 2 == 0 ? Map.of() : Map.of("arm", "b", "i", Integer.toString(i)))
            .build();
        sent.put(click.getPage(), click);
        results.add(clicks.send(click));
      }
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get();
    }

    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(kafka.bootstrapServers(), "user_clicks", 60, WAIT);
    assertThat(records).hasSize(60);
    Map<String, SendResult> resultsByPage = new HashMap<>();
    for (CompletableFuture<SendResult> result : results) {
      SendResult r = result.join();
      resultsByPage.put(r.topic() + "/" + r.partition() + "/" + r.offset(), r);
    }
    for (ConsumerRecord<byte[], byte[]> record : records) {
      IndependentDecoder.Decoded decoded = decoder.decode(record.value());
      GenericRecord value = decoded.value();
      UserClick expected = sent.get(value.get("page").toString());

      assertThat(decoded.schemaId()).isEqualTo(registeredId);
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(expected.getUserId());
      assertThat(record.partition()).isEqualTo(BuiltInPartitioner.partitionForKey(record.key(), 6));
      assertThat(resultsByPage.get("user_clicks/" + record.partition() + "/" + record.offset()))
          .isNotNull().extracting(SendResult::key).isEqualTo(expected.getUserId());
      assertThat(value.get("user_id")).hasToString(expected.getUserId());
      assertThat(value.get("action")).hasToString(expected.getAction().name());
      assertThat(value.get("occurred_at")).isEqualTo(expected.getOccurredAt().toEpochMilli());
      assertThat(value.get("referrer") == null ? null : value.get("referrer").toString())
          .isEqualTo(expected.getReferrer());
      Map<String, String> attributes = new HashMap<>();
      ((Map<?, ?>) value.get("attributes")).forEach((k, v) -> attributes.put(k.toString(), v.toString()));
      assertThat(attributes).isEqualTo(expected.getAttributes());
    }
  }

  @Test
  void keyedEventsLandWhereAPlainStringKeyedClientSendsTheSameKey(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("clicks_by_user", 12);
    RecordMetadata plain;
    try (KafkaProducer<String, String> other = new KafkaProducer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(),
        new StringSerializer())) {
      plain = other.send(new ProducerRecord<>("clicks_by_user", "user_123", "hello")).get();
    }

    SendResult ours;
    try (TypedProducer<UserClick> clicks = TypedProducer.builder(UserClick.class)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .topic("clicks_by_user").autoRegisterSchema(true).build()) {
      ours = clicks.send(UserClick.newBuilder().setUserId("user_123").setAction(Action.BUY)
          .setPage("/checkout").setOccurredAt(Instant.now()).build()).get();
    }

    assertThat(ours.key()).isEqualTo("user_123");
    assertThat(ours.partition()).isEqualTo(plain.partition());
  }

  @Test
  void deliversInferenceRequestsWithExactDecimalsUuidKeysAndFeatureVectors(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("inference_requests", 3);
    IndependentDecoder decoder = new IndependentDecoder(registry.url());
    UUID id = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    InferenceRequest request = InferenceRequest.newBuilder().setRequestId(id).setModel("ranker")
        .setModelVersion(14).setFeatures(List.of(0.125f, -3.5f, 1e-7f, 0f, 1f, 2f, 3f, 4f)).setScore(0.9375f)
        .setCostUsd(new BigDecimal("0.004250")).setRequestedAt(Instant.ofEpochMilli(1_763_800_001_234L))
        .build();

    SendResult result;
    try (TypedProducer<InferenceRequest> requests = TypedProducer.builder(InferenceRequest.class)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .autoRegisterSchema(true).build()) {
      result = requests.send(request).get();
    }

    ConsumerRecord<byte[], byte[]> record = TopicReader.readAll(
        kafka.bootstrapServers(), "inference_requests", 1, WAIT).get(0);
    IndependentDecoder.Decoded decoded = decoder.decode(record.value());
    GenericRecord value = decoded.value();
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(id.toString());
    assertThat(result.key()).isEqualTo(id.toString());
    assertThat(record.partition()).isEqualTo(result.partition());
    // The id in the frame is the one the registry gives the .avsc file's text.
    assertThat(decoded.schemaId()).isEqualTo(
        decoder.register("inference_requests-value", schemaFile("inference_requests.avsc")));
    assertThat(value.get("request_id")).hasToString(id.toString());
    assertThat(value.get("model")).hasToString("ranker");
    assertThat(value.get("model_version")).isEqualTo(14);
    assertThat(value.get("features")).hasToString("[0.125, -3.5, 1.0E-7, 0.0, 1.0, 2.0, 3.0, 4.0]");
    assertThat(value.get("score")).isEqualTo(0.9375f);
    ByteBuffer cost = (ByteBuffer) value.get("cost_usd");
    byte[] unscaled = new byte[cost.remaining()];
    cost.get(unscaled);
    assertThat(new BigDecimal(new BigInteger(unscaled), 6)).isEqualTo(new BigDecimal("0.004250"));
    assertThat(value.get("requested_at")).isEqualTo(1_763_800_001_234L);
    assertThat(decoded.writerSchema().getField("cost_usd").schema().getObjectProp("scale")).isEqualTo(6);
  }

  @Test
  void keepsPerKeyOrderWhenThreadsShareOneProducer(LocalKafka kafka, LocalSchemaRegistry registry)
      throws Exception {
    kafka.createTopic("shared_clicks", 4);
    int threads = 4;
    int perThread = 500;
    try (TypedProducer<UserClick> clicks = TypedProducer.builder(UserClick.class)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .topic("shared_clicks").autoRegisterSchema(true).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String user = "user_" + t;
        done.add(pool.submit(() -> {
          List<CompletableFuture<SendResult>> sent = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            // Each thread owns one key and numbers its events, so order per key is checkable.
            sent.add(clicks.send(UserClick.newBuilder().setUserId(user).setAction(Action.VIEW)
                .setPage("/" + i).setOccurredAt(Instant.ofEpochMilli(i)).build()));
          }
          CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
    }

    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(kafka.bootstrapServers(), "shared_clicks", threads * perThread, WAIT);
    assertThat(records).hasSize(threads * perThread);
    IndependentDecoder decoder = new IndependentDecoder(registry.url());
    Map<String, Long> lastSequence = new HashMap<>();
    records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(
        ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
    for (ConsumerRecord<byte[], byte[]> record : records) {
      GenericRecord value = decoder.decode(record.value()).value();
      String user = value.get("user_id").toString();
      long sequence = (Long) value.get("occurred_at");
      assertThat(sequence).as("order of %s", user).isEqualTo(lastSequence.getOrDefault(user, -1L) + 1);
      lastSequence.put(user, sequence);
    }
    assertThat(lastSequence).hasSize(threads).allSatisfy((user, last) ->
        assertThat(last).isEqualTo(perThread - 1));
  }

  @Test
  void closeDeliversWhatIsStillBuffered(LocalKafka kafka, LocalSchemaRegistry registry)
      throws Exception {
    kafka.createTopic("lingering_clicks", 1);
    List<CompletableFuture<SendResult>> sent = new ArrayList<>();
    TypedProducer<UserClick> clicks = TypedProducer.builder(UserClick.class)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .topic("lingering_clicks").autoRegisterSchema(true)
        .kafkaSetting("linger.ms", 60_000).kafkaSetting("batch.size", 1 << 20).build();
    for (int i = 0; i < 200; i++) {
      sent.add(clicks.send(UserClick.newBuilder().setUserId("u" + i).setAction(Action.CLICK)
          .setPage("/").setOccurredAt(Instant.EPOCH).build()));
    }
    assertThat(sent).noneMatch(CompletableFuture::isDone); // held back by linger.ms

    clicks.close();

    assertThat(sent).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(TopicReader.readAll(kafka.bootstrapServers(), "lingering_clicks", 200, WAIT))
        .hasSize(200);
  }

  @Test
  void writesAsAnIdempotentProducer(LocalKafka kafka, LocalSchemaRegistry registry)
      throws Exception {
    kafka.createTopic("idempotent_clicks", 1);
    try (TypedProducer<UserClick> clicks = TypedProducer.builder(UserClick.class)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .topic("idempotent_clicks").autoRegisterSchema(true).build()) {
      clicks.send(UserClick.newBuilder().setUserId("u").setAction(Action.VIEW).setPage("/")
          .setOccurredAt(Instant.now()).build()).get();
    }

    // The broker tracks a producer id and epoch only for idempotent producers.
    TopicPartition partition = new TopicPartition("idempotent_clicks", 0);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      List<ProducerState> producers = admin.describeProducers(List.of(partition)).all().get()
          .get(partition).activeProducers();
      assertThat(producers).singleElement().satisfies(p -> {
        assertThat(p.producerId()).isNotNegative();
        assertThat(p.lastSequence()).isZero();
      });
    }
  }

  @Test
  void failsStartUpWhenTheRegistryDoesNotHaveTheSchema(
      LocalKafka kafka, LocalSchemaRegistry registry) {
    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .topic("never_registered").build())
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.subject()).isEqualTo("never_registered-value");
          assertThat(e.isRetriable()).isFalse();
        })
        .hasMessageContaining("is not registered under subject never_registered-value at "
            + registry.url());
  }

  @Test
  @InProcessOnly("makes a wrong URL by removing Apicurio's /apis/ccompat/v7 path")
  void failsStartUpWhenTheRegistryUrlIsWrong(LocalKafka kafka, LocalSchemaRegistry registry) {
    String withoutApiPath = registry.url().replace("/apis/ccompat/v7", "");

    assertThatThrownBy(() -> TypedProducer.builder(UserClick.class)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(withoutApiPath).build())
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("HTTP 404");
  }
}
