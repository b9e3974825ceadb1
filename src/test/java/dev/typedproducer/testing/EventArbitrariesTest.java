package dev.typedproducer.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.internal.schema.EventRules;
import dev.typedproducer.testevents.Node;
import dev.typedproducer.testevents.TortureEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

class EventArbitrariesTest {
  private static final Schema TORTURE = TortureEvent.getClassSchema();

  @Example
  void tortureSchemaUsesEveryAvroTypeAndLogicalType() {
    Set<Schema.Type> types = EnumSet.noneOf(Schema.Type.class);
    Set<String> logicalTypes = new TreeSet<>();
    collect(TORTURE, types, logicalTypes, Collections.newSetFromMap(new IdentityHashMap<>()));

    assertThat(types).containsExactlyInAnyOrder(Schema.Type.values());
    assertThat(logicalTypes).containsExactlyInAnyOrder("decimal on bytes", "decimal on fixed",
        "big-decimal", "uuid", "date", "time-millis", "time-micros", "timestamp-millis",
        "timestamp-micros", "timestamp-nanos", "local-timestamp-millis", "local-timestamp-micros",
        "local-timestamp-nanos", "duration");
  }

  private static void collect(Schema schema, Set<Schema.Type> types, Set<String> logicalTypes,
      Set<Schema> seen) {
    if (!seen.add(schema)) {
      return;
    }
    types.add(schema.getType());
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      logicalTypes.add(logical.getName().equals("decimal")
          ? "decimal on " + schema.getType().getName() : logical.getName());
    }
    switch (schema.getType()) {
      case RECORD -> schema.getFields()
          .forEach(f -> collect(f.schema(), types, logicalTypes, seen));
      case ARRAY -> collect(schema.getElementType(), types, logicalTypes, seen);
      case MAP -> collect(schema.getValueType(), types, logicalTypes, seen);
      case UNION -> schema.getTypes().forEach(b -> collect(b, types, logicalTypes, seen));
      default -> { }
    }
  }

  @Example
  void tortureSchemaIsRecursiveWithAUnionOfEveryKindAndFollowsTheEventRules() {
    Schema node = TORTURE.getField("tree").schema();
    assertThat(node.getField("next").schema().getTypes()).contains(node);
    assertThat(node.getField("children").schema().getElementType()).isSameAs(node);
    assertThat(TORTURE.getField("choice").schema().getTypes()).extracting(Schema::getType)
        .contains(Schema.Type.NULL, Schema.Type.INT, Schema.Type.LONG, Schema.Type.FLOAT,
            Schema.Type.DOUBLE, Schema.Type.STRING, Schema.Type.BYTES, Schema.Type.RECORD,
            Schema.Type.ENUM, Schema.Type.ARRAY, Schema.Type.MAP);
    assertThat(EventRules.check(TORTURE, "src/test/avro/torture.avsc")).isEmpty();
  }

  @Property(tries = 200)
  void stopsRecursingAtTheDepthLimit(@ForAll("shallowTortureEvents") TortureEvent event) {
    // With a limit of 2, a node's own fields sit at the limit: no node holds another.
    List<Node> nodes = new ArrayList<>(List.of(event.getTree()));
    if (event.getMaybeNode() != null) {
      nodes.add(event.getMaybeNode());
    }
    if (event.getChoice() instanceof Node node) {
      nodes.add(node);
    }
    for (Node node : nodes) {
      assertThat(node.getNext()).isNull();
      assertThat(node.getChildren()).isEmpty();
      assertThat(node.getByName()).isEmpty();
    }
  }

  @Provide
  Arbitrary<TortureEvent> shallowTortureEvents() {
    return EventArbitraries.events(TortureEvent.class, 2);
  }

  @Example
  void refusesASchemaWhoseRequiredFieldsNeverEnd() {
    Schema loop = new Schema.Parser().parse(
        "{\"type\": \"record\", \"name\": \"Loop\", \"fields\": [{\"name\": \"next\", \"type\": \"Loop\"}]}");

    assertThatThrownBy(() -> EventArbitraries.values(loop, TortureEvent.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("record Loop nests more than")
        .hasMessageContaining("Make the recursive field optional");
  }

  @Property(tries = 100)
  void makesGenericValuesForTypesWithNoGeneratedClass(@ForAll("unknownRecords") Object value) {
    assertThat(value).isInstanceOf(GenericData.Record.class);
    assertThat(GenericData.get().validate(UNKNOWN, value)).isTrue();
  }

  private static final Schema UNKNOWN = new Schema.Parser().parse("""
      {"type": "record", "name": "Unknown", "namespace": "nowhere", "fields": [
        {"name": "colour", "type": {"type": "enum", "name": "Hue", "symbols": ["A", "B"]}},
        {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 4}},
        {"name": "values", "type": {"type": "array", "items": ["null", "long", "string"]}}]}""");

  @Provide
  Arbitrary<Object> unknownRecords() {
    return EventArbitraries.values(UNKNOWN, TortureEvent.class);
  }

  @Property(tries = 300)
  void textsAreWholeCodePointsThatSurviveUtf8(@ForAll("texts") String text) {
    assertThat(new String(text.getBytes(UTF_8), UTF_8)).isEqualTo(text);
    assertThat(text.length()).isLessThanOrEqualTo(EventArbitraries.HUGEST);
  }

  @Provide
  Arbitrary<String> texts() {
    return EventArbitraries.texts(true);
  }

  @Example
  void everyBufferShapeHoldsTheSameBytes() {
    byte[] bytes = {1, 2, 3, -1};
    for (EventArbitraries.BufferShape shape : EventArbitraries.BufferShape.values()) {
      ByteBuffer buffer = shape.wrap(bytes);
      byte[] held = new byte[buffer.remaining()];
      buffer.duplicate().get(held);
      assertThat(held).as(shape.name()).containsExactly(bytes);
    }
  }
}
