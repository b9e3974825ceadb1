package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.internal.metrics.MicrometerSendMetrics;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Micrometer metrics of a producer on a real broker and registry, in a real meter registry. */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class MicrometerIT {
  private static final Tags CLICKS =
      Tags.of("event", UserClick.class.getName(), "topic", "metered_clicks");

  private static UserClick click(String userId, String page) {
    return UserClick.newBuilder().setUserId(userId).setAction(Action.VIEW).setPage(page)
        .setOccurredAt(Instant.now()).build();
  }

  @Test
  void countsSentFailedAndRefusedEventsPerEventTypeTimesAcksAndBindsKafkasMetrics(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("metered_clicks", 3);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    try (TypedProducer<UserClick> clicks = TypedProducer.builder(UserClick.class)
        .bootstrapServers(kafka.bootstrapServers())
        .schemaRegistryUrl(registry.url())
        .autoRegisterSchema(true)
        .topic("metered_clicks")
        .kafkaSetting(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 10_000)
        .meterRegistry(meters)
        .build()) {
      List<CompletableFuture<SendResult>> good = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        good.add(clicks.send(click("user_" + i, "/p/" + i)));
      }
      good.forEach(CompletableFuture::join);
      UserClick noKey = click("x", "/");
      noKey.setUserId(null);
      assertThatThrownBy(() -> clicks.send(noKey)).isInstanceOf(InvalidEventException.class);
      CompletableFuture<SendResult> tooLarge = clicks.send(click("user_9", "/".repeat(20_000)));
      assertThatThrownBy(tooLarge::get).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(DeliveryException.class);

      assertThat(meters.get(MicrometerSendMetrics.SENT).tags(CLICKS).counter().count())
          .isEqualTo(5);
      assertThat(meters.get(MicrometerSendMetrics.REFUSED).tags(CLICKS).counter().count())
          .isEqualTo(1);
      assertThat(meters.get(MicrometerSendMetrics.FAILED).tags(CLICKS)
          .tag("error", "RecordTooLarge").counter().count()).isEqualTo(1);
      Timer latency = meters.get(MicrometerSendMetrics.LATENCY).tags(CLICKS).timer();
      assertThat(latency.count()).isEqualTo(5);
      assertThat(latency.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
      assertThat(latency.max(java.util.concurrent.TimeUnit.SECONDS))
          .isLessThan(Duration.ofSeconds(30).toSeconds());
      // The Kafka client's own metrics, bound by Micrometer's KafkaClientMetrics: the client
      // counted the 6 records it took (5 delivered, the oversized one refused by the client).
      FunctionCounter recordsSent =
          meters.get("kafka.producer.record.send.total").functionCounter();
      assertThat(recordsSent.count()).isEqualTo(5);
      assertThat(meters.get("kafka.producer.record.error.total").functionCounter().count())
          .isEqualTo(1);
    }

    assertThat(meters.find("kafka.producer.record.send.total").functionCounter())
        .as("closing the producer unbinds the Kafka client's metrics").isNull();
  }
}
