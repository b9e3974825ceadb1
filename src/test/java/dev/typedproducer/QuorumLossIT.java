package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.ClickIds;
import dev.typedproducer.testing.InProcessOnly;
import dev.typedproducer.testing.LocalKafkaCluster;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a real 3-broker cluster: what build() says about weak topics where they are a mistake, and
 * what sends do when two of three brokers are down (the topic has lost its write quorum): every
 * future fails by delivery.timeout.ms, naming its key, none hangs or reports success, no caller
 * blocks past max.block.ms, a full buffer says so; and with the brokers back, nothing
 * acknowledged is missing.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
@InProcessOnly("needs a cluster of 3 brokers of which it stops 2")
class QuorumLossIT {
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(12);
  private static final Duration MAX_BLOCK = Duration.ofSeconds(2);
  /** How late a future or a blocked call may come on a loaded 2-core machine. */
  private static final Duration SLACK = Duration.ofSeconds(10);

  private static LocalKafkaCluster cluster;

  @BeforeAll
  static void start() {
    cluster = LocalKafkaCluster.start(3);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static TypedProducerBuilder<UserClick> clicks(LocalSchemaRegistry registry, String topic) {
    return TypedProducer.builder(UserClick.class).topic(topic)
        .bootstrapServers(cluster.bootstrapServers()).schemaRegistryUrl(registry.url())
        .autoRegisterSchema(true);
  }

  private static UserClick click(String user, String page) {
    return UserClick.newBuilder().setUserId(user).setAction(Action.VIEW).setPage(page)
        .setOccurredAt(Instant.EPOCH).build();
  }

  @Test
  void refusesATopicThatCanLoseEventsByDefaultOnAProductionSizedCluster(
      LocalSchemaRegistry registry) {
    cluster.createTopic("rf1_clicks", 3, 1, Map.of("min.insync.replicas", "1"));
    cluster.createTopic("isr1_clicks", 3, 3, Map.of("min.insync.replicas", "1"));
    cluster.createTopic("durable_clicks", 3, 3, Map.of("min.insync.replicas", "2"));

    assertThatThrownBy(() -> clicks(registry, "rf1_clicks").build())
        .isInstanceOfSatisfying(BrokerException.class, e -> {
          assertThat(e.id()).isEqualTo("TopicNotDurable");
          System.out.println("build() on a topic with RF 1, 3 brokers: " + e.getMessage());
        })
        .hasMessageContaining("replication factor 1 (at least 3 needed")
        .hasMessageContaining("(cluster of 3 brokers at " + cluster.bootstrapServers() + ")");
    assertThatThrownBy(() -> clicks(registry, "isr1_clicks").build())
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("min.insync.replicas=1 (at least 2 needed")
        .hasMessageNotContaining("replication factor 3 (");
    try (TypedProducer<UserClick> durable = clicks(registry, "durable_clicks").build()) {
      assertThat(durable.warnings()).isEmpty();
    }
  }

  @Test
  void failsEveryPendingSendByTheDeliveryTimeoutWhenTheQuorumIsLostAndLosesNothingAcknowledged(
      LocalSchemaRegistry registry) throws Exception {
    String topic = "quorum_clicks";
    cluster.createTopic(topic, 3, 3, Map.of("min.insync.replicas", "2"));
    List<Integer> stopped = new ArrayList<>();
    Map<String, SendResult> acked = new HashMap<>();
    try (TypedProducer<UserClick> producer = clicks(registry, topic)
        .maxBlock(MAX_BLOCK)
        .kafkaSetting(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis())
        .kafkaSetting(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000)
        .kafkaSetting(ProducerConfig.LINGER_MS_CONFIG, 5)
        .build()) {
      for (int i = 0; i < 1_000; i++) {
        String page = "/before/" + i;
        acked.put(ClickIds.of("user_" + i % 50, page),
            producer.send(click("user_" + i % 50, page)).get(30, TimeUnit.SECONDS));
      }

      cluster.brokerIds().stream().limit(2).forEach(id -> {
        cluster.stopBroker(id);
        stopped.add(id);
      });
      AtomicLong longestCall = new AtomicLong();
      List<Pending> pending = Collections.synchronizedList(new ArrayList<>());
      List<Thread> senders = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int thread = t;
        Thread sender = new Thread(() -> {
          for (int i = 0; i < 100; i++) {
            String key = "lost_" + thread + "_" + i % 10;
            long start = System.nanoTime();
            CompletableFuture<SendResult> future = producer.send(click(key, "/during/" + i));
            longestCall.accumulateAndGet(System.nanoTime() - start, Math::max);
            pending.add(new Pending(key, start, future));
          }
        });
        senders.add(sender);
        sender.start();
      }
      for (Thread sender : senders) {
        sender.join();
      }

      long longestWait = 0;
      for (Pending p : pending) {
        assertThatThrownBy(() -> p.future().get(
            DELIVERY_TIMEOUT.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS))
            .as("a send while the quorum is lost must fail, not succeed or hang")
            .isInstanceOf(ExecutionException.class).cause()
            .isInstanceOfSatisfying(DeliveryException.class, e -> {
              assertThat(e.key()).isEqualTo(p.key());
              assertThat(e.topic()).isEqualTo(topic);
              assertThat(e.isRetriable()).isTrue();
              assertThat(e.id()).isIn("DeliveryTimedOut", "DeliveryFailed");
            })
            .hasMessageContaining("Event with key \"" + p.key() + "\" was not delivered to topic "
                + topic);
        longestWait = Math.max(longestWait, System.nanoTime() - p.sentAt());
      }
      assertThat(Duration.ofNanos(longestCall.get())).isLessThan(MAX_BLOCK.plus(SLACK));
      assertThat(Duration.ofNanos(longestWait)).isLessThan(DELIVERY_TIMEOUT.plus(SLACK));
      System.out.printf("QuorumLossIT: %d sends with 2 of 3 brokers down all failed; longest send"
          + " call %d ms (max.block.ms %d), longest wait for a failure %d ms"
          + " (delivery.timeout.ms %d)%n", pending.size(),
          TimeUnit.NANOSECONDS.toMillis(longestCall.get()), MAX_BLOCK.toMillis(),
          TimeUnit.NANOSECONDS.toMillis(longestWait), DELIVERY_TIMEOUT.toMillis());

      assertAFullBufferIsAClearFailure(registry, topic);

      stopped.forEach(cluster::startBroker);
      awaitInSync(topic);
      for (int i = 0; i < 1_000; i++) {
        String page = "/after/" + i;
        acked.put(ClickIds.of("user_" + i % 50, page),
            producer.send(click("user_" + i % 50, page)).get(60, TimeUnit.SECONDS));
      }
    } finally {
      stopped.stream().filter(id -> !isRunning(id)).forEach(cluster::startBroker);
    }

    Map<String, Integer> read = new HashMap<>();
    TopicReader.readToEnd(cluster.bootstrapServers(), topic, Duration.ofSeconds(60),
        record -> read.merge(ClickIds.of(record), 1, Integer::sum));
    assertThat(acked).hasSize(2_000);
    assertThat(read).as("every acknowledged event, exactly once").containsKeys(
        acked.keySet().toArray(String[]::new));
    assertThat(acked.keySet()).allSatisfy(id -> assertThat(read.get(id)).isOne());
    System.out.printf("QuorumLossIT: brokers back; %d acknowledged events before and after, all"
        + " read back once; %d events read in all%n", acked.size(), read.size());
  }

  /**
   * With no broker taking writes, a producer with a small buffer fills it: sends then block for
   * max.block.ms and fail as [BufferFull], saying so.
   */
  private static void assertAFullBufferIsAClearFailure(LocalSchemaRegistry registry, String topic)
      throws Exception {
    try (TypedProducer<UserClick> small = clicks(registry, topic)
        .maxBlock(Duration.ofSeconds(1))
        .kafkaSetting(ProducerConfig.BUFFER_MEMORY_CONFIG, 64 * 1024)
        .kafkaSetting(ProducerConfig.BATCH_SIZE_CONFIG, 8 * 1024)
        .kafkaSetting(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis())
        .kafkaSetting(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000)
        .build()) {
      String bulky = "/bulky/" + "x".repeat(6_000);
      List<CompletableFuture<SendResult>> futures = new ArrayList<>();
      long longestCall = 0;
      for (int i = 0; i < 20; i++) {
        long start = System.nanoTime();
        futures.add(small.send(click("bulky_" + i, bulky + i)));
        longestCall = Math.max(longestCall, System.nanoTime() - start);
      }
      List<DeliveryException> failures = new ArrayList<>();
      for (CompletableFuture<SendResult> future : futures) {
        try {
          future.get(DELIVERY_TIMEOUT.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          failures.add((DeliveryException) e.getCause());
        }
      }
      assertThat(failures).hasSize(20).anySatisfy(e -> {
        assertThat(e.id()).isEqualTo("BufferFull");
        assertThat(e.isRetriable()).isTrue();
        assertThat(e).hasMessageContaining("buffer.memory=65536 bytes")
            .hasMessageContaining("max.block.ms=1000 ms");
      });
      assertThat(Duration.ofNanos(longestCall)).isLessThan(Duration.ofSeconds(1).plus(SLACK));
    }
  }

  private static boolean isRunning(int id) {
    try {
      return cluster.admin().describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
          .anyMatch(node -> node.id() == id);
    } catch (Exception e) {
      return false;
    }
  }

  private static void awaitInSync(String topic) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      TopicDescription description = cluster.admin().describeTopics(List.of(topic))
          .allTopicNames().get().get(topic);
      if (description.partitions().stream().allMatch(p -> p.isr().size() == 3)) {
        return;
      }
      assertThat(System.nanoTime()).as("replicas back in sync within 60 s").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private record Pending(String key, long sentAt, CompletableFuture<SendResult> future) {}
}
