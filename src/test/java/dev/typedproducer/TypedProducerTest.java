package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.internal.key.KeyField;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** The producer's own behaviour, on Kafka's MockProducer. Real brokers: TypedProducerIT. */
class TypedProducerTest {
  private static final Serializer<UserClick> NAMES =
      (topic, click) -> click.getPage().getBytes(StandardCharsets.UTF_8);

  private final MockProducer<byte[], UserClick> mock =
      new MockProducer<>(false, null, new ByteArraySerializer(), NAMES);
  private final TypedProducer<UserClick> producer = new TypedProducer<>(
      mock, "user_clicks", KeyField.of(UserClick.getClassSchema()), UserClick.class.getName());

  private static UserClick click(String userId) {
    return UserClick.newBuilder().setUserId(userId).setAction(Action.VIEW).setPage("/")
        .setOccurredAt(Instant.EPOCH).build();
  }

  @Test
  void sendsToTheTopicKeyedByTheKeyField() {
    producer.send(click("user_123"));

    assertThat(mock.history()).singleElement().satisfies(record -> {
      assertThat(record.topic()).isEqualTo("user_clicks");
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("user_123");
      assertThat(record.value().getUserId()).isEqualTo("user_123");
    });
  }

  @Test
  void completesWithWhereTheRecordLanded() throws Exception {
    CompletableFuture<SendResult> sent = producer.send(click("user_123"));
    assertThat(sent).isNotDone();

    mock.completeNext();

    SendResult result = sent.get();
    assertThat(result.topic()).isEqualTo("user_clicks");
    assertThat(result.key()).isEqualTo("user_123");
    assertThat(result.offset()).isZero();
    assertThat(result.partition()).isZero();
  }

  @Test
  void failsTheFutureWithKafkasException() {
    CompletableFuture<SendResult> sent = producer.send(click("user_123"));

    mock.errorNext(new TimeoutException("Expiring 1 record(s)"));

    assertThatThrownBy(sent::get).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
  }

  @Test
  void refusesANullKeyBeforeSendingAnything() {
    UserClick click = click("user_123");
    click.setUserId(null);

    assertThatThrownBy(() -> producer.send(click)).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("user_id is null");
    assertThat(mock.history()).isEmpty();
  }

  @Test
  void refusesSendAfterClose() {
    producer.close();

    assertThat(mock.closed()).isTrue();
    assertThatThrownBy(() -> producer.send(click("user_123")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TypedProducer<dev.typedproducer.events.UserClick> for topic"
            + " user_clicks is closed");
  }

  @Test
  void closesWithATimeoutAndFlushes() {
    producer.send(click("user_123"));
    producer.flush();
    assertThat(mock.flushed()).isTrue();

    producer.close(Duration.ofSeconds(1));
    assertThat(mock.closed()).isTrue();
    assertThatThrownBy(() -> producer.send(click("user_123"))).isInstanceOf(IllegalStateException.class);
  }
}
