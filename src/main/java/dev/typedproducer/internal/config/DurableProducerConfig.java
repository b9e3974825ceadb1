package dev.typedproducer.internal.config;

import static org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION;
import static org.apache.kafka.clients.producer.ProducerConfig.RETRIES_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG;

import dev.typedproducer.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the Kafka settings a caller gave into the producer configuration TypedProducer runs with:
 * always {@code acks=all} and idempotence. A setting that would weaken that is refused, never
 * quietly replaced. Throughput settings ({@code linger.ms}, {@code batch.size},
 * {@code compression.type}, {@code buffer.memory}, {@code delivery.timeout.ms}) and every other
 * setting (security, {@code client.id}, ...) pass through to Kafka, which checks them.
 */
public final class DurableProducerConfig {
  /** Idempotence keeps order and prevents duplicates only up to this many in-flight requests. */
  static final int MAX_IN_FLIGHT_WITH_IDEMPOTENCE = 5;

  private DurableProducerConfig() {}

  /**
   * The producer configuration for {@code settings} (Kafka's own keys) and the builder's
   * {@code bootstrapServers}, which may be null when {@code settings} has it.
   *
   * @throws InvalidConfigException naming the setting, its value and why it is refused
   */
  public static Map<String, Object> of(String bootstrapServers, Map<String, ?> settings) {
    Map<String, Object> config = new LinkedHashMap<>(settings);
    checkAcks(config.get(ACKS_CONFIG));
    checkIdempotence(config.get(ENABLE_IDEMPOTENCE_CONFIG));
    checkRetries(config.get(RETRIES_CONFIG));
    checkInFlight(config.get(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
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
    return config;
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
    if (retries == null || retries < 1) {
      throw new InvalidConfigException(RETRIES_CONFIG, value, RETRIES_CONFIG + "=" + value
          + " is not allowed: without retries a passing broker error (a leader election, a full"
          + " request queue) fails the send instead of delivering it. Remove the retries setting"
          + " and bound the time a send may take with delivery.timeout.ms instead.");
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
