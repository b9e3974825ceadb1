package dev.typedproducer.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.DeliveryException;
import dev.typedproducer.EventProducer;
import dev.typedproducer.InvalidEventException;
import dev.typedproducer.InvalidSchemaException;
import dev.typedproducer.SendResult;
import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.testevents.NoKeyEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class MockTypedProducerTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  private static UserClick click(String userId) {
    return UserClick.newBuilder().setUserId(userId).setAction(Action.BUY).setPage("/checkout")
        .setOccurredAt(Instant.parse("2025-03-01T11:59:59.123Z")).build();
  }

  @Test
  void writesTheBytesProductionWritesFramedWithTheFixedSchemaId() throws Exception {
    MockTypedProducer<UserClick> clicks = MockTypedProducer.builder(UserClick.class)
        .schemaId(42).build();

    clicks.send(click("user_123"));

    byte[] value = clicks.history().get(0).value();
    ByteBuffer frame = ByteBuffer.wrap(value);
    assertThat(frame.get()).isZero();
    assertThat(frame.getInt()).isEqualTo(42);
    byte[] body = Arrays.copyOfRange(value, 5, value.length);
    ByteArrayOutputStream avros = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(avros, null);
    new SpecificDatumWriter<UserClick>(
        UserClick.getClassSchema(), SpecificData.getForClass(UserClick.class))
        .write(click("user_123"), encoder);
    encoder.flush();
    assertThat(body).isEqualTo(avros.toByteArray());
    GenericRecord decoded = new GenericDatumReader<GenericRecord>(UserClick.getClassSchema())
        .read(null, DecoderFactory.get().binaryDecoder(body, null));
    assertThat(decoded.get("user_id")).hasToString("user_123");
    assertThat(decoded.get("page")).hasToString("/checkout");
  }

  @Test
  void keysByTheKeyFieldAndPicksThePartitionKafkasDefaultPartitionerPicks() {
    MockTypedProducer<UserClick> clicks = MockTypedProducer.builder(UserClick.class)
        .partitions(12).build();

    for (String user : new String[] {"user_1", "user_2", "user_3", "user_4"}) {
      clicks.send(click(user));
    }

    assertThat(clicks.history()).allSatisfy(sent -> {
      assertThat(sent.topic()).isEqualTo("user_clicks");
      assertThat(sent.key()).isEqualTo(sent.event().getUserId());
      assertThat(sent.partition())
          .isEqualTo(BuiltInPartitioner.partitionForKey(sent.keyBytes(), 12));
    });
  }

  @Test
  void completesAtOnceWithOffsetsCountedPerPartitionAndTheClocksTimestamp() throws Exception {
    MockTypedProducer<UserClick> clicks = MockTypedProducer.builder(UserClick.class)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    SendResult first = clicks.send(click("user_1")).get();
    SendResult second = clicks.send(click("user_2")).get();

    assertThat(first).isEqualTo(new SendResult("user_clicks", 0, 0, NOW, "user_1"));
    assertThat(second.offset()).isEqualTo(1);
    assertThat(clicks.history()).extracting(SentEvent::timestamp).containsOnly(NOW);
  }

  @Test
  void refusesAnEventWithANullKeyAsProductionDoesAndRecordsNothing() {
    MockTypedProducer<UserClick> clicks = MockTypedProducer.of(UserClick.class);
    UserClick noUser = click("x");
    noUser.setUserId(null);

    assertThatThrownBy(() -> clicks.send(noUser)).isInstanceOfSatisfying(
        InvalidEventException.class, e -> {
          assertThat(e.field()).isEqualTo("user_id");
          assertThat(e).hasMessageContaining("Nothing was sent");
        });
    assertThat(clicks.history()).isEmpty();
  }

  @Test
  void refusesAValueThatDoesNotFitTheSchemaNamingTheField() {
    MockTypedProducer<UserClick> clicks = MockTypedProducer.of(UserClick.class);
    UserClick noPage = click("user_1");
    noPage.setPage(null);

    assertThatThrownBy(() -> clicks.send(noPage)).isInstanceOfSatisfying(
        InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("page"));
    assertThat(clicks.history()).isEmpty();
  }

  @Test
  void refusesAnEventClassThatBreaksTheKeyRulesWhenBuilt() {
    assertThatThrownBy(() -> MockTypedProducer.of(NoKeyEvent.class)).isInstanceOfSatisfying(
        InvalidSchemaException.class, e -> assertThat(e.diagnostics())
            .extracting(d -> d.id()).containsExactly("KeyFieldMissing"));
  }

  @Test
  void withManualCompletionSendsWaitUntilCompletedOrFailed() {
    MockTypedProducer<UserClick> clicks = MockTypedProducer.builder(UserClick.class)
        .autoComplete(false).build();

    CompletableFuture<SendResult> first = clicks.send(click("user_1"));
    CompletableFuture<SendResult> second = clicks.send(click("user_2"));
    assertThat(first).isNotDone();
    assertThat(clicks.pendingCount()).isEqualTo(2);

    assertThat(clicks.completeNext()).isTrue();
    assertThat(first.join().key()).isEqualTo("user_1");
    assertThat(second).isNotDone();

    assertThat(clicks.errorNext(new TimeoutException("Expiring 1 record(s)"))).isTrue();
    assertThatThrownBy(second::get).isInstanceOf(ExecutionException.class).cause()
        .isInstanceOfSatisfying(DeliveryException.class, e -> {
          assertThat(e.id()).isEqualTo("DeliveryTimedOut");
          assertThat(e.key()).isEqualTo("user_2");
          assertThat(e.topic()).isEqualTo("user_clicks");
          assertThat(e.isRetriable()).isTrue();
        });
    assertThat(clicks.completeNext()).isFalse();
  }

  @Test
  void failsTheNextSendsAsProductionReportsTheKafkaErrorThenSucceedsAgain() {
    MockTypedProducer<UserClick> clicks = MockTypedProducer.of(UserClick.class);
    clicks.failNext(2, new RecordTooLargeException("too large"));

    CompletableFuture<SendResult> first = clicks.send(click("user_1"));
    CompletableFuture<SendResult> second = clicks.send(click("user_2"));
    CompletableFuture<SendResult> third = clicks.send(click("user_3"));

    for (CompletableFuture<SendResult> failed : java.util.List.of(first, second)) {
      assertThat(failed).failsWithin(java.time.Duration.ZERO)
          .withThrowableOfType(ExecutionException.class).havingCause()
          .isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.id()).isEqualTo("RecordTooLarge");
            assertThat(e.isRetriable()).isFalse();
          });
    }
    assertThat(third.join().key()).isEqualTo("user_3");
    assertThat(clicks.history()).hasSize(3);
  }

  @Test
  void failsWithAGivenDeliveryExceptionAsItIs() {
    MockTypedProducer<UserClick> clicks = MockTypedProducer.of(UserClick.class);
    DeliveryException given = new DeliveryException("BufferFull", "user_clicks", "user_1", true,
        "buffer full", new TimeoutException("full"));
    clicks.failNext(1, given);

    assertThat(clicks.send(click("user_1"))).failsWithin(java.time.Duration.ZERO)
        .withThrowableOfType(ExecutionException.class).havingCause().isSameAs(given);
  }

  @Test
  void flushAndCloseDeliverWhatIsPendingAndCloseRefusesFurtherSends() {
    MockTypedProducer<UserClick> clicks = MockTypedProducer.builder(UserClick.class)
        .autoComplete(false).build();
    CompletableFuture<SendResult> flushed = clicks.send(click("user_1"));
    clicks.flush();
    assertThat(flushed).isCompleted();
    assertThat(clicks.flushCount()).isEqualTo(1);

    CompletableFuture<SendResult> inFlight = clicks.send(click("user_2"));
    clicks.close();

    assertThat(inFlight.join().offset()).isEqualTo(1);
    assertThat(clicks.isClosed()).isTrue();
    assertThatThrownBy(() -> clicks.send(click("user_3")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
  }

  @Test
  void servesAsAnEventProducerWithTheSchemasTopicOrTheGivenOne() {
    EventProducer<UserClick> clicks = MockTypedProducer.of(UserClick.class);
    EventProducer<UserClick> renamed =
        MockTypedProducer.builder(UserClick.class).topic("clicks_v2").build();

    assertThat(clicks.topic()).isEqualTo("user_clicks");
    assertThat(renamed.topic()).isEqualTo("clicks_v2");
    assertThat(renamed.send(click("user_1")).join().topic()).isEqualTo("clicks_v2");
  }

  @Test
  void refusesAnEventThatBreaksItsSchemasDataRulesAsProductionDoes() {
    MockTypedProducer<UserClick> clicks = MockTypedProducer.builder(UserClick.class).build();
    UserClick blank = UserClick.newBuilder().setUserId(" ").setAction(Action.VIEW).setPage("/")
        .setOccurredAt(NOW).build();

    assertThatThrownBy(() -> clicks.send(blank))
        .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.violations())
            .extracting(dev.typedproducer.RuleViolation::rule).containsExactly("notBlank"));
    assertThat(clicks.history()).isEmpty();
  }
}
