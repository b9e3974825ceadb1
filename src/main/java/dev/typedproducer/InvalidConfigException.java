package dev.typedproducer;

/**
 * A {@link TypedProducerBuilder} setting is missing, malformed, or asks for a weaker guarantee than
 * typed-producer gives (for example {@code acks=1}). Thrown by {@link TypedProducerBuilder#build()}.
 * Fatal: change the configuration.
 *
 * <pre>{@code
 * TypedProducer.builder(UserClick.class).kafkaSetting("acks", "1").build();
 * // InvalidConfigException: acks=1 is not allowed: TypedProducer always uses acks=all, ...
 * //   e.setting() == "acks", e.value() == "1"
 * }</pre>
 */
public final class InvalidConfigException extends TypedProducerException {
  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String value;

  public InvalidConfigException(String setting, Object value, String message) {
    this(setting, value, message, null);
  }

  public InvalidConfigException(String setting, Object value, String message, Throwable cause) {
    super(message, cause);
    this.setting = setting;
    this.value = value == null ? null : String.valueOf(value);
  }

  /** The setting at fault, e.g. {@code acks} or {@code schemaRegistryUrl}. */
  public String setting() {
    return setting;
  }

  /** The offending value as given, or {@code null} when the setting was missing. */
  public String value() {
    return value;
  }
}
