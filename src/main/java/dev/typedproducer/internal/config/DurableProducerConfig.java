package dev.typedproducer.internal.config;

import static org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION;
import static org.apache.kafka.clients.producer.ProducerConfig.PARTITIONER_CLASS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.RETRIES_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG;

import dev.typedproducer.InvalidConfigException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;

/**
 * Turns the Kafka settings a caller gave into the producer configuration TypedProducer runs with:
 * always {@code acks=all} and idempotence, retries until {@code delivery.timeout.ms}, and Kafka's
 * key-hashing partitioner. A setting that would weaken that is refused, never quietly replaced.
 * Throughput settings ({@code linger.ms}, {@code batch.size}, {@code compression.type},
 * {@code buffer.memory}, {@code delivery.timeout.ms}) and every other setting (security,
 * {@code client.id}, ...) pass through to Kafka, which checks them.
 */
public final class DurableProducerConfig {
  /** Idempotence keeps order and prevents duplicates only up to this many in-flight requests. */
  static final int MAX_IN_FLIGHT_WITH_IDEMPOTENCE = 5;
  /**
   * How long {@code send} may block the caller unless {@code max.block.ms} says otherwise: longer
   * than a leader election and a metadata refresh take, shorter than the request timeouts of the
   * services that call {@code send} from a request thread (Kafka's own default is 60 s).
   */
  public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(10);

  /** The settings this class guards, for catching misspellings of them. */
  private static final List<String> GUARDED = List.of(ACKS_CONFIG, ENABLE_IDEMPOTENCE_CONFIG,
      RETRIES_CONFIG, MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, KEY_SERIALIZER_CLASS_CONFIG,
      VALUE_SERIALIZER_CLASS_CONFIG, TRANSACTIONAL_ID_CONFIG, PARTITIONER_CLASS_CONFIG,
      PARTITIONER_IGNORE_KEYS_CONFIG, BOOTSTRAP_SERVERS_CONFIG, MAX_BLOCK_MS_CONFIG);

  private DurableProducerConfig() {}

  /**
   * The producer configuration for {@code settings} (Kafka's own keys) and the builder's
   * {@code bootstrapServers}, which may be null when {@code settings} has it.
   *
   * @param customPartitionerAllowed whether a {@code partitioner.class} may be set (the caller
   *     then answers for keeping each key on one partition)
   * @throws InvalidConfigException naming the setting, its value and why it is refused
   */
  public static Map<String, Object> of(
      String bootstrapServers, Map<String, ?> settings, boolean customPartitionerAllowed) {
    Map<String, Object> config = new LinkedHashMap<>(settings);
    config.keySet().forEach(DurableProducerConfig::checkSpelling);
    checkAcks(config.get(ACKS_CONFIG));
    checkIdempotence(config.get(ENABLE_IDEMPOTENCE_CONFIG));
    checkRetries(config.get(RETRIES_CONFIG));
    checkInFlight(config.get(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
    checkPartitioner(config, customPartitionerAllowed);
    refuse(config, KEY_SERIALIZER_CLASS_CONFIG, "TypedProducer writes the key itself: the UTF-8"
        + " bytes of the key field's string form. Remove the " + KEY_SERIALIZER_CLASS_CONFIG
        + " setting.");
    refuse(config, VALUE_SERIALIZER_CLASS_CONFIG, "TypedProducer serializes values through the"
        + " schema registry. To use another serializer, pass an instance to"
        + " Builder.valueSerializer(...) and remove the " + VALUE_SERIALIZER_CLASS_CONFIG
        + " setting.");
    refuse(config, TRANSACTIONAL_ID_CONFIG, "TypedProducer does not run Kafka transactions; a"
        + " transactional producer would refuse every send outside one. Remove the "
        + TRANSACTIONAL_ID_CONFIG + " setting.");

    Object fromSettings = config.get(BOOTSTRAP_SERVERS_CONFIG);
    if (bootstrapServers != null && fromSettings != null
        && !bootstrapServers.equals(String.valueOf(fromSettings))) {
      throw new InvalidConfigException(BOOTSTRAP_SERVERS_CONFIG, fromSettings,
          BOOTSTRAP_SERVERS_CONFIG + " is given twice with different values: \"" + bootstrapServers
              + "\" by bootstrapServers(...) and \"" + fromSettings + "\" in the Kafka settings."
              + " Keep one of them.");
    }
    if (bootstrapServers != null) {
      config.put(BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    if (config.get(BOOTSTRAP_SERVERS_CONFIG) == null
        || String.valueOf(config.get(BOOTSTRAP_SERVERS_CONFIG)).isBlank()) {
      throw new InvalidConfigException(BOOTSTRAP_SERVERS_CONFIG, null,
          "No Kafka brokers given. Call bootstrapServers(\"host:9092\") on the builder.");
    }
    config.put(ACKS_CONFIG, "all");
    config.put(ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putIfAbsent(MAX_BLOCK_MS_CONFIG, DEFAULT_MAX_BLOCK.toMillis());
    return config;
  }

  /** {@link #of(String, Map, boolean)} with no custom partitioner allowed. */
  public static Map<String, Object> of(String bootstrapServers, Map<String, ?> settings) {
    return of(bootstrapServers, settings, false);
  }

  /**
   * Kafka's refusal of {@code config} when a Kafka client is created from it (a malformed or
   * unresolvable bootstrap list, a value of the wrong type), with Kafka's reason: the exception
   * Kafka throws often says only "Failed to construct kafka producer" and keeps the reason in its
   * cause.
   */
  public static InvalidConfigException refusedByKafka(Map<String, ?> config, KafkaException e) {
    Throwable reason = e;
    while (!(reason instanceof ConfigException) && reason.getCause() != null) {
      reason = reason.getCause();
    }
    String said = String.valueOf(reason.getMessage()).replaceAll("\\.+$", "");
    if (said.contains(BOOTSTRAP_SERVERS_CONFIG)) {
      Object servers = config.get(BOOTSTRAP_SERVERS_CONFIG);
      return new InvalidConfigException(BOOTSTRAP_SERVERS_CONFIG, servers, "Kafka refused "
          + BOOTSTRAP_SERVERS_CONFIG + "=\"" + servers + "\": " + said + ". Give the brokers as"
          + " host:port pairs separated by commas, e.g. broker-1:9092,broker-2:9092, with host"
          + " names this machine can resolve.", e);
    }
    return new InvalidConfigException(null, null, "Kafka refused the producer settings: " + said
        + ". Fix the setting named there.", e);
  }

  /**
   * Kafka's setting names are exact: {@code "ACKS"} or {@code "acks "} is an unknown setting that
   * Kafka ignores with a log line, so a caller who meant it would run with something else than
   * they believe. Refuse near misses of the settings guarded here.
   */
  private static void checkSpelling(String key) {
    String folded = key.trim().toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
    for (String guarded : GUARDED) {
      if (!key.equals(guarded) && folded.equals(guarded)) {
        throw new InvalidConfigException(key, null, "\"" + key + "\" is not a Kafka setting:"
            + " Kafka's setting names are exact and lower case, so Kafka would ignore it. Did you"
            + " mean " + guarded + "? Use ProducerConfig's constants for setting names.");
      }
    }
  }

  private static void checkPartitioner(Map<String, Object> config, boolean customAllowed) {
    Object ignoreKeys = config.get(PARTITIONER_IGNORE_KEYS_CONFIG);
    if (ignoreKeys != null && !Boolean.FALSE.equals(parseBoolean(ignoreKeys))) {
      throw new InvalidConfigException(PARTITIONER_IGNORE_KEYS_CONFIG, ignoreKeys,
          PARTITIONER_IGNORE_KEYS_CONFIG + "=" + ignoreKeys + " is not allowed: it spreads the"
              + " records of one key over all partitions, so consumers no longer see a key's"
              + " events in order. Remove the " + PARTITIONER_IGNORE_KEYS_CONFIG + " setting.");
    }
    Object partitioner = config.get(PARTITIONER_CLASS_CONFIG);
    if (partitioner == null) {
      return;
    }
    String name = partitioner instanceof Class<?> c ? c.getName() : String.valueOf(partitioner).trim();
    if (name.equals(RoundRobinPartitioner.class.getName())) {
      throw new InvalidConfigException(PARTITIONER_CLASS_CONFIG, name, PARTITIONER_CLASS_CONFIG
          + "=" + name + " is not allowed: it ignores the key, so one key's events land on every"
          + " partition and lose their order. Remove the " + PARTITIONER_CLASS_CONFIG
          + " setting; Kafka's default partitioner hashes the key.");
    }
    if (!customAllowed) {
      throw new InvalidConfigException(PARTITIONER_CLASS_CONFIG, name, PARTITIONER_CLASS_CONFIG
          + "=" + name + " is not allowed by default: TypedProducer promises that each key lands"
          + " on the partition Kafka's default partitioner gives it (as for every other client),"
          + " which keeps a key's events in order. Remove the setting, or, if your partitioner"
          + " maps each key to one fixed partition, call allowCustomPartitioner(true) on the"
          + " builder.");
    }
  }

  private static void checkAcks(Object value) {
    if (value == null) {
      return;
    }
    String acks = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
    if (!acks.equals("all") && !acks.equals("-1")) {
      throw new InvalidConfigException(ACKS_CONFIG, value, ACKS_CONFIG + "=" + value
          + " is not allowed: TypedProducer always uses acks=all, so that the broker acknowledges"
          + " a record only once every in-sync replica has it; with acks=" + value + " a leader"
          + " failure can lose records that were already acknowledged. Remove the acks setting.");
    }
  }

  private static void checkIdempotence(Object value) {
    if (value == null) {
      return;
    }
    Boolean enabled = parseBoolean(value);
    if (enabled == null || !enabled) {
      throw new InvalidConfigException(ENABLE_IDEMPOTENCE_CONFIG, value, ENABLE_IDEMPOTENCE_CONFIG
          + "=" + value + " is not allowed: TypedProducer always runs idempotent, so that a retried"
          + " send is written once and in order. Remove the " + ENABLE_IDEMPOTENCE_CONFIG
          + " setting.");
    }
  }

  private static void checkRetries(Object value) {
    if (value == null) {
      return;
    }
    Long retries = parseLong(value);
    if (retries == null || retries < Integer.MAX_VALUE) {
      throw new InvalidConfigException(RETRIES_CONFIG, value, RETRIES_CONFIG + "=" + value
          + " is not allowed: TypedProducer retries a send until delivery.timeout.ms (default 2"
          + " minutes) has passed, so that a passing broker error (a leader election, a broker"
          + " restart) delays events instead of failing them; a retry count runs out in about a"
          + " second of backoff. Remove the retries setting and bound the time a send may take"
          + " with delivery.timeout.ms instead.");
    }
  }

  private static void checkInFlight(Object value) {
    if (value == null) {
      return;
    }
    Long inFlight = parseLong(value);
    if (inFlight == null || inFlight < 1 || inFlight > MAX_IN_FLIGHT_WITH_IDEMPOTENCE) {
      throw new InvalidConfigException(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, value,
          MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION + "=" + value + " is not allowed: an idempotent"
              + " producer keeps records in order only with 1 to " + MAX_IN_FLIGHT_WITH_IDEMPOTENCE
              + " requests in flight per connection. Use a value from 1 to "
              + MAX_IN_FLIGHT_WITH_IDEMPOTENCE + ", or remove the setting (default 5).");
    }
  }

  private static void refuse(Map<String, Object> config, String key, String why) {
    if (config.containsKey(key)) {
      throw new InvalidConfigException(key, config.get(key),
          key + "=" + config.get(key) + " is not allowed: " + why);
    }
  }

  private static Boolean parseBoolean(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(value).trim();
    if (s.equalsIgnoreCase("true")) {
      return true;
    }
    return s.equalsIgnoreCase("false") ? false : null;
  }

  private static Long parseLong(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
