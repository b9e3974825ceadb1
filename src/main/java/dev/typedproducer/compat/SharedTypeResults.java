package dev.typedproducer.compat;

import dev.typedproducer.internal.schema.NamedTypes;
import dev.typedproducer.internal.schema.SchemaFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * The result of a shared type ({@code schemas/shared/*.avsc}): its own rules, and, when it
 * changed, which events use it and whether each of them passed. A shared type has no subject or
 * history of its own: its changes are checked inside every event that uses it, against that
 * event's earlier versions, at that event's level.
 */
final class SharedTypeResults {
  static final String SHARED_TYPE_CHANGED = "SharedTypeChanged";
  static final String SHARED_TYPE_UNUSED = "SharedTypeUnused";

  private SharedTypeResults() {}

  /**
   * The result of {@code file}, given the events' results and each event's history (oldest first)
   * by event file.
   */
  static SchemaResult of(SchemaFile file, List<SchemaFile> events, List<SchemaResult> results,
      Map<SchemaFile, List<SchemaVersion>> histories, CompatibilityLevel defaultLevel) {
    Schema type = file.schema();
    String name = type.getFullName();
    List<Finding> findings = new ArrayList<>();
    SchemaValidator.validateShared(type, file.source())
        .forEach(d -> findings.add(CompatibilityChecker.fromDiagnostic(d)));
    List<SchemaFile> users = events.stream().filter(e -> find(e.schema(), name) != null).toList();
    boolean earlier = false;
    boolean changed = false;
    for (SchemaFile user : users) {
      List<SchemaVersion> history = histories.getOrDefault(user, List.of());
      Schema before = history.isEmpty() ? null
          : find(history.get(history.size() - 1).schema(), name);
      earlier |= before != null;
      changed |= before != null && !before.toString().equals(find(user.schema(), name).toString());
    }
    if (users.isEmpty()) {
      findings.add(new Finding(SHARED_TYPE_UNUSED, Severity.WARNING, false, "",
          "shared type " + name + " is used by no event in the folder",
          "use it in an event, or delete the file", ""));
    } else if (changed) {
      List<String> failed = new ArrayList<>();
      String checked = users.stream().map(user -> {
        SchemaResult result = results.stream().filter(r -> r.file().equals(user.source()))
            .findFirst().orElseThrow();
        if (!result.passed()) {
          failed.add(user.schema().getName());
        }
        return user.schema().getName() + " (" + user.source() + ", "
            + (result.passed() ? "passed" : "failed") + ")";
      }).collect(Collectors.joining(", "));
      findings.add(new Finding(SHARED_TYPE_CHANGED,
          failed.isEmpty() ? Severity.WARNING : Severity.ERROR, false, "",
          "shared type " + name + " changed; checked in " + checked + (failed.isEmpty()
              ? ": every event that uses it accepts the change"
              : ": the change breaks " + String.join(", ", failed) + " (see their findings)"),
          failed.isEmpty() ? "nothing to do: each event was checked at its own level"
              : "make the change compatible for every event that uses " + type.getName()
                  + ", or give the events a new shared type",
          "each event's earlier versions"));
    }
    return new SchemaResult(file.source(), "", name, defaultLevel, "default",
        earlier ? 1 : 0, findings, null);
  }

  /** The named type {@code name} inside {@code schema}, or null. */
  private static Schema find(Schema schema, String name) {
    Schema[] found = new Schema[1];
    NamedTypes.forEach(schema, n -> {
      if (n.getFullName().equals(name)) {
        found[0] = n;
      }
    });
    return found[0];
  }
}
