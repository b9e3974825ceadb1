package dev.typedproducer.internal.resolve;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.InvalidSchemaException;
import dev.typedproducer.SchemaRegistryException;
import dev.typedproducer.internal.registry.ReferencedSchemas;
import dev.typedproducer.internal.registry.RegisteredSchema;
import dev.typedproducer.internal.registry.SchemaReference;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.internal.schema.RegistrySchemas;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParseException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Decides, once, the schema id a producer frames its events with and the schema it writes them
 * with, asking the registry as {@link SchemaChoice} says.
 */
public final class SchemaResolver {
  private SchemaResolver() {}

  /**
   * The value serializer for events of {@code schema} under {@code subject}.
   *
   * @param references whether the schema goes with Confluent schema references (its record types
   *     under subjects of their own) rather than self-contained
   * @throws SchemaRegistryException if the registry cannot be reached, refuses, or does not have
   *     the schema (for {@link SchemaChoice#LOCAL} without {@code autoRegister})
   * @throws InvalidSchemaException if the chosen registered schema is not the same record, or
   *     cannot read what the class writes
   */
  public static <T extends SpecificRecord> Serializer<T> serializer(SchemaRegistryClient registry,
      String subject, Schema schema, SchemaChoice choice, boolean autoRegister,
      boolean references, SpecificData data) {
    if (choice.kind() == SchemaChoice.Kind.LOCAL) {
      List<SchemaReference> refs = references
          ? ReferencedSchemas.references(registry, schema, autoRegister, line -> { })
          : List.of();
      String text = references ? ReferencedSchemas.text(schema) : RegistrySchemas.text(schema);
      int id = autoRegister ? registry.register(subject, text, refs)
          : (references ? registry.lookup(subject, text, refs).map(RegisteredSchema::id)
              : registry.lookup(subject, text))
              .orElseThrow(() -> notRegistered(registry, subject, schema));
      return new AvroWireSerializer<>(id, schema, data);
    }
    int id;
    String text;
    String source;
    if (choice.kind() == SchemaChoice.Kind.ID) {
      id = choice.number();
      text = registry.schemaById(id);
      source = "schema id " + id + " at " + registry.url();
    } else {
      RegisteredSchema found = choice.kind() == SchemaChoice.Kind.LATEST
          ? registry.latestVersion(subject) : registry.version(subject, choice.number());
      id = found.id();
      text = found.schema();
      source = "subject " + subject + " version " + found.version() + " (schema id " + id
          + ") at " + registry.url();
    }
    Schema registered = checked(parse(text, source, choice, schema), source, choice, schema);
    AvroWireSerializer<T> local = new AvroWireSerializer<>(id, schema, data);
    // The same canonical form writes the same bytes: no need to rewrite each event.
    return SchemaNormalization.toParsingForm(registered)
        .equals(SchemaNormalization.toParsingForm(schema))
        ? local : new ProjectingSerializer<>(local, schema, registered);
  }

  private static Schema parse(String text, String source, SchemaChoice choice, Schema local) {
    try {
      return new Schema.Parser().setValidateDefaults(false).parse(text);
    } catch (SchemaParseException e) {
      throw refused("RegisteredSchemaUnreadable", source, local, choice, "the registered schema"
          + " is not an Avro schema this producer can parse (" + e.getMessage() + ")",
          "choose a version that holds an Avro schema without references, or drop "
              + choice.option());
    }
  }

  private static Schema checked(Schema registered, String source, SchemaChoice choice,
      Schema local) {
    if (registered.getType() != Schema.Type.RECORD
        || !registered.getFullName().equals(local.getFullName())) {
      throw refused("RegisteredSchemaOtherRecord", source, local, choice, "the registered"
          + " schema is " + (registered.getType() == Schema.Type.RECORD ? "record "
              + registered.getFullName() : "a " + registered.getType().getName())
          + ", not record " + local.getFullName() + ": writing " + local.getFullName()
          + " events with it would give consumers another type", "check the subject name"
              + " strategy and the version or id, or drop " + choice.option());
    }
    SchemaCompatibility.SchemaPairCompatibility pair =
        SchemaCompatibility.checkReaderWriterCompatibility(registered, local);
    if (pair.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      List<String> problems = pair.getResult().getIncompatibilities().stream()
          .map(i -> i.getType() + " " + i.getMessage() + " at " + i.getLocation())
          .collect(Collectors.toList());
      throw refused("RegisteredSchemaCannotRead", source, local, choice, "the registered"
          + " schema cannot read what " + local.getFullName() + " writes: "
          + String.join("; ", problems), "register a version that can read the class's events"
              + " (run compat against the registry), or update the class to the registered"
              + " schema, or drop " + choice.option());
    }
    return registered;
  }

  private static InvalidSchemaException refused(String id, String source, Schema local,
      SchemaChoice choice, String problem, String fix) {
    return new InvalidSchemaException(List.of(new Diagnostic(id, source, local.getFullName(),
        null, choice.option() + ": " + problem, fix)));
  }

  private static SchemaRegistryException notRegistered(
      SchemaRegistryClient registry, String subject, Schema schema) {
    return new SchemaRegistryException("The schema of " + schema.getFullName()
        + " is not registered under subject " + subject + " at " + registry.url() + ". Register"
        + " it with the deploy step (in typed-producer: ./mvnw -q process-classes exec:exec@cli"
        + " -Dcli.args=\"register --registry-url " + registry.url() + "\"), or let build()"
        + " register it with autoRegisterSchema(true) (for development).",
        registry.url(), subject, 404, 40403, false, null);
  }
}
