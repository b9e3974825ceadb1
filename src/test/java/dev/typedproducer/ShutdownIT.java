package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.ClickIds;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closing a producer on a real broker: every future is complete when close returns, sends racing
 * close either get in or are refused by name, an interrupted thread's send is not lost, and what
 * was acknowledged is in the topic exactly once.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class ShutdownIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static TypedProducerBuilder<UserClick> clicks(
      LocalKafka kafka, LocalSchemaRegistry registry, String topic) {
    return TypedProducer.builder(UserClick.class).topic(topic)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .autoRegisterSchema(true);
  }

  private static UserClick click(String user, int seq) {
    return UserClick.newBuilder().setUserId(user).setAction(Action.VIEW).setPage("/seq/" + seq)
        .setOccurredAt(Instant.EPOCH).build();
  }

  /** Acknowledged futures and failed ones, after close: no future may still be pending. */
  private record Outcome(List<SendResult> acked, List<DeliveryException> failed) {
    static Outcome of(List<CompletableFuture<SendResult>> futures) {
      List<SendResult> acked = new ArrayList<>();
      List<DeliveryException> failed = new ArrayList<>();
      for (CompletableFuture<SendResult> future : futures) {
        assertThat(future).as("a future still pending after close returned").isDone();
        try {
          acked.add(future.get());
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(DeliveryException.class);
          failed.add((DeliveryException) e.getCause());
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      return new Outcome(acked, failed);
    }
  }

  private static Map<String, Integer> pagesRead(LocalKafka kafka, String topic, int expected) {
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(kafka.bootstrapServers(), topic, expected, WAIT);
    Map<String, Integer> counts = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      counts.merge(ClickIds.of(record), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void completesEveryFutureBeforeCloseReturnsAndDeliversWhatItCan(
      LocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("closing_clicks", 3);
    List<CompletableFuture<SendResult>> futures = new ArrayList<>();
    TypedProducer<UserClick> producer = clicks(kafka, registry, "closing_clicks").build();
    for (int i = 0; i < 20_000; i++) {
      futures.add(producer.send(click("user_" + (i % 100), i)));
    }

    producer.close(Duration.ofSeconds(60));

    Outcome outcome = Outcome.of(futures);
    assertThat(outcome.acked()).hasSize(20_000);
    Map<String, Integer> read = pagesRead(kafka, "closing_clicks", 20_000);
    assertThat(read).hasSize(20_000).allSatisfy((event, count) -> assertThat(count).isOne());
  }

  @Test
  void failsWhatItCannotDeliverInTimeAsProducerClosed(
      LocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("abandoned_clicks", 1);
    List<CompletableFuture<SendResult>> futures = new ArrayList<>();
    // A long linger keeps the records in the buffer, so close(0) finds them undelivered.
    TypedProducer<UserClick> producer = clicks(kafka, registry, "abandoned_clicks")
        .kafkaSetting(ProducerConfig.LINGER_MS_CONFIG, 60_000)
        .kafkaSetting(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000).build();
    for (int i = 0; i < 100; i++) {
      futures.add(producer.send(click("user_" + i, i)));
    }

    producer.close(Duration.ZERO);

    Outcome outcome = Outcome.of(futures);
    assertThat(outcome.acked()).isEmpty();
    assertThat(outcome.failed()).hasSize(100).allSatisfy(e -> {
      assertThat(e.id()).isEqualTo("ProducerClosed");
      assertThat(e.isRetriable()).isTrue();
      assertThat(e.topic()).isEqualTo("abandoned_clicks");
      assertThat(e).hasMessageContaining("Event with key \"" + e.key() + "\"");
    });
  }

  @Test
  void refusesSendsThatRaceCloseByNameAndLosesNothingItAcknowledged(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("racing_clicks", 3);
    TypedProducer<UserClick> producer = clicks(kafka, registry, "racing_clicks").build();
    List<CompletableFuture<SendResult>> futures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch sending = new CountDownLatch(4);
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      Thread sender = new Thread(() -> {
        sending.countDown();
        for (int i = 0; ; i++) {
          try {
            futures.add(producer.send(click("thread_" + thread, i)));
          } catch (IllegalStateException e) {
            assertThat(e).hasMessageContaining("is closed");
            refused.incrementAndGet();
            return;
          }
        }
      });
      senders.add(sender);
      sender.start();
    }
    sending.await();
    Thread.sleep(300);

    producer.close(Duration.ofSeconds(60));
    producer.close(); // a second close does nothing more
    for (Thread sender : senders) {
      sender.join(WAIT.toMillis());
    }

    assertThat(refused).hasValue(4);
    Outcome outcome = Outcome.of(new ArrayList<>(futures));
    assertThat(outcome.acked()).isNotEmpty();
    assertThat(outcome.failed()).isEmpty();
    Map<String, Integer> read = pagesRead(kafka, "racing_clicks", outcome.acked().size());
    assertThat(read).hasSize(outcome.acked().size())
        .allSatisfy((event, count) -> assertThat(count).isOne());
  }

  @Test
  void sendsFromAnInterruptedThreadWhenNothingBlocksAndKeepsItsInterruptStatus(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("interrupted_sender_clicks", 1);
    try (TypedProducer<UserClick> producer =
        clicks(kafka, registry, "interrupted_sender_clicks").build()) {
      AtomicInteger stillInterrupted = new AtomicInteger();
      List<CompletableFuture<SendResult>> futures = Collections.synchronizedList(new ArrayList<>());
      Thread sender = new Thread(() -> {
        Thread.currentThread().interrupt();
        futures.add(producer.send(click("interrupted", 1)));
        if (Thread.currentThread().isInterrupted()) {
          stillInterrupted.incrementAndGet();
        }
      });
      sender.start();
      sender.join(WAIT.toMillis());

      assertThat(stillInterrupted).hasValue(1);
      assertThat(futures).singleElement()
          .satisfies(f -> assertThat(f.get().topic()).isEqualTo("interrupted_sender_clicks"));
      assertThat(producer.send(click("after", 2)).get().offset()).isEqualTo(1);
    }
  }
}
