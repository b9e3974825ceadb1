package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.SecuredLocalKafka;
import dev.typedproducer.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input on a real broker and registry: each case fails alone, with an error that names the
 * problem and the fix, while the good events sent through the same producer just before and after
 * it are acknowledged and read back from the topic. Unit-level cases: {@code BadEventTest},
 * {@code BadConfigTest}, {@code BadRegistryTest}.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class BadInputIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Page length of a "big" event: about 10 KB on the wire. */
  private static final int BIG = 10_000;

  private static TypedProducerBuilder<UserClick> clicks(
      LocalKafka kafka, LocalSchemaRegistry registry, String topic) {
    return TypedProducer.builder(UserClick.class).topic(topic)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .autoRegisterSchema(true);
  }

  private static UserClick click(String user, int pageLength) {
    return UserClick.newBuilder().setUserId(user).setAction(Action.VIEW)
        .setPage("/" + "p".repeat(pageLength)).setOccurredAt(Instant.EPOCH).build();
  }

  private static UserClick click(String user) {
    return click(user, 1);
  }

  /** The keys of the first {@code expected} records of one-partition {@code topic}, in order. */
  private static List<String> keysIn(LocalKafka kafka, String topic, int expected) {
    return TopicReader.readAll(kafka.bootstrapServers(), topic, expected, WAIT).stream()
        .map(record -> new String(record.key(), StandardCharsets.UTF_8)).toList();
  }

  private static DeliveryException failureOf(CompletableFuture<SendResult> sent) {
    ExecutionException e = assertThrows(ExecutionException.class, sent::get);
    assertThat(e.getCause()).isInstanceOf(DeliveryException.class);
    return (DeliveryException) e.getCause();
  }

  @Test
  void anInvalidEventIsRefusedWhileTheEventsAroundItAreDelivered(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("invalid_event_clicks", 1);
    UserClick bad = click("bad");
    bad.setPage(null);

    try (TypedProducer<UserClick> producer = clicks(kafka, registry, "invalid_event_clicks")
        .build()) {
      CompletableFuture<SendResult> before = producer.send(click("before"));
      assertThatThrownBy(() -> producer.send(bad))
          .isInstanceOfSatisfying(InvalidEventException.class,
              e -> assertThat(e.field()).isEqualTo("page"))
          .hasMessageContaining("field page cannot be written");
      CompletableFuture<SendResult> after = producer.send(click("after"));

      assertThat(before.get().offset()).isZero();
      assertThat(after.get().offset()).isEqualTo(1);
    }
    assertThat(keysIn(kafka, "invalid_event_clicks", 2)).containsExactly("before", "after");
  }

  @Test
  void anEventOverMaxRequestSizeFailsItsFutureAlone(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("oversized_clicks", 1);

    try (TypedProducer<UserClick> producer = clicks(kafka, registry, "oversized_clicks")
        .kafkaSetting(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 5_000).build()) {
      CompletableFuture<SendResult> before = producer.send(click("before"));
      CompletableFuture<SendResult> big = producer.send(click("big", BIG));
      CompletableFuture<SendResult> after = producer.send(click("after"));

      assertThat(failureOf(big)).satisfies(e -> {
        assertThat(e.id()).isEqualTo("RecordTooLarge");
        assertThat(e.key()).isEqualTo("big");
        assertThat(e.isRetriable()).isFalse();
      }).hasMessageStartingWith("[RecordTooLarge] Event with key \"big\" was not delivered to"
          + " topic oversized_clicks: it is larger than the producer's max.request.size=5000"
          + " bytes or the topic's max.message.bytes. Make the event smaller, or raise both"
          + " limits together.");
      assertThat(before.get().key()).isEqualTo("before");
      assertThat(after.get().key()).isEqualTo("after");
    }
    assertThat(keysIn(kafka, "oversized_clicks", 2)).containsExactly("before", "after");
  }

  @Test
  void anEventOverTheTopicsMaxMessageBytesFailsItsFutureAlone(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("small_message_clicks", 1,
        Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "2000"));

    try (TypedProducer<UserClick> producer = clicks(kafka, registry, "small_message_clicks")
        .build()) {
      CompletableFuture<SendResult> before = producer.send(click("before"));
      CompletableFuture<SendResult> big = producer.send(click("big", BIG));
      CompletableFuture<SendResult> after = producer.send(click("after"));

      // The broker refuses it, after the producer sent it: Kafka's RecordTooLargeException again.
      assertThat(failureOf(big)).satisfies(e -> {
        assertThat(e.id()).isEqualTo("RecordTooLarge");
        assertThat(e.isRetriable()).isFalse();
      }).hasMessageContaining("or the topic's max.message.bytes");
      assertThat(before.get().key()).isEqualTo("before");
      assertThat(after.get().key()).isEqualTo("after");
      // The producer stays usable: the idempotent sequence survives the refused batch.
      assertThat(producer.send(click("later")).get().key()).isEqualTo("later");
    }
    assertThat(keysIn(kafka, "small_message_clicks", 3))
        .containsExactly("before", "after", "later");
  }

  /**
   * A buffer that just holds one batch, held back by linger.ms: three 10 KB events fill it, so the
   * fourth needs memory that only a broker's acknowledgement can free. Deterministic, since the
   * batch is neither full nor due while the fourth event is sent.
   */
  private static TypedProducerBuilder<UserClick> oneBatchBuffer(
      LocalKafka kafka, LocalSchemaRegistry registry, String topic, Duration maxBlock) {
    kafka.createTopic(topic, 1);
    return clicks(kafka, registry, topic).maxBlock(maxBlock)
        .kafkaSetting(ProducerConfig.LINGER_MS_CONFIG, 60_000)
        .kafkaSetting(ProducerConfig.BATCH_SIZE_CONFIG, 32_768)
        .kafkaSetting(ProducerConfig.BUFFER_MEMORY_CONFIG, 32_768L);
  }

  private static List<CompletableFuture<SendResult>> fill(TypedProducer<UserClick> producer) {
    List<CompletableFuture<SendResult>> sent = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      sent.add(producer.send(click("buffered-" + i, BIG)));
    }
    assertThat(sent).noneMatch(CompletableFuture::isDone);
    return sent;
  }

  private static void awaitEmptyBuffer(TypedProducer<?> producer) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (bufferAvailable(producer) < 32_768 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static double bufferAvailable(TypedProducer<?> producer) {
    return producer.metrics().entrySet().stream()
        .filter(m -> m.getKey().name().equals("buffer-available-bytes"))
        .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue())
        .findFirst().orElseThrow();
  }

  @Test
  void anEventThatFindsTheBufferFullFailsAloneAndCanBeSentAgain(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    try (TypedProducer<UserClick> producer =
        oneBatchBuffer(kafka, registry, "full_buffer_clicks", Duration.ZERO).build()) {
      List<CompletableFuture<SendResult>> buffered = fill(producer);

      CompletableFuture<SendResult> refused = producer.send(click("extra", BIG));

      assertThat(refused).isCompletedExceptionally();
      assertThat(failureOf(refused)).satisfies(e -> {
        assertThat(e.id()).isEqualTo("BufferFull");
        assertThat(e.isRetriable()).isTrue();
      }).hasMessageStartingWith("[BufferFull] Event with key \"extra\" was not delivered to topic"
          + " full_buffer_clicks: the producer's buffer (buffer.memory=32768 bytes) stayed full"
          + " for max.block.ms=0 ms").hasMessageContaining("Nothing was sent. Send again later");
      producer.flush();
      for (CompletableFuture<SendResult> sent : buffered) {
        assertThat(sent.get().topic()).isEqualTo("full_buffer_clicks");
      }
      awaitEmptyBuffer(producer); // Kafka frees a batch's memory just after completing it
      CompletableFuture<SendResult> again = producer.send(click("extra", BIG));
      producer.flush(); // linger.ms would hold it for a minute
      assertThat(again.get().key()).isEqualTo("extra");
    }
    assertThat(keysIn(kafka, "full_buffer_clicks", 4))
        .containsExactly("buffered-1", "buffered-2", "buffered-3", "extra");
  }

  @Test
  void anInterruptedCallerIsToldSoAndTheBufferedEventsAreDelivered(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    try (TypedProducer<UserClick> producer =
        oneBatchBuffer(kafka, registry, "interrupted_clicks", Duration.ofSeconds(30)).build()) {
      List<CompletableFuture<SendResult>> buffered = fill(producer);
      long start = System.nanoTime();

      Thread.currentThread().interrupt(); // send must wait for buffer space: it is interrupted
      try {
        assertThatThrownBy(() -> producer.send(click("extra", BIG)))
            .isInstanceOf(InterruptException.class)
            .hasMessageStartingWith("Interrupted while sending the event with key \"extra\" to"
                + " topic interrupted_clicks")
            .hasMessageContaining("Nothing was sent");
      } finally {
        assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

      producer.flush();
      for (CompletableFuture<SendResult> sent : buffered) {
        assertThat(sent.get().topic()).isEqualTo("interrupted_clicks");
      }
      CompletableFuture<SendResult> again = producer.send(click("extra", BIG));
      producer.flush(); // linger.ms would hold it for a minute
      assertThat(again.get().key()).isEqualTo("extra");
    }
    assertThat(keysIn(kafka, "interrupted_clicks", 4))
        .containsExactly("buffered-1", "buffered-2", "buffered-3", "extra");
  }

  @Test
  void sendAfterCloseIsRefusedAndWhatWasSentBeforeIsDelivered(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("closed_clicks", 1);
    TypedProducer<UserClick> producer = clicks(kafka, registry, "closed_clicks")
        .kafkaSetting(ProducerConfig.LINGER_MS_CONFIG, 60_000).build();
    CompletableFuture<SendResult> before = producer.send(click("before"));

    producer.close();

    assertThatThrownBy(() -> producer.send(click("after")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot send: TypedProducer<dev.typedproducer.events.UserClick> for topic"
            + " closed_clicks is closed. Create a new TypedProducer, or send before closing it.");
    assertThat(before).isCompleted();
    assertThat(before.get().key()).isEqualTo("before");
    assertThat(keysIn(kafka, "closed_clicks", 1)).containsExactly("before");
  }

  @Test
  void aMissingTopicFailsBuildWhileAnotherProducersEventsAreDelivered(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("busy_clicks", 1);
    try (TypedProducer<UserClick> busy = clicks(kafka, registry, "busy_clicks")
        .kafkaSetting(ProducerConfig.LINGER_MS_CONFIG, 60_000).build()) {
      CompletableFuture<SendResult> before = busy.send(click("before"));

      assertThatThrownBy(() -> clicks(kafka, registry, "no_such_clicks").build())
          .isInstanceOfSatisfying(BrokerException.class, e -> {
            assertThat(e.id()).isEqualTo("TopicNotFound");
            assertThat(e.topic()).isEqualTo("no_such_clicks");
          })
          .hasMessageContaining("createTopicIfMissing(partitions)");
      CompletableFuture<SendResult> after = busy.send(click("after"));

      busy.flush();
      assertThat(before.get().offset()).isZero();
      assertThat(after.get().offset()).isEqualTo(1);
    }
    assertThat(keysIn(kafka, "busy_clicks", 2)).containsExactly("before", "after");
  }

  @Test
  void aTopicThePrincipalMayNoLongerWriteFailsThoseSendsNamingTheGrant(
      SecuredLocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    String user = SecuredLocalKafka.PRODUCER;
    kafka.createTopic("revoked_clicks", 1);
    kafka.grant(user, "revoked_clicks", AclOperation.DESCRIBE, AclOperation.WRITE);

    try (TypedProducer<UserClick> producer = TypedProducer.builder(UserClick.class)
        .topic("revoked_clicks").bootstrapServers(kafka.bootstrapServers())
        .kafkaSettings(kafka.clientSettings(user)).schemaRegistryUrl(registry.url())
        .autoRegisterSchema(true).build()) {
      assertThat(producer.send(click("before")).get().offset()).isZero();

      kafka.revoke(user, "revoked_clicks", AclOperation.WRITE);
      assertThat(failureOf(producer.send(click("refused")))).satisfies(e -> {
        assertThat(e.id()).isEqualTo("TopicNotAuthorized");
        assertThat(e.key()).isEqualTo("refused");
        assertThat(e.isRetriable()).isFalse();
      }).hasMessageStartingWith("[TopicNotAuthorized] Event with key \"refused\" was not"
          + " delivered to topic revoked_clicks: the producer's principal may not write it."
          + " Grant WRITE and DESCRIBE on topic revoked_clicks.");

      kafka.grant(user, "revoked_clicks", AclOperation.WRITE);
      assertThat(producer.send(click("after")).get().key()).isEqualTo("after");
    }
    assertThat(TopicReader.readAll(kafka.bootstrapServers(),
        kafka.clientSettings(SecuredLocalKafka.ADMIN), "revoked_clicks", 2, WAIT).stream()
        .map(record -> new String(record.key(), StandardCharsets.UTF_8)))
        .containsExactly("before", "after");
  }
}
