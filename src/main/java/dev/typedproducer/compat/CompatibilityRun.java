package dev.typedproducer.compat;

import dev.typedproducer.SchemaRegistryException;
import dev.typedproducer.SubjectNameStrategy;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.internal.schema.RegistrySchemas;
import dev.typedproducer.internal.schema.SchemaFile;
import dev.typedproducer.internal.schema.SchemaFiles;
import dev.typedproducer.internal.schema.SchemaProperties;
import dev.typedproducer.internal.schema.SubjectStrategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * Runs the compatibility check over every schema in a folder, against a git baseline or a
 * registry. Events are checked against their earlier versions; a shared type
 * ({@code shared/*.avsc}) is checked inside every event that uses it, and its own result names
 * those events.
 */
public final class CompatibilityRun {
  public static final String SCHEMA_DELETED = "SchemaDeleted";
  public static final String SUBJECT_UNKNOWN = "SubjectUnknown";
  public static final String BASELINE_VERSION_UNREADABLE = "BaselineVersionUnreadable";
  public static final String REGISTRY_CANNOT_JUDGE = "RegistryCannotJudge";

  /**
   * What to check and against what.
   *
   * @param schemas the folder of {@code .avsc} files
   * @param display how reports name a file
   * @param against the git ref to compare with (git mode), or null
   * @param registry the registry to compare with (registry mode), or null
   * @param strategy how subjects are named
   * @param defaultLevel the level of a schema that declares none (and, in registry mode, whose
   *     registry has none)
   * @param allowDeleted files that may be gone, as reports name them
   */
  public record Options(Path schemas, Function<Path, String> display, String against,
      SchemaRegistryClient registry, SubjectNameStrategy strategy, CompatibilityLevel defaultLevel,
      Set<String> allowDeleted) {}

  private CompatibilityRun() {}

  public static CompatReport run(Options options) throws CheckCannotRunException, IOException {
    SchemaFiles.Result files = SchemaFiles.read(options.schemas(), options.display());
    List<SchemaResult> results = new ArrayList<>();
    for (var problem : files.problems()) {
      results.add(new SchemaResult(problem.source(), "", "", options.defaultLevel(), "default", 0,
          List.of(CompatibilityChecker.fromDiagnostic(problem)), null));
    }
    Map<SchemaFile, List<SchemaVersion>> histories = new HashMap<>();
    if (options.registry() != null) {
      RegistryBaseline baseline = new RegistryBaseline(options.registry());
      for (SchemaFile file : files.events()) {
        results.add(againstRegistry(file, baseline, options, histories));
      }
      shared(files, results, histories, options);
      return new CompatReport("registry", baseline.label(), results);
    }
    GitBaseline baseline = GitBaseline.open(options.schemas(), options.against());
    Set<String> names = new HashSet<>();
    files.shared().forEach(file -> names.add(file.schema().getFullName()));
    for (SchemaFile file : files.events()) {
      List<Schema> known = files.schemas().stream().filter(other -> other != file)
          .map(SchemaFile::schema).toList();
      names.add(file.schema().getFullName());
      CompatibilityLevel declared = declared(file.schema());
      String subject = subject(file.schema(), options);
      GitBaseline.History history = baseline.history(file.path(), known);
      histories.put(file, history.versions());
      SchemaResult result = CompatibilityChecker.check(file.source(),
          subject == null ? "" : subject, file.schema(),
          declared != null ? declared : options.defaultLevel(),
          declared != null ? "schema" : "default", history.versions(), null);
      for (String version : history.unreadable()) {
        result = result.withFinding(new Finding(BASELINE_VERSION_UNREADABLE, Severity.WARNING,
            false, "", "the earlier version " + version + " is not a valid schema, so this"
                + " change was not compared with it",
            "nothing to do if that version never reached production", version));
      }
      results.add(result);
    }
    shared(files, results, histories, options);
    for (GitBaseline.BaselineFile old : baseline.files(options.schemas())) {
      boolean moved = old.schema() != null && names.contains(old.schema().getFullName());
      if (!Files.exists(old.path()) && !moved) {
        results.add(deleted(old, options));
      }
    }
    return new CompatReport("git", baseline.label(), results);
  }

  /** Adds a result per shared type, naming the events that use it (checked above). */
  private static void shared(SchemaFiles.Result files, List<SchemaResult> results,
      Map<SchemaFile, List<SchemaVersion>> histories, Options options) {
    List<SchemaResult> events = List.copyOf(results);
    for (SchemaFile file : files.shared()) {
      results.add(SharedTypeResults.of(file, files.events(), events, histories,
          options.defaultLevel()));
    }
  }

  private static SchemaResult againstRegistry(SchemaFile file, RegistryBaseline baseline,
      Options options, Map<SchemaFile, List<SchemaVersion>> histories)
      throws CheckCannotRunException {
    Schema schema = file.schema();
    String subject = subject(schema, options);
    CompatibilityLevel declared = declared(schema);
    if (subject == null) {
      return CompatibilityChecker.check(file.source(), "", schema, options.defaultLevel(),
          "default", List.of(), null).withFinding(new Finding(SUBJECT_UNKNOWN, Severity.ERROR,
              false, "", "the schema names no \"kafka.topic\", so its subject under "
              + options.strategy() + " is unknown",
              "add \"kafka.topic\" to the schema, or check with --subject-strategy record-name",
              ""));
    }
    List<SchemaVersion> history = baseline.history(subject);
    histories.put(file, history);
    CompatibilityLevel registryLevel = baseline.level(subject);
    CompatibilityLevel level = declared != null ? declared : registryLevel;
    RegistryVerdict verdict = null;
    Finding unjudged = null;
    try {
      verdict = history.isEmpty() ? null : baseline.verdict(subject, RegistrySchemas.text(schema),
          registryLevel, registryLevel == level);
    } catch (CheckCannotRunException e) {
      if (!(e.getCause() instanceof SchemaRegistryException refused)
          || refused.httpStatus() != 422) {
        throw e;
      }
      unjudged = new Finding(REGISTRY_CANNOT_JUDGE, Severity.WARNING, false, "", "the registry"
          + " could not judge the schema (" + refused.getMessage() + "); Apicurio 2.4 answers"
          + " so for a subject whose versions use schema references, which its compatibility"
          + " rule does not resolve", "nothing to do here: this check read the versions with"
          + " their references and its own verdict counts; the registry will not guard the"
          + " subject itself", "the registry's versions");
    }
    SchemaResult result = CompatibilityChecker.check(file.source(), subject, schema, level,
        declared != null ? "schema" : "registry", history, verdict);
    return unjudged == null ? result : result.withFinding(unjudged);
  }

  private static SchemaResult deleted(GitBaseline.BaselineFile old, Options options) {
    String file = options.display().apply(old.path());
    String record = old.schema() == null ? "" : old.schema().getFullName();
    Finding finding = new Finding(SCHEMA_DELETED, Severity.ERROR, false, "",
        file + " (record " + record + ") is in the baseline but was deleted: its generated class"
            + " leaves the SDK, breaking the services that use it, and its consumers get no"
            + " more events",
        "keep the schema until no service produces or reads it; then delete it and pass"
            + " --allow-deleted " + file, "the baseline");
    if (options.allowDeleted().contains(file)) {
      finding = finding.accept();
    }
    String subject = old.schema() == null ? null : subject(old.schema(), options);
    return new SchemaResult(file, subject == null ? "" : subject, record, options.defaultLevel(), "default", 1, List.of(finding), null);
  }

  private static CompatibilityLevel declared(Schema schema) {
    try {
      return SchemaValidator.declaredLevel(schema);
    } catch (IllegalArgumentException e) {
      return null; // reported by the validation
    }
  }

  /** The subject of {@code schema}'s values, or null when the strategy needs a topic it lacks. */
  static String subject(Schema schema, Options options) {
    Object topic = schema.getObjectProp(SchemaProperties.TOPIC);
    SubjectNameStrategy strategy = SubjectStrategies.of(schema, options.strategy());
    if (topic == null && strategy != SubjectNameStrategy.RECORD_NAME) {
      return null;
    }
    return strategy.subject(String.valueOf(topic), schema.getFullName());
  }
}
