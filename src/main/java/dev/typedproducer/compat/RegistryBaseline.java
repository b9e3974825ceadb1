package dev.typedproducer.compat;

import dev.typedproducer.SchemaRegistryException;
import dev.typedproducer.internal.registry.CompatibilityVerdict;
import dev.typedproducer.internal.registry.RegisteredSchema;
import dev.typedproducer.internal.registry.SchemaReference;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Earlier versions of a subject, and the registry's own verdict on a new schema, from a schema
 * registry (Confluent's REST API, also served by Apicurio, Karapace and Redpanda). A version that
 * uses schema references is read with the types they point at.
 */
public final class RegistryBaseline {
  private final SchemaRegistryClient client;

  public RegistryBaseline(SchemaRegistryClient client) {
    this.client = client;
  }

  /** How reports name the baseline. */
  public String label() {
    return "registry " + client.url();
  }

  /** Every registered version of {@code subject}, oldest first; empty for a new subject. */
  public List<SchemaVersion> history(String subject) throws CheckCannotRunException {
    try {
      List<SchemaVersion> versions = new ArrayList<>();
      for (int version : client.versions(subject)) {
        RegisteredSchema registered = client.version(subject, version);
        Schema schema = parse(registered);
        versions.add(new SchemaVersion(schema, "registry version " + registered.version()
            + " (id " + registered.id() + ")"));
      }
      return versions;
    } catch (SchemaRegistryException e) {
      throw new CheckCannotRunException(e.getMessage(), e);
    }
  }

  /** The schema of {@code registered}, with the named types its references point at. */
  private Schema parse(RegisteredSchema registered) throws CheckCannotRunException {
    try {
      Schema.Parser parser = new Schema.Parser().setValidateDefaults(false);
      addReferences(parser, registered.references(), new HashSet<>());
      return parser.parse(registered.schema());
    } catch (AvroRuntimeException e) {
      throw new CheckCannotRunException("Version " + registered.version() + " of subject "
          + registered.subject() + " in the registry at " + client.url() + " is not an Avro"
          + " schema: " + e.getMessage() + ". Check that the subject holds Avro schemas (not"
          + " JSON Schema or Protobuf) and that --subject-strategy names the right subject.", e);
    }
  }

  /** Parses every schema {@code references} point at (and theirs) into {@code parser}, once each. */
  private void addReferences(Schema.Parser parser, List<SchemaReference> references,
      Set<SchemaReference> seen) {
    for (SchemaReference reference : references) {
      if (seen.add(reference)) {
        RegisteredSchema referenced = client.version(reference.subject(), reference.version());
        addReferences(parser, referenced.references(), seen);
        parser.parse(referenced.schema());
      }
    }
  }

  /**
   * The level the registry checks {@code subject} at: its own setting, or the registry's global
   * level when it has none.
   */
  public CompatibilityLevel level(String subject) throws CheckCannotRunException {
    try {
      String level = client.subjectCompatibility(subject).orElseGet(client::globalCompatibility);
      return CompatibilityLevel.parse(level);
    } catch (SchemaRegistryException e) {
      throw new CheckCannotRunException(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CheckCannotRunException("The registry reports an unknown compatibility level for "
          + subject + ": " + e.getMessage(), e);
    }
  }

  /**
   * The registry's verdict on registering {@code schemaText} under {@code subject}, which it
   * checks at {@code registryLevel}; {@code counts} says whether that is the level this check
   * uses.
   */
  public RegistryVerdict verdict(String subject, String schemaText,
      CompatibilityLevel registryLevel, boolean counts) throws CheckCannotRunException {
    try {
      // Ask against the latest version for non-transitive levels and against all versions for
      // transitive ones: right on Confluent (which applies the level either way) and on Apicurio
      // (whose all-versions endpoint ignores the level's transitivity).
      CompatibilityVerdict verdict = registryLevel == CompatibilityLevel.NONE
          ? new CompatibilityVerdict(true, List.of())
          : client.testCompatibility(subject, registryLevel.transitive() ? null : "latest",
              schemaText);
      return new RegistryVerdict(verdict.compatible(), verdict.messages(), registryLevel, counts);
    } catch (SchemaRegistryException e) {
      throw new CheckCannotRunException(e.getMessage(), e);
    }
  }
}
