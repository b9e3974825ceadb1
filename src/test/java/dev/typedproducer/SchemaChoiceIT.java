package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.events.ml.InferenceRequest;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.internal.schema.RegistrySchemas;
import dev.typedproducer.testing.IndependentDecoder;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * useLatestSchema(), useSchemaVersion(n) and useSchemaId(id) on the real registry and broker: the
 * events carry the chosen id and decode, with that schema, to what was sent, field by field by
 * name (no positional mix-up when the registered version orders fields differently); a version of
 * another record, or one that cannot read what the class writes, fails build() by name.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class SchemaChoiceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOCAL = RegistrySchemas.text(UserClick.getClassSchema());

  /** The class's schema with its fields in reverse order and a {@code channel} with a default. */
  private static String reorderedWithChannel() throws Exception {
    ObjectNode schema = (ObjectNode) JSON.readTree(LOCAL);
    ArrayNode fields = (ArrayNode) schema.get("fields");
    ArrayNode reversed = JSON.createArrayNode();
    for (int i = fields.size() - 1; i >= 0; i--) {
      reversed.add(fields.get(i));
    }
    reversed.addObject().put("name", "channel").put("type", "string").put("default", "web");
    schema.set("fields", reversed);
    return schema.toString();
  }

  private static TypedProducerBuilder<UserClick> clicks(LocalKafka kafka,
      LocalSchemaRegistry registry, String topic) {
    return TypedProducer.builder(UserClick.class).bootstrapServers(kafka.bootstrapServers())
        .schemaRegistryUrl(registry.url()).topic(topic).createTopicIfMissing(1);
  }

  private static UserClick click(int i) {
    return UserClick.newBuilder().setUserId("user_" + i % 3).setAction(Action.values()[i % 5])
        .setPage("/p/" + i).setOccurredAt(Instant.ofEpochMilli(1_763_800_000_000L + i))
        .setReferrer(i % 2 == 0 ? null : "/r/" + i).setAttributes(Map.of("i", "" + i)).build();
  }

  /** Sends 10 clicks and checks each decodes, with schema {@code id}, to what was sent. */
  private static void sendsAndReadsBack(TypedProducerBuilder<UserClick> builder, String topic,
      LocalKafka kafka, LocalSchemaRegistry registry, int id, String channel) throws Exception {
    List<UserClick> sent = new ArrayList<>();
    try (TypedProducer<UserClick> producer = builder.build()) {
      for (int i = 0; i < 10; i++) {
        sent.add(click(i));
        producer.send(sent.get(i)).get();
      }
    }
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(kafka.bootstrapServers(), topic, 10, Duration.ofSeconds(30));
    IndependentDecoder decoder = new IndependentDecoder(registry.url());
    assertThat(records).hasSize(10);
    for (int i = 0; i < 10; i++) {
      IndependentDecoder.Decoded decoded = decoder.decode(records.get(i).value());
      GenericRecord value = decoded.value();
      UserClick expected = sent.get(i);
      assertThat(decoded.schemaId()).isEqualTo(id);
      assertThat(value.get("user_id")).hasToString(expected.getUserId());
      assertThat(value.get("action")).hasToString(expected.getAction().name());
      assertThat(value.get("page")).hasToString(expected.getPage());
      assertThat(value.get("occurred_at")).isEqualTo(expected.getOccurredAt().toEpochMilli());
      assertThat(String.valueOf(value.get("referrer")))
          .isEqualTo(String.valueOf(expected.getReferrer()));
      assertThat(value.get("attributes").toString()).isEqualTo("{i=" + i + "}");
      if (channel != null) {
        assertThat(value.get("channel")).hasToString(channel);
      }
    }
  }

  @Test
  void writesWithTheLatestVersionMatchingFieldsByName(LocalKafka kafka,
      LocalSchemaRegistry registry) throws Exception {
    IndependentDecoder decoder = new IndependentDecoder(registry.url());
    decoder.register("choice_latest-value", LOCAL);
    int latest = decoder.register("choice_latest-value", reorderedWithChannel());
    assertThat(decoder.fetch(latest).getFields().get(0).name()).isEqualTo("attributes");

    sendsAndReadsBack(clicks(kafka, registry, "choice_latest").useLatestSchema(),
        "choice_latest", kafka, registry, latest, "web");
  }

  @Test
  void writesWithAVersionOrAnIdChosenByNumber(LocalKafka kafka, LocalSchemaRegistry registry)
      throws Exception {
    IndependentDecoder decoder = new IndependentDecoder(registry.url());
    int first = decoder.register("choice_version-value", LOCAL);
    int second = decoder.register("choice_version-value", reorderedWithChannel());

    sendsAndReadsBack(clicks(kafka, registry, "choice_version").useSchemaVersion(1),
        "choice_version", kafka, registry, first, null);
    sendsAndReadsBack(clicks(kafka, registry, "choice_id").useSchemaId(second),
        "choice_id", kafka, registry, second, "web");
  }

  @Test
  void refusesALatestVersionOfAnotherRecord(LocalKafka kafka, LocalSchemaRegistry registry)
      throws Exception {
    int other = new IndependentDecoder(registry.url()).register("choice_other-value",
        RegistrySchemas.text(InferenceRequest.getClassSchema()));

    assertThatThrownBy(() -> clicks(kafka, registry, "choice_other").useLatestSchema().build())
        .isInstanceOfSatisfying(InvalidSchemaException.class, e -> assertThat(e.diagnostics())
            .singleElement().satisfies(d -> {
              assertThat(d.id()).isEqualTo("RegisteredSchemaOtherRecord");
              assertThat(d.source()).isEqualTo("subject choice_other-value version 1 (schema id "
                  + other + ") at " + registry.url());
            }))
        .hasMessageContaining("useLatestSchema(): the registered schema is record"
            + " dev.typedproducer.events.ml.InferenceRequest, not record"
            + " dev.typedproducer.events.UserClick");
  }

  @Test
  void refusesALatestVersionThatCannotReadWhatTheClassWrites(LocalKafka kafka,
      LocalSchemaRegistry registry) throws Exception {
    IndependentDecoder decoder = new IndependentDecoder(registry.url());
    decoder.register("choice_unreadable-value", LOCAL);
    SchemaRegistryClient.create(registry.url(), Duration.ofSeconds(10), null)
        .setSubjectCompatibility("choice_unreadable-value", "NONE");
    ObjectNode schema = (ObjectNode) JSON.readTree(LOCAL);
    ((ArrayNode) schema.get("fields")).addObject().put("name", "tenant").put("type", "string");
    decoder.register("choice_unreadable-value", schema.toString());

    assertThatThrownBy(() -> clicks(kafka, registry, "choice_unreadable").useSchemaVersion(2)
        .build())
        .isInstanceOfSatisfying(InvalidSchemaException.class, e -> assertThat(e.diagnostics())
            .singleElement().extracting(Diagnostic::id).isEqualTo("RegisteredSchemaCannotRead"))
        .hasMessageContainingAll("useSchemaVersion(2): the registered schema cannot read what"
            + " dev.typedproducer.events.UserClick writes", "READER_FIELD_MISSING_DEFAULT_VALUE",
            "tenant");
  }

  @Test
  void refusesAVersionTheSubjectDoesNotHave(LocalKafka kafka, LocalSchemaRegistry registry)
      throws Exception {
    new IndependentDecoder(registry.url()).register("choice_missing-value", LOCAL);

    assertThatThrownBy(() -> clicks(kafka, registry, "choice_missing").useSchemaVersion(7)
        .build())
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.isRetriable()).isFalse();
        })
        .hasMessageContaining("fetch version 7 for subject choice_missing-value: HTTP 404");
  }

  @Test
  void refusesAutoRegistrationWithAChosenVersion(LocalKafka kafka, LocalSchemaRegistry registry) {
    assertThatThrownBy(() -> clicks(kafka, registry, "choice_conflict").useLatestSchema()
        .autoRegisterSchema(true).build())
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.setting()).isEqualTo("autoRegisterSchema"))
        .hasMessageContaining("autoRegisterSchema(true) and useLatestSchema() contradict");
  }
}
