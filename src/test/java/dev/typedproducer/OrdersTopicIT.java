package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.typedproducer.cli.Main;
import dev.typedproducer.events.orders.OrderPaid;
import dev.typedproducer.events.orders.OrderPlaced;
import dev.typedproducer.events.orders.OrderShipped;
import dev.typedproducer.events.shared.EventMetadata;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.NodeDecoder;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several event types on one topic, end to end: the {@code orders} family in {@code schemas/}
 * (OrderPlaced, OrderPaid, OrderShipped, {@code "kafka.subject.strategy": "TOPIC_RECORD_NAME"})
 * is registered by the {@code register} deploy step under one subject per type; three producers
 * that only look their schemas up find them there; the topic holds three schema ids, each
 * order's events in the order sent across types, and Confluent's JavaScript client decodes them.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class OrdersTopicIT {
  private static final int ORDERS = 40;
  private static final Instant AT = Instant.ofEpochMilli(1_763_800_000_000L);
  @TempDir Path dir;

  private static <T extends SpecificRecord> TypedProducer<T> producer(Class<T> type,
      LocalKafka kafka, LocalSchemaRegistry registry) {
    return TypedProducer.builder(type).bootstrapServers(kafka.bootstrapServers())
        .schemaRegistryUrl(registry.url()).build();
  }

  /** Sends one event per order, and waits for all: the next step starts after this one. */
  private static <T extends SpecificRecord> void step(TypedProducer<T> producer,
      IntFunction<T> event) throws Exception {
    List<CompletableFuture<SendResult>> sent = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      sent.add(producer.send(event.apply(i)));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
  }

  @Test
  void keepsEachOrdersEventsInOrderAcrossThreeTypesOnOneTopic(LocalKafka kafka,
      LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("orders", 3);
    Path family = Files.createDirectories(dir.resolve("schemas"));
    for (String file : List.of("order_placed.avsc", "order_paid.avsc", "order_shipped.avsc",
        "shared/event_metadata.avsc")) {
      Files.createDirectories(family.resolve(file).getParent());
      Files.copy(Path.of("schemas", file), family.resolve(file));
    }
    ByteArrayOutputStream registered = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(registered, true, StandardCharsets.UTF_8);
    assertThat(Main.run(List.of("register", "--schemas", family.toString(), "--registry-url",
        registry.url()), out, out)).as(registered.toString(StandardCharsets.UTF_8)).isZero();

    try (TypedProducer<OrderPlaced> placed = producer(OrderPlaced.class, kafka, registry);
        TypedProducer<OrderPaid> paid = producer(OrderPaid.class, kafka, registry);
        TypedProducer<OrderShipped> shipped = producer(OrderShipped.class, kafka, registry)) {
      assertThat(List.of(placed.topic(), paid.topic(), shipped.topic())).containsOnly("orders");
      step(placed, i -> OrderPlaced.newBuilder().setOrderId("order-" + i)
          .setCustomerId("customer-" + i % 7).setTotal(new BigDecimal(i + ".50"))
          .setCurrency("EUR").setPlacedAt(AT.plusSeconds(i))
          .setMetadata(EventMetadata.newBuilder().setEventId(new UUID(0, i))
              .setSource("checkout").build()).build());
      step(paid, i -> OrderPaid.newBuilder().setOrderId("order-" + i).setPaymentId("pay-" + i)
          .setAmount(new BigDecimal(i + ".50")).setPaidAt(AT.plusSeconds(100 + i)).build());
      step(shipped, i -> OrderShipped.newBuilder().setOrderId("order-" + i).setCarrier("DHL")
          .setTrackingNumber(i % 2 == 0 ? null : "JD" + i).setShippedAt(AT.plusSeconds(200 + i))
          .build());
    }

    SchemaRegistryClient client = SchemaRegistryClient.create(registry.url(),
        Duration.ofSeconds(10), null);
    Map<Integer, String> typeById = new TreeMap<>();
    for (Class<?> type : List.of(OrderPlaced.class, OrderPaid.class, OrderShipped.class)) {
      typeById.put(client.version("orders-" + type.getName(), 1).id(), type.getSimpleName());
    }
    assertThat(typeById).hasSize(3);

    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(kafka.bootstrapServers(), "orders", 3 * ORDERS, Duration.ofSeconds(30));
    assertThat(records).hasSize(3 * ORDERS);
    NodeDecoder.Decoding decoding = NodeDecoder.install().decode(registry.url(), "orders",
        records.stream().map(ConsumerRecord::value).toList());

    Map<String, List<String>> typesByOrder = new LinkedHashMap<>();
    Map<String, List<String>> linesByOrder = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<byte[], byte[]> record = records.get(i);
      NodeDecoder.Decoded decoded = decoding.values().get(i);
      int frameId = ByteBuffer.wrap(record.value()).getInt(1);
      String key = new String(record.key(), StandardCharsets.UTF_8);
      JsonNode value = decoded.value();
      assertThat(decoded.schemaId()).as(decoding.output()).isEqualTo(frameId);
      assertThat(typeById).containsKey(frameId);
      assertThat(value.path("order_id").textValue()).isEqualTo(key);
      typesByOrder.computeIfAbsent(key, k -> new ArrayList<>()).add(typeById.get(frameId));
      linesByOrder.computeIfAbsent(key, k -> new ArrayList<>()).add("p" + record.partition()
          + "@" + record.offset() + " id " + frameId + " " + typeById.get(frameId) + " "
          + value);
      int n = Integer.parseInt(key.substring("order-".length()));
      switch (typeById.get(frameId)) {
        case "OrderPlaced" -> {
          assertThat(value.path("total").textValue()).isEqualTo(n + ".50");
          // The shared type, inlined in OrderPlaced's registered schema, decoded by the client.
          assertThat(value.path("metadata").path("source").textValue()).isEqualTo("checkout");
          assertThat(value.path("metadata").path("event_id").textValue())
              .isEqualTo(new UUID(0, n).toString());
        }
        case "OrderPaid" -> assertThat(value.path("payment_id").textValue()).isEqualTo("pay-" + n);
        default -> assertThat(value.path("tracking_number").isNull()).isEqualTo(n % 2 == 0);
      }
    }
    assertThat(typesByOrder).hasSize(ORDERS).allSatisfy((order, types) -> assertThat(types)
        .as(order).containsExactly("OrderPlaced", "OrderPaid", "OrderShipped"));

    System.out.println("[OrdersTopicIT] register:\n" + registered.toString(StandardCharsets.UTF_8)
        + "[OrdersTopicIT] topic orders: " + records.size() + " records, schema ids " + typeById
        + ", " + typesByOrder.size() + " orders, each OrderPlaced -> OrderPaid -> OrderShipped"
        + " in offset order\n[OrdersTopicIT] order-3 as Confluent's JavaScript client decodes"
        + " it:\n  " + String.join("\n  ", linesByOrder.get("order-3")));
  }
}
