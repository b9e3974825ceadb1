package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.FakeRegistry;
import dev.typedproducer.testing.IndependentDecoder;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.RegistryProxy;
import dev.typedproducer.testing.TopicReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry failing at start-up, on a real broker and the real registry behind a forwarding
 * proxy: 5xx tried again within {@code startupTimeout}, a registry that is down or never answers
 * bounded in time, a 4xx not tried again, and an outage after {@code build()} not felt by sends.
 * Prints the timings it saw (the README quotes them).
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class RegistryStartupIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static TypedProducerBuilder<UserClick> clicks(LocalKafka kafka, String url,
      String topic) {
    return TypedProducer.builder(UserClick.class).bootstrapServers(kafka.bootstrapServers())
        .schemaRegistryUrl(url).topic(topic).createTopicIfMissing(1).autoRegisterSchema(true);
  }

  private static UserClick click(int i) {
    return UserClick.newBuilder().setUserId("user_" + i % 5).setAction(Action.CLICK)
        .setPage("/p/" + i).setOccurredAt(Instant.ofEpochMilli(1_763_800_000_000L + i)).build();
  }

  private static long millisSince(long start) {
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }

  @Test
  void startsOnceARegistryFailingWith503Recovers(LocalKafka kafka, LocalSchemaRegistry registry)
      throws Exception {
    try (RegistryProxy proxy = RegistryProxy.http(registry.url()).failNext(4, 503)) {
      long start = System.nanoTime();
      try (TypedProducer<UserClick> producer =
          clicks(kafka, proxy.url(), "startup_retry").build()) {
        long took = millisSince(start);
        System.out.printf("[RegistryStartupIT] 4 x 503, then the registry: build() took %d ms,"
            + " %d registry requests%n", took, proxy.requests());
        assertThat(proxy.requests()).isEqualTo(5);
        // Backoffs of 100-200, 200-400, 400-800 and 800-1600 ms.
        assertThat(took).isGreaterThanOrEqualTo(1500);
        producer.send(click(1)).get();
      }
    }
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(kafka.bootstrapServers(), "startup_retry", 1, WAIT);
    assertThat(new IndependentDecoder(registry.url()).decode(records.get(0).value()).value()
        .get("page")).hasToString("/p/1");
  }

  @Test
  void givesUpOnARegistryThatIsDownAfterTheStartUpWindow(LocalKafka kafka) {
    String down = FakeRegistry.unreachableUrl();
    long start = System.nanoTime();

    assertThatThrownBy(() -> clicks(kafka, down, "startup_down")
        .startupTimeout(Duration.ofSeconds(5)).build())
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.isRetriable()).isTrue();
          System.out.printf("[RegistryStartupIT] registry down, startupTimeout 5 s: build()"
              + " failed after %d ms:%n  %s%n", millisSince(start), e.getMessage());
        })
        .hasMessageContainingAll("Cannot reach the schema registry at " + down,
            "ConnectException", "Gave up after", "the start-up window of 5000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(7));
  }

  @Test
  void boundsARegistryThatAcceptsAndNeverAnswers(LocalKafka kafka) throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      long start = System.nanoTime();

      assertThatThrownBy(() -> clicks(kafka, url, "startup_silent")
          .schemaRegistryTimeout(Duration.ofSeconds(2)).startupTimeout(Duration.ofSeconds(3))
          .build())
          .isInstanceOfSatisfying(SchemaRegistryException.class, e ->
              System.out.printf("[RegistryStartupIT] registry accepts and never answers, request"
                  + " timeout 2 s, startupTimeout 3 s: build() failed after %d ms:%n  %s%n",
                  millisSince(start), e.getMessage()))
          .hasMessageContainingAll("HttpTimeoutException", "Gave up after 2 attempts");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
    }
  }

  @Test
  void neverAsksAgainAfterARefusal(LocalKafka kafka, LocalSchemaRegistry registry) {
    try (RegistryProxy proxy = RegistryProxy.http(registry.url())) {
      assertThatThrownBy(() -> clicks(kafka, proxy.url(), "startup_unregistered")
          .autoRegisterSchema(false).build())
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.isRetriable()).isFalse();
          })
          .hasMessageContaining("is not registered under subject startup_unregistered-value");
      assertThat(proxy.requests()).isEqualTo(1);
    }
  }

  @Test
  void keepsSendingThroughARegistryOutageAfterBuild(LocalKafka kafka,
      LocalSchemaRegistry registry) throws Exception {
    RegistryProxy proxy = RegistryProxy.http(registry.url());
    List<CompletableFuture<SendResult>> sent = new ArrayList<>();
    try (TypedProducer<UserClick> producer = clicks(kafka, proxy.url(), "startup_outage")
        .build()) {
      int before = proxy.requests();
      proxy.close(); // the registry is gone from here on
      for (int i = 0; i < 200; i++) {
        sent.add(producer.send(click(i)));
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
      assertThat(before).isEqualTo(1);
    }
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(kafka.bootstrapServers(), "startup_outage", 200, WAIT);
    assertThat(records).hasSize(200);
    IndependentDecoder decoder = new IndependentDecoder(registry.url());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      var value = decoder.decode(record.value()).value();
      assertThat(new String(record.key(), StandardCharsets.UTF_8))
          .isEqualTo(value.get("user_id").toString());
    }
  }
}
