package dev.typedproducer;

import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.internal.resolve.SchemaChoice;
import dev.typedproducer.internal.resolve.SchemaResolver;
import dev.typedproducer.internal.schema.SchemaProperties;
import dev.typedproducer.internal.schema.SubjectStrategies;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The builder's schema registry options, as {@code build()} uses them: how to reach the registry
 * and which schema to write with. Secrets never appear in {@link #toString()}.
 */
record RegistryOptions(String url, Duration timeout, Duration retryWindow, String basicAuth,
    Supplier<String> bearerToken, RegistryTls tls, SchemaChoice choice, boolean autoRegister,
    boolean references, SubjectNameStrategy strategy) {

  /** The built-in serializer: the schema id resolved once, here. */
  <T extends SpecificRecord> Serializer<T> serializer(Schema schema, String topic,
      Class<T> eventClass) {
    if (url == null) {
      throw new InvalidConfigException("schemaRegistryUrl", null, "No schema registry given."
          + " Call schemaRegistryUrl(\"http://localhost:8081\") on the builder, or pass your own"
          + " serializer with valueSerializer(...).");
    }
    if (autoRegister && choice.kind() != SchemaChoice.Kind.LOCAL) {
      throw new InvalidConfigException("autoRegisterSchema", true, "autoRegisterSchema(true) and "
          + choice.option() + " contradict each other: one writes the class's schema, the"
          + " other a schema the registry already holds. Keep one of them.");
    }
    if (references && choice.kind() != SchemaChoice.Kind.LOCAL) {
      throw new InvalidConfigException("registerSchemaReferences", true, "registerSchemaReferences"
          + "(true) and " + choice.option() + " contradict each other: one writes the class's"
          + " schema with references, the other a schema the registry already holds. Keep one"
          + " of them.");
    }
    SchemaRegistryClient registry;
    try {
      registry = SchemaRegistryClient.create(url, new SchemaRegistryClient.Settings(timeout,
          retryWindow, basicAuth, bearerToken, tls == null ? null : tls.context()));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("schemaRegistryUrl", SchemaRegistryClient.redact(url),
          "schemaRegistryUrl " + e.getMessage() + ". Give the registry's base URL, e.g."
          + " http://localhost:8081 (for Apicurio Registry, http://host:8080/apis/ccompat/v7).",
          e);
    }
    return SchemaResolver.serializer(registry, strategy(schema).subject(topic,
        schema.getFullName()), schema, choice, autoRegister, references,
        SpecificData.getForClass(eventClass));
  }

  /** The builder's strategy or the schema's, which must agree when both are given. */
  private SubjectNameStrategy strategy(Schema schema) {
    SubjectNameStrategy declared = SubjectStrategies.declared(schema);
    if (strategy != null && declared != null && strategy != declared) {
      throw new InvalidConfigException("subjectNameStrategy", strategy, "subjectNameStrategy("
          + strategy + ") contradicts the schema of " + schema.getFullName() + ", which declares"
          + " \"" + SchemaProperties.SUBJECT_STRATEGY + "\": \"" + declared + "\" (and register"
          + " and compat use that). Remove the builder's setting, or change the schema.");
    }
    return strategy != null ? strategy : declared != null ? declared
        : SubjectNameStrategy.TOPIC_NAME;
  }

  @Override
  public String toString() {
    return "RegistryOptions[url=" + SchemaRegistryClient.redact(url) + ", timeout=" + timeout
        + ", retryWindow=" + retryWindow + ", basicAuth=" + (basicAuth == null ? "none" : "***")
        + ", bearerToken=" + (bearerToken == null ? "none" : "***") + ", tls=" + tls
        + ", schema=" + choice.option() + ", autoRegister=" + autoRegister + ", references="
        + references + ", strategy="
        + strategy + "]";
  }
}
