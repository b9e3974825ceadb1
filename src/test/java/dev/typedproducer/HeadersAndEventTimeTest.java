package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.internal.key.KeyField;
import dev.typedproducer.internal.metrics.SendMetrics;
import dev.typedproducer.internal.send.DeliveryFailures;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import dev.typedproducer.internal.time.EventTime;
import dev.typedproducer.mock.MockTypedProducer;
import dev.typedproducer.mock.SentEvent;
import dev.typedproducer.testevents.TimedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** send(event, headers) and the event-time field, in TypedProducer and its mock alike. */
class HeadersAndEventTimeTest {
  private static final Instant HAPPENED = Instant.parse("2025-06-01T08:30:00.123456Z");
  private static final Instant NOW = Instant.parse("2025-06-02T00:00:00Z");

  private final MockProducer<byte[], byte[]> kafka =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final TypedProducer<TimedEvent> producer = new TypedProducer<>(kafka,
      new AvroWireSerializer<>(7, TimedEvent.getClassSchema(),
          SpecificData.getForClass(TimedEvent.class)), "timed_events", TimedEvent.class.getName(),
      SendPath.of(KeyField.of(TimedEvent.getClassSchema()),
          new DeliveryFailures("timed_events", Map.of()))
          .withEventTime(EventTime.of(TimedEvent.getClassSchema())),
      List.of());

  private static RecordHeaders trace() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace-id", "abc123".getBytes(StandardCharsets.UTF_8));
    headers.add("tenant", "acme".getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  @Test
  void writesTheCallersHeadersAndTheEventTimeAsTheRecordTimestamp() {
    RecordHeaders headers = trace();
    producer.send(new TimedEvent("e1", HAPPENED), headers);

    assertThat(kafka.history()).singleElement().satisfies(record -> {
      assertThat(record.timestamp()).isEqualTo(HAPPENED.toEpochMilli());
      assertThat(record.headers().lastHeader("trace-id").value())
          .isEqualTo("abc123".getBytes(StandardCharsets.UTF_8));
      assertThat(record.headers().lastHeader("tenant").value())
          .isEqualTo("acme".getBytes(StandardCharsets.UTF_8));
      assertThat(record.headers()).as("a copy: the caller may reuse its headers")
          .isNotSameAs(headers);
    });
  }

  @Test
  void leavesTheTimestampToTheProducersClockWhenTheEventTimeIsNull() {
    producer.send(new TimedEvent("e1", null));

    assertThat(kafka.history()).singleElement()
        .satisfies(record -> assertThat(record.timestamp()).isNull());
  }

  @Test
  void theMockRecordsTheSameHeadersAndTimestamp() {
    MockTypedProducer<TimedEvent> mock = MockTypedProducer.builder(TimedEvent.class)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    mock.send(new TimedEvent("e1", HAPPENED), trace());
    mock.send(new TimedEvent("e2", null));

    List<SentEvent<TimedEvent>> sent = mock.history();
    assertThat(sent.get(0).timestamp()).isEqualTo(Instant.ofEpochMilli(HAPPENED.toEpochMilli()));
    assertThat(sent.get(0).header("trace-id")).isEqualTo("abc123");
    assertThat(sent.get(0).header("tenant")).isEqualTo("acme");
    assertThat(sent.get(1).timestamp()).isEqualTo(NOW);
    assertThat(sent.get(1).header("trace-id")).isNull();
    assertThat(mock.send(new TimedEvent("e3", HAPPENED)).join().timestamp())
        .isEqualTo(Instant.ofEpochMilli(HAPPENED.toEpochMilli()));
  }
}
