package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.testevents.TimedEvent;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Headers and event time as a plain consumer reads them from a real broker. */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class HeadersAndEventTimeIT {
  @Test
  void theBrokerStoresTheHeadersAndTheEventTimeAsTheRecordTimestamp(
      LocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("timed_events", 1);
    Instant happened = Instant.parse("2024-02-29T23:59:59.999999Z");
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace-id", "4bf92f3577b34da6".getBytes(StandardCharsets.UTF_8));
    Instant before;
    SendResult timed;
    try (TypedProducer<TimedEvent> events = TypedProducer.builder(TimedEvent.class)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .autoRegisterSchema(true).build()) {
      timed = events.send(new TimedEvent("e1", happened), headers).join();
      before = Instant.ofEpochMilli(System.currentTimeMillis());
      events.send(new TimedEvent("e2", null)).join();
    }

    assertThat(timed.timestamp()).isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z"));
    List<ConsumerRecord<byte[], byte[]>> read =
        TopicReader.readAll(kafka.bootstrapServers(), "timed_events", 2, Duration.ofSeconds(30));
    assertThat(read).hasSize(2);
    assertThat(read.get(0).timestampType()).isEqualTo(TimestampType.CREATE_TIME);
    assertThat(read.get(0).timestamp()).isEqualTo(happened.toEpochMilli());
    assertThat(new String(read.get(0).headers().lastHeader("trace-id").value(),
        StandardCharsets.UTF_8)).isEqualTo("4bf92f3577b34da6");
    assertThat(Instant.ofEpochMilli(read.get(1).timestamp()))
        .as("no event time: the producer's clock at send").isAfterOrEqualTo(before)
        .isBefore(before.plusSeconds(60));
  }
}
