package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.internal.key.KeyField;
import dev.typedproducer.internal.rules.RuleGate;
import dev.typedproducer.internal.rules.Rules;
import dev.typedproducer.internal.send.DeliveryFailures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** The producer's own behaviour, on Kafka's MockProducer. Real brokers: TypedProducerIT. */
class TypedProducerTest {
  /** Writes the page as the value, adds a header, and counts how often it is closed. */
  private static final class PageSerializer implements Serializer<UserClick> {
    final AtomicInteger closes = new AtomicInteger();
    final AtomicReference<String> thread = new AtomicReference<>();

    @Override
    public byte[] serialize(String topic, UserClick click) {
      throw new AssertionError("the producer must pass the record's headers");
    }

    @Override
    public byte[] serialize(String topic, Headers headers, UserClick click) {
      thread.set(Thread.currentThread().getName());
      headers.add("serialized-by", "pages".getBytes(StandardCharsets.UTF_8));
      return click.getPage().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  private final PageSerializer pages = new PageSerializer();
  private final MockProducer<byte[], byte[]> mock =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final TypedProducer<UserClick> producer = producer(mock);

  private TypedProducer<UserClick> producer(org.apache.kafka.clients.producer.Producer<byte[], byte[]> kafka) {
    return new TypedProducer<>(kafka, pages, "user_clicks", UserClick.class.getName(),
        SendPath.of(KeyField.of(UserClick.getClassSchema()),
            new DeliveryFailures("user_clicks", Map.of("delivery.timeout.ms", 30_000)))
            .withRules(new RuleGate(Rules.of(UserClick.getClassSchema(), "test",
                Clock.systemUTC()), UserClick.class.getName(), false), null),
        List.of());
  }

  private static UserClick click(String userId) {
    return UserClick.newBuilder().setUserId(userId).setAction(Action.VIEW).setPage("/")
        .setOccurredAt(Instant.EPOCH).build();
  }

  @Test
  void sendsTheSerializedValueKeyedByTheKeyFieldWithTheSerializersHeaders() {
    producer.send(click("user_123"));

    assertThat(mock.history()).singleElement().satisfies(record -> {
      assertThat(record.topic()).isEqualTo("user_clicks");
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("user_123");
      assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("/");
      assertThat(record.headers().lastHeader("serialized-by").value())
          .isEqualTo("pages".getBytes(StandardCharsets.UTF_8));
    });
  }

  @Test
  void serializesInTheCallersThreadBeforeKafkaSeesTheEvent() {
    producer.send(click("user_123"));

    assertThat(pages.thread.get()).isEqualTo(Thread.currentThread().getName());
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
  void failsTheFutureNamingKeyTopicAndWhetherToRetry() {
    CompletableFuture<SendResult> sent = producer.send(click("user_123"));

    mock.errorNext(new TimeoutException("Expiring 1 record(s) for user_clicks-0"));

    assertThatThrownBy(sent::get).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(DeliveryException.class, e -> {
          assertThat(e.id()).isEqualTo("DeliveryTimedOut");
          assertThat(e.key()).isEqualTo("user_123");
          assertThat(e.topic()).isEqualTo("user_clicks");
          assertThat(e.isRetriable()).isTrue();
          assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
        })
        .hasMessageStartingWith("[DeliveryTimedOut] Event with key \"user_123\" was not"
            + " delivered to topic user_clicks: it was not acknowledged within"
            + " delivery.timeout.ms=30000 ms")
        .hasMessageContaining("Send it again later");
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
  void closesTwiceAndClosesTheSerializerOnce() {
    producer.send(click("user_123"));
    producer.flush();
    assertThat(mock.flushed()).isTrue();

    producer.close(Duration.ofSeconds(1));
    producer.close();

    assertThat(mock.closed()).isTrue();
    assertThat(pages.closes).hasValue(1);
    assertThatThrownBy(() -> producer.send(click("user_123"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void reportsASendThatRacesCloseAsClosed() {
    AtomicReference<TypedProducer<UserClick>> self = new AtomicReference<>();
    MockProducer<byte[], byte[]> closing =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<byte[], byte[]> record, Callback callback) {
            self.get().close(Duration.ZERO); // another thread closes while this send is inside
            throw new KafkaException("Producer closed while send in progress");
          }
        };
    self.set(producer(closing));

    assertThatThrownBy(() -> self.get().send(click("user_123")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed")
        .hasCauseInstanceOf(KafkaException.class);
  }

  @Test
  void letsAnInterruptOfABlockedSendThroughWithTheInterruptStatus() {
    MockProducer<byte[], byte[]> blocked =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<byte[], byte[]> record, Callback callback) {
            throw new InterruptException(new InterruptedException("waiting for buffer"));
          }
        };
    TypedProducer<UserClick> interrupted = producer(blocked);
    try {
      assertThatThrownBy(() -> interrupted.send(click("user_123")))
          .isInstanceOf(InterruptException.class);
      assertThat(Thread.interrupted()).isTrue(); // also clears it for the next test
    } finally {
      interrupted.close();
    }
  }
}
