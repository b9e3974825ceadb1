package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.InProcessOnly;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.TopicReader;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Another vendor's serializer plugged into TypedProducer: Apicurio's own Avro serializer, which
 * writes the schema id into record headers. TypedProducer still keys each record from the schema
 * and hands the serializer the record's headers, where Apicurio puts the schema's id.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
@InProcessOnly("plugs in Apicurio's serializer, which talks to Apicurio's own API (/apis/registry/v2)")
class PluggedSerializerIT {
  @Test
  void anotherVendorsSerializerGetsTheHeadersAndKeysStillComeFromTheSchema(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("apicurio_clicks", 3);
    String nativeApi = registry.url().replace("/apis/ccompat/v7", "/apis/registry/v2");
    Map<String, Object> serdeConfig = Map.of(SerdeConfig.REGISTRY_URL, nativeApi,
        SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
    AvroKafkaSerializer<UserClick> apicurio = new AvroKafkaSerializer<>();
    apicurio.configure(serdeConfig, false);
    // Apicurio's serializer loads the event class by name, which Avro 1.12 allows only for
    // trusted packages (what the README tells users of such serializers to set up).
    ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(before,
        c -> c.getPackageName().startsWith("dev.typedproducer.events")));
    try (TypedProducer<UserClick> clicks = TypedProducer.builder(UserClick.class)
        .bootstrapServers(kafka.bootstrapServers()).topic("apicurio_clicks")
        .valueSerializer(apicurio).build()) {
      for (int i = 0; i < 3; i++) {
        clicks.send(UserClick.newBuilder().setUserId("user_" + i).setAction(Action.LIKE)
            .setPage("/p/" + i).setOccurredAt(Instant.ofEpochMilli(i)).build()).get();
      }
    } finally {
      ClassSecurityValidator.setGlobal(before);
    }

    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(kafka.bootstrapServers(), "apicurio_clicks", 3, Duration.ofSeconds(30));
    // With headers on, Apicurio writes the plain Avro body and the schema's global id in a
    // header. (Its 2.4.2 deserializer cannot parse schemas with Avro 1.12, so read it here.)
    HttpClient http = HttpClient.newHttpClient();
    assertThat(records).hasSize(3);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Header globalId = record.headers().lastHeader("apicurio.value.globalId");
      assertThat(globalId).isNotNull();
      String schema = http.send(HttpRequest.newBuilder(URI.create(nativeApi + "/ids/globalIds/"
          + ByteBuffer.wrap(globalId.value()).getLong())).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      // Apicurio stores nested types as separate artifacts ("type": "Action" refers to one), so
      // the stored text names the record, and the body is decoded with the class's schema.
      assertThat(schema).startsWith("{\"type\":\"record\",\"name\":\"UserClick\","
          + "\"namespace\":\"dev.typedproducer.events\"");
      GenericRecord value = new GenericDatumReader<GenericRecord>(UserClick.getClassSchema())
          .read(null, DecoderFactory.get().binaryDecoder(record.value(), null));
      assertThat(new String(record.key(), StandardCharsets.UTF_8))
          .isEqualTo(value.get("user_id").toString())
          .isEqualTo("user_" + value.get("page").toString().substring(3));
      assertThat(value.get("action")).hasToString("LIKE");
    }
  }
}
