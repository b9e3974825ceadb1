package dev.typedproducer.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.TypedProducer;
import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.tool.json.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** produce and tail through the launcher, on the real in-process broker and the real registry. */
@ExtendWith(RealServices.class)
class ProduceAndTailIT {
  private static final Path SAMPLE = Path.of("samples", "user_clicks.jsonl.gz");

  @TempDir
  Path dir;

  private static String[] on(LocalKafka kafka, LocalSchemaRegistry registry, String... args) {
    String[] all = Arrays.copyOf(args, args.length + 4);
    all[args.length] = "--bootstrap-servers";
    all[args.length + 1] = kafka.bootstrapServers();
    all[args.length + 2] = "--registry-url";
    all[args.length + 3] = registry.url();
    return all;
  }

  private static List<String> sampleLines() throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(SAMPLE))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static String compact(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return JsonLines.write(JsonLines.parse(bytes, bytes.length));
  }

  @Test
  void producesTheSampleAndTailsBackTheSameJson(LocalKafka kafka, LocalSchemaRegistry registry)
      throws IOException {
    ToolRun produce = ToolRun.of(on(kafka, registry, "produce", "--topic", "user_clicks",
        "--auto-register", "--create-topic", "3", "--progress", "none", SAMPLE.toString()));
    assertThat(produce.exit()).as(produce.err()).isZero();
    assertThat(produce.err()).contains("read 5,000, sent 5,000, rejected 0, failed 0");

    ToolRun tail = ToolRun.of(on(kafka, registry, "tail", "user_clicks"));
    assertThat(tail.exit()).as(tail.err()).isZero();
    assertThat(tail.err()).contains("tail: 5,000 record(s) from user_clicks");
    List<String> expected = sampleLines().stream().map(ProduceAndTailIT::compact).sorted().toList();
    assertThat(tail.out().lines().sorted().toList()).isEqualTo(expected);

    Path back = Files.writeString(dir.resolve("back.jsonl"), tail.out());
    ToolRun again = ToolRun.of("produce", "--dry-run", "--topic", "user_clicks", "--progress",
        "none", back.toString());
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.err()).contains("read 5,000, valid 5,000");

    ToolRun some = ToolRun.of(on(kafka, registry, "tail", "user_clicks", "--partition", "0",
        "--max", "3", "--metadata"));
    assertThat(some.out().lines()).hasSize(3).allSatisfy(line ->
        assertThat(line).startsWith("{\"topic\":\"user_clicks\",\"partition\":0,\"offset\":")
            .contains("\"schema_id\":").contains("\"value\":{\"user_id\":"));
  }

  @Test
  void tailFollowsNewRecordsUntilItHasTheMaximum(LocalKafka kafka, LocalSchemaRegistry registry)
      throws Exception {
    kafka.createTopic("followed", 1);
    java.util.concurrent.CompletableFuture<ToolRun> follow =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> ToolRun.of(on(kafka, registry,
            "tail", "followed", "--from", "end", "--follow", "--max", "2")));
    Thread.sleep(3000); // tail has its end offsets: what follows is new
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String text : new String[] {"one", "two", "three"}) {
        raw.send(new ProducerRecord<>("followed", text.getBytes(StandardCharsets.UTF_8))).get();
      }
    }
    ToolRun run = follow.get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(run.exit()).isZero();
    assertThat(run.out().lines()).hasSize(2).first().asString()
        .contains("\"_not_wire_format\":\"b25l\"");
  }

  @Test
  void tailShowsRecordsThatAreNotInTheWireFormatAndGoesOn(LocalKafka kafka,
      LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("mixed_values", 1);
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>("mixed_values", "plain text".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
    try (TypedProducer<UserClick> clicks = TypedProducer.builder(UserClick.class)
        .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
        .autoRegisterSchema(true).topic("mixed_values").build()) {
      clicks.send(UserClick.newBuilder().setUserId("u1").setAction(Action.LIKE).setPage("/")
          .setOccurredAt(Instant.parse("2024-05-31T13:45:30Z")).setReferrer(null)
          .setAttributes(Map.of("arm", "b")).build()).get();
    }
    ToolRun tail = ToolRun.of(on(kafka, registry, "tail", "mixed_values"));
    assertThat(tail.exit()).isZero();
    assertThat(tail.out().lines()).containsExactly(
        "{\"_topic\":\"mixed_values\",\"_partition\":0,\"_offset\":0,\"_key\":null,"
            + "\"_not_wire_format\":\"cGxhaW4gdGV4dA==\"}",
        "{\"user_id\":\"u1\",\"action\":\"LIKE\",\"page\":\"/\","
            + "\"occurred_at\":\"2024-05-31T13:45:30Z\",\"referrer\":null,"
            + "\"attributes\":{\"arm\":\"b\"}}");
    assertThat(ToolRun.of(on(kafka, registry, "tail", "mixed_values", "--from", "1")).out().lines())
        .singleElement().asString().startsWith("{\"user_id\":\"u1\"");
    assertThat(ToolRun.of(on(kafka, registry, "tail", "mixed_values", "--max", "1")).out().lines())
        .singleElement().asString().contains("_not_wire_format");
    assertThat(ToolRun.of(on(kafka, registry, "tail", "mixed_values", "--from", "end")).out())
        .isEmpty();
    ToolRun missing = ToolRun.of(on(kafka, registry, "tail", "no_such_topic"));
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("Topic \"no_such_topic\" does not exist");
  }
}
