package dev.typedproducer.testing;

/**
 * Where {@link RealServices} gets the broker and the registry when they do not run in-process:
 * the Testcontainers profile's {@code ContainerServices} (in {@code src/testcontainers/java},
 * compiled only under that profile, so that the default build does not need Testcontainers).
 */
interface ServiceSource {
  /** Why the services cannot start here (no Docker engine), or null when they can. */
  String unavailableReason();

  LocalKafka kafka();

  LocalSchemaRegistry registry();
}
