package dev.typedproducer.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.InvalidConfigException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class TopicNamesTest {
  private static final Schema WITH_TOPIC = new Schema.Parser().parse("{\"type\": \"record\","
      + " \"name\": \"Paid\", \"kafka.topic\": \"payments\", \"fields\": []}");
  private static final Schema WITHOUT_TOPIC = new Schema.Parser().parse(
      "{\"type\": \"record\", \"name\": \"Paid\", \"fields\": []}");

  @Test
  void aGivenTopicWinsOverTheSchemas() {
    assertThat(TopicNames.of(WITH_TOPIC, "payments_v2", "call topic()")).isEqualTo("payments_v2");
  }

  @Test
  void withoutAGivenTopicTheSchemasIsUsed() {
    assertThat(TopicNames.of(WITH_TOPIC, null, "call topic()")).isEqualTo("payments");
  }

  @Test
  void noTopicAnywhereSaysBothWaysToNameOne() {
    assertThatThrownBy(() -> TopicNames.of(WITHOUT_TOPIC, null,
        "call topic(\"<topic>\") on the builder"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("No topic for Paid")
        .hasMessageContaining("\"kafka.topic\": \"<topic>\"")
        .hasMessageContaining("call topic(\"<topic>\") on the builder");
  }

  @Test
  void anIllegalTopicNameIsRefusedWithTheReason() {
    assertThatThrownBy(() -> TopicNames.of(WITH_TOPIC, "pay ments", "call topic()"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("\"pay ments\" is not a legal Kafka topic name")
        .hasMessageContaining("only ASCII letters, digits");
  }
}
