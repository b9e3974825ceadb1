package dev.typedproducer.cli;

import dev.typedproducer.SchemaRegistryException;
import dev.typedproducer.SubjectNameStrategy;
import dev.typedproducer.compat.CheckCannotRunException;
import dev.typedproducer.compat.CompatibilityLevel;
import dev.typedproducer.compat.RegistryBaseline;
import dev.typedproducer.compat.RegistryVerdict;
import dev.typedproducer.compat.SchemaValidator;
import dev.typedproducer.internal.registry.ReferencedSchemas;
import dev.typedproducer.internal.registry.RegisteredSchema;
import dev.typedproducer.internal.registry.SchemaReference;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.internal.schema.RegistrySchemas;
import dev.typedproducer.internal.schema.SchemaFile;
import dev.typedproducer.internal.schema.SchemaFiles;
import dev.typedproducer.internal.schema.SchemaProperties;
import dev.typedproducer.internal.schema.SubjectStrategies;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code register}: the deploy step. Registers every schema in a folder under its subject, after
 * setting the subject's level from the schema's {@code "kafka.compatibility"}. Idempotent: a
 * schema the subject already has is left as it is. Shared types are registered inside the events
 * that use them, or, with {@code --references}, under subjects of their own that the events
 * reference.
 */
final class RegisterCommand {
  private RegisterCommand() {}

  static int run(List<String> rest, PrintStream out) throws IOException, CheckCannotRunException {
    Args args = Args.parse(rest,
        union(Set.of("schemas", "subject-strategy"), RegistryArgs.OPTIONS),
        Set.of("dry-run", "references"));
    Path schemas = Path.of(args.get("schemas", "schemas"));
    boolean dryRun = args.flag("dry-run");
    boolean references = args.flag("references");
    SubjectNameStrategy strategy = CompatCommand.strategy(args.get("subject-strategy", "topic-name"));
    SchemaRegistryClient registry = RegistryArgs.client(args, args.required("registry-url"));

    SchemaCheck.Validation validation = SchemaCheck.validate(schemas);
    if (!validation.problems().isEmpty()) {
      validation.problems().forEach(out::println);
      out.println("Nothing registered: fix the schemas first.");
      return Main.EXIT_FAILED;
    }
    out.println((dryRun ? "Dry run: nothing is changed at " : "Registering at ") + registry.url());
    int refused = 0;
    try {
      for (SchemaFile file : SchemaFiles.read(schemas, Paths::display).events()) {
        if (!register(file, strategy, registry, dryRun, references, out)) {
          refused++;
        }
      }
    } catch (SchemaRegistryException e) {
      // Unreachable, failing, or not a registry at all: nothing was judged, so exit 2.
      throw new CheckCannotRunException(e.getMessage(), e);
    }
    out.println(refused == 0 ? "Done." : refused + " schema(s) refused by the registry.");
    return refused == 0 ? Main.EXIT_OK : Main.EXIT_FAILED;
  }

  private static boolean register(SchemaFile file, SubjectNameStrategy given,
      SchemaRegistryClient registry, boolean dryRun, boolean references, PrintStream out)
      throws CheckCannotRunException {
    SubjectNameStrategy strategy = SubjectStrategies.of(file.schema(), given);
    Object topic = file.schema().getObjectProp(SchemaProperties.TOPIC);
    if (topic == null && strategy != SubjectNameStrategy.RECORD_NAME) {
      out.println("refused    " + file.source() + ": no \"kafka.topic\", so no subject under "
          + strategy + "; add the topic or pass --subject-strategy record-name");
      return false;
    }
    String subject = strategy.subject(String.valueOf(topic), file.schema().getFullName());
    String text = RegistrySchemas.text(file.schema());
    String where = file.source() + "  subject " + subject;

    // The subject's level is set first, so that the registry checks this version at the level
    // the schema declares. Apicurio sets levels only on existing subjects: for a new subject the
    // level follows the first version, which no level constrains anyway.
    CompatibilityLevel declared = SchemaValidator.declaredLevel(file.schema());
    boolean isNew = registry.versions(subject).isEmpty();
    if (!isNew) {
      setLevel(declared, subject, where, registry, dryRun, out);
    }
    if (references && !dryRun && !ReferencedSchemas.referencedTypes(file.schema()).isEmpty()) {
      boolean registered = registerWithReferences(file, subject, where, registry, out);
      if (registered && isNew) {
        setLevel(declared, subject, where, registry, false, out);
      }
      return registered;
    }
    Optional<Integer> existing = registry.lookup(subject, text);
    if (existing.isPresent()) {
      out.println("unchanged  " + where + "  id " + existing.get() + " (already registered)");
      return true;
    }
    if (dryRun) {
      if (isNew) {
        setLevel(declared, subject, where, registry, true, out);
        out.println("would add  " + where + "  (new subject)");
        return true;
      }
      // What the registry would answer now, at the level it holds for the subject.
      RegistryBaseline baseline = new RegistryBaseline(registry);
      CompatibilityLevel level = baseline.level(subject);
      RegistryVerdict verdict = baseline.verdict(subject, text, level, true);
      out.println("would add  " + where + "  (the registry says " + (verdict.compatible()
          ? "compatible" : "incompatible: " + String.join("; ", verdict.messages()))
          + " at " + level + ")");
      return verdict.compatible();
    }
    try {
      int id = registry.register(subject, text);
      out.println("registered " + where + "  id " + id);
      if (isNew) {
        setLevel(declared, subject, where, registry, false, out);
      }
      return true;
    } catch (SchemaRegistryException e) {
      return refused(e, where, out);
    }
  }

  /**
   * Registers {@code file} as Confluent schema references: each shared type under its own subject
   * first, then the event naming them.
   */
  private static boolean registerWithReferences(SchemaFile file, String subject, String where,
      SchemaRegistryClient registry, PrintStream out) {
    try {
      List<SchemaReference> refs = ReferencedSchemas.references(registry, file.schema(), true,
          line -> out.println("           " + line));
      String text = ReferencedSchemas.text(file.schema());
      String using = "  references " + refs.stream()
          .map(r -> r.subject() + " version " + r.version()).collect(Collectors.joining(", "));
      Optional<RegisteredSchema> existing = registry.lookup(subject, text, refs);
      if (existing.isPresent()) {
        out.println("unchanged  " + where + "  id " + existing.get().id() + using);
        return true;
      }
      out.println("registered " + where + "  id " + registry.register(subject, text, refs) + using);
      return true;
    } catch (SchemaRegistryException e) {
      return refused(e, where, out);
    }
  }

  /** A refusal (409, 422) is reported and the file counts as failed; anything else is thrown. */
  private static boolean refused(SchemaRegistryException e, String where, PrintStream out) {
    if (!isRefusal(e)) {
      throw e;
    }
    out.println("refused    " + where + ": " + e.getMessage());
    return false;
  }

  /**
   * Whether the registry judged this schema: incompatible (409) or invalid (422). Anything else
   * (unreachable, bad credentials, an answer that is not a registry's) means nothing was judged.
   */
  private static boolean isRefusal(SchemaRegistryException e) {
    return e.httpStatus() == 409 || e.httpStatus() == 422;
  }

  private static void setLevel(CompatibilityLevel declared, String subject, String where,
      SchemaRegistryClient registry, boolean dryRun, PrintStream out) {
    if (declared == null) {
      return;
    }
    Optional<String> current = registry.subjectCompatibility(subject);
    if (current.isPresent() && current.get().equalsIgnoreCase(declared.name())) {
      return;
    }
    if (!dryRun) {
      registry.setSubjectCompatibility(subject, declared.name());
    }
    out.println((dryRun ? "would set  " : "level      ") + where + "  compatibility "
        + current.orElse("(none)") + " -> " + declared + " (from \"kafka.compatibility\")");
  }

  static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
