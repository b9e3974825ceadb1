package dev.typedproducer.testing;

import static dev.typedproducer.testing.SecuredLocalKafka.ADMIN;
import static dev.typedproducer.testing.SecuredLocalKafka.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.security.JaasUtils;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link SecuredLocalKafka} with plain Kafka clients: the producer user may write and describe
 * {@value #ALLOWED} and nothing else; the admin user may do everything; a wrong password is
 * refused.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
@InProcessOnly("needs a broker with SASL logins and ACLs that the test changes")
class SecuredLocalKafkaIT {
  private static final String ALLOWED = "allowed_topic";
  private static final String FORBIDDEN = "forbidden_topic";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeAll
  static void letTheProducerWriteOneTopic(SecuredLocalKafka kafka) {
    kafka.createTopic(ALLOWED, 1);
    kafka.createTopic(FORBIDDEN, 1);
    kafka.grant(PRODUCER, ALLOWED, AclOperation.WRITE, AclOperation.DESCRIBE);
  }

  @Test
  void producerWritesItsTopicAsAnIdempotentProducerWithoutAClusterPermission(
      SecuredLocalKafka kafka) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka, kafka.clientSettings(PRODUCER))) {
      producer.send(record(ALLOWED, "by producer")).get();
    }

    assertThat(values(kafka, ALLOWED)).contains("by producer");
    // The broker tracks a producer id only for idempotent producers, so InitProducerId passed.
    TopicPartition partition = new TopicPartition(ALLOWED, 0);
    try (Admin admin = admin(kafka, kafka.clientSettings(ADMIN))) {
      assertThat(admin.describeProducers(List.of(partition)).all().get().get(partition)
          .activeProducers()).isNotEmpty()
          .allSatisfy(p -> assertThat(p.producerId()).isNotNegative());
    }
  }

  @Test
  void producerSendToAForbiddenTopicReturnsAFailedFutureAndWritesNothing(SecuredLocalKafka kafka)
      throws Exception {
    long before = endOffset(kafka, FORBIDDEN);
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka, kafka.clientSettings(PRODUCER))) {
      Future<RecordMetadata> sent = producer.send(record(FORBIDDEN, "by producer"));

      // send() waits for the topic's metadata, which the broker refuses, and returns a future
      // that has already failed: nothing waits for delivery.timeout.ms.
      assertThat(sent).isDone();
      assertThatThrownBy(sent::get).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(TopicAuthorizationException.class,
              e -> assertThat(e.unauthorizedTopics()).containsExactly(FORBIDDEN))
          .hasMessage("Not authorized to access topics: [" + FORBIDDEN + "]");
    }
    assertThat(endOffset(kafka, FORBIDDEN)).isEqualTo(before);
  }

  @Test
  void producerMayDescribeItsTopicButNotItsConfigs(SecuredLocalKafka kafka) throws Exception {
    try (Admin admin = admin(kafka, kafka.clientSettings(PRODUCER))) {
      assertThat(admin.describeTopics(List.of(ALLOWED)).allTopicNames().get().get(ALLOWED)
          .partitions()).hasSize(1);

      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, ALLOWED);
      assertThatThrownBy(() -> admin.describeConfigs(List.of(topic)).all().get())
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(TopicAuthorizationException.class)
          .hasMessage("Topic authorization failed.");
    }
  }

  @Test
  void adminMayDescribeConfigsAndWriteEveryTopic(SecuredLocalKafka kafka) throws Exception {
    try (Admin admin = admin(kafka, kafka.clientSettings(ADMIN))) {
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, ALLOWED);
      assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic)
          .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("1");
    }
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka, kafka.clientSettings(ADMIN))) {
      producer.send(record(FORBIDDEN, "by admin")).get();
    }

    assertThat(values(kafka, FORBIDDEN)).contains("by admin");
  }

  @Test
  void wrongPasswordFailsTheSendWithSaslAuthenticationException(SecuredLocalKafka kafka) {
    try (KafkaProducer<byte[], byte[]> producer =
             producer(kafka, kafka.clientSettings(PRODUCER, "wrong-password"))) {
      Future<RecordMetadata> sent = producer.send(record(ALLOWED, "with a wrong password"));

      // send() waits for metadata until the broker refuses the login, then returns failed.
      assertThat(sent).isDone();
      assertThatThrownBy(sent::get).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(SaslAuthenticationException.class)
          .hasMessage("Authentication failed: Invalid username or password");
    }
  }

  @Test
  void leavesTheJvmWideLoginConfigurationAlone(SecuredLocalKafka kafka) {
    // The broker is running (the parameter started it). The test kit's own SASL mode would have
    // set this property, and later tests in this JVM would inherit it.
    assertThat(kafka.bootstrapServers()).isNotEmpty();
    assertThat(System.getProperty(JaasUtils.JAVA_LOGIN_CONFIG_PARAM)).isNull();
  }

  private static KafkaProducer<byte[], byte[]> producer(
      SecuredLocalKafka kafka, Map<String, Object> login) {
    Map<String, Object> config = new HashMap<>(login);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static Admin admin(SecuredLocalKafka kafka, Map<String, Object> login) {
    Map<String, Object> config = new HashMap<>(login);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return Admin.create(config);
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String value) {
    return new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8));
  }

  /** The values in {@code topic}, read as the super user. */
  private static List<String> values(SecuredLocalKafka kafka, String topic) {
    Map<String, Object> login = kafka.clientSettings(ADMIN);
    return TopicReader.readAll(kafka.bootstrapServers(), login, topic, 1, WAIT).stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
  }

  private static long endOffset(SecuredLocalKafka kafka, String topic) throws Exception {
    TopicPartition partition = new TopicPartition(topic, 0);
    try (Admin admin = admin(kafka, kafka.clientSettings(ADMIN))) {
      return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get()
          .get(partition).offset();
    }
  }
}
