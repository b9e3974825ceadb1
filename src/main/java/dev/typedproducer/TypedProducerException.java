package dev.typedproducer;

/**
 * The base of every exception that typed-producer throws itself. It is unchecked, and its message
 * always says what was wrong, the offending value and what to do.
 *
 * <p>Catch a subclass to act on one kind of failure:
 * <ul>
 *   <li>{@link InvalidSchemaException}: an event class or schema file breaks the SDK's rules. Fatal:
 *       fix the schema.
 *   <li>{@link InvalidConfigException}: a builder setting is missing, malformed or would weaken
 *       durability. Fatal: fix the configuration.
 *   <li>{@link SchemaRegistryException}: the schema registry could not be reached or refused a
 *       request. {@link SchemaRegistryException#isRetriable()} tells whether trying again can help.
 *   <li>{@link InvalidEventException}: an event cannot be sent as it is (for example its key field is
 *       null). Fatal for that event: nothing was sent.
 * </ul>
 *
 * <pre>{@code
 * try {
 *   producer = TypedProducer.builder(UserClick.class).bootstrapServers(brokers)
 *       .schemaRegistryUrl(registry).build();
 * } catch (SchemaRegistryException e) {
 *   if (!e.isRetriable()) throw e; // a schema that was never registered: fix the deploy
 *   // the registry is down: retry start-up later
 * }
 * }</pre>
 *
 * <p>Failures of the Kafka producer itself (for example a delivery timeout) are Kafka's own
 * exceptions, delivered through the future that {@link TypedProducer#send} returns.
 */
public class TypedProducerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TypedProducerException(String message) {
    super(message);
  }

  public TypedProducerException(String message, Throwable cause) {
    super(message, cause);
  }
}
