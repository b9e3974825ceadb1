package dev.typedproducer.internal.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.InvalidEventException;
import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.events.ml.InferenceRequest;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class AvroWireSerializerTest {
  private static final int SCHEMA_ID = 0x01020304;

  private static UserClick click(String userId) {
    return UserClick.newBuilder().setUserId(userId).setAction(Action.LIKE).setPage("/p/42")
        .setOccurredAt(Instant.ofEpochMilli(1_763_800_000_123L)).setReferrer("/home")
        .setAttributes(Map.of("arm", "b")).build();
  }

  private static AvroWireSerializer<UserClick> clicks() {
    return new AvroWireSerializer<>(SCHEMA_ID, UserClick.getClassSchema(),
        SpecificData.getForClass(UserClick.class));
  }

  /** Decodes the Avro body with the schema read from the .avsc file, without the SDK. */
  private static GenericRecord decode(byte[] framed, String schemaFile) throws IOException {
    Schema writer = new Schema.Parser().parse(new File("schemas/" + schemaFile));
    return new GenericDatumReader<GenericRecord>(writer).read(null,
        DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null));
  }

  @Test
  void writesMagicByteThenBigEndianSchemaIdThenAvroBody() throws IOException {
    byte[] framed = clicks().serialize("user_clicks", click("user_123"));

    assertThat(Arrays.copyOf(framed, 5)).containsExactly(0, 1, 2, 3, 4);
    assertThat(ByteBuffer.wrap(framed, 1, 4).getInt()).isEqualTo(SCHEMA_ID);
    GenericRecord decoded = decode(framed, "user_clicks.avsc");
    assertThat(decoded.get("user_id")).hasToString("user_123");
    assertThat(decoded.get("action")).hasToString("LIKE");
    assertThat(decoded.get("page")).hasToString("/p/42");
    assertThat(decoded.get("occurred_at")).isEqualTo(1_763_800_000_123L);
    assertThat(decoded.get("referrer")).hasToString("/home");
    assertThat(((Map<?, ?>) decoded.get("attributes")).toString()).isEqualTo("{arm=b}");
  }

  @Test
  void writesTheSameBodyAsAvrosOwnEncoder() throws IOException {
    UserClick click = click("user_123");
    byte[] framed = clicks().serialize("user_clicks", click);

    // Avro's single-object encoding is a 10-byte header then the same binary body.
    ByteBuffer single = UserClick.getEncoder().encode(click);
    byte[] body = Arrays.copyOfRange(single.array(), single.arrayOffset() + 10,
        single.arrayOffset() + single.limit());
    assertThat(Arrays.copyOfRange(framed, 5, framed.length)).isEqualTo(body);
  }

  @Test
  void encodesLargeAndNegativeSchemaIds() {
    assertThat(WireFormat.header(Integer.MAX_VALUE)).containsExactly(0, 0x7f, -1, -1, -1);
    assertThat(WireFormat.schemaId(WireFormat.header(Integer.MAX_VALUE))).isEqualTo(Integer.MAX_VALUE);
    assertThat(WireFormat.schemaId(WireFormat.header(1))).isEqualTo(1);
    assertThat(WireFormat.schemaId(WireFormat.header(-2))).isEqualTo(-2);
  }

  @Test
  void refusesBytesThatAreNotFramed() {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {1, 0, 0, 0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("starting with 1");
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0}))
        .hasMessageContaining("got 2 bytes");
  }

  @Test
  void writesLogicalTypesAsTheSchemaSays() throws IOException {
    UUID id = UUID.randomUUID();
    InferenceRequest request = InferenceRequest.newBuilder().setRequestId(id).setModel("ranker")
        .setModelVersion(7).setFeatures(List.of(0.25f, -1.5f)).setScore(0.875f)
        .setCostUsd(new BigDecimal("0.001250")).setRequestedAt(Instant.ofEpochMilli(42)).build();
    byte[] framed = new AvroWireSerializer<>(9, InferenceRequest.getClassSchema(),
        SpecificData.getForClass(InferenceRequest.class)).serialize("inference_requests", request);

    GenericRecord decoded = decode(framed, "inference_requests.avsc");
    assertThat(decoded.get("request_id")).hasToString(id.toString());
    assertThat(decoded.get("features")).hasToString("[0.25, -1.5]");
    // decimal(12, 6): the unscaled value 1250 as big-endian two's complement bytes
    ByteBuffer cost = (ByteBuffer) decoded.get("cost_usd");
    assertThat(new java.math.BigInteger(Arrays.copyOfRange(cost.array(), cost.position(),
        cost.limit())).longValue()).isEqualTo(1250);
    assertThat(decoded.get("requested_at")).isEqualTo(42L);
  }

  @Test
  void namesEventTopicAndProblemWhenAValueCannotBeWritten() {
    InferenceRequest request = InferenceRequest.newBuilder().setRequestId(UUID.randomUUID())
        .setModel("ranker").setModelVersion(7).setFeatures(List.of())
        .setCostUsd(new BigDecimal("0.0000001")).setRequestedAt(Instant.EPOCH).build();
    AvroWireSerializer<InferenceRequest> serializer = new AvroWireSerializer<>(9,
        InferenceRequest.getClassSchema(), SpecificData.getForClass(InferenceRequest.class));

    assertThatThrownBy(() -> serializer.serialize("inference_requests", request))
        .isInstanceOfSatisfying(InvalidEventException.class,
            e -> assertThat(e.field()).isEqualTo("cost_usd"))
        .hasMessageStartingWith("Cannot send dev.typedproducer.events.ml.InferenceRequest to"
            + " topic inference_requests: field cost_usd cannot be written")
        .hasMessageContaining("scale 7 as scale 6")
        .hasMessageContaining("nothing was sent");
  }

  @Test
  void namesTheIndexOfABadArrayItem() {
    InferenceRequest request = InferenceRequest.newBuilder().setRequestId(UUID.randomUUID())
        .setModel("ranker").setModelVersion(7).setFeatures(java.util.Arrays.asList(0.5f, null))
        .setCostUsd(new BigDecimal("0.000001")).setRequestedAt(Instant.EPOCH).build();
    AvroWireSerializer<InferenceRequest> serializer = new AvroWireSerializer<>(9,
        InferenceRequest.getClassSchema(), SpecificData.getForClass(InferenceRequest.class));

    assertThatThrownBy(() -> serializer.serialize("inference_requests", request))
        .isInstanceOfSatisfying(InvalidEventException.class,
            e -> assertThat(e.field()).isEqualTo("features/1"));
  }

  @Test
  void namesTheNullFieldOfAnIncompleteEvent() {
    UserClick click = click("user_123");
    click.setPage(null);

    assertThatThrownBy(() -> clicks().serialize("user_clicks", click))
        .isInstanceOfSatisfying(InvalidEventException.class,
            e -> assertThat(e.field()).isEqualTo("page"))
        .hasMessageContaining("field page cannot be written");
  }

  @Test
  void isSafeToShareBetweenThreads() throws Exception {
    AvroWireSerializer<UserClick> serializer = clicks();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            String user = "user_" + thread + "_" + i;
            byte[] framed = serializer.serialize("user_clicks", click(user));
            if (!decode(framed, "user_clicks.avsc").get("user_id").toString().equals(user)) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
