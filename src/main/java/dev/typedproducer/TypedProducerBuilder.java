package dev.typedproducer;

import dev.typedproducer.internal.broker.TopicCheck;
import dev.typedproducer.internal.config.DurableProducerConfig;
import dev.typedproducer.internal.key.KeyField;
import dev.typedproducer.internal.metrics.MicrometerSendMetrics;
import dev.typedproducer.internal.metrics.SendMetrics;
import dev.typedproducer.internal.resolve.SchemaChoice;
import dev.typedproducer.internal.rules.RuleGate;
import dev.typedproducer.internal.rules.Rules;
import dev.typedproducer.internal.schema.EventClasses;
import dev.typedproducer.internal.schema.EventRules;
import dev.typedproducer.internal.send.DeadLetters;
import dev.typedproducer.internal.send.DeliveryFailures;
import dev.typedproducer.internal.time.EventTime;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures a {@link TypedProducer}. Every check runs in {@link #build()}: the event class's
 * schema, the Kafka settings, the schema's id in the registry, and the topic on the brokers
 * (that it exists and is durable), so that a producer that builds can send.
 *
 * <pre>{@code
 * TypedProducer<UserClick> clicks = TypedProducer.builder(UserClick.class)
 *     .bootstrapServers("broker-1:9092,broker-2:9092")
 *     .schemaRegistryUrl("https://registry.internal:8081")
 *     .kafkaSetting(ProducerConfig.LINGER_MS_CONFIG, 20)
 *     .kafkaSetting(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
 *     .build();
 * }</pre>
 *
 * <p>A builder is not thread-safe; the producers it builds are.
 *
 * @param <T> the event class
 */
public final class TypedProducerBuilder<T extends SpecificRecord> {
  /** How long one schema registry request may take unless {@link #schemaRegistryTimeout} says. */
  public static final Duration DEFAULT_REGISTRY_TIMEOUT = Duration.ofSeconds(10);
  /** How long build() may wait for the brokers unless {@link #startupTimeout} says. */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(TypedProducer.class);

  private final Class<T> eventClass;
  private final Map<String, Object> kafkaSettings = new LinkedHashMap<>();
  private String bootstrapServers;
  private String schemaRegistryUrl;
  private String schemaRegistryBasicAuth;
  private Supplier<String> schemaRegistryToken;
  private RegistryTls schemaRegistryTls;
  private SchemaChoice schemaChoice = SchemaChoice.LOCAL;
  private Duration schemaRegistryTimeout = DEFAULT_REGISTRY_TIMEOUT;
  private String topic;
  private boolean autoRegisterSchema;
  private boolean registerSchemaReferences;
  private SubjectNameStrategy subjectNameStrategy;
  private Serializer<? super T> valueSerializer;
  private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
  private Duration maxBlock;
  private TopicDurability topicDurability = TopicDurability.auto();
  private int createPartitions;
  private boolean customPartitionerAllowed;
  private boolean brokersChecked = true;
  private OnRuleViolation onRuleViolation = OnRuleViolation.fail();
  // A MeterRegistry, held as Object so that this class never needs Micrometer to load.
  private Object meterRegistry;

  TypedProducerBuilder(Class<T> eventClass) {
    this.eventClass = Objects.requireNonNull(eventClass, "eventClass");
  }

  /** The Kafka brokers to connect to first, e.g. {@code "broker-1:9092,broker-2:9092"}. */
  public TypedProducerBuilder<T> bootstrapServers(String bootstrapServers) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    return this;
  }

  /**
   * The schema registry's base URL, e.g. {@code "http://localhost:8081"}; several may be given,
   * comma-separated, and are tried in order. For Apicurio Registry use its Confluent-compatible
   * API, {@code "http://host:8080/apis/ccompat/v7"}. Not needed with {@link #valueSerializer}.
   */
  public TypedProducerBuilder<T> schemaRegistryUrl(String schemaRegistryUrl) {
    this.schemaRegistryUrl = Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    return this;
  }

  /** HTTP basic credentials for the schema registry (for Confluent Cloud: API key and secret). */
  public TypedProducerBuilder<T> schemaRegistryBasicAuth(String username, String password) {
    this.schemaRegistryBasicAuth = Objects.requireNonNull(username, "username") + ":"
        + Objects.requireNonNull(password, "password");
    return this;
  }

  /** A bearer token for the schema registry ({@code Authorization: Bearer ...}). */
  public TypedProducerBuilder<T> schemaRegistryBearerToken(String token) {
    Objects.requireNonNull(token, "token");
    return schemaRegistryBearerToken(() -> token);
  }

  /**
   * Bearer tokens for the schema registry, from {@code tokens}: asked once, and again whenever
   * the registry answers 401 (the token expired), e.g. an OAuth client's token cache.
   */
  public TypedProducerBuilder<T> schemaRegistryBearerToken(Supplier<String> tokens) {
    this.schemaRegistryToken = Objects.requireNonNull(tokens, "tokens");
    return this;
  }

  /** HTTPS to the schema registry with a trust store and, for mutual TLS, a key store. */
  public TypedProducerBuilder<T> schemaRegistryTls(RegistryTls tls) {
    this.schemaRegistryTls = Objects.requireNonNull(tls, "tls");
    return this;
  }

  /**
   * Writes with the subject's latest version, resolved in {@link #build()}, which refuses one of
   * another record or one that cannot read the class's events ({@link InvalidSchemaException}).
   * Fields are matched by name; a field the class lacks gets its default.
   */
  public TypedProducerBuilder<T> useLatestSchema() {
    this.schemaChoice = SchemaChoice.LATEST;
    return this;
  }

  /** As {@link #useLatestSchema()}, with version {@code version} of the subject. */
  public TypedProducerBuilder<T> useSchemaVersion(int version) {
    this.schemaChoice = SchemaChoice.of(SchemaChoice.Kind.VERSION, version);
    return this;
  }

  /** As {@link #useLatestSchema()}, with the schema of global id {@code id}. */
  public TypedProducerBuilder<T> useSchemaId(int id) {
    this.schemaChoice = SchemaChoice.of(SchemaChoice.Kind.ID, id);
    return this;
  }

  /** How long one schema registry request may take; default 10 seconds. */
  public TypedProducerBuilder<T> schemaRegistryTimeout(Duration timeout) {
    this.schemaRegistryTimeout = BuildSteps.positive("schemaRegistryTimeout", timeout);
    return this;
  }

  /**
   * How long {@link #build()} may wait for the schema registry and, then, for the brokers; default
   * 30 seconds each. Registry timeouts, connection errors, 5xx, 408 and 429 are tried again within
   * it, after a capped exponential backoff with jitter (4xx are not); brokers that do not answer,
   * describe the topic and give its partitions in time fail {@code build()} with
   * {@link BrokerException} {@code [BrokerUnreachable]}, naming the bootstrap servers.
   */
  public TypedProducerBuilder<T> startupTimeout(Duration timeout) {
    this.startupTimeout = BuildSteps.positive("startupTimeout", timeout);
    return this;
  }

  /**
   * The longest {@link TypedProducer#send} may block its caller (Kafka's {@code max.block.ms}):
   * while the producer's buffer is full, or while the topic's partitions are unknown. Default 10
   * seconds, where Kafka's is 60: long enough to ride out a leader election, short enough that a
   * request thread fails with a clear error before its own caller gives up.
   */
  public TypedProducerBuilder<T> maxBlock(Duration maxBlock) {
    Objects.requireNonNull(maxBlock, "maxBlock");
    if (maxBlock.isNegative()) {
      throw new InvalidConfigException("maxBlock", maxBlock, "maxBlock must not be negative, was "
          + maxBlock + ". Give the longest a send may block, e.g. Duration.ofSeconds(10).");
    }
    this.maxBlock = maxBlock;
    return this;
  }

  /**
   * What {@link #build()} does about a topic that can lose acknowledged events (replication
   * factor below 3, {@code min.insync.replicas} below 2, unclean leader election on). Default
   * {@link TopicDurability#auto()}: refuse on a cluster of 3 or more brokers, warn on a smaller
   * (development) one.
   */
  public TypedProducerBuilder<T> topicDurability(TopicDurability durability) {
    this.topicDurability = Objects.requireNonNull(durability, "durability").checked();
    return this;
  }

  /**
   * Lets {@link #build()} create the topic when it does not exist, with {@code partitions}
   * partitions, a replication factor of 3 (or the cluster's size, if smaller),
   * {@code min.insync.replicas} 2 (1 on a single broker) and unclean leader election off. By
   * default a missing topic fails {@code build()}: creating topics is the platform's job.
   */
  public TypedProducerBuilder<T> createTopicIfMissing(int partitions) {
    if (partitions < 1) {
      throw new InvalidConfigException("createTopicIfMissing", partitions, "A topic needs at"
          + " least one partition, was " + partitions + ".");
    }
    this.createPartitions = partitions;
    return this;
  }

  /**
   * What {@link TypedProducer#send} does with an event that breaks its schema's data rules
   * ({@code "kafka.rules"}): {@link OnRuleViolation#fail()} (default) throws
   * {@link InvalidEventException}; {@link OnRuleViolation#deadLetter()} sends it to the
   * dead-letter topic, which {@link #build()} then checks like the event's own topic.
   */
  public TypedProducerBuilder<T> onRuleViolation(OnRuleViolation policy) {
    this.onRuleViolation = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Allows a {@code partitioner.class} setting. By default it is refused: TypedProducer promises
   * that each key lands where Kafka's default partitioner puts it, which keeps a key's events in
   * order. Allow it only for a partitioner that maps each key to one fixed partition.
   * {@code RoundRobinPartitioner} and {@code partitioner.ignore.keys=true} stay refused.
   */
  public TypedProducerBuilder<T> allowCustomPartitioner(boolean allowed) {
    this.customPartitionerAllowed = allowed;
    return this;
  }

  /**
   * The topic to write to, in place of the schema's {@code "kafka.topic"} property. Required when
   * the schema names no topic.
   */
  public TypedProducerBuilder<T> topic(String topic) {
    this.topic = Objects.requireNonNull(topic, "topic");
    return this;
  }

  /**
   * Whether {@link #build()} may register the event's schema when the registry does not have it
   * yet. Default {@code false}: schemas reach the registry through the reviewed deploy step, after
   * the compatibility check, and a producer that finds its schema missing fails at start-up
   * instead of publishing an unreviewed schema. Turn it on for local development and tests.
   */
  public TypedProducerBuilder<T> autoRegisterSchema(boolean autoRegisterSchema) {
    this.autoRegisterSchema = autoRegisterSchema;
    return this;
  }

  /**
   * Whether the event's schema goes to the registry with Confluent schema references: each record
   * type it uses (the shared types of {@code schemas/shared/}) under a subject of its own, named by
   * its full name, and the event's schema naming it instead of inlining it. Default {@code false}:
   * each event's schema is self-contained. With {@link #autoRegisterSchema(boolean)
   * autoRegisterSchema(true)}, {@code build()} registers both forms' parts; without, it looks the
   * schema up in this form, as the {@code register --references} deploy step wrote it.
   */
  public TypedProducerBuilder<T> registerSchemaReferences(boolean registerSchemaReferences) {
    this.registerSchemaReferences = registerSchemaReferences;
    return this;
  }

  /**
   * How the registry subject is named; default the schema's {@code "kafka.subject.strategy"},
   * else {@link SubjectNameStrategy#TOPIC_NAME}. One that contradicts the schema is refused.
   */
  public TypedProducerBuilder<T> subjectNameStrategy(SubjectNameStrategy strategy) {
    this.subjectNameStrategy = Objects.requireNonNull(strategy, "strategy");
    return this;
  }

  /**
   * A serializer to use in place of the built-in one, for example Confluent's
   * {@code KafkaAvroSerializer}, configured by the caller. The registry settings of this builder
   * are then not used. The producer owns it from here on and closes it when it closes.
   */
  public TypedProducerBuilder<T> valueSerializer(Serializer<? super T> serializer) {
    this.valueSerializer = Objects.requireNonNull(serializer, "serializer");
    return this;
  }

  /**
   * Counts events in Micrometer: per event type and topic, {@code typedproducer.events.sent},
   * {@code typedproducer.events.failed} (tagged with the {@link DeliveryException} id) and
   * {@code typedproducer.events.refused}, a timer {@code typedproducer.send.latency} from send to
   * acknowledgement, and the Kafka producer's own metrics ({@code kafka.producer.*}). Micrometer
   * is an optional dependency: without this call the SDK never loads it.
   */
  public TypedProducerBuilder<T> meterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * One Kafka producer setting, e.g. {@code kafkaSetting(ProducerConfig.LINGER_MS_CONFIG, 20)}.
   * Throughput, security and client settings pass through to Kafka. Settings that would weaken
   * durability or key order ({@code acks} other than {@code all}, {@code enable.idempotence=false},
   * any {@code retries} count, more than 5 {@code max.in.flight.requests.per.connection}, a
   * {@code partitioner.class}, {@code partitioner.ignore.keys=true}) make {@link #build()} throw.
   */
  public TypedProducerBuilder<T> kafkaSetting(String name, Object value) {
    kafkaSettings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
    return this;
  }

  /** Several Kafka producer settings at once; see {@link #kafkaSetting}. */
  public TypedProducerBuilder<T> kafkaSettings(Map<String, ?> settings) {
    settings.forEach(this::kafkaSetting);
    return this;
  }

  /**
   * Checks everything and builds the producer: the schema's key and topic rules, the settings,
   * the schema's id in the registry (registering it, if allowed), and the topic on the brokers,
   * within {@link #startupTimeout}. Nothing it finds wrong is left for the first send.
   *
   * @throws InvalidSchemaException if the event class breaks the key or topic rules, or has a
   *     malformed data rule
   * @throws InvalidConfigException if a setting is missing, malformed or weakens durability
   * @throws SchemaRegistryException if the registry cannot be reached or does not have the schema
   * @throws BrokerException if the brokers do not answer in time, or the topic (or the
   *     dead-letter topic) is missing, not durable enough, or not the principal's to use
   */
  public TypedProducer<T> build() {
    BuildSteps.requireAvro112();
    Schema schema = EventClasses.schemaOf(eventClass);
    String source = "class " + eventClass.getName();
    List<Diagnostic> problems = EventRules.check(schema, source);
    if (!problems.isEmpty()) {
      throw new InvalidSchemaException(problems);
    }
    KeyField keyField = KeyField.of(schema);
    String resolvedTopic = BuildSteps.topicOf(schema, topic);
    String deadLetterTopic = onRuleViolation.topicFor(schema, resolvedTopic);
    RuleGate rules = new RuleGate(Rules.of(schema, source, Clock.systemUTC()),
        schema.getFullName(), deadLetterTopic != null);
    Map<String, Object> config = DurableProducerConfig.of(
        bootstrapServers, BuildSteps.withMaxBlock(kafkaSettings, maxBlock), customPartitionerAllowed);

    Serializer<? super T> values = valueSerializer != null ? valueSerializer
        : new RegistryOptions(schemaRegistryUrl, schemaRegistryTimeout, startupTimeout,
            schemaRegistryBasicAuth, schemaRegistryToken, schemaRegistryTls, schemaChoice,
            autoRegisterSchema, registerSchemaReferences, subjectNameStrategy)
            .serializer(schema, resolvedTopic, eventClass);
    values = BuildSteps.checkingRules(values, rules.rules());
    // Kafka checks every setting before anything is asked of the brokers.
    Producer<byte[], byte[]> producer = BuildSteps.kafkaProducer(config, values);
    List<Diagnostic> warnings = new ArrayList<>();
    if (brokersChecked) {
      try {
        for (String checked : deadLetterTopic == null ? List.of(resolvedTopic)
            : List.of(resolvedTopic, deadLetterTopic)) {
          warnings.addAll(new TopicCheck(
              config, checked, topicDurability, createPartitions, startupTimeout).run(producer));
        }
      } catch (RuntimeException e) {
        producer.close(Duration.ZERO);
        values.close();
        throw e;
      }
      warnings.forEach(w -> LOG.warn("{}", w));
    }
    DeadLetters deadLetters =
        deadLetterTopic == null ? null : new DeadLetters(deadLetterTopic, resolvedTopic, config);
    SendMetrics metrics = meterRegistry == null ? SendMetrics.NONE
        : MicrometerSendMetrics.bind(meterRegistry, producer, schema.getFullName(), resolvedTopic);
    SendPath path = SendPath.of(keyField, new DeliveryFailures(resolvedTopic, config))
        .withRules(rules, deadLetters).withEventTime(EventTime.of(schema)).withMetrics(metrics);
    return new TypedProducer<>(producer, values, resolvedTopic, eventClass.getName(), path,
        warnings);
  }

  /** For unit tests without brokers: build() then asks the brokers nothing. */
  TypedProducerBuilder<T> withoutBrokerCheck() {
    this.brokersChecked = false;
    return this;
  }

}
