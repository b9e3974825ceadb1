package dev.typedproducer;

import dev.typedproducer.internal.config.DurableProducerConfig;
import dev.typedproducer.internal.rules.Rules;
import dev.typedproducer.internal.schema.AvroRuntime;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import dev.typedproducer.internal.schema.TopicNames;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The checks and conversions {@link TypedProducerBuilder} runs on its settings, each one step of
 * {@code build()} or of a setter, kept here so that the builder reads as its list of options.
 */
final class BuildSteps {
  private BuildSteps() {}

  static void requireAvro112() {
    String avro = AvroRuntime.problem(Schema.class.getClassLoader());
    if (avro != null) {
      throw new InvalidConfigException("avro", null, avro);
    }
  }

  static Map<String, Object> withMaxBlock(Map<String, Object> kafkaSettings, Duration maxBlock) {
    Map<String, Object> settings = new LinkedHashMap<>(kafkaSettings);
    if (maxBlock != null) {
      Object given = settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
      if (given != null && !String.valueOf(given).trim().equals(String.valueOf(maxBlock.toMillis()))) {
        throw new InvalidConfigException(ProducerConfig.MAX_BLOCK_MS_CONFIG, given,
            ProducerConfig.MAX_BLOCK_MS_CONFIG + " is given twice with different values: " + given
                + " in the Kafka settings and " + maxBlock.toMillis() + " ms by maxBlock(...)."
                + " Keep one of them.");
      }
    }
    return settings;
  }

  static Producer<byte[], byte[]> kafkaProducer(
      Map<String, Object> config, Serializer<?> values) {
    try {
      return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    } catch (KafkaException e) {
      values.close();
      throw DurableProducerConfig.refusedByKafka(config, e);
    }
  }

  static Duration positive(String setting, Duration timeout) {
    Objects.requireNonNull(timeout, setting);
    if (timeout.isZero() || timeout.isNegative()) {
      throw new InvalidConfigException(setting, timeout, setting + " must be positive, was "
          + timeout + ". Give a timeout such as Duration.ofSeconds(10).");
    }
    return timeout;
  }

  /**
   * The built-in serializer made to check {@code rules} as it writes (see
   * {@code AvroWireSerializer.serializeKeepingRules}); any other serializer as it is, the rules
   * then checked before it.
   */
  @SuppressWarnings("unchecked")
  static <T> Serializer<? super T> checkingRules(Serializer<? super T> values, Rules rules) {
    return values instanceof AvroWireSerializer<?> builtIn
        ? (Serializer<? super T>) builtIn.checking(rules) : values;
  }

  /** The builder's {@code topic}, or else the schema's {@code "kafka.topic"}; a legal name. */
  static String topicOf(Schema schema, String topic) {
    return TopicNames.of(schema, topic, "call topic(\"<topic>\") on the builder");
  }
}
